#!/usr/bin/env bash
# Build time of the tencent-catalogs crate (issue 16):
#   all      every feature (296 product catalogs + common), dev and release
#   one      one feature alone (cvm-v20170312, vpc-v20170312: the largest, 530 codes), dev and release
#   thiserror the VPC codes as a hand-written-style `#[derive(thiserror::Error)]`
#            enum (one `#[error("...")]` per variant, Display only), dev and release
# Only the crate itself is timed (its build script, which runs the generator
# for the enabled features, and its compilation): the dependencies, the
# errors-codegen build dependency included, are built first. Wall-clock
# seconds on this machine; run niced as the project asks:
#   nice -n 19 benches/tencent_catalogs.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/target/tencent-bench"
mkdir -p "$work"
cd "$root"

seconds() { # wall-clock seconds of one command
  local TIMEFORMAT=%R
  { time "$@" >/dev/null 2>&1; } 2>&1
}

crate() { # $1 = profile, $2.. = cargo feature args: clean the crate, time its build
  local profile=$1; shift
  cargo build -q -p tencent-catalogs --profile "$profile" >/dev/null 2>&1
  cargo clean -q -p tencent-catalogs --profile "$profile" >/dev/null 2>&1
  seconds cargo build -p tencent-catalogs --profile "$profile" "$@"
}

# The VPC codes and English (else Chinese) texts, as a thiserror enum.
d="$work/thiserror-vpc"
mkdir -p "$d/src"
cargo build -q -p errors-codegen
"$root/target/debug/errors-codegen" export --json "$root/tencent-catalogs/specs/vpc-v20170312.yaml" > "$work/vpc.json"
python3 - "$work/vpc.json" "$d" <<'PY'
import sys, json
catalog, d = json.load(open(sys.argv[1], encoding="utf-8")), sys.argv[2]
entries = catalog["entries"]
src = ["#[derive(Debug, thiserror::Error)]", "pub enum VpcError {"]
for i, e in enumerate(entries):
    text = e["messages"]["en"]
    if text == "-":
        text = e["messages"]["zh"]
    text = text.replace("{", "{{").replace("}", "}}")
    src.append(f"    /// `{e['code']}`")
    lit = "".join("\\" + c if c in '"\\' else f"\\u{{{ord(c):x}}}" if ord(c) < 32 or ord(c) == 127 else c for c in text)
    src.append(f'    #[error("{lit}")]')
    src.append(f"    V{i},")
src.append("}")
open(f"{d}/src/lib.rs.real", "w", encoding="utf-8").write("\n".join(src) + "\n")
open(f"{d}/src/lib.rs", "w").write("use thiserror as _;\n")
open(f"{d}/Cargo.toml", "w").write('[package]\nname = "bench-thiserror-vpc"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\nthiserror = "2"\n\n[workspace]\n')
print(len(entries), "VPC codes (with the common ones)", file=sys.stderr)
PY
for profile in dev release; do
  cargo build -q --lib --profile "$profile" --manifest-path "$d/Cargo.toml" >/dev/null
done
cp "$d/src/lib.rs.real" "$d/src/lib.rs"
te_dev=$(seconds cargo build --lib --manifest-path "$d/Cargo.toml")
touch "$d/src/lib.rs"
te_rel=$(seconds cargo build --lib --release --manifest-path "$d/Cargo.toml")
echo "use thiserror as _;" > "$d/src/lib.rs"

printf "%-28s %8s %10s\n" build dev_s release_s
for f in cvm-v20170312 vpc-v20170312; do
  printf "%-28s %8.2f %10.2f\n" "one feature: $f" "$(crate dev --features "$f")" "$(crate release --features "$f")"
done
printf "%-28s %8.2f %10.2f\n" "thiserror enum, VPC codes" "$te_dev" "$te_rel"
printf "%-28s %8.2f %10.2f\n" "all features" "$(crate dev --all-features)" "$(crate release --all-features)"
