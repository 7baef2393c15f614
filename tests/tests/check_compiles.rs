//! "`check` passes means it compiles", tested: a spec holding every Rust
//! keyword as a name (refused by `check`), the names of associated items
//! and prelude types the generated impls use (accepted, and they must not
//! clash), field names like the generated code's parameters, every bidi
//! control, CR, the other control characters but NUL, line separators and
//! Markdown and Rust syntax in every text. What `check` accepts is expanded
//! with every front end (attribute, derive, build.rs) in a scratch crate
//! under `#![deny(warnings)]` and clippy, and rustdoc.

use std::fmt::Write as _;
mod common;

use common::{cargo, cargo_doc, workspace, write};
use std::path::Path;

use errors_codegen::{SpecReader, load_catalog};

/// Rust's keywords up to edition 2024 (strict and reserved), written out
/// here independently of the validator's list.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Names of associated items, traits, prelude and runtime types the
/// generated code uses or could collide with.
const ITEM_NAMES: &[&str] = &[
    "Err",
    "Ok",
    "Output",
    "Target",
    "Item",
    "Error",
    "Some",
    "None",
    "Result",
    "Option",
    "String",
    "Box",
    "Vec",
    "Cow",
    "Lang",
    "Retry",
    "Vendor",
    "ErrorCode",
    "Catalog",
    "Localized",
    "UnknownCode",
    "Display",
    "Debug",
    "Formatter",
    "FromStr",
    "Iterator",
    "Into",
    "From",
    "Default",
    "Clone",
    "Copy",
    "Hash",
    "Eq",
    "PartialEq",
    "Ord",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Deref",
    "Fn",
    "Serialize",
    "Deserialize",
    "Core",
    "Std",
    "Alloc",
    "Crate",
    "Super",
    "SelfType",
    "Static",
    "Str",
    "U8",
    "Usize",
    "Bool",
    "Char",
    "Write",
    "Fmt",
    "Code",
    "Message",
    "Status",
    "Http",
    "Index",
    "Lit",
    "Out",
    "Rt",
    "Private",
    "Decoded",
    "Headers",
    "Known",
    "Unknown",
];

/// Field names like the generated methods' parameters and locals.
const FIELD_NAMES: &[&str] = &[
    "lang",
    "out",
    "code",
    "s",
    "f",
    "status",
    "result",
    "error",
    "index",
    "body",
    "headers",
    "request_id",
    "x1",
    "a_b",
    "ok",
    "some",
    "none",
    "other",
    "value",
    "state",
];

/// Every character rustc refuses in a doc comment or that is invisible:
/// bidi controls, CR, control characters but NUL, separators, the BOM.
fn hostile_chars() -> Vec<char> {
    let mut chars: Vec<char> = ('\u{1}'..='\u{1f}').chain(['\u{7f}', '\u{85}']).collect();
    chars.extend([
        '\u{061C}', '\u{200E}', '\u{200F}', '\u{2028}', '\u{2029}', '\u{FEFF}',
    ]);
    chars.extend('\u{202A}'..='\u{202E}');
    chars.extend('\u{2066}'..='\u{2069}');
    chars
}

/// Text as a double-quoted YAML scalar (every non-printable escaped).
fn yaml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || !c.is_ascii() && (c as u32) < 0x3000 => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct One(String);

impl SpecReader for One {
    fn read(&self, _: &Path) -> std::io::Result<String> {
        Ok(self.0.clone())
    }
}

fn check(yaml: &str) -> Result<(), String> {
    load_catalog(Path::new(""), "spec.yaml", &One(yaml.to_owned()))
        .result
        .map(|_| ())
        .map_err(|d| d.to_string())
}

const HEADER: &str =
    "vendor: tencent\nsource: \"hostile\"\nlanguages: [en, zh]\ndefaults: { status: 400 }\n";

