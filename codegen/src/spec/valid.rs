//! Validate stage: every semantic rule of the spec, all problems collected.
//!
//! The resolvers (`resolve_*`) are shared with [`crate::spec::lower`], so the
//! model is built by exactly the rules checked here.

use crate::diag::{Diagnostic, Diagnostics, Pos, closest};
use crate::model::{Retry, Template, Vendor};
use crate::spec::ast::{At, Entry, SpecFile, is_language, language_tags};
use crate::spec::load::Parsed;
use errors_core::table::{MAX_CODE_BYTES, MAX_ENTRIES};
use heck::ToUpperCamelCase;
use std::collections::HashMap;

/// Names that generated code defines on the enum itself.
const RESERVED_NAMES: &[&str] = &["ALL", "SUCCESS_CODES", "VENDOR", "LANGUAGES"];

/// Checks a loaded catalog; an empty result means [`crate::spec::lower`] may run.
pub fn validate(parsed: &Parsed) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let Some(root) = parsed.root() else {
        return diags;
    };
    check_file_header(root, true, &mut diags);
    let root_vendor = root
        .vendor
        .as_ref()
        .and_then(|v| Vendor::from_name(&v.value));
    let root_langs: Vec<&str> = root.languages.iter().map(|l| l.value.as_str()).collect();
    for file in &parsed.specs[..parsed.specs.len() - 1] {
        check_file_header(file, false, &mut diags);
        let vendor = file
            .vendor
            .as_ref()
            .and_then(|v| Vendor::from_name(&v.value));
        if let (Some(v), Some(rv), Some(at)) = (vendor, root_vendor, &file.vendor)
            && v != rv
        {
            diags.push(
                Diagnostic::new(
                    at.pos.clone(),
                    format!(
                        "included spec has vendor `{}`, the catalog `{}`",
                        v.as_str(),
                        rv.as_str()
                    ),
                )
                .help("a catalog has one wire format: include only specs of the same vendor"),
            );
        }
        for lang in &root_langs {
            if !file.languages.iter().any(|l| l.value == *lang) {
                diags.push(
                    Diagnostic::new(
                        Pos::file_start(&file.file),
                        format!("included spec lacks language `{lang}` of the catalog"),
                    )
                    .help(format!(
                        "add `{lang}` to its `languages` and a `{lang}` message to each entry"
                    )),
                );
            }
        }
    }

    // Sized up front: growing rehashes every key, with SipHash, in an
    // unoptimised proc-macro.
    let keys: usize = parsed
        .specs
        .iter()
        .map(|f| f.errors.len() + f.success.len())
        .sum();
    let mut codes: HashMap<String, Pos> = HashMap::with_capacity(keys);
    let mut names: HashMap<String, (Pos, String)> = HashMap::with_capacity(keys);
    let overridden = |index: usize, entry: &Entry| {
        entry
            .code
            .as_ref()
            .is_some_and(|c| parsed.is_overridden(index, &c.value))
    };
    let mut entries = 0usize;
    for (index, file) in parsed.specs.iter().enumerate() {
        for entry in &file.errors {
            entries += usize::from(!overridden(index, entry));
            check_entry(file, entry, &root_langs, false, &mut diags);
            // The root's entry replaces it: neither its code nor its name
            // is taken.
            if overridden(index, entry) {
                continue;
            }
            if !check_unique_code(entry, &mut codes, &mut diags) {
                continue;
            }
            if let Some(code) = &entry.code
                && let Ok((name, pos)) = resolve_name(entry, code)
            {
                if let Some((first, first_code)) = names.get(&name) {
                    let how = if entry.name.is_some() {
                        String::new()
                    } else {
                        format!(" (derived from code `{}`)", code.value)
                    };
                    diags.push(
                        Diagnostic::new(pos, format!("duplicate variant name `{name}`{how}"))
                            .note(
                                first.clone(),
                                format!("`{name}` is already the name of code `{first_code}`"),
                            )
                            .help("give one of the entries a distinct `name:`"),
                    );
                } else {
                    names.insert(name, (pos, code.value.clone()));
                }
            }
        }
        for entry in &file.success {
            check_entry(file, entry, &root_langs, true, &mut diags);
            if !overridden(index, entry) {
                check_unique_code(entry, &mut codes, &mut diags);
            }
        }
    }
    if entries > MAX_ENTRIES {
        diags.push(
            Diagnostic::new(
                Pos::file_start(&root.file),
                format!("the catalog has {entries} error codes, more than the {MAX_ENTRIES} a catalog may have"),
            )
            .help("split it into several catalogs, e.g. one per product"),
        );
    }
    diags
}

