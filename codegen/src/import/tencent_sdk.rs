//! Tencent Cloud Go SDK `errors.go` files to specs (`import --format
//! tencent-sdk-go`).
//!
//! Every product/version package of `tencentcloud-sdk-go` has an
//! `errors.go`: one `const ( ... )` block, each code a `// <message>` line
//! followed by `NAME = "Code.String"`, a `// 此产品的特有错误码` (Chinese
//! SDK) or `// error codes for specific actions` (international SDK) line
//! before the product's own codes. [`parse_errors_go`] reads one file and
//! reports every problem at its line (a constant without a comment, a
//! comment without a constant, a constant that is not a string, a file that
//! is no such `errors.go`); [`import_tencent_sdk`] turns the Chinese file,
//! and optionally the English one of the same package, into a spec, and
//! checks it as `errors-codegen check` would.
//!
//! What the spec holds (see "Importing a Tencent SDK `errors.go`" in
//! `specs/SCHEMA.md`):
//!
//! - every code of the Chinese file, in file order, with its Chinese text;
//!   the English text from the English file where it has the code, else
//!   the vendor's "no text" marker `"-"` (at run time `message(Lang::En)`
//!   then shows the Chinese text, and `message_lang` says `zh`). An empty
//!   comment is `"-"` too, with a note.
//! - status 200 for all (`defaults.status`: API 3.0 answers every error
//!   with HTTP 200) and the retry class of [`RETRY_RULES`].
//! - `include:` of the common-code spec(s) given; a code the product lists
//!   overrides the common entry (the include override rule of the schema),
//!   so the product's own wording is kept and the common codes it does not
//!   list come from the common spec, once.
//! - codes of the English file the Chinese file lacks are not imported:
//!   they are named in the notices and counted in the spec's `note`.

use super::entry::{OutEntry, Top, spec_text};
use super::page::{at, failed};
use super::spec::Names;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Retry;
use crate::spec::load::SpecReader;
use heck::ToUpperCamelCase;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One constant of an `errors.go`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SdkCode {
    /// 1-based line of the constant.
    pub line: usize,
    /// The Go constant's name (`FAILEDOPERATION_ACCOUNTALREADYEXISTS`).
    pub constant: String,
    /// The code (`FailedOperation.AccountAlreadyExists`).
    pub code: String,
    /// The comment above it, without `//` and surrounding white space
    /// (several comment lines joined by `\n`); may be empty.
    pub message: String,
}

/// An `errors.go`, read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SdkFile {
    /// The `package` name (the API version, `v20170312`).
    pub package: String,
    /// The constants in file order.
    pub codes: Vec<SdkCode>,
}

/// The comment lines that mark where the product's own codes start (they
/// are followed by a blank line, not by a constant).
pub const SECTION_MARKERS: &[&str] = &["此产品的特有错误码", "error codes for specific actions"];

/// A rule of [`RETRY_RULES`]: codes matching `pattern` (`*` matches any
/// run of characters, case-sensitive) get `retry`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryRule {
    pub pattern: &'static str,
    pub retry: Retry,
    /// Why, as written in the schema.
    pub why: &'static str,
}

const fn rule(pattern: &'static str, retry: Retry, why: &'static str) -> RetryRule {
    RetryRule {
        pattern,
        retry,
        why,
    }
}

/// The retry class of an imported code, from its family: the first rule
/// whose pattern matches the whole code wins; a code no rule matches is
/// `never`. The SDK gives no status (API 3.0 answers errors with HTTP 200),
/// so the status cannot decide.
pub const RETRY_RULES: &[RetryRule] = &[
    rule(
        "RequestLimitExceeded*",
        Retry::Throttled,
        "the API 3.0 request-rate limit (and its sub-codes): back off and retry",
    ),
    rule(
        "InternalError*",
        Retry::Transient,
        "a server-side fault: retry an idempotent request",
    ),
    rule(
        "FailedOperation.*Timeout*",
        Retry::Transient,
        "an operation that timed out: retry an idempotent request",
    ),
    rule(
        "FailedOperation.*TimeOut*",
        Retry::Transient,
        "the same, as several products capitalize it",
    ),
    rule(
        "LimitExceeded",
        Retry::QuotaExhausted,
        "a quota is used up: do not retry automatically",
    ),
    rule(
        "LimitExceeded.*",
        Retry::QuotaExhausted,
        "the same, for a named quota",
    ),
    rule(
        "AuthFailure",
        Retry::AfterRefresh,
        "credentials, signature or clock: refresh or fix them, then retry once",
    ),
    rule(
        "AuthFailure.*",
        Retry::AfterRefresh,
        "the same, with a reason",
    ),
    rule(
        "ResourceInUse*",
        Retry::AfterStateChange,
        "another operation holds the resource: poll its state, then retry",
    ),
    rule(
        "*Processing*",
        Retry::AfterStateChange,
        "an operation in progress: poll, then retry",
    ),
    rule(
        "*Busy*",
        Retry::AfterStateChange,
        "the resource or service is busy: poll, then retry",
    ),
];

