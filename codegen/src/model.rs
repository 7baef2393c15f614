//! The lowered model: a validated catalog, ready to expand.
//!
//! Everything here is checked: identifiers are valid, statuses in range,
//! placeholders consistent. Expansion cannot fail on a model.

pub use errors_core::{Lang, Retry, Vendor};

/// A piece of a template: literal text or a named placeholder.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Part {
    Lit(String),
    Field(String),
}

/// A code or message, split into literal text and placeholders.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Template {
    /// The text as written in the spec.
    pub raw: String,
    pub parts: Vec<Part>,
}

impl Template {
    /// A template with no placeholder.
    pub fn literal(raw: &str) -> Template {
        Template {
            raw: raw.to_owned(),
            parts: if raw.is_empty() {
                Vec::new()
            } else {
                vec![Part::Lit(raw.to_owned())]
            },
        }
    }

    /// Splits a code: every `{` must open a placeholder `{name}`.
    pub fn parse_code(raw: &str) -> Result<Template, String> {
        let bytes = raw.as_bytes();
        if !bytes.contains(&b'{') && !bytes.contains(&b'}') {
            // No placeholder (most codes): one literal, found with `memchr`.
            let parts = if raw.is_empty() {
                Vec::new()
            } else {
                vec![Part::Lit(raw.to_owned())]
            };
            return Ok(Template {
                raw: raw.to_owned(),
                parts,
            });
        }
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut rest = raw;
        while let Some(i) = rest.find(['{', '}']) {
            lit.push_str(&rest[..i]);
            let tail = &rest[i..];
            if tail.starts_with('}') {
                return Err("unmatched `}` in the code".into());
            }
            let Some((name, after)) = placeholder_at(tail) else {
                return Err(
                    "`{` in a code must open a placeholder `{name}` (letters, digits, `_`)".into(),
                );
            };
            if !lit.is_empty() {
                parts.push(Part::Lit(std::mem::take(&mut lit)));
            } else if matches!(parts.last(), Some(Part::Field(_))) {
                return Err("two placeholders must be separated by literal text".into());
            }
            if parts
                .iter()
                .any(|p| matches!(p, Part::Field(f) if f == name))
            {
                return Err(format!("placeholder `{{{name}}}` appears twice"));
            }
            parts.push(Part::Field(name.to_owned()));
            rest = after;
        }
        lit.push_str(rest);
        if !lit.is_empty() {
            parts.push(Part::Lit(lit));
        }
        Ok(Template {
            raw: raw.to_owned(),
            parts,
        })
    }

    /// Splits a message of a template entry: `{name}` is a placeholder when
    /// `name` is one of `fields`; every other character is literal. Returns
    /// the placeholder-looking names that are not fields as the error.
    pub fn parse_message(raw: &str, fields: &[String]) -> Result<Template, Vec<String>> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut unknown = Vec::new();
        let mut rest = raw;
        while let Some(i) = rest.find('{') {
            lit.push_str(&rest[..i]);
            let tail = &rest[i..];
            match placeholder_at(tail) {
                Some((name, after)) if fields.iter().any(|f| f == name) => {
                    if !lit.is_empty() {
                        parts.push(Part::Lit(std::mem::take(&mut lit)));
                    }
                    parts.push(Part::Field(name.to_owned()));
                    rest = after;
                }
                Some((name, _)) => {
                    unknown.push(name.to_owned());
                    lit.push('{');
                    rest = &tail[1..];
                }
                None => {
                    lit.push('{');
                    rest = &tail[1..];
                }
            }
        }
        lit.push_str(rest);
        if !lit.is_empty() {
            parts.push(Part::Lit(lit));
        }
        if unknown.is_empty() {
            Ok(Template {
                raw: raw.to_owned(),
                parts,
            })
        } else {
            Err(unknown)
        }
    }

    /// The placeholder names, in order.
    pub fn fields(&self) -> Vec<&str> {
        self.parts
            .iter()
            .filter_map(|p| match p {
                Part::Field(f) => Some(f.as_str()),
                Part::Lit(_) => None,
            })
            .collect()
    }

    pub fn is_template(&self) -> bool {
        self.parts.iter().any(|p| matches!(p, Part::Field(_)))
    }

    /// The literal pieces around the placeholders: always one more than the
    /// number of placeholders (possibly empty strings).
    pub fn literals(&self) -> Vec<&str> {
        let mut out = vec![""];
        for p in &self.parts {
            match p {
                Part::Lit(l) => *out.last_mut().unwrap_or(&mut "") = l,
                Part::Field(_) => out.push(""),
            }
        }
        out
    }

    /// The text with each placeholder replaced by `token` (the vendor's form).
    pub fn with_placeholder_token(&self, token: &str) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Lit(l) => l.as_str(),
                Part::Field(_) => token,
            })
            .collect()
    }
}

