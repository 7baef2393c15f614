#!/usr/bin/env bash
# Compile-time benchmark: seconds to build (debug and release) a crate holding
# one N-entry error enum, written four ways:
#   ours      #[errors_catalog::catalog] from a generated spec (static tables + perfect hash)
#   thiserror #[derive(thiserror::Error)] with an #[error("...")] per variant (Display only)
#   thiserror_derives  the same, plus the std traits our enum has:
#             #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)] (what a user
#             writes to match on, copy, compare and hash the codes)
#   strum     #[derive(strum::EnumString)] with a serialize string per variant (string match)
#   match     code/status/message accessors as match arms + a string-match from_code
# Only the crate itself is timed: its dependencies are built first (with a
# stub lib.rs), then the real lib.rs is put in place and built; each time
# is the median of RUNS (default 5) builds, each from scratch: the file
# touched and the crate's incremental cache removed (an unchanged file
# would let rustc reuse all of a derive's downstream work; a proc-macro
# always runs again, so that would measure the macro alone). The first and
# third quartiles of the runs are printed after the medians, and, for each
# kind, the median of its per-round ratios to thiserror with a 95 %
# confidence interval (the kinds take turns, so a round's ratio cancels the
# machine's drift). For counts that repeat exactly, see
# compile_instructions.sh.
# `ours` depends on the packaged crates (`cargo package`) served, with its
# other dependencies, from a vendored directory source: cargo treats them
# as registry crates, as a user gets them from crates.io. (A path
# dependency into this workspace makes cargo load the whole workspace and
# check the files' times on every build, some 15 to 25 ms no user pays.)
# Also prints
# the stripped size of a release binary using code/status/message/from_code
# (ours and match, the two with all accessors), the seconds that binary's
# release build takes once the library is built (generated functions are
# `#[inline]`, so the calls it makes are compiled there), and times
# `errors-codegen expand` on the N-entry spec.
# With BASELINE=<git revision>, a kind `ours_base` builds the same spec
# with that revision's packaged crates, in the same interleaved runs: one
# change measured against the previous one.
# KINDS="ours thiserror" builds only those kinds (ours first; the default is
# all five; `match` takes minutes in release at 10,000 codes).
# Usage: [RUNS=5] [BASELINE=rev] [KINDS=...] benches/compile_time.sh [N ...]   (default: 1000 10000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/target/compile-bench"
sizes=("${@:-1000}")
[ $# -eq 0 ] && sizes=(1000 10000)
mkdir -p "$work"
runs=${RUNS:-5}
cargo build --release -q -p errors-codegen --manifest-path "$root/Cargo.toml"
codegen="$root/target/release/errors-codegen"
# The published crates as crates.io would serve them.
(cd "$root" && cargo package -q --workspace --exclude errors-tests --exclude generated-example \
  --exclude tencent-catalogs --allow-dirty --no-verify)
unpack() { # $1 = the crates' directory (target/package), $2 = where to unpack
  rm -rf "$2" && mkdir -p "$2"
  for c in errors-core errors-codegen errors-macros errors-catalog; do
    tar -xzf "$1/$c-0.1.0.crate" -C "$2"
  done
}
unpack "$root/target/package" "$work/packaged"
if [ -n "${BASELINE:-}" ]; then
  base_src="$work/baseline-src"
  git -C "$root" worktree remove --force "$base_src" 2>/dev/null || rm -rf "$base_src"
  git -C "$root" worktree add -q --detach "$base_src" "$BASELINE"
  (cd "$base_src" && CARGO_TARGET_DIR="$work/baseline-target" cargo package -q --workspace \
    --exclude errors-tests --exclude generated-example --exclude tencent-catalogs --allow-dirty --no-verify)
  unpack "$work/baseline-target/package" "$work/packaged-base"
  git -C "$root" worktree remove --force "$base_src"
fi
packaged_of() { [ "$1" = ours_base ] && echo "$work/packaged-base" || echo "$work/packaged"; }
crates_of() { [ "$1" = ours_base ] && echo "$work/baseline-target/package" || echo "$root/target/package"; }

gen() { # $1 = N, $2 = kind, $3 = dir
  python3 - "$1" "$2" "$3" "$(packaged_of "$2")" <<'PY'
import sys, os, random
n, kind, d, packaged = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
if kind == "ours_base":
    kind = "ours"
rnd = random.Random(7)
words = "Organization Member Name Used Pay Insufficient Balance Order Quota Exceeded Identity Provider Resource Share Unit Policy".split()
prefixes = "FailedOperation InvalidParameter LimitExceeded ResourceNotFound UnsupportedOperation".split()
codes = set()
while len(codes) < n:
    k = rnd.randrange(3)
    w = "".join(rnd.choice(words) for _ in range(rnd.randrange(2, 5)))
    codes.add(f"CBC.{rnd.randrange(1000, 99999999)}" if k == 0 else f"{rnd.choice(prefixes)}.{w}{rnd.randrange(100)}" if k == 1 else f"{w}{rnd.randrange(1000)}")
codes = sorted(codes)
os.makedirs(f"{d}/src", exist_ok=True)
patch = "".join(f'{c} = {{ path = "{packaged}/{c}-0.1.0" }}\n' for c in ["errors-core", "errors-codegen", "errors-macros", "errors-catalog"])
deps = {"ours": 'errors-catalog = { version = "=0.1.0", default-features = false, features = ["macros"] }\n\n[patch.crates-io]\n' + patch,
        "thiserror": 'thiserror = "2"', "thiserror_derives": 'thiserror = "2"', "strum": 'strum = { version = "0.27", features = ["derive"] }', "match": ""}[kind]
open(f"{d}/Cargo.toml", "w").write(f'[package]\nname = "bench-{kind}"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n{deps}\n\n[workspace]\n')
msg = lambda i: f"Synthetic error number {i}: something went wrong."
if kind == "ours":
    with open(f"{d}/spec.yaml", "w") as f:
        f.write("catalog: E\nvendor: tencent\nsource: synthetic\nlanguages: [en, zh]\ndefaults: { status: 400, retry: never }\nerrors:\n")
        for i, c in enumerate(codes):
            f.write(f'  - code: "{c}"\n    name: V{i}\n    en: "{msg(i)}"\n    zh: "合成错误 {i}。"\n')
    src = '#[errors_catalog::catalog(spec = "spec.yaml")]\npub enum E {}\n'
elif kind in ("thiserror", "thiserror_derives"):
    derives = "Debug, Clone, Copy, PartialEq, Eq, Hash, " if kind == "thiserror_derives" else "Debug, "
    src = f"#[derive({derives}thiserror::Error)]\npub enum E {{\n" + "".join(f'    #[error("{msg(i)}")]\n    V{i},\n' for i in range(n)) + "}\n"
elif kind == "strum":
    src = "#[derive(Debug, strum::EnumString)]\npub enum E {\n" + "".join(f'    #[strum(serialize = "{c}")]\n    V{i},\n' for i, c in enumerate(codes)) + "}\n"
else:
    arms = lambda f: "".join(f"            E::V{i} => {f(i, c)},\n" for i, c in enumerate(codes))
    src = ("#[derive(Debug, Clone, Copy)]\npub enum E {\n" + "".join(f"    V{i},\n" for i in range(n)) + "}\nimpl E {\n"
           + "    pub fn code(&self) -> &'static str {\n        match self {\n" + arms(lambda i, c: f'"{c}"') + "        }\n    }\n"
           + "    pub fn http_status(&self) -> u16 {\n        match self {\n" + arms(lambda i, c: "400") + "        }\n    }\n"
           + "    pub fn message(&self) -> &'static str {\n        match self {\n" + arms(lambda i, c: f'"{msg(i)}"') + "        }\n    }\n"
           + "    pub fn from_code(s: &str) -> Option<Self> {\n        match s {\n" + "".join(f'            "{c}" => Some(E::V{i}),\n' for i, c in enumerate(codes)) + "            _ => None,\n        }\n    }\n}\n")
open(f"{d}/src/lib.rs.real", "w").write(src)
stub = {"ours": "use errors_catalog as _;\n", "thiserror": "use thiserror as _;\n", "thiserror_derives": "use thiserror as _;\n", "strum": "use strum as _;\n", "match": ""}[kind]
open(f"{d}/src/lib.rs", "w").write(stub)
if kind in ("ours", "match"):
    msg_call = "e.message(errors_catalog::Lang::En)" if kind == "ours" else "e.message()"
    open(f"{d}/src/main.rs.real", "w").write(
        "fn main() {\n    for arg in std::env::args().skip(1) {\n"
        f"        if let Some(e) = bench_{kind}::E::from_code(&arg) {{\n"
        f"            println!(\"{{}} {{}} {{}}\", e.code(), e.http_status(), {msg_call});\n"
        "        }\n    }\n}\n")
PY
}

vendor_ours() { # $1 = dir, $2 = kind: serve the packaged crates as a registry would
  local d=$1 c sum packaged crates
  packaged=$(packaged_of "$2")
  crates=$(crates_of "$2")
  rm -rf "$d/vendor" "$d/.cargo" "$d/Cargo.lock"
  (cd "$d" && cargo vendor -q --versioned-dirs vendor >/dev/null)
  for c in errors-core errors-codegen errors-macros errors-catalog; do
    cp -r "$packaged/$c-0.1.0" "$d/vendor/"
    sum=$(sha256sum "$crates/$c-0.1.0.crate" | cut -d' ' -f1)
    echo "{\"files\":{},\"package\":\"$sum\"}" > "$d/vendor/$c-0.1.0/.cargo-checksum.json"
  done
  python3 - "$d/Cargo.toml" <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
open(p, "w").write(s[:s.index("[patch.crates-io]")] + "[workspace]\n")
PY
  mkdir -p "$d/.cargo"
  printf '[source.crates-io]\nreplace-with = "vendored"\n\n[source.vendored]\ndirectory = "vendor"\n' > "$d/.cargo/config.toml"
  rm -f "$d/Cargo.lock"
  # Cargo takes a vendored crate of an unchanged version for unchanged (its
  # fingerprint is the version): a directory kept from an earlier run would
  # build with that run's code. Our crates are built again every run.
  for profile in dev release; do
    (cd "$d" && cargo clean -q --profile "$profile" -p errors-core -p errors-codegen \
      -p errors-macros -p errors-catalog 2>/dev/null) || true
  done
}

seconds() { # median wall-clock seconds of $runs builds, lib.rs touched before each
  local TIMEFORMAT=%R file=$1
  shift
  for _ in $(seq "$runs"); do
    once "$file" "$@"
  done | median
}

once() { # wall-clock seconds of one build from scratch: $1 touched, incremental cache removed
  local TIMEFORMAT=%R file=$1
  shift
  touch "$file"
  rm -rf "$(dirname "$file")"/../target/*/incremental
  { time "$@" >/dev/null 2>&1; } 2>&1
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# The first and third quartiles, "q1-q3": how far the runs spread (on a
# shared machine, often more than the difference being measured).
quartiles() { sort -n | awk '{ a[NR] = $1 } END { printf "%.3f-%.3f", a[int((NR + 3) / 4)], a[int((3 * NR + 3) / 4)] }'; }

kinds=(${KINDS:-ours thiserror thiserror_derives strum match})
[ -n "${BASELINE:-}" ] && kinds=(ours ours_base "${kinds[@]:1}")
printf "%-18s %7s %10s %10s %12s %10s %13s %13s\n" kind N debug_s release_s stripped_bin bin_rel_s debug_q1-q3 release_q1-q3
for n in "${sizes[@]}"; do
  for kind in "${kinds[@]}"; do
    d="$work/$kind-$n"
    rm -rf "$d/src" "$d/times"
    gen "$n" "$kind" "$d"
    case $kind in ours | ours_base) vendor_ours "$d" "$kind" ;; esac
    # Cargo reads `.cargo/config.toml` (the vendored source) from the
    # current directory.
    pushd "$d" >/dev/null
    # Dependencies only (the stub lib.rs), in both profiles.
    for profile in dev release; do
      cargo build -q --lib --profile "$profile" --manifest-path "$d/Cargo.toml" >/dev/null
    done
    # mv keeps the old mtime, which cargo would take for "unchanged".
    mv "$d/src/lib.rs.real" "$d/src/lib.rs" && touch "$d/src/lib.rs"
    mkdir -p "$d/times"
    popd >/dev/null
  done
  # The kinds take turns, run by run, so that the machine's drift over the
  # minutes this takes falls on all of them alike.
  for _ in $(seq "$runs"); do
    for kind in "${kinds[@]}"; do
      d="$work/$kind-$n"
      pushd "$d" >/dev/null
      once "$d/src/lib.rs" cargo build --lib --manifest-path "$d/Cargo.toml" >>"$d/times/dev"
      once "$d/src/lib.rs" cargo build --lib --release --manifest-path "$d/Cargo.toml" >>"$d/times/release"
      popd >/dev/null
    done
  done
  for kind in "${kinds[@]}"; do
    d="$work/$kind-$n"
    pushd "$d" >/dev/null
    dbg=$(median <"$d/times/dev")
    rel=$(median <"$d/times/release")
    size=-
    bin=-
    if [ -f "$d/src/main.rs.real" ]; then
      mv "$d/src/main.rs.real" "$d/src/main.rs"
      name="bench-${kind/ours_base/ours}"
      bin=$(seconds "$d/src/main.rs" cargo build --release --bin "$name" --manifest-path "$d/Cargo.toml")
      strip -o "$d/stripped" "$d/target/release/$name"
      size=$(stat -c %s "$d/stripped")
    fi
    popd >/dev/null
    printf "%-18s %7s %10.3f %10.3f %12s %10s %13s %13s\n" "$kind" "$n" "$dbg" "$rel" "$size" "$bin" \
      "$(quartiles <"$d/times/dev")" "$(quartiles <"$d/times/release")"
  done
  exp=$(seconds "$work/ours-$n/spec.yaml" "$codegen" expand "$work/ours-$n/spec.yaml")
  printf "%-18s %7s %10.3f\n" "expand" "$n" "$exp"
  # Paired ratios: run i of every kind was built in the same round, so
  # ours_i / thiserror_i cancels the drift the rounds share. The median
  # ratio and its 95 % confidence interval (order statistics).
  if [ -d "$work/thiserror-$n/times" ]; then
    for kind in "${kinds[@]}"; do
      [ "$kind" = thiserror ] && continue
      python3 - "$work/$kind-$n/times" "$work/thiserror-$n/times" "$kind" "$n" <<'PY'
import math, sys
mine, theirs, kind, n = sys.argv[1:]
out = []
for profile in ("dev", "release"):
    a = [float(x) for x in open(f"{mine}/{profile}")]
    b = [float(x) for x in open(f"{theirs}/{profile}")]
    r = sorted(x / y for x, y in zip(a, b))
    k = max(0, math.floor(len(r) / 2 - 0.98 * math.sqrt(len(r))))
    med = (r[(len(r) - 1) // 2] + r[len(r) // 2]) / 2
    out.append(f"{profile} {med:.3f} ({r[k]:.3f}-{r[-1 - k]:.3f})")
print(f"{kind + ' / thiserror':<28} {n:>7}  paired ratio, median (95% CI): " + ", ".join(out))
PY
    done
  fi
done
