//! Parse stage: YAML nodes to the spec's syntax tree.
//!
//! Checks shapes only (known keys, value types, required keys), collecting
//! every problem; meaning (statuses, identifiers, duplicates, placeholders)
//! is checked by [`crate::spec::valid`].

use crate::diag::{Diagnostic, Diagnostics, Pos, closest};
use crate::spec::yaml::{Node, Value};

/// A value with the position it was written at.
#[derive(Debug, Clone, PartialEq)]
pub struct At<T> {
    pub value: T,
    pub pos: Pos,
}

/// One spec file, as written.
#[derive(Debug, Clone, Default)]
pub struct SpecFile {
    /// The file as shown in diagnostics.
    pub file: String,
    pub catalog: Option<At<String>>,
    pub vendor: Option<At<String>>,
    pub source: Option<At<String>>,
    pub languages: Vec<At<String>>,
    pub default_status: Option<At<i128>>,
    pub default_retry: Option<At<String>>,
    pub includes: Vec<At<String>>,
    pub errors: Vec<Entry>,
    pub success: Vec<Entry>,
    pub note: Option<At<String>>,
}

/// One item of `errors` or `success`.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// Where the item starts.
    pub pos: Pos,
    pub code: Option<At<String>>,
    pub name: Option<At<String>>,
    pub status: Option<At<i128>>,
    pub retry: Option<At<String>>,
    /// `(language, text)` in the order written.
    pub messages: Vec<(At<String>, At<String>)>,
    pub note: Option<At<String>>,
    pub source: Option<At<String>>,
    pub vendor_placeholder: Option<At<String>>,
    /// `action`: what to do about the error, `(language, text)` as written.
    pub action: Vec<(At<String>, At<String>)>,
    pub alternates: Vec<Alternate>,
    /// Every key written, even those whose value was rejected (so a wrong
    /// value is not also reported as a missing key).
    pub keys: Vec<String>,
}

/// Another text the vendor documents for the same code.
#[derive(Debug, Clone, Default)]
pub struct Alternate {
    pub pos: Pos,
    pub status: Option<At<i128>>,
    pub messages: Vec<(At<String>, At<String>)>,
    pub action: Vec<(At<String>, At<String>)>,
    pub note: Option<At<String>>,
}

/// The spec tags of the languages the runtime knows (`Lang::ALL`), in order.
pub(crate) fn language_tags() -> Vec<&'static str> {
    crate::model::Lang::ALL.iter().map(|l| l.tag()).collect()
}

/// Whether `tag` is the spec tag of a language the runtime knows.
pub(crate) fn is_language(tag: &str) -> bool {
    crate::model::Lang::ALL.iter().any(|l| l.tag() == tag)
}

const TOP_KEYS: &[&str] = &[
    "catalog",
    "vendor",
    "source",
    "languages",
    "defaults",
    "include",
    "errors",
    "success",
    "note",
];
const DEFAULT_KEYS: &[&str] = &["status", "retry"];
const ERROR_KEYS: &[&str] = &[
    "code",
    "name",
    "status",
    "retry",
    "note",
    "source",
    "alternates",
    "vendor_placeholder",
    "action",
];
const SUCCESS_KEYS: &[&str] = &["code", "status", "note", "source", "action"];
const ALTERNATE_KEYS: &[&str] = &["status", "note", "action"];

struct Parser<'a> {
    file: &'a str,
    diags: &'a mut Diagnostics,
    languages: Vec<String>,
}

