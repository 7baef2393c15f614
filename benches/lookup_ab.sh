#!/usr/bin/env bash
# A/B of two builds of the lookup bench in one run: the binaries take turns,
# ROUNDS rounds (default 3), and each cell's median over the rounds is
# printed for both with their ratio (first ÷ second; above 1, the second is
# faster). On a noisy machine, two separate criterion runs of the same
# binary can differ by more than a change does; turns cancel the drift.
# Make each binary with
#   cargo bench -p generated-example --bench lookup --no-run
# and copy target/release/deps/lookup-<hash> away before changing the code.
# Usage: [ROUNDS=3] [FILTER=regex] benches/lookup_ab.sh BEFORE_BIN AFTER_BIN
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds=${ROUNDS:-3}
filter=${FILTER:-'from_code(_latency)?/(hit|miss)/(generated_phf|fx_hashmap)/(100|1000|10000)$'}
out=$(mktemp)
work=$(mktemp -d) # criterion writes its files under the working directory
trap 'rm -rf "$out" "$work"' EXIT
for _ in $(seq "$rounds"); do
  for b in "$1" "$2"; do
    (cd "$work" && "$b" --bench "$filter" --warm-up-time 1 --measurement-time 2 --noplot 2>/dev/null) \
      | python3 -c '
import re, sys
name = None
for line in sys.stdin:
    m = re.match(r"^(from_code\S+)", line)
    if m:
        name = m.group(1)
    t = re.search(r"time:\s+\[\S+ \S+ (\S+) (\S+)", line)
    if t and name:
        scale = {"ns": 0.001, "µs": 1, "us": 1, "ms": 1000}[t.group(2)]
        print(sys.argv[1], name, float(t.group(1)) * scale)
        name = None
' "$b" >>"$out"
  done
done
python3 - "$out" "$1" "$2" <<'PY'
import collections, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    b, name, v = line.split()
    runs[(name, b)].append(float(v))
before, after = sys.argv[2], sys.argv[3]
med = lambda a: sorted(a)[len(a) // 2]
print(f"{'cell (ns per lookup)':<45} {'before':>8} {'after':>8} {'before/after':>13}")
for name in sorted({n for n, _ in runs}):
    if runs[(name, before)] and runs[(name, after)]:
        x, y = med(runs[(name, before)]), med(runs[(name, after)])
        print(f"{name:<45} {x:>8.3f} {y:>8.3f} {x / y:>13.3f}")
PY