/// A code as the vendor writes it: each placeholder replaced by the
/// vendor's `token` (`InvalidParameter.{field}` with `%s`:
/// `InvalidParameter.%s`); without a token, or for a code that is no valid
/// template, the code as written.
pub fn vendor_code(code: &str, token: Option<&str>) -> String {
    match (token, Template::parse_code(code)) {
        (Some(token), Ok(t)) => t.with_placeholder_token(token),
        _ => code.to_owned(),
    }
}

/// A message of the template code `code` as the vendor writes it (see
/// [`vendor_code`]); `-` and texts that are no valid message of the code
/// stay as written.
pub fn vendor_message(text: &str, code: &str, token: Option<&str>) -> String {
    let Some(token) = token.filter(|_| text != "-") else {
        return text.to_owned();
    };
    let fields: Vec<String> = Template::parse_code(code)
        .map(|t| t.fields().into_iter().map(str::to_owned).collect())
        .unwrap_or_default();
    match Template::parse_message(text, &fields) {
        Ok(t) => t.with_placeholder_token(token),
        Err(_) => text.to_owned(),
    }
}

/// `{name}` at the start of `s`: the name and the text after `}`.
fn placeholder_at(s: &str) -> Option<(&str, &str)> {
    let inner = s.strip_prefix('{')?;
    let end = inner.find('}')?;
    let name = &inner[..end];
    let mut chars = name.chars();
    let first = chars.next()?;
    if !(first.is_ascii_alphabetic() || first == '_')
        || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return None;
    }
    Some((name, &inner[end + 1..]))
}

/// One error code: one enum variant.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Variant name.
    pub name: String,
    pub code: Template,
    pub status: u16,
    pub retry: Retry,
    /// One message per catalog language, in [`Catalog::languages`] order.
    pub messages: Vec<Template>,
    pub note: Option<String>,
    pub source: Option<String>,
    pub vendor_placeholder: Option<String>,
    /// What to do about the error: `(language tag, text)`, literal text, in
    /// the order of `KNOWN_LANGUAGES`.
    pub action: Vec<(String, String)>,
    pub alternates: Vec<Alternate>,
    /// The spec file the entry comes from (shown in docs of included codes).
    pub file: String,
}

/// The vendor's "no text" marker: written `-` in the spec and kept in
/// `export`, but never shown as a message (see [`Entry::shown_languages`]).
pub const NO_TEXT: &str = "-";

impl Entry {
    /// For each of the catalog's `languages`, the index of the language whose
    /// message a reader of it is shown: its own unless the text is
    /// the no-text marker `-`, else as [`Lang::pick_text`] falls back; its own when no
    /// language has text.
    pub fn shown_languages(&self, languages: &[Lang]) -> Vec<usize> {
        let has_text = |i: usize| self.messages.get(i).is_some_and(|m| m.raw != NO_TEXT);
        languages
            .iter()
            .enumerate()
            .map(|(i, lang)| lang.pick_text(languages, has_text).unwrap_or(i))
            .collect()
    }

    pub fn is_template(&self) -> bool {
        self.code.is_template()
    }

    /// Placeholder names of the code, in order.
    pub fn fields(&self) -> Vec<&str> {
        self.code.fields()
    }

    /// The code as the vendor writes it (`InvalidParameter.%s`).
    pub fn vendor_code(&self) -> String {
        vendor_code(&self.code.raw, self.vendor_placeholder.as_deref())
    }

    /// A text of the entry (a message, an alternate's) as the vendor writes it.
    pub fn vendor_text(&self, text: &str) -> String {
        vendor_message(text, &self.code.raw, self.vendor_placeholder.as_deref())
    }
}