/// Parses a spec file's YAML tree; problems go to `diags`.
pub fn parse_spec(root: &Node, file: &str, diags: &mut Diagnostics) -> SpecFile {
    let mut spec = SpecFile {
        file: file.to_owned(),
        ..SpecFile::default()
    };
    let mut p = Parser {
        file,
        diags,
        languages: Vec::new(),
    };
    let Some(pairs) = p.map(
        root,
        "the spec (a mapping with `catalog`, `vendor`, `errors`, ...)",
    ) else {
        return spec;
    };
    // Languages first: entries' message keys depend on them.
    if let Some((_, v)) = pairs.iter().find(|(k, _)| key_str(k) == Some("languages")) {
        spec.languages = p.string_seq(v, "languages");
        p.languages = spec.languages.iter().map(|l| l.value.clone()).collect();
    }
    let mut errors_node = None;
    let mut success_node = None;
    for (key, value) in p.keys(pairs, TOP_KEYS, &[]) {
        match key.value.as_str() {
            "catalog" => spec.catalog = p.string(value, "catalog"),
            "vendor" => spec.vendor = p.string(value, "vendor"),
            "source" => spec.source = p.string(value, "source"),
            "note" => spec.note = p.string(value, "note"),
            "languages" => {}
            "include" => spec.includes = p.string_seq(value, "include"),
            "defaults" => {
                if let Some(dpairs) = p.map(value, "`defaults` (a mapping with `status`, `retry`)")
                {
                    for (k, v) in p.keys(dpairs, DEFAULT_KEYS, &[]) {
                        match k.value.as_str() {
                            "status" => spec.default_status = p.int(v, "defaults.status"),
                            _ => spec.default_retry = p.string(v, "defaults.retry"),
                        }
                    }
                }
            }
            "errors" => errors_node = Some(value),
            _ => success_node = Some(value),
        }
    }
    if let Some(node) = errors_node {
        spec.errors = p.entries(node, "errors", ERROR_KEYS);
    }
    if let Some(node) = success_node {
        spec.success = p.entries(node, "success", SUCCESS_KEYS);
    }
    let top = root.pos(file);
    for (key, present) in [
        ("catalog", spec.catalog.is_some()),
        ("vendor", spec.vendor.is_some()),
        ("source", spec.source.is_some()),
        (
            "languages",
            pairs.iter().any(|(k, _)| key_str(k) == Some("languages")),
        ),
        ("errors", errors_node.is_some()),
    ] {
        let already_reported = pairs.iter().any(|(k, _)| key_str(k) == Some(key));
        if !present && !already_reported {
            p.diags.push(
                Diagnostic::new(top.clone(), format!("missing required key `{key}`")).help(
                    format!("add `{key}:` at the top level (see specs/SCHEMA.md)"),
                ),
            );
        }
    }
    spec
}

fn key_str(node: &Node) -> Option<&str> {
    match &node.value {
        Value::Str(s) => Some(s),
        _ => None,
    }
}