fn check_file_header(file: &SpecFile, is_root: bool, diags: &mut Diagnostics) {
    if let (true, Some(catalog)) = (is_root, &file.catalog)
        && let Err(d) = check_ident(&catalog.value, &catalog.pos, "catalog name")
    {
        diags.push(d);
    }
    if let Some(vendor) = &file.vendor
        && Vendor::from_name(&vendor.value).is_none()
    {
        let names: Vec<&str> = Vendor::ALL.iter().map(|v| v.as_str()).collect();
        diags.push(unknown_value(vendor, "vendor", &names));
    }
    let mut seen: Vec<&str> = Vec::new();
    for lang in &file.languages {
        if !is_language(&lang.value) {
            diags.push(unknown_value(lang, "language", &language_tags()));
        } else if seen.contains(&lang.value.as_str()) {
            diags.push(
                Diagnostic::new(
                    lang.pos.clone(),
                    format!("language `{}` is listed twice", lang.value),
                )
                .help("remove the repetition"),
            );
        }
        seen.push(&lang.value);
    }
    if !file.languages.is_empty() && !seen.contains(&"en") {
        diags.push(
            Diagnostic::new(file.languages[0].pos.clone(), "`languages` must include `en`")
                .help("English is the fallback language of every catalog: add `en` and an `en` message to every entry"),
        );
    }
    if let Some(status) = &file.default_status
        && let Err(d) = check_status(status)
    {
        diags.push(d);
    }
    if let Some(retry) = &file.default_retry
        && let Err(d) = resolve_retry_name(retry)
    {
        diags.push(d);
    }
}

fn check_entry(
    file: &SpecFile,
    entry: &Entry,
    root_langs: &[&str],
    success: bool,
    diags: &mut Diagnostics,
) {
    let Some(code) = &entry.code else {
        return;
    };
    let template = match resolve_code(code) {
        Ok(t) => Some(t),
        Err(d) => {
            diags.push(d);
            None
        }
    };
    if success {
        if template.as_ref().is_some_and(Template::is_template) {
            diags.push(
                Diagnostic::new(code.pos.clone(), "a success code cannot have placeholders")
                    .help("write the exact code"),
            );
        }
    } else if let Err(d) = resolve_name(entry, code) {
        diags.push(d);
    }
    if (entry.status.is_some() || !entry.keys.iter().any(|k| k == "status"))
        && let Err(d) = resolve_status(file, entry)
    {
        diags.push(d);
    }
    if let Some(retry) = &entry.retry
        && let Err(d) = resolve_retry_name(retry)
    {
        diags.push(d);
    }
    if let (Some(vp), Some(t)) = (&entry.vendor_placeholder, &template)
        && !t.is_template()
    {
        diags.push(
            Diagnostic::new(
                vp.pos.clone(),
                "`vendor_placeholder` on a code without placeholders",
            )
            .help("remove it, or write the code as a template (`Prefix.{field}`)"),
        );
    }
    for lang in root_langs {
        if !entry.keys.iter().any(|k| k == lang) && file.languages.iter().any(|l| l.value == *lang)
        {
            diags.push(
                Diagnostic::new(
                    entry.pos.clone(),
                    format!("code `{}` has no `{lang}` message", code.value),
                )
                .help(format!(
                    "add `{lang}: <the vendor's text>` (write \"-\" if the vendor gives none)"
                )),
            );
        }
    }
    let fields: Vec<String> = template
        .as_ref()
        .map(|t| t.fields().into_iter().map(str::to_owned).collect())
        .unwrap_or_default();
    for (lang, text) in &entry.messages {
        if text.value.is_empty() {
            diags.push(
                Diagnostic::new(text.pos.clone(), format!("empty `{}` message", lang.value))
                    .help("write the vendor's text; write \"-\" if the vendor gives none"),
            );
            continue;
        }
        if fields.is_empty() {
            continue;
        }
        check_message_placeholders(text, &lang.value, &fields, diags);
    }
    check_action(&entry.action, diags);
    for alt in &entry.alternates {
        if let Some(status) = &alt.status
            && let Err(d) = check_status(status)
        {
            diags.push(d);
        }
        if alt.messages.is_empty() && alt.status.is_none() && alt.action.is_empty() {
            diags.push(
                Diagnostic::new(
                    alt.pos.clone(),
                    "an alternate with neither `status`, messages nor `action`",
                )
                .help("remove it or add the other text"),
            );
        }
        check_action(&alt.action, diags);
    }
}