/// Another documented text of a code.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternate {
    pub status: Option<u16>,
    /// `(language tag, text)`.
    pub messages: Vec<(String, String)>,
    /// `(language tag, text)`, as [`Entry::action`].
    pub action: Vec<(String, String)>,
    pub note: Option<String>,
}

/// A success code.
#[derive(Debug, Clone, PartialEq)]
pub struct Success {
    pub code: String,
    pub status: u16,
    pub messages: Vec<String>,
    /// `(language tag, text)`, as [`Entry::action`].
    pub action: Vec<(String, String)>,
    pub note: Option<String>,
}

/// A validated catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    /// Default type name.
    pub name: String,
    pub vendor: Vendor,
    pub source: String,
    /// Language tags, `en` first.
    pub languages: Vec<String>,
    pub entries: Vec<Entry>,
    pub success: Vec<Success>,
    pub note: Option<String>,
}

impl Catalog {
    /// [`Catalog::languages`] as [`Lang`]s (validated tags; an unknown one,
    /// which validation rejects, reads as English).
    pub fn langs(&self) -> Vec<Lang> {
        self.languages
            .iter()
            .map(|t| Lang::from_tag(t).unwrap_or(Lang::En))
            .collect()
    }

    /// "216 codes, 1 success code, languages en, zh": what `check` prints.
    pub fn summary(&self) -> String {
        format!(
            "{}, {}, languages {}",
            counted(self.entries.len(), "code"),
            counted(self.success.len(), "success code"),
            self.languages.join(", ")
        )
    }

    /// `texts`, one per language in [`Catalog::languages`] order, paired
    /// with their language tags.
    pub fn by_language(&self, texts: impl IntoIterator<Item = String>) -> Vec<(String, String)> {
        self.languages.iter().cloned().zip(texts).collect()
    }
}

/// "1 code", "2 codes": `n` and the noun, plural unless `n` is 1.
pub(crate) fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_codes() {
        let t = Template::parse_code("InvalidParameter.{field}").unwrap();
        assert_eq!(
            t.parts,
            vec![
                Part::Lit("InvalidParameter.".into()),
                Part::Field("field".into())
            ]
        );
        assert_eq!(t.literals(), vec!["InvalidParameter.", ""]);
        assert_eq!(t.with_placeholder_token("%s"), "InvalidParameter.%s");
        assert!(!Template::parse_code("CBC.0100").unwrap().is_template());
        assert!(Template::parse_code("A.{x}{y}").is_err());
        assert!(Template::parse_code("A.{x}.{x}").is_err());
        assert!(Template::parse_code("A.{1x}").is_err());
        assert!(Template::parse_code("A}").is_err());
        assert_eq!(
            Template::parse_code("{a}-{b}").unwrap().literals(),
            vec!["", "-", ""]
        );
    }

    #[test]
    fn splits_messages_keeping_other_braces() {
        let fields = vec!["field".to_owned()];
        let t = Template::parse_message("{} {0} {field} {{field}} }", &fields).unwrap();
        assert_eq!(t.fields(), vec!["field", "field"]);
        assert_eq!(t.with_placeholder_token("%s"), "{} {0} %s {%s} }");
        assert_eq!(
            Template::parse_message("{other}", &fields).unwrap_err(),
            vec!["other".to_owned()]
        );
    }

    #[test]
    fn vendor_forms() {
        assert_eq!(vendor_code("A.{f}.B.{g}", Some("%s")), "A.%s.B.%s");
        assert_eq!(vendor_code("A.{f}", None), "A.{f}");
        assert_eq!(vendor_code("A.}", Some("%s")), "A.}");
        assert_eq!(
            vendor_message("x {f} {0} {}", "A.{f}", Some("%s")),
            "x %s {0} {}"
        );
        assert_eq!(
            vendor_message("x {g}", "A.{f}", Some("%s")),
            "x {g}",
            "not a message of the code: as written"
        );
        assert_eq!(vendor_message("-", "A.{f}", Some("%s")), "-");
        assert_eq!(vendor_message("x {f}", "A.{f}", None), "x {f}");
    }
}