impl Parser<'_> {
    fn pos(&self, node: &Node) -> Pos {
        node.pos(self.file)
    }

    fn wrong_type(&mut self, node: &Node, what: &str, expected: &str) {
        let mut d = Diagnostic::new(
            self.pos(node),
            format!(
                "wrong type for {what}: expected {expected}, found {}",
                node.value.kind()
            ),
        );
        d = match &node.value {
            Value::Seq(items)
                if expected == "a string"
                    && items.len() == 1
                    && matches!(items[0].value, Value::Null) =>
            {
                d.help("a bare `-` starts a YAML sequence; write the text `-` as `\"-\"`")
            }
            Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::Null
                if expected == "a string" =>
            {
                d.help("quote the value so YAML reads it as text, e.g. `\"0100\"`")
            }
            Value::Str(_) if expected.contains("integer") => {
                d.help("write the number without quotes")
            }
            _ => d.help(format!("write {what} as {expected}")),
        };
        self.diags.push(d);
    }

    fn map<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [(Node, Node)]> {
        match &node.value {
            Value::Map(pairs) => Some(pairs),
            _ => {
                self.wrong_type(node, what, "a mapping");
                None
            }
        }
    }

    fn string(&mut self, node: &Node, what: &str) -> Option<At<String>> {
        match &node.value {
            Value::Str(s) => Some(At {
                value: s.clone(),
                pos: self.pos(node),
            }),
            _ => {
                self.wrong_type(node, &format!("`{what}`"), "a string");
                None
            }
        }
    }

    fn int(&mut self, node: &Node, what: &str) -> Option<At<i128>> {
        match &node.value {
            Value::Int(i) => Some(At {
                value: *i,
                pos: self.pos(node),
            }),
            _ => {
                self.wrong_type(node, &format!("`{what}`"), "an integer (an HTTP status)");
                None
            }
        }
    }

    fn string_seq(&mut self, node: &Node, what: &str) -> Vec<At<String>> {
        match &node.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(|item| self.string(item, what))
                .collect(),
            _ => {
                self.wrong_type(node, &format!("`{what}`"), "a sequence of strings");
                Vec::new()
            }
        }
    }

    /// The string keys of a mapping that are known; unknown, duplicate and
    /// non-string keys are reported. `language_keys` lists extra keys allowed
    /// as message languages.
    fn keys<'n>(
        &mut self,
        pairs: &'n [(Node, Node)],
        known: &[&str],
        languages: &[String],
    ) -> Vec<(At<String>, &'n Node)> {
        let mut out: Vec<(At<String>, &Node)> = Vec::new();
        for (k, v) in pairs {
            let Some(name) = key_str(k) else {
                self.wrong_type(k, "a key", "a string");
                continue;
            };
            let pos = self.pos(k);
            if let Some((first, _)) = out.iter().find(|(f, _)| f.value == name) {
                self.diags.push(
                    Diagnostic::new(pos, format!("duplicate key `{name}`"))
                        .note(first.pos.clone(), "first written here")
                        .help("remove one of the two"),
                );
                continue;
            }
            if known.contains(&name) || languages.iter().any(|l| l == name) {
                out.push((
                    At {
                        value: name.to_owned(),
                        pos,
                    },
                    v,
                ));
                continue;
            }
            let mut d = Diagnostic::new(pos, format!("unknown key `{name}`"));
            let candidates = known
                .iter()
                .copied()
                .chain(languages.iter().map(String::as_str));
            if let Some(best) = closest(name, candidates) {
                d = d.help(format!("did you mean `{best}`?"));
            } else if is_language(name) {
                d = d.help(format!(
                    "`{name}` is a language: add it to `languages` at the top level"
                ));
            } else {
                d = d.help(format!(
                    "allowed keys here: {}",
                    join_keys(known, languages)
                ));
            }
            self.diags.push(d);
        }
        out
    }

    fn entries(&mut self, node: &Node, what: &str, known: &[&str]) -> Vec<Entry> {
        let Value::Seq(items) = &node.value else {
            self.wrong_type(
                node,
                &format!("`{what}`"),
                "a sequence of entries (`- code: ...`)",
            );
            return Vec::new();
        };
        let languages = self.languages.clone();
        let mut entries = Vec::new();
        for item in items {
            let Some(pairs) = self.map(item, &format!("an item of `{what}`")) else {
                continue;
            };
            let mut e = Entry {
                pos: self.pos(item),
                ..Entry::default()
            };
            e.keys = pairs
                .iter()
                .filter_map(|(k, _)| key_str(k).map(str::to_owned))
                .collect();
            for (k, v) in self.keys(pairs, known, &languages) {
                match k.value.as_str() {
                    "code" => e.code = self.string(v, "code"),
                    "name" => e.name = self.string(v, "name"),
                    "status" => e.status = self.int(v, "status"),
                    "retry" => e.retry = self.string(v, "retry"),
                    "note" => e.note = self.string(v, "note"),
                    "source" => e.source = self.string(v, "source"),
                    "vendor_placeholder" => {
                        e.vendor_placeholder = self.string(v, "vendor_placeholder")
                    }
                    "alternates" => e.alternates = self.alternates(v),
                    "action" => e.action = self.action(v),
                    lang => {
                        if let Some(text) = self.string(v, lang) {
                            e.messages.push((k.clone(), text));
                        }
                    }
                }
            }
            if e.code.is_none() && !pairs.iter().any(|(k, _)| key_str(k) == Some("code")) {
                self.diags.push(
                    Diagnostic::new(e.pos.clone(), format!("an item of `{what}` has no `code`"))
                        .help("add `code: <the vendor's error code>`"),
                );
            }
            entries.push(e);
        }
        entries
    }

    fn alternates(&mut self, node: &Node) -> Vec<Alternate> {
        let Value::Seq(items) = &node.value else {
            self.wrong_type(node, "`alternates`", "a sequence of mappings");
            return Vec::new();
        };
        let languages = self.languages.clone();
        let mut out = Vec::new();
        for item in items {
            let Some(pairs) = self.map(item, "an item of `alternates`") else {
                continue;
            };
            let mut a = Alternate {
                pos: self.pos(item),
                ..Alternate::default()
            };
            for (k, v) in self.keys(pairs, ALTERNATE_KEYS, &languages) {
                match k.value.as_str() {
                    "status" => a.status = self.int(v, "status"),
                    "note" => a.note = self.string(v, "note"),
                    "action" => a.action = self.action(v),
                    lang => {
                        if let Some(text) = self.string(v, lang) {
                            a.messages.push((k.clone(), text));
                        }
                    }
                }
            }
            out.push(a);
        }
        out
    }
}