#[test]
fn check_refuses_every_keyword_and_raw_identifier() {
    for kw in KEYWORDS {
        for (yaml, what) in [
            (
                format!(
                    "catalog: \"{kw}\"\n{HEADER}errors:\n  - code: A.1\n    en: a\n    zh: b\n"
                ),
                "catalog name",
            ),
            (
                format!(
                    "catalog: E\n{HEADER}errors:\n  - code: A.1\n    name: \"{kw}\"\n    en: a\n    zh: b\n"
                ),
                "variant name",
            ),
            (
                format!(
                    "catalog: E\n{HEADER}errors:\n  - code: \"A.{{{kw}}}\"\n    en: a\n    zh: b\n"
                ),
                "placeholder",
            ),
        ] {
            let err = check(&yaml).expect_err(&format!("{what} `{kw}` passed check"));
            assert!(err.contains(kw), "{err}");
        }
        for field in ["_x", "X", "aB", "a__b"] {
            let yaml = format!(
                "catalog: E\n{HEADER}errors:\n  - code: \"A.{{{field}}}\"\n    en: a\n    zh: b\n"
            );
            let err = check(&yaml).expect_err(&format!("placeholder `{field}` passed check"));
            assert!(err.contains("snake_case"), "{err}");
        }
        let raw = format!(
            "catalog: E\n{HEADER}errors:\n  - code: A.1\n    name: \"r#{kw}\"\n    en: a\n    zh: b\n"
        );
        let err = check(&raw).expect_err("a raw identifier passed check");
        assert!(err.contains("raw identifier"), "{err}");
    }
}

/// The hostile spec: one entry per item name (a text full of hostile
/// characters each), one template entry per field name, a code with bidi
/// controls.
fn hostile_spec(catalog: &str) -> String {
    let hostile: String = hostile_chars().into_iter().collect();
    let syntax = "{} {{x}} {0} %s \"# */ /* \\ ` * _ [a](b) <script>x</script> | # ~ ``` \n\r\n";
    let mut yaml = format!(
        "catalog: {catalog}\nvendor: tencent\nsource: {}\nnote: {}\nlanguages: [en, zh]\ndefaults: {{ status: 400 }}\nerrors:\n",
        yaml_str(&format!(
            "src {hostile} {syntax} https://example.com/{hostile}"
        )),
        yaml_str(&format!("note {hostile}\r")),
    );
    for (i, name) in ITEM_NAMES.iter().enumerate() {
        let _ = write!(
            yaml,
            "  - code: N.{i}\n    name: {name}\n    en: {}\n    zh: {}\n    note: {}\n    source: {}\n    action: {{ en: {}, zh: {} }}\n",
            yaml_str(&format!("{name} {hostile} {syntax}")),
            yaml_str(&format!("中文 {hostile}")),
            yaml_str(&format!("n {hostile} {syntax}")),
            yaml_str(&format!("s {hostile}")),
            yaml_str(&format!("do {hostile}")),
            yaml_str(&format!("做 {hostile}")),
        );
    }
    for (i, field) in FIELD_NAMES.iter().enumerate() {
        let _ = write!(
            yaml,
            "  - code: \"F{i}.{{{field}}}\"\n    name: Field{i}\n    en: {}\n    zh: {}\n",
            yaml_str(&format!("{{{field}}} {hostile} {{{{ }} {{}}")),
            yaml_str(&format!("{{{field}}}"))
        );
    }
    let _ = write!(
        yaml,
        "  - code: {}\n    name: BidiCode\n    en: \"x\"\n    zh: \"y\"\n",
        yaml_str("B.\u{202E}1\u{2066}")
    );
    yaml
}