/// An action text is never empty: no action is written as no `action` key.
fn check_action(action: &[(At<String>, At<String>)], diags: &mut Diagnostics) {
    for (lang, text) in action {
        if text.value.is_empty() {
            diags.push(
                Diagnostic::new(text.pos.clone(), format!("empty `{}` action", lang.value))
                    .help(format!("write what to do about the error, or remove `{}` from `action` (an entry may have no action)", lang.value)),
            );
        }
    }
}

fn check_message_placeholders(
    text: &At<String>,
    lang: &str,
    fields: &[String],
    diags: &mut Diagnostics,
) {
    match message_placeholders(&text.value, fields) {
        Ok(()) => {}
        Err(PlaceholderProblem::Missing(missing)) => {
            let list: Vec<String> = missing.iter().map(|f| format!("`{{{f}}}`")).collect();
            diags.push(
                Diagnostic::new(text.pos.clone(), format!("the `{lang}` message does not use placeholder {} of the code", list.join(", ")))
                    .help("every language must use the same placeholders as the code (a message of exactly \"-\" is exempt)"),
            );
        }
        Err(PlaceholderProblem::Unknown(unknown)) => {
            let list: Vec<String> = unknown.iter().map(|u| format!("`{{{u}}}`")).collect();
            let known: Vec<String> = fields.iter().map(|f| format!("`{{{f}}}`")).collect();
            diags.push(
                Diagnostic::new(
                    text.pos.clone(),
                    format!(
                        "the `{lang}` message uses placeholder {} that the code does not have",
                        list.join(", ")
                    ),
                )
                .help(format!("the code's placeholders are {}", known.join(", "))),
            );
        }
    }
}

/// Why a message of a template entry is not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PlaceholderProblem {
    /// Placeholders of the code the message does not use.
    Missing(Vec<String>),
    /// `{name}`s in the message that are not placeholders of the code.
    Unknown(Vec<String>),
}

/// The rule for messages of template entries (`fields` non-empty): every
/// placeholder of the code used, no other `{name}`; `-` is exempt.
pub(crate) fn message_placeholders(
    text: &str,
    fields: &[String],
) -> Result<(), PlaceholderProblem> {
    if text == "-" || fields.is_empty() {
        return Ok(());
    }
    match Template::parse_message(text, fields) {
        Ok(t) => {
            let used = t.fields();
            let missing: Vec<String> = fields
                .iter()
                .filter(|f| !used.contains(&f.as_str()))
                .cloned()
                .collect();
            if missing.is_empty() {
                Ok(())
            } else {
                Err(PlaceholderProblem::Missing(missing))
            }
        }
        Err(unknown) => Err(PlaceholderProblem::Unknown(unknown)),
    }
}