impl Parser<'_> {
    /// `action: { zh: "...", en: "..." }`: one text per known language.
    fn action(&mut self, node: &Node) -> Vec<(At<String>, At<String>)> {
        let Value::Map(pairs) = &node.value else {
            self.wrong_type(
                node,
                "`action`",
                "a mapping from language to text, e.g. `{ zh: \"请稍后重试。\" }`",
            );
            return Vec::new();
        };
        let mut out: Vec<(At<String>, At<String>)> = Vec::new();
        for (k, v) in pairs {
            let Some(name) = key_str(k) else {
                self.wrong_type(k, "a key of `action`", "a language tag");
                continue;
            };
            let pos = self.pos(k);
            if let Some((first, _)) = out.iter().find(|(l, _)| l.value == name) {
                self.diags.push(
                    Diagnostic::new(pos, format!("`action` gives language `{name}` twice"))
                        .note(first.pos.clone(), "first written here")
                        .help("remove one of the two"),
                );
                continue;
            }
            if !is_language(name) {
                let tags = language_tags();
                let list = tags
                    .iter()
                    .map(|l| format!("`{l}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let mut d = Diagnostic::new(pos, format!("unknown language `{name}` in `action`"));
                d = match closest(name, tags.iter().copied()) {
                    Some(best) => d.help(format!("did you mean `{best}`? (one of {list})")),
                    None => d.help(format!("the keys of `action` are languages: {list}")),
                };
                self.diags.push(d);
                continue;
            }
            if let Some(text) = self.string(v, &format!("action.{name}")) {
                out.push((
                    At {
                        value: name.to_owned(),
                        pos,
                    },
                    text,
                ));
            }
        }
        out
    }
}

fn join_keys(known: &[&str], languages: &[String]) -> String {
    known
        .iter()
        .map(|k| format!("`{k}`"))
        .chain(languages.iter().map(|l| format!("`{l}`")))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::yaml;

    fn parse(text: &str) -> (SpecFile, Diagnostics) {
        let node = yaml::parse(text, "t.yaml").unwrap();
        let mut diags = Diagnostics::default();
        let spec = parse_spec(&node, "t.yaml", &mut diags);
        (spec, diags)
    }

    #[test]
    fn parses_a_complete_spec() {
        let (spec, diags) = parse(
            "catalog: X\nvendor: huawei\nsource: s\nlanguages: [en, zh]\ndefaults: {status: 400, retry: never}\n\
             errors:\n  - code: A.1\n    en: one\n    zh: 一\n    alternates:\n      - en: uno\n        note: other\n\
             success:\n  - code: OK\n    status: 200\n    en: ok\n    zh: 好\n",
        );
        assert!(diags.is_empty(), "{diags}");
        assert_eq!(spec.catalog.unwrap().value, "X");
        assert_eq!(spec.default_status.unwrap().value, 400);
        assert_eq!(spec.errors.len(), 1);
        assert_eq!(spec.errors[0].messages.len(), 2);
        assert_eq!(spec.errors[0].alternates[0].messages[0].1.value, "uno");
        assert_eq!(spec.success[0].code.as_ref().unwrap().value, "OK");
    }

    #[test]
    fn reports_every_shape_problem() {
        let (_, diags) = parse(
            "catalog: X\nvendor: huawei\nlanguages: [en]\nerrors:\n  - code: A\n    stauts: 400\n    en: [x]\n  - name: B\n    ja: x\n",
        );
        let text = diags.to_string();
        assert!(
            text.contains("unknown key `stauts`") && text.contains("did you mean `status`?"),
            "{text}"
        );
        assert!(text.contains("t.yaml:6:5"), "{text}");
        assert!(
            text.contains("wrong type for `en`: expected a string, found a sequence"),
            "{text}"
        );
        assert!(text.contains("has no `code`"), "{text}");
        assert!(text.contains("unknown key `ja`"), "{text}");
        assert!(text.contains("missing required key `source`"), "{text}");
        assert_eq!(diags.len(), 5, "{text}");
    }

    #[test]
    fn parses_actions_and_reports_their_problems() {
        let (spec, diags) = parse(
            "catalog: X\nvendor: huawei\nsource: s\nlanguages: [en]\nerrors:\n  - code: A\n    en: a\n    action: { zh: 请稍后重试。, ja: 後で再試行 }\n    alternates:\n      - en: b\n        action: { en: wait }\n",
        );
        assert!(diags.is_empty(), "{diags}");
        let action: Vec<(&str, &str)> = spec.errors[0]
            .action
            .iter()
            .map(|(l, t)| (l.value.as_str(), t.value.as_str()))
            .collect();
        assert_eq!(action, [("zh", "请稍后重试。"), ("ja", "後で再試行")]);
        assert_eq!(spec.errors[0].alternates[0].action[0].1.value, "wait");
        let (_, diags) = parse(
            "catalog: X\nvendor: huawei\nsource: s\nlanguages: [en]\nerrors:\n  - code: A\n    en: a\n    action: { jp: x, fr: y, en: [z] }\n  - code: B\n    en: b\n    action: wait\n",
        );
        let text = diags.to_string();
        assert!(
            text.contains("unknown language `jp` in `action`")
                && text.contains("did you mean `ja`?"),
            "{text}"
        );
        assert!(text.contains("unknown language `fr` in `action`"), "{text}");
        assert!(
            text.contains("wrong type for `action.en`: expected a string"),
            "{text}"
        );
        assert!(
            text.contains("wrong type for `action`: expected a mapping from language to text"),
            "{text}"
        );
        assert_eq!(diags.len(), 4, "{text}");
    }

    #[test]
    fn undeclared_language_gets_a_hint() {
        let (_, diags) = parse(
            "catalog: X\nvendor: huawei\nsource: s\nlanguages: [en]\nerrors:\n  - code: A\n    en: a\n    zh: b\n",
        );
        assert!(
            diags.to_string().contains("add it to `languages`"),
            "{diags}"
        );
    }
}
