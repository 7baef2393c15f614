#!/usr/bin/env bash
# A/B of two builds of the lookup bench: the binaries take turns cell by
# cell (before, after; the order flips every round), ROUNDS rounds (default
# 3), so that the machine's drift between the two measurements of a cell
# is seconds, not the length of a whole run. Prints, per cell, the median
# over the rounds of each binary, the median of the per-round ratios
# (first ÷ second; above 1, the second is faster) and their range, which
# shows how much the machine moved that cell.
# Make each binary with
#   cargo bench -p generated-example --bench lookup --no-run
# and copy target/release/deps/lookup-<hash> away before changing the code.
# Usage: [ROUNDS=3] [FILTER=regex] benches/lookup_ab.sh BEFORE_BIN AFTER_BIN
set -euo pipefail
rounds=${ROUNDS:-3}
filter=${FILTER:-'from_code(_latency)?/(hit|miss)/(generated_phf|fx_hashmap)/(100|1000|10000)$'}
out=$(mktemp)
work=$(mktemp -d) # criterion writes its files under the working directory
trap 'rm -rf "$out" "$work"' EXIT
mapfile -t cells < <((cd "$work" && "$1" --bench --list 2>/dev/null) \
  | sed -n 's/: benchmark$//p' | grep -E "$filter" || true)
[ ${#cells[@]} -gt 0 ] || { echo "no cell matches $filter" >&2; exit 1; }
measure() { # binary cell round
  (cd "$work" && "$1" --bench "^$2\$" --warm-up-time 1 --measurement-time 2 --noplot 2>/dev/null) \
    | python3 -c '
import re, sys
done = False
for line in sys.stdin:  # read to the end: the bench must not meet a closed pipe
    t = re.search(r"time:\s+\[\S+ \S+ (\S+) (\S+)", line)
    if t and not done:
        scale = {"ns": 0.001, "µs": 1, "us": 1, "ms": 1000}[t.group(2)]
        print(sys.argv[1], sys.argv[2], sys.argv[3], float(t.group(1)) * scale)
        done = True
' "$1" "$2" "$3" >>"$out"
}
for r in $(seq "$rounds"); do
  for cell in "${cells[@]}"; do
    if [ $((r % 2)) -eq 1 ]; then
      measure "$1" "$cell" "$r"; measure "$2" "$cell" "$r"
    else
      measure "$2" "$cell" "$r"; measure "$1" "$cell" "$r"
    fi
  done
done
python3 - "$out" "$1" "$2" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    b, name, r, v = line.split()
    runs[name].setdefault(b, {})[r] = float(v)
before, after = sys.argv[2], sys.argv[3]
print(f"{'cell (ns per lookup)':<45} {'before':>8} {'after':>8} {'before/after':>13} {'range by round':>16}")
for name in sorted(runs):
    x, y = runs[name].get(before, {}), runs[name].get(after, {})
    rounds = sorted(set(x) & set(y))
    if not rounds:
        continue
    ratios = [x[r] / y[r] for r in rounds]
    print(f"{name:<45} {statistics.median(x.values()):>8.3f} {statistics.median(y.values()):>8.3f}"
          f" {statistics.median(ratios):>13.3f} {min(ratios):>7.3f}-{max(ratios):<7.3f}")
PY