/// Reports a repeated code; `false` if the code was seen before.
fn check_unique_code(
    entry: &Entry,
    codes: &mut HashMap<String, Pos>,
    diags: &mut Diagnostics,
) -> bool {
    if let Some(code) = &entry.code {
        if let Some(first) = codes.get(&code.value) {
            diags.push(
                Diagnostic::new(code.pos.clone(), format!("duplicate code `{}`", code.value))
                    .note(first.clone(), "first defined here")
                    .help("keep one entry; put the other text under `alternates:` of the first"),
            );
            return false;
        }
        codes.insert(code.value.clone(), code.pos.clone());
    }
    true
}

fn unknown_value(at: &At<String>, what: &str, allowed: &[&str]) -> Diagnostic {
    let d = Diagnostic::new(at.pos.clone(), format!("unknown {what} `{}`", at.value));
    let list = allowed
        .iter()
        .map(|a| format!("`{a}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match closest(&at.value, allowed.iter().copied()) {
        Some(best) => d.help(format!("did you mean `{best}`? (one of {list})")),
        None => d.help(format!("use one of {list}")),
    }
}

fn check_status(status: &At<i128>) -> Result<u16, Diagnostic> {
    match u16::try_from(status.value) {
        Ok(s) if (100..=599).contains(&s) => Ok(s),
        _ => Err(Diagnostic::new(
            status.pos.clone(),
            format!("invalid HTTP status {}", status.value),
        )
        .help("an HTTP status is an integer from 100 to 599")),
    }
}

/// Every keyword of Rust up to edition 2024, strict and reserved (`gen`
/// since 2024): none can be a generated name, and a raw identifier would
/// not survive every place the name goes (docs, `Debug`, paths).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Whether `name` is a Rust keyword (strict, reserved or weak-in-edition).
/// Keywords are short and lower-case but for `Self`: the names a catalog
/// holds (UpperCamelCase, mostly long) are told apart without the list.
fn is_keyword(name: &str) -> bool {
    let lower_first = name.as_bytes().first().is_some_and(u8::is_ascii_lowercase);
    (lower_first && name.len() <= MAX_KEYWORD_BYTES || name == "Self") && KEYWORDS.contains(&name)
}

/// The longest of [`KEYWORDS`].
const MAX_KEYWORD_BYTES: usize = 8;

/// Whether `name` is a plain (not raw) ASCII Rust identifier and no keyword.
fn plain_ident(name: &str) -> bool {
    // A loop over the bytes (a byte past ASCII is no identifier character
    // here), without a call per character: this runs unoptimised.
    let b = name.as_bytes();
    if !matches!(b.first(), Some(b'a'..=b'z' | b'A'..=b'Z' | b'_')) {
        return false;
    }
    let mut i = 1;
    while i < b.len() {
        if !matches!(b[i], b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_') {
            return false;
        }
        i += 1;
    }
    name != "_" && !is_keyword(name)
}

/// Checks a type or variant name: an UpperCamelCase ASCII identifier (what
/// `non_camel_case_types` accepts: a capital first, no `_`), not a keyword,
/// not an associated item of the generated enum.
pub(crate) fn check_ident(name: &str, pos: &Pos, what: &str) -> Result<(), Diagnostic> {
    let problem = |message: String, help: &str| {
        Err(Diagnostic::new(pos.clone(), message).help(help.to_owned()))
    };
    if let Some(bare) = name.strip_prefix("r#") {
        return problem(
            format!("{what} `{name}` is a raw identifier"),
            &format!(
                "write a name that needs no `r#`, e.g. `{}Error`",
                bare.to_upper_camel_case()
            ),
        );
    }
    if is_keyword(name) {
        return problem(
            format!("{what} `{name}` is a Rust keyword"),
            "choose another name (e.g. with a suffix); keywords are not accepted as variant or type names",
        );
    }
    if RESERVED_NAMES.contains(&name) {
        return problem(
            format!("{what} `{name}` is reserved for an associated item of the generated enum"),
            "choose another name",
        );
    }
    if !name.is_ascii() {
        return problem(
            format!("{what} `{name}` is not ASCII"),
            "use an ASCII identifier",
        );
    }
    if !plain_ident(name) {
        return problem(
            format!("{what} `{name}` is not a valid Rust identifier"),
            "use letters, digits and `_`, not starting with a digit",
        );
    }
    if !name.starts_with(|c: char| c.is_ascii_uppercase()) || name.contains('_') {
        return problem(
            format!("{what} `{name}` is not UpperCamelCase"),
            &format!(
                "write it as Rust names types and variants, e.g. `{}`",
                name.to_upper_camel_case()
            ),
        );
    }
    Ok(())
}

/// Whether `s` is all printable ASCII other than the space (nearly every
/// code): then it holds no white space or control character, told without
/// decoding characters (this runs unoptimised, in a catalog's proc-macro).
fn ascii_graphic(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !matches!(b[i], 0x21..=0x7e) {
            return false;
        }
        i += 1;
    }
    true
}

