//! Golden expansion: `errors-codegen expand` of each fixture is checked in
//! under `tests/golden/`. Regenerate with `UPDATE_GOLDEN=1 cargo test -p errors-tests --test golden`.

use std::path::Path;

fn check(spec: &str, golden: &str) {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let code = errors_codegen::generate(base, spec)
        .0
        .unwrap_or_else(|d| panic!("{d}"));
    let path = base.join(golden);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &code).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != code {
        let first = expected.lines().zip(code.lines()).position(|(a, b)| a != b);
        panic!(
            "{golden} is out of date (first differing line: {:?}); run UPDATE_GOLDEN=1 cargo test -p errors-tests --test golden",
            first.map(|l| l + 1)
        );
    }
}

#[test]
fn basic_fixture_expansion_is_unchanged() {
    check("fixtures/basic.yaml", "golden/basic.rs");
}

/// A catalog without template codes: the table-driven index, `from_code`
/// and `Debug` of fieldless enums.
#[test]
fn fieldless_fixture_expansion_is_unchanged() {
    check("fixtures/tencent.yaml", "golden/tencent.rs");
}

#[test]
fn expansion_is_deterministic() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let a = errors_codegen::generate(base, "fixtures/basic.yaml")
        .0
        .unwrap();
    let b = errors_codegen::generate(base, "fixtures/basic.yaml")
        .0
        .unwrap();
    assert_eq!(a, b);
}

/// `quote!` does not interpolate inside `///` comments: a `#rt`, `#ty` or
/// `#ident` in a generated doc string is a generator bug (a broken link).
#[test]
fn generated_docs_hold_no_uninterpolated_variables() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    for spec in ["fixtures/basic.yaml", "fixtures/tencent.yaml"] {
        let code = errors_codegen::generate(base, spec).0.unwrap();
        for (n, line) in code.lines().enumerate() {
            let doc = line.trim_start();
            if doc.starts_with("///") || doc.starts_with("#[doc") {
                let hash = doc.char_indices().skip(3).find(|&(i, c)| {
                    c == '#' && doc[i + 1..].starts_with(|c: char| c.is_ascii_lowercase())
                });
                assert!(hash.is_none(), "{spec}: line {}: {line}", n + 1);
            }
        }
    }
}
