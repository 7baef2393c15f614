#!/usr/bin/env python3
"""The ratio table of issue 13 from criterion runs of the lookup bench.

Reads criterion's median estimates (<dir>/<group>/<name>/<N>/new/
estimates.json) of `from_code/{hit,miss}` (throughput) and
`from_code_latency/{hit,miss}` (latency), written by

    cargo bench -p generated-example --bench lookup -- \
      'from_code(_latency)?/(hit|miss)/(generated_phf|foldhash_hashmap|fx_hashmap|floor|string_match)/(100|1000|10000)$'

and prints, per cell, nanoseconds per lookup (each iteration is 1,000
lookups) of ours and of the fastest alternative, ours / fastest, and
ours / floor (throughput only: the floor is a hash and one compare).

Given several directories (copies of target/criterion after each of
several runs: rounds), every time is the median over the rounds, and the
ratio of ours to the fastest alternative is also printed round by round,
so that a cell the machine's noise moved shows as such.
Usage: benches/lookup_ratios.py [criterion directory ...]
"""
import json
import os
import statistics
import sys

roots = sys.argv[1:] or [os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "target", "criterion")]
ALTERNATIVES = ["foldhash_hashmap", "fx_hashmap", "string_match"]


def ns(root, group, name, n):
    path = os.path.join(root, group, name, str(n), "new", "estimates.json")
    try:
        with open(path) as f:
            return json.load(f)["median"]["point_estimate"] / 1000.0
    except FileNotFoundError:
        return None


def median_ns(group, name, n):
    """Median over the rounds; None unless every round has the cell."""
    times = [ns(r, group, name, n) for r in roots]
    return None if None in times else statistics.median(times)


def round_ratios(group, n):
    """Ours / fastest alternative, in each round."""
    out = []
    for r in roots:
        ours = ns(r, group, "generated_phf", n)
        alts = [t for t in (ns(r, group, a, n) for a in ALTERNATIVES) if t is not None]
        out.append(f"{ours / min(alts):.2f}" if ours and alts else "-")
    return " ".join(out)


header = f"{'loop':<10} {'kind':<5} {'N':>6} {'ours ns':>8} {'fastest alt':>22} {'ours/alt':>9} {'ours/floor':>11}"
print(header + ("  ours/alt by round" if len(roots) > 1 else ""))
for loop, prefix in [("throughput", "from_code"), ("latency", "from_code_latency")]:
    for kind in ["hit", "miss"]:
        group = f"{prefix}_{kind}"
        for n in [100, 1000, 10000]:
            ours = median_ns(group, "generated_phf", n)
            if ours is None:
                continue
            alts = [(median_ns(group, a, n), a) for a in ALTERNATIVES]
            alts = [(t, a) for t, a in alts if t is not None]
            best_t, best = min(alts) if alts else (None, "-")
            floor = median_ns(group, "floor", n)
            ratio = f"{ours / best_t:.2f}" if best_t else "-"
            fl = f"{ours / floor:.2f}" if floor else "-"
            alt = f"{best} {best_t:.2f}" if best_t else "-"
            line = f"{loop:<10} {kind:<5} {n:>6} {ours:>8.2f} {alt:>22} {ratio:>9} {fl:>11}"
            if len(roots) > 1:
                line += "  " + round_ratios(group, n)
            print(line)