/// The code as a template.
pub(crate) fn resolve_code(code: &At<String>) -> Result<Template, Diagnostic> {
    if code.value.is_empty() {
        return Err(Diagnostic::new(code.pos.clone(), "empty code").help("write the vendor's code"));
    }
    if code.value.len() > MAX_CODE_BYTES {
        return Err(Diagnostic::new(
            code.pos.clone(),
            format!(
                "code is {} bytes long, more than the {MAX_CODE_BYTES} bytes a code may have",
                code.value.len()
            ),
        )
        .help("a wire code is a short token: check that the value holds only the vendor's code, not its message"));
    }
    if !ascii_graphic(&code.value)
        && code
            .value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(Diagnostic::new(
            code.pos.clone(),
            format!(
                "code {:?} contains white space or a control character",
                code.value
            ),
        )
        .help("a wire code is a single token: remove the spaces"));
    }
    let template = Template::parse_code(&code.value).map_err(|why| {
        Diagnostic::new(code.pos.clone(), format!("invalid template code `{}`: {why}", code.value))
            .help("placeholders are written `{name}` and separated by literal text, e.g. `InvalidParameter.{field}`")
    })?;
    for field in template.fields() {
        let snake = field.starts_with(|c: char| c.is_ascii_lowercase())
            && field
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !field.contains("__");
        if !plain_ident(field) || !snake {
            return Err(Diagnostic::new(
                code.pos.clone(),
                format!("placeholder `{{{field}}}` of code `{}` cannot be a field name", code.value),
            )
            .help("placeholders become `String` fields: use a snake_case name (lowercase letters, digits and single `_`, starting with a letter) that is not a Rust keyword, e.g. `{field}`"));
        }
    }
    Ok(template)
}

/// The variant name: explicit, or derived from the code.
pub(crate) fn resolve_name(entry: &Entry, code: &At<String>) -> Result<(String, Pos), Diagnostic> {
    if let Some(name) = &entry.name {
        check_ident(&name.value, &name.pos, "variant name")?;
        return Ok((name.value.clone(), name.pos.clone()));
    }
    let base: String = match Template::parse_code(&code.value) {
        Ok(t) => t.literals().concat(),
        Err(_) => code.value.clone(),
    };
    let derived = base.to_upper_camel_case();
    check_ident(&derived, &code.pos, "variant name").map_err(|d| {
        let why = if derived.is_empty() {
            format!("code `{}` gives no variant name", code.value)
        } else {
            format!(
                "variant name `{derived}` derived from code `{}` is not usable: {}",
                code.value, d.message
            )
        };
        Diagnostic::new(code.pos.clone(), why)
            .help("add `name: <UpperCamelCase identifier>` to the entry")
    })?;
    Ok((derived, code.pos.clone()))
}

/// The entry's status, or the file's default.
pub(crate) fn resolve_status(file: &SpecFile, entry: &Entry) -> Result<u16, Diagnostic> {
    match (&entry.status, &file.default_status) {
        (Some(s), _) => check_status(s),
        (None, Some(d)) => check_status(d),
        (None, None) => Err(Diagnostic::new(entry.pos.clone(), "no `status`, and the spec has no `defaults.status`")
            .help("add `status: <HTTP status>` to the entry, or `defaults: { status: ... }` at the top level")),
    }
}

