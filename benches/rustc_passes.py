#!/usr/bin/env python3
"""Where a compile-bench crate's dev build spends its time, pass by pass.

Runs the very rustc command cargo runs for each crate (taken from
`cargo build -v`), in turns (one crate, then the next, RUNS rounds), each
time from scratch (the crate's incremental cache removed), with
`-Z time-passes -Z time-passes-format=json` (through RUSTC_BOOTSTRAP, on
the stable compiler). Prints, per crate, the median wall time of the
process, rustc's own `total` and the difference (start-up and exit,
outside every pass), then the median of each of the TOP (default 30)
slowest passes, and each crate's median per-round ratio of wall times to
the first crate's.

The crates are those `benches/compile_time.sh N` leaves under
`target/compile-bench` (e.g. `ours-300 thiserror-300`); build them once
with it first.

Usage: [TOP=30] benches/rustc_passes.py RUNS DIR [DIR ...]
"""
import collections
import json
import os
import shutil
import statistics
import subprocess
import sys
import time


def rustc_command(crate):
    """The last rustc command of `cargo build --lib -v`: the crate's own."""
    os.utime(os.path.join(crate, "src", "lib.rs"))
    err = subprocess.run(["cargo", "build", "--lib", "-v"], cwd=crate,
                         capture_output=True, text=True, check=True).stderr
    runs = [line.strip()[len("Running `"):-1] for line in err.splitlines()
            if line.strip().startswith("Running `")]
    if not runs:
        sys.exit(f"{crate}: cargo ran no rustc (is it built?)")
    return runs[-1]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rounds, crates = int(sys.argv[1]), sys.argv[2:]
    commands = {c: rustc_command(c) for c in crates}
    env = dict(os.environ, RUSTC_BOOTSTRAP="1")
    passes = {c: collections.defaultdict(list) for c in crates}
    walls = {c: [] for c in crates}
    for _ in range(rounds):
        for c in crates:
            shutil.rmtree(os.path.join(c, "target", "debug", "incremental"),
                          ignore_errors=True)
            start = time.perf_counter()
            p = subprocess.run(
                ["bash", "-c", commands[c] + " -Z time-passes -Z time-passes-format=json"],
                cwd=c, capture_output=True, text=True, env=env)
            walls[c].append((time.perf_counter() - start) * 1000)
            for line in p.stderr.splitlines():
                if line.startswith("time: {"):
                    j = json.loads(line[len("time: "):])
                    passes[c][j["pass"]].append(j["time"] * 1000)
    name = lambda c: os.path.basename(os.path.normpath(c))[:16]
    print(f"{'ms (medians)':32s}" + "".join(f"{name(c):>17s}" for c in crates))
    med = lambda xs: statistics.median(xs) if xs else 0.0
    wall = {c: med(walls[c]) for c in crates}
    total = {c: med(passes[c]["total"]) for c in crates}
    for label, values in [("wall (process)", wall), ("rustc total", total),
                          ("outside the passes", {c: wall[c] - total[c] for c in crates})]:
        print(f"{label:32s}" + "".join(f"{values[c]:17.1f}" for c in crates))
    print()
    first = crates[0]
    slowest = sorted(passes[first], key=lambda k: -med(passes[first][k]))
    for k in slowest[: int(os.environ.get("TOP", 30))]:
        print(f"{k:32s}" + "".join(f"{med(passes[c][k]):17.2f}" for c in crates))
    print()
    for c in crates[1:]:
        ratios = [a / b for a, b in zip(walls[c], walls[first])]
        print(f"{name(c)} / {name(first)}: wall, median per-round ratio "
              f"{statistics.median(ratios):.3f} ({min(ratios):.3f} to {max(ratios):.3f})")


if __name__ == "__main__":
    main()
