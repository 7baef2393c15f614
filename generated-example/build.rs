//! Way 3: the build.rs builder writes the Tencent Organization catalog to
//! OUT_DIR. It also writes the synthetic catalogs of the benchmarks
//! (N = 100, 1000, 10000 realistic codes) with the same builder, plus the
//! alternatives the benchmarks compare against (a plain `match`, a sorted
//! array for binary search).

use std::fmt::Write as _;
use std::path::Path;

const SIZES: [usize; 3] = [100, 1_000, 10_000];

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let mut builder = errors_codegen::Builder::new().spec("../specs/tencent/organization.yaml");
    for n in SIZES {
        let codes = synthetic_codes(n);
        write_if_changed(
            &Path::new(&out).join(format!("synthetic_{n}.yaml")),
            &synthetic_spec(n, &codes),
        );
        write_if_changed(
            &Path::new(&out).join(format!("alternatives_{n}.rs")),
            &alternatives(n, &codes),
        );
        builder = builder.spec_as(
            format!("{out}/synthetic_{n}.yaml"),
            format!("synthetic_{n}"),
        );
    }
    if let Err(e) = builder.compile() {
        // Cargo shows build-script output on failure: the full diagnostics.
        eprintln!("{e}");
        std::process::exit(1);
    }
}

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::write(path, text).expect("OUT_DIR is writable");
}

/// Deterministic codes in the vendors' three styles.
pub fn synthetic_codes(n: usize) -> Vec<String> {
    const WORDS: [&str; 16] = [
        "Organization",
        "Member",
        "Name",
        "Used",
        "Pay",
        "Insufficient",
        "Balance",
        "Order",
        "Quota",
        "Exceeded",
        "Identity",
        "Provider",
        "Resource",
        "Share",
        "Unit",
        "Policy",
    ];
    const PREFIXES: [&str; 6] = [
        "FailedOperation",
        "InvalidParameter",
        "LimitExceeded",
        "ResourceNotFound",
        "UnsupportedOperation",
        "OperationDenied",
    ];
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut codes = std::collections::BTreeSet::new();
    while codes.len() < n {
        let r = next();
        let words: String = (0..2 + (r % 3) as usize)
            .map(|i| WORDS[((r >> (8 + 4 * i)) % 16) as usize])
            .collect();
        let code = match r % 3 {
            0 => format!("CBC.{}", 1000 + (r >> 20) % 99_999_000),
            1 => format!(
                "{}.{words}{}",
                PREFIXES[((r >> 40) % 6) as usize],
                (r >> 50) % 100
            ),
            _ => format!("{words}{}", (r >> 50) % 1000),
        };
        codes.insert(code);
    }
    codes.into_iter().collect()
}

fn synthetic_spec(n: usize, codes: &[String]) -> String {
    let mut s = format!(
        "catalog: Synthetic{n}\nvendor: tencent\nsource: \"synthetic benchmark catalog\"\nlanguages: [en, zh]\ndefaults: {{ status: 400, retry: never }}\nerrors:\n"
    );
    for (i, c) in codes.iter().enumerate() {
        let _ = write!(
            s,
            "  - code: \"{c}\"\n    name: Code{i}\n    en: \"Synthetic error number {i}.\"\n    zh: \"合成错误 {i}。\"\n"
        );
    }
    s
}

/// The alternatives: a string `match` (what strum's EnumString generates),
/// a sorted array for binary search and a `phf` map (SipHash), all giving
/// the entry index.
fn alternatives(n: usize, codes: &[String]) -> String {
    let mut s = format!("pub fn match_{n}(code: &str) -> Option<usize> {{\n    match code {{\n");
    for (i, c) in codes.iter().enumerate() {
        let _ = writeln!(s, "        {c:?} => Some({i}),");
    }
    s.push_str("        _ => None,\n    }\n}\n");
    let mut sorted: Vec<(&String, usize)> = codes.iter().zip(0..).collect();
    sorted.sort();
    let _ = write!(s, "pub static SORTED_{n}: [(&str, usize); {n}] = [");
    for (c, i) in sorted {
        let _ = write!(s, "({c:?}, {i}),");
    }
    s.push_str("];\n");
    let indices: Vec<String> = (0..codes.len()).map(|i| i.to_string()).collect();
    let mut map = phf_codegen::Map::new();
    for (c, i) in codes.iter().zip(&indices) {
        map.entry(c.as_str(), i.as_str());
    }
    let _ = writeln!(
        s,
        "pub static PHF_{n}: phf::Map<&'static str, usize> = {};",
        map.build()
    );
    s
}