pub(crate) fn resolve_retry_name(retry: &At<String>) -> Result<Retry, Diagnostic> {
    Retry::from_name(&retry.value).ok_or_else(|| {
        let names: Vec<&str> = Retry::ALL.iter().map(|r| r.as_str()).collect();
        unknown_value(retry, "retry class", &names)
    })
}

#[cfg(test)]
mod tests {
    use super::{KEYWORDS, MAX_KEYWORD_BYTES, is_keyword};
    use crate::diag::Diagnostics;

    #[test]
    fn the_keyword_shortcut_misses_no_keyword() {
        assert_eq!(
            KEYWORDS.iter().map(|k| k.len()).max(),
            Some(MAX_KEYWORD_BYTES)
        );
        for k in KEYWORDS {
            assert!(is_keyword(k), "{k}");
            let upper = k[..1].to_uppercase() + &k[1..];
            assert_eq!(
                is_keyword(&upper),
                KEYWORDS.contains(&upper.as_str()),
                "{upper}"
            );
        }
        for name in ["Enum", "Type", "V1", "selfish", "Self_", "", "s"] {
            assert!(!is_keyword(name), "{name}");
        }
    }
    use crate::spec::load::{load, tests::mem};
    use std::path::Path;

    fn check(spec: &str) -> String {
        let reader = mem(&[("t.yaml", spec)]);
        let mut diags = Diagnostics::default();
        let loaded = load(Path::new("/mem"), "t.yaml", &reader, &mut diags);
        diags.0.extend(super::validate(&loaded).0);
        diags.to_string()
    }

    const HEAD: &str = "catalog: X\nvendor: alibaba\nsource: s\nlanguages: [en, zh]\n";

    #[test]
    fn codes_longer_than_a_slot_holds_are_refused() {
        let spec = |len: usize| {
            format!(
                "{HEAD}defaults: {{status: 400}}\nerrors:\n  - code: A{}\n    name: A\n    en: a\n    zh: b\n",
                "x".repeat(len - 1)
            )
        };
        assert_eq!(check(&spec(super::MAX_CODE_BYTES)), "");
        let out = check(&spec(super::MAX_CODE_BYTES + 1));
        assert!(
            out.contains("code is 256 bytes long, more than the 255 bytes a code may have")
                && out.contains("t.yaml:7:11"),
            "{out}"
        );
    }

    #[test]
    fn valid_spec_passes() {
        let out = check(&format!(
            "{HEAD}defaults: {{status: 400}}\nerrors:\n  - code: A.B\n    en: a\n    zh: b\n  - code: \"P.{{f}}\"\n    en: \"x {{f}} {{}}\"\n    zh: \"-\"\n"
        ));
        assert_eq!(out, "");
    }

    #[test]
    fn reports_all_semantic_problems() {
        let out = check(&format!(
            "{HEAD}errors:\n  - code: A.B\n    status: 600\n    en: a\n    zh: b\n  - code: Foo.Bar\n    status: 400\n    en: a\n    zh: b\n  - code: FooBar\n    status: 400\n    en: a\n    zh: b\n\
             \x20 - code: A.B\n    status: 400\n    retry: throtled\n    en: a\n\
             \x20 - code: \"P.{{f}}\"\n    status: 400\n    en: \"{{f}}\"\n    zh: \"{{g}}\"\n\
             \x20 - code: \"0100\"\n    status: 400\n    en: a\n    zh: b\n\
             \x20 - code: self\n    status: 400\n    en: a\n    zh: b\n"
        ));
        for needle in [
            "invalid HTTP status 600",
            "duplicate variant name `FooBar` (derived from code `FooBar`)",
            "duplicate code `A.B`",
            "unknown retry class `throtled`",
            "did you mean `throttled`?",
            "has no `zh` message",
            "uses placeholder `{g}` that the code does not have",
            "variant name `0100` derived from code `0100` is not usable",
            "`Self` is a Rust keyword",
        ] {
            assert!(out.contains(needle), "missing {needle:?} in:\n{out}");
        }
    }