#[test]
fn what_check_accepts_compiles_with_every_front_end() {
    let specs = [
        ("hostile.yaml", hostile_spec("Result")),
        ("err.yaml", hostile_spec("Err")),
    ];
    for (name, yaml) in &specs {
        check(yaml).unwrap_or_else(|e| panic!("{name} must pass check:\n{e}"));
        // The docs hold no character rustc refuses (checked on the tokens,
        // before rustc sees them).
        let catalog = load_catalog(Path::new(""), name, &One(yaml.clone()))
            .result
            .unwrap();
        let code =
            errors_codegen::__macros::format_tokens(errors_codegen::__macros::catalog_tokens(
                &catalog,
                name,
                &errors_codegen::__macros::Options::default(),
            ));
        let file = syn::parse_file(&code).expect("the expansion parses");
        let mut docs = 0;
        visit_docs(&quote::quote!(#file), &mut |doc| {
            docs += 1;
            for c in hostile_chars() {
                assert!(
                    !doc.contains(c),
                    "U+{:04X} in a doc comment: {doc:?}",
                    c as u32
                );
            }
        });
        assert!(docs > ITEM_NAMES.len(), "{docs} doc comments");
    }

    let root = workspace();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("check-compiles");
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"check-compiles\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\nerrors-catalog = {{ path = {:?} }}\n\n[build-dependencies]\nerrors-codegen = {{ path = {:?}, default-features = false }}\n\n[workspace]\n",
            root.join("errors-catalog"),
            root.join("codegen"),
        ),
    );
    for (name, yaml) in &specs {
        write(&dir.join("specs").join(name), yaml);
    }
    write(
        &dir.join("build.rs"),
        "fn main() -> Result<(), errors_codegen::BuildError> {\n    errors_codegen::Builder::new().spec(\"specs/hostile.yaml\").spec(\"specs/err.yaml\").compile()\n}\n",
    );
    let mut derive_variants = String::new();
    for (i, name) in ITEM_NAMES.iter().enumerate() {
        let _ = writeln!(derive_variants, "    #[error_code(\"N.{i}\")]\n    {name},");
    }
    for (i, field) in FIELD_NAMES.iter().enumerate() {
        let _ = writeln!(
            derive_variants,
            "    #[error_code(\"F{i}.{{{field}}}\")]\n    Field{i} {{ {field}: String }},"
        );
    }
    derive_variants.push_str("    #[error_code(\"B.\\u{202E}1\\u{2066}\")]\n    BidiCode,\n");
    write(
        &dir.join("src/lib.rs"),
        &format!(
            r#"//! Hostile names and texts, all three ways.
#![deny(warnings)]

/// The builder.
pub mod built {{
    errors_catalog::include_catalog!("hostile");
    errors_catalog::include_catalog!("err");
}}

/// The attribute.
pub mod attr {{
    #[errors_catalog::catalog(spec = "specs/hostile.yaml")]
    pub enum Result {{}}
}}

/// The derive, every variant.
pub mod derived {{
    /// Every code.
    #[derive(Debug, Clone, PartialEq, Eq, errors_catalog::ErrorCode)]
    #[error_code(spec = "specs/hostile.yaml")]
    pub enum Derived {{
{derive_variants}    }}
}}

/// Uses the catalogs.
#[must_use]
pub fn round_trip(code: &str) -> bool {{
    attr::Result::from_code(code).is_some_and(|e| e.code() == code)
        && derived::Derived::from_code(code).is_some()
        && code.parse::<built::Err>().is_ok()
}}

#[cfg(test)]
mod tests {{
    #[test]
    fn parses() {{
        assert!(super::round_trip("N.0"));
        assert!(super::round_trip("F0.x"));
        assert!(super::round_trip("B.\u{{202E}}1\u{{2066}}"));
    }}
}}
"#
        ),
    );
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("check-compiles-target");
    let target = target.to_str().unwrap();
    let env = [("CARGO_TARGET_DIR", target)];
    cargo(&dir, &["test", "-q"], &env);
    cargo(
        &dir,
        &["clippy", "--all-targets", "-q", "--", "-D", "warnings"],
        &env,
    );
    cargo_doc(&dir, target);
}

/// Calls `f` with the text of every `#[doc = "..."]` in `tokens`.
fn visit_docs(tokens: &proc_macro2::TokenStream, f: &mut dyn FnMut(&str)) {
    for tt in tokens.clone() {
        if let proc_macro2::TokenTree::Group(g) = &tt {
            {
                let inner: Vec<proc_macro2::TokenTree> = g.stream().into_iter().collect();
                if let [
                    proc_macro2::TokenTree::Ident(i),
                    proc_macro2::TokenTree::Punct(p),
                    proc_macro2::TokenTree::Literal(l),
                ] = inner.as_slice()
                    && i == "doc"
                    && p.as_char() == '='
                {
                    let lit: syn::LitStr = syn::parse_str(&l.to_string()).expect("a doc string");
                    f(&lit.value());
                } else {
                    visit_docs(&g.stream(), f);
                }
            }
        }
    }
}
