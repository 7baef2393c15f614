#!/usr/bin/env bash
# Instructions rustc executes to build each benchmark crate of
# `compile_time.sh` (run that first: it makes target/compile-bench/<kind>-<N>),
# counted by callgrind. Unlike wall-clock seconds on a shared machine, the
# count repeats exactly from run to run, so a change of a few percent shows.
# It counts every thread, so it does not show what runs in parallel (LLVM
# works on other threads while rustc's front end goes on).
# Prints, per kind: the whole `rustc` run (dev profile, the crate's
# incremental cache removed, as compile_time.sh builds it) and, for `ours`,
# the share of it spent inside the catalog macro.
# Usage: [KINDS="ours thiserror ..."] benches/compile_instructions.sh [N ...]   (default: 300 1000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/target/compile-bench"
sizes=("${@:-300}")
[ $# -eq 0 ] && sizes=(300 1000)
kinds=(${KINDS:-ours thiserror thiserror_derives})
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf "%-18s %7s %16s %16s\n" kind N instructions in_macro
for n in "${sizes[@]}"; do
  for kind in "${kinds[@]}"; do
    d="$work/$kind-$n"
    [ -d "$d" ] || { echo "$d missing: run benches/compile_time.sh $n first" >&2; exit 1; }
    pushd "$d" >/dev/null
    touch src/lib.rs
    rm -rf target/debug/incremental
    # The exact rustc command cargo runs for the crate (the last one).
    cmd=$(cargo build --lib -v 2>&1 | sed -n 's/^ *Running `\(.*\)`$/\1/p' | tail -1)
    rm -rf target/debug/incremental
    valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$out/cg.%p" \
      bash -c "$cmd" >/dev/null 2>&1
    f=$(ls -S "$out"/cg.* | head -1)
    total=$(callgrind_annotate "$f" 2>/dev/null | awk '/PROGRAM TOTALS/ { print $1 }')
    macro=$(callgrind_annotate --inclusive=yes "$f" 2>/dev/null |
      awk '/errors_codegen::macros::attr::catalog_attribute / && !n++ { print $1 }')
    rm -f "$out"/cg.*
    popd >/dev/null
    printf "%-18s %7s %16s %16s\n" "$kind" "$n" "$total" "${macro:--}"
  done
done