    #[test]
    fn languages_must_include_english() {
        let out = check("catalog: X\nvendor: huawei\nsource: s\nlanguages: [zh, fr]\nerrors: []\n");
        assert!(out.contains("must include `en`"), "{out}");
        assert!(out.contains("unknown language `fr`"), "{out}");
    }

    /// The override rule on generated catalogs: a random set of codes in an
    /// included spec (errors and success) and a random set in the root; the
    /// catalog has the root's entries for shared codes (its text, its
    /// place), the included ones for the others, no duplicate-code error;
    /// two included specs sharing a code are still an error.
    #[test]
    fn root_entries_override_included_ones() {
        use crate::spec::load_catalog;
        let mut rng = crate::testing::Rng(0x5eed_0016);
        let head = "vendor: tencent\nsource: s\nlanguages: [en]\ndefaults: { status: 200 }\n";
        for _ in 0..200 {
            let pool: Vec<String> = (0..12).map(|i| format!("Code.N{i}")).collect();
            let mut common = Vec::new();
            let mut common_success = Vec::new();
            let mut root = Vec::new();
            for code in &pool {
                match rng.below(4) {
                    0 => common.push(code.clone()),
                    1 => common_success.push(code.clone()),
                    _ => {}
                }
                if rng.below(2) == 0 {
                    root.push(code.clone());
                }
            }
            let list = |codes: &[String], text: &str| -> String {
                if codes.is_empty() {
                    return " []\n".to_owned();
                }
                let mut y = String::from("\n");
                for c in codes {
                    y.push_str(&format!("  - code: {c}\n    en: {text} {c}\n"));
                }
                y
            };
            let common_yaml = format!(
                "catalog: C\n{head}errors:{}success:{}",
                list(&common, "common"),
                list(&common_success, "common ok")
            );
            let root_yaml = format!(
                "catalog: R\n{head}include: [common.yaml]\nerrors:{}",
                list(&root, "root")
            );
            let reader = mem(&[("common.yaml", &common_yaml), ("r.yaml", &root_yaml)]);
            let catalog = match load_catalog(Path::new("/mem"), "r.yaml", &reader).result {
                Ok(c) => c,
                Err(d) => panic!("{d}\n{common_yaml}\n{root_yaml}"),
            };
            let got: Vec<(String, String)> = catalog
                .entries
                .iter()
                .map(|e| (e.code.raw.clone(), e.messages[0].raw.clone()))
                .collect();
            let mut want: Vec<(String, String)> = common
                .iter()
                .filter(|c| !root.contains(c))
                .map(|c| (c.clone(), format!("common {c}")))
                .collect();
            want.extend(root.iter().map(|c| (c.clone(), format!("root {c}"))));
            assert_eq!(got, want, "{common_yaml}\n{root_yaml}");
            let success: Vec<&str> = catalog.success.iter().map(|s| s.code.as_str()).collect();
            let want_success: Vec<&str> = common_success
                .iter()
                .filter(|c| !root.contains(c))
                .map(String::as_str)
                .collect();
            assert_eq!(success, want_success);
        }
        // Between two included specs the rule does not apply.
        let a = format!("catalog: A\n{head}errors:\n  - code: X.Y\n    en: a\n");
        let b = format!("catalog: B\n{head}errors:\n  - code: X.Y\n    en: b\n");
        let r = format!("catalog: R\n{head}include: [a.yaml, b.yaml]\nerrors: []\n");
        let reader = mem(&[("a.yaml", &a), ("b.yaml", &b), ("r.yaml", &r)]);
        let err = load_catalog(Path::new("/mem"), "r.yaml", &reader)
            .result
            .expect_err("a code in two included specs");
        assert!(err.to_string().contains("duplicate code `X.Y`"), "{err}");
    }
}
