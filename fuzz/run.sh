#!/usr/bin/env bash
# Runs every fuzz target for a number of executions, one at a time.
#
#   fuzz/run.sh [RUNS] [LIBFUZZER_ARGS...]
#
# RUNS defaults to 1000000; further arguments go to libFuzzer (e.g.
# -max_len=8192). FUZZ_TARGETS="from_code decode_huawei" restricts the
# targets. Prints libFuzzer's "Done N runs in S second(s)" per target and
# exits non-zero if any target crashed (the crashing input is written to
# fuzz/artifacts/<target>/). Works on stable Rust: `--sanitizer none` needs
# no -Z flag, and RUSTC_BOOTSTRAP=1 covers any nightly-only flag cargo-fuzz
# may pass.
set -euo pipefail

runs="${1:-1000000}"
shift || true
if ! [[ "$runs" =~ ^[0-9]+$ ]]; then
    echo "usage: $0 [RUNS] [LIBFUZZER_ARGS...]" >&2
    exit 2
fi

fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$fuzz_dir")"
cd "$root"

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

export RUSTC_BOOTSTRAP=1
targets=(${FUZZ_TARGETS:-$(cargo fuzz list)})
logs="$fuzz_dir/target/fuzz-logs"
mkdir -p "$logs"

cargo fuzz build --sanitizer none

failed=()
for t in "${targets[@]}"; do
    corpus="$fuzz_dir/corpus/$t"
    mkdir -p "$corpus"
    inputs=("$corpus")
    if [[ -d "$fuzz_dir/seeds/$t" ]]; then
        inputs+=("$fuzz_dir/seeds/$t")
    fi
    log="$logs/$t.log"
    echo "== $t: $runs runs (log: $log)"
    status=0
    cargo fuzz run "$t" "${inputs[@]}" --sanitizer none -- -runs="$runs" "$@" \
        >"$log" 2>&1 || status=$?
    done_line="$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -n 1 || true)"
    if [[ $status -ne 0 || -z "$done_line" ]]; then
        echo "$t: FAILED (exit $status)"
        grep -E -A1 'panicked at' "$log" || tail -n 40 "$log"
        grep -E 'SUMMARY|Test unit written to|Base64' "$log" || true
        failed+=("$t")
    else
        echo "$t: $done_line"
    fi
done

if [[ ${#failed[@]} -ne 0 ]]; then
    echo "crashed: ${failed[*]}" >&2
    exit 1
fi
echo "all ${#targets[@]} targets passed"