/// The retry class [`RETRY_RULES`] give `code`, and the rule that gave it.
pub fn retry_for(code: &str) -> (Retry, Option<&'static RetryRule>) {
    RETRY_RULES
        .iter()
        .find(|r| glob(r.pattern, code))
        .map_or((Retry::Never, None), |r| (r.retry, Some(r)))
}

/// Whether `text` matches `pattern` as a whole; `*` matches any run of
/// characters (linear: the last star is the only one backtracked to).
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// Where the parser is in the file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before `package`: the licence comment.
    Head,
    /// Between blocks.
    Top,
    /// Inside `const (`, opened at this line.
    Const(usize),
}

/// Reads an `errors.go` of the Tencent Go SDK. Every problem is reported,
/// at its line; nothing is dropped silently.
pub fn parse_errors_go(text: &str, file: &str) -> Result<SdkFile, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut out = SdkFile::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut state = State::Head;
    // The comment lines above the next constant: first line, texts.
    let mut pending: Option<(usize, Vec<String>)> = None;
    let mut codes: HashMap<String, usize> = HashMap::new();
    let mut constants: HashMap<String, usize> = HashMap::new();
    let mut blocks = 0usize;
    let not_errors_go = "this is not an SDK `errors.go` (a `package` line, then `const (` blocks of `// message` lines each followed by `NAME = \"Code\"`)";
    for (i, raw) in text.split('\n').enumerate() {
        let n = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let s = line.trim();
        match state {
            State::Head | State::Top => {
                if s.is_empty() || s.starts_with("//") {
                    continue;
                }
                if state == State::Head {
                    match s.strip_prefix("package ").map(str::trim) {
                        Some(name) if is_go_ident(name) => {
                            out.package = name.to_owned();
                            state = State::Top;
                        }
                        _ => {
                            diags.push(
                                Diagnostic::new(
                                    at(file, n),
                                    format!("expected the `package` line, found `{}`", clip(s)),
                                )
                                .help(not_errors_go),
                            );
                            return Err(diags);
                        }
                    }
                } else if s == "const (" || s == "const(" {
                    state = State::Const(n);
                    blocks += 1;
                } else {
                    diags.push(
                        Diagnostic::new(
                            at(file, n),
                            format!("unexpected Go code `{}` outside a `const (` block", clip(s)),
                        )
                        .help(not_errors_go),
                    );
                    return Err(diags);
                }
            }
            State::Const(_) => {
                if s.is_empty() || s == ")" {
                    if let Some((first, texts)) = pending.take() {
                        let marker =
                            texts.len() == 1 && SECTION_MARKERS.contains(&texts[0].as_str());
                        if !marker {
                            diags.push(
                                Diagnostic::new(
                                    at(file, first),
                                    format!(
                                        "a comment without a constant: `// {}`",
                                        clip(&texts.join(" "))
                                    ),
                                )
                                .help("a message comment must be directly above its `NAME = \"Code\"` line; remove the comment or add the constant"),
                            );
                        }
                    }
                    if s == ")" {
                        state = State::Top;
                    }
                    continue;
                }
                if let Some(c) = s.strip_prefix("//") {
                    pending
                        .get_or_insert_with(|| (n, Vec::new()))
                        .1
                        .push(c.trim().to_owned());
                    continue;
                }
                if s.starts_with("/*") {
                    diags.push(
                        Diagnostic::new(
                            at(file, n),
                            "a block comment (`/* */`) in the `const (` block",
                        )
                        .help("write each message as one `// message` line above its constant"),
                    );
                    pending = None;
                    continue;
                }
                let comment = pending.take();
                match constant(s) {
                    Err(why) => diags.push(Diagnostic::new(at(file, n), why.0).help(why.1)),
                    Ok((name, code)) => {
                        let Some((_, texts)) = comment else {
                            diags.push(
                                Diagnostic::new(
                                    at(file, n),
                                    format!("constant `{name}` (`{}`) has no message comment", clip(&code)),
                                )
                                .help("write the code's message as a `// message` line directly above it (`//` alone for no text)"),
                            );
                            continue;
                        };
                        if let Some(first) = codes.get(&code) {
                            diags.push(
                                Diagnostic::new(
                                    at(file, n),
                                    format!("code `{code}` is listed twice"),
                                )
                                .note(at(file, *first), "first listed here")
                                .help("remove one of the constants"),
                            );
                            continue;
                        }
                        if let Some(first) = constants.get(&name) {
                            diags.push(
                                Diagnostic::new(
                                    at(file, n),
                                    format!("constant `{name}` is defined twice"),
                                )
                                .note(at(file, *first), "first defined here")
                                .help("Go refuses this file; rename or remove one"),
                            );
                            continue;
                        }
                        codes.insert(code.clone(), n);
                        constants.insert(name.clone(), n);
                        out.codes.push(SdkCode {
                            line: n,
                            constant: name,
                            code,
                            message: texts.join("\n"),
                        });
                    }
                }
            }
        }
    }
    if let State::Const(open) = state {
        diags.push(
            Diagnostic::new(at(file, open), "this `const (` block is never closed")
                .help("end it with a `)` line"),
        );
    } else if blocks == 0 && diags.is_empty() {
        let line = text.split('\n').count();
        diags.push(
            Diagnostic::new(
                at(file, line),
                "no `const (` block: the file lists no error code",
            )
            .help(not_errors_go),
        );
    }
    diags.into_result().map(|()| out)
}

