#!/usr/bin/env bash
# Instructions per lookup of `from_code` and the maps a user would pick
# instead, counted by `valgrind --tool=cachegrind` (counts repeat exactly on
# a shared machine, unlike times). Each count is (instructions of R rounds -
# instructions of 2 rounds) / ((R - 2) x 1,000): start-up and table building
# cancel out. Usage: benches/lookup_instructions.sh [N ...] (default 1000);
# ALTS, KINDS, MODES and ROUNDS may be set in the environment.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sizes=("${@:-1000}")
alts=(${ALTS:-ours foldhash fx match})
kinds=(${KINDS:-hit miss})
modes=(${MODES:-throughput})
rounds=${ROUNDS:-12}
cargo build -q --release -p generated-example --example lookup_count --manifest-path "$root/Cargo.toml"
bin="$root/target/release/examples/lookup_count"
count() { # alt n kind mode rounds -> total instructions
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$bin" "$@" 2>&1 \
    | sed -n 's/.*I *refs: *//p' | tr -d ,
}
printf "%-16s %6s %5s %-10s %14s\n" alt N kind mode instr/lookup
for n in "${sizes[@]}"; do
  for mode in "${modes[@]}"; do
    for kind in "${kinds[@]}"; do
      for alt in "${alts[@]}"; do
        [ "$alt" = match ] && [ "$n" -gt 1000 ] && continue
        hi=$(count "$alt" "$n" "$kind" "$mode" "$rounds")
        lo=$(count "$alt" "$n" "$kind" "$mode" 2)
        printf "%-16s %6s %5s %-10s %14.1f\n" "$alt" "$n" "$kind" "$mode" \
          "$(echo "($hi - $lo) / (($rounds - 2) * 1000)" | bc -l)"
      done
    done
  done
done