/// `NAME = "Code"`: the name and the code, or what is wrong and the help.
fn constant(s: &str) -> Result<(String, String), (String, String)> {
    let Some((name, value)) = s.split_once('=') else {
        return Err((
            format!("expected `NAME = \"Code\"`, found `{}`", clip(s)),
            "each line of the block is a `// message` comment, a `NAME = \"Code\"` constant or blank".to_owned(),
        ));
    };
    let name = name.trim();
    let value = value.trim();
    if !is_go_ident(name) {
        return Err((
            format!("`{}` is not a Go constant name", clip(name)),
            "write `NAME = \"Code\"` with NAME a Go identifier".to_owned(),
        ));
    }
    let code = match (value.strip_prefix('"'), value.strip_prefix('`')) {
        (Some(rest), _) => match rest.strip_suffix('"') {
            Some(inner) if !inner.contains(['"', '\\']) => inner,
            Some(_) => {
                return Err((
                    format!(
                        "the code of `{name}` has a quote or an escape sequence: {}",
                        clip(value)
                    ),
                    "error codes are plain text; write the code without `\\` or `\"`".to_owned(),
                ));
            }
            None => {
                return Err((
                    format!(
                        "the string of `{name}` does not end in `\"` (or text follows it): {}",
                        clip(value)
                    ),
                    "write `NAME = \"Code\"` alone on its line".to_owned(),
                ));
            }
        },
        (None, Some(rest)) => match rest.strip_suffix('`') {
            Some(inner) if !inner.contains('`') => inner,
            _ => {
                return Err((
                    format!(
                        "the raw string of `{name}` does not end in a backquote: {}",
                        clip(value)
                    ),
                    "write `NAME = \"Code\"` alone on its line".to_owned(),
                ));
            }
        },
        (None, None) => {
            return Err((
                format!("constant `{name}` is not a string: `= {}`", clip(value)),
                "an error code constant is a string literal: `NAME = \"Code\"`".to_owned(),
            ));
        }
    };
    if code.is_empty() {
        return Err((
            format!("constant `{name}` is an empty code"),
            "give the code, or remove the constant".to_owned(),
        ));
    }
    if code.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err((
            format!("the code of `{name}` contains white space: {}", clip(value)),
            "error codes are single tokens".to_owned(),
        ));
    }
    if code.contains(['{', '}']) {
        return Err((
            format!("the code of `{name}` contains a brace: {}", clip(value)),
            "a spec reads `{name}` in a code as a placeholder; such a code cannot be imported"
                .to_owned(),
        ));
    }
    Ok((name.to_owned(), code.to_owned()))
}

fn is_go_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// At most 80 characters of `s`, for a diagnostic.
fn clip(s: &str) -> String {
    match s.char_indices().nth(80) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_owned(),
    }
}

/// What [`import_tencent_sdk`] is asked to do.
#[derive(Debug, Clone, Default)]
pub struct TencentSdkOptions {
    /// `catalog:`; default: from the file's path `<product>/<version>/errors.go`
    /// (`cvm/v20170312` -> `CvmV20170312Error`).
    pub catalog: Option<String>,
    /// `source:`; default: names the files read.
    pub source: Option<String>,
    /// Specs written to `include:` (the common API 3.0 codes), as given.
    pub include: Vec<String>,
    /// Where the spec will be saved (its includes are resolved from there,
    /// through the reader); default `imported.yaml` (the current directory).
    pub spec_path: Option<String>,
}

/// A file given to the importer: its text and its name in diagnostics.
#[derive(Debug, Clone, Copy)]
pub struct SdkInput<'a> {
    pub text: &'a str,
    pub file: &'a str,
}

/// The spec written, and notices for stderr.
#[derive(Debug, Clone)]
pub struct SdkImported {
    pub yaml: String,
    pub notices: Vec<String>,
    /// Codes of the product file.
    pub codes: usize,
    /// Of those, how many have no English text.
    pub without_english: usize,
    /// Codes of the included specs the product file also lists.
    pub overrides: usize,
    /// Codes of the English file the Chinese file lacks (not imported).
    pub english_only: Vec<String>,
}

/// The default catalog name of `<product>/<version>/errors.go`.
pub fn catalog_name(product: &str, version: &str) -> String {
    format!(
        "{}{}Error",
        product.to_upper_camel_case(),
        version.to_upper_camel_case()
    )
}

/// `<product>` and `<version>` of a path ending in `<product>/<version>/errors.go`.
pub fn product_version(file: &str) -> Option<(String, String)> {
    let path = Path::new(file);
    let version = path.parent()?;
    let product = version.parent()?;
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    Some((name(product)?, name(version)?)).filter(|(p, v)| !p.is_empty() && !v.is_empty())
}

/// Imports the Chinese `errors.go` `zh` (and the English one `en` of the
/// same package, if given) as a spec; see the module docs.
pub fn import_tencent_sdk(
    zh: SdkInput<'_>,
    en: Option<SdkInput<'_>>,
    opts: &TencentSdkOptions,
    reader: &dyn SpecReader,
) -> Result<SdkImported, Diagnostics> {
    let mut diags = Diagnostics::default();
    let zh_file = parse_errors_go(zh.text, zh.file).map_err(|d| diags.0.extend(d.0));
    let en_file = en.map(|en| parse_errors_go(en.text, en.file).map_err(|d| diags.0.extend(d.0)));
    let catalog = match &opts.catalog {
        Some(c) => c.clone(),
        None => match (product_version(zh.file), &zh_file) {
            (Some((p, v)), Ok(f)) if v == f.package => catalog_name(&p, &v),
            (_, Ok(f)) if !f.package.is_empty() => {
                diags.push(
                    Diagnostic::new(
                        at(zh.file, 1),
                        "the catalog name cannot be derived: the file is not at `<product>/<version>/errors.go` with `package <version>`",
                    )
                    .help("pass `--catalog <Name>` (the Rust type name)"),
                );
                String::new()
            }
            _ => String::new(),
        },
    };
    if !catalog.is_empty()
        && let Err(d) = crate::spec::valid::check_ident(&catalog, &at(zh.file, 1), "catalog name")
    {
        diags.push(d);
    }
    let spec_path = opts.spec_path.as_deref().unwrap_or("imported.yaml");
    let dir = Path::new(spec_path).parent().unwrap_or(Path::new(""));
    // The included catalogs: their codes and names.
    let mut included: HashMap<String, String> = HashMap::new();
    for inc in &opts.include {
        let path = dir.join(inc).to_string_lossy().into_owned();
        match crate::spec::load_catalog(Path::new(""), &path, reader).result {
            Ok(c) => {
                for e in &c.entries {
                    included.insert(e.code.raw.clone(), e.name.clone());
                }
                for s in &c.success {
                    included.insert(s.code.clone(), String::new());
                }
            }
            Err(d) => {
                diags.push(
                    Diagnostic::new(
                        at(zh.file, 1),
                        format!("the spec to include, `{inc}`, does not load"),
                    )
                    .help(format!(
                        "the include is resolved as `{path}`; its problems follow"
                    )),
                );
                diags.0.extend(d.0);
            }
        }
    }
    diags.into_result()?;
    let (Ok(zh_file), en_file) = (zh_file, en_file) else {
        return Err(Diagnostics::default());
    };
    let en_file = match en_file {
        Some(Ok(f)) => Some(f),
        Some(Err(())) => return Err(Diagnostics::default()),
        None => None,
    };
    let english: HashMap<&str, &SdkCode> = en_file
        .iter()
        .flat_map(|f| &f.codes)
        .map(|c| (c.code.as_str(), c))
        .collect();
    let product_codes: HashSet<&str> = zh_file.codes.iter().map(|c| c.code.as_str()).collect();
    let mut names = Names::new(
        included
            .iter()
            .filter(|(code, name)| !name.is_empty() && !product_codes.contains(code.as_str()))
            .map(|(_, name)| name.clone())
            .collect(),
    );
    let mut entries = Vec::new();
    let (mut without_english, mut overrides) = (0, 0);
    for c in &zh_file.codes {
        let mut notes = Vec::new();
        let zh_text = if c.message.is_empty() {
            notes.push("The Chinese SDK's comment is empty.");
            "-".to_owned()
        } else {
            c.message.clone()
        };
        let en_text = match english.get(c.code.as_str()) {
            Some(e) if e.message.is_empty() => {
                notes.push("The international SDK's comment is empty.");
                without_english += 1;
                "-".to_owned()
            }
            Some(e) => e.message.clone(),
            None => {
                without_english += 1;
                "-".to_owned()
            }
        };
        if included.contains_key(&c.code) {
            overrides += 1;
            notes.push("Also a common code of the included spec: this product's entry is used.");
        }
        let (retry, _) = retry_for(&c.code);
        entries.push(OutEntry {
            code: c.code.clone(),
            name: names.pick(&c.code),
            retry: (retry != Retry::Never).then(|| retry.as_str().to_owned()),
            messages: vec![("en".to_owned(), en_text), ("zh".to_owned(), zh_text)],
            note: (!notes.is_empty()).then(|| notes.join(" ")),
            ..OutEntry::default()
        });
    }
    let mut notices = Vec::new();
    let mut english_only = Vec::new();
    if let (Some(f), Some(en)) = (&en_file, en) {
        for c in &f.codes {
            if !product_codes.contains(c.code.as_str()) {
                notices.push(format!(
                    "{}:{}: code `{}` is in the English file but not in the Chinese one: not imported",
                    en.file, c.line, c.code
                ));
                english_only.push(c.code.clone());
            }
        }
    }
    let source = opts.source.clone().unwrap_or_else(|| {
        let name = |f: &str| f.replace('\\', "/");
        match en {
            Some(en) => format!(
                "Tencent Cloud Go SDK error constants: {} (Chinese), {} (English)",
                name(zh.file),
                name(en.file)
            ),
            None => format!(
                "Tencent Cloud Go SDK error constants: {} (Chinese)",
                name(zh.file)
            ),
        }
    });
    let mut note = format!(
        "Imported from the SDK's errors.go ({} codes). API 3.0 answers every error with HTTP 200, so the retry classes come from the codes (the importer's RETRY_RULES, see SCHEMA.md).",
        zh_file.codes.len()
    );
    if without_english > 0 {
        note.push_str(&format!(
            " {without_english} codes have no English text in the international SDK: their `en` is \"-\" and message(Lang::En) shows the Chinese text."
        ));
    }
    if !opts.include.is_empty() {
        let common = included.len().saturating_sub(overrides);
        note.push_str(&format!(
            " {common} common API 3.0 codes come from the included spec; {overrides} codes of this file are common codes worded by the product, and its entries win."
        ));
    }
    if !english_only.is_empty() {
        note.push_str(&format!(
            " The international SDK lists {} codes the Chinese one lacks; they are not in this catalog: {}.",
            english_only.len(),
            english_only.join(", ")
        ));
    }
    let top = Top {
        catalog,
        vendor: "tencent".to_owned(),
        source,
        languages: vec!["en".to_owned(), "zh".to_owned()],
        default_status: Some(200),
        default_retry: None,
        include: opts.include.clone(),
        note: Some(note),
    };
    let refs: Vec<&OutEntry> = entries.iter().collect();
    let yaml = spec_text(&top, &refs, &[]);
    let limit = crate::spec::yaml::MAX_SPEC_BYTES;
    if yaml.len() > limit {
        return Err(failed(
            Diagnostic::new(
                at(zh.file, 1),
                format!(
                    "the spec would be {} bytes, more than the {limit} bytes a spec may have",
                    yaml.len()
                ),
            )
            .help("split the file's codes over several specs joined with `include`"),
        ));
    }
    super::check_spec(&yaml, spec_path, reader).map_err(|d| {
        let mut all = failed(
            Diagnostic::new(at(zh.file, 1), "the spec written from the SDK file does not pass `check` (a bug of the importer: please report it with the file)")
                .help("the problems follow; the spec is not written"),
        );
        all.0.extend(d.0);
        all
    })?;
    Ok(SdkImported {
        yaml,
        notices,
        codes: zh_file.codes.len(),
        without_english,
        overrides,
        english_only,
    })
}

#[cfg(test)]
#[path = "tencent_sdk_tests.rs"]
mod tests;
