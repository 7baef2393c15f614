//! Reading YAML with serde-saphyr into positioned [`Node`]s.

use crate::diag::{Diagnostic, Pos};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Budget, Options, Spanned};
use std::fmt;

/// Largest spec file accepted, in bytes.
pub const MAX_SPEC_BYTES: usize = 16 * 1024 * 1024;

/// A YAML value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub(crate) line: u32,
    pub(crate) col: u32,
    pub(crate) value: Value,
}

/// A YAML value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// What the value is, for "expected X, found Y" messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null (an empty value)",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a sequence",
            Value::Map(_) => "a mapping",
        }
    }
}

impl Node {
    pub(crate) fn pos(&self, file: &str) -> Pos {
        Pos::new(file, self.line, self.col)
    }
}

/// Parses one YAML document. Anchors, aliases and sizes are bounded by the
/// library's budget, so alias bombs fail fast with an error.
///
/// The shape nearly every spec has is read by [`super::simple`], which is
/// many times faster in an unoptimised proc-macro; whatever it does not
/// take goes to the general parser.
pub fn parse(text: &str, file: &str) -> Result<Node, Diagnostic> {
    if text.len() <= MAX_SPEC_BYTES
        && let Some(node) = super::simple::read(text)
    {
        return Ok(node);
    }
    parse_general(text, file)
}

/// [`parse`] without the simple reader: every document through the general
/// parser.
pub(super) fn parse_general(text: &str, file: &str) -> Result<Node, Diagnostic> {
    if text.len() > MAX_SPEC_BYTES {
        return Err(Diagnostic::new(
            Pos::file_start(file),
            format!(
                "spec is {} bytes, more than the limit of {} bytes",
                text.len(),
                MAX_SPEC_BYTES
            ),
        )
        .help("split the catalog into several files joined with `include`"));
    }
    // Node and event limits follow the file's size (a YAML value takes at
    // least one byte, and at most two events), so every spec within
    // MAX_SPEC_BYTES that is valid loads; aliases and anchors, the only way
    // to make more values than bytes, stay few.
    let mut budget = Budget::default();
    budget.max_aliases = MAX_ALIASES;
    budget.max_anchors = MAX_ALIASES;
    budget.max_nodes = text.len() + 64;
    budget.max_events = 2 * text.len() + 128;
    budget.max_total_scalar_bytes = text.len() + 64;
    let mut options = Options::default();
    options.budget = Some(budget);
    match serde_saphyr::from_str_with_options::<Spanned<RawNode>>(text, options) {
        Ok(spanned) => Ok(convert(spanned)),
        Err(err) => {
            let (line, col) = err
                .location()
                .map(|l| (clamp(l.line()), clamp(l.column())))
                .unwrap_or((1, 1));
            if let Some(tab) = indentation_tab(text, line) {
                return Err(Diagnostic::new(
                    Pos::new(file, tab.0, tab.1),
                    "a tab in the indentation: YAML indents with spaces only",
                )
                .help("replace the tab with spaces, as many as the lines around it use"));
            }
            if let Some((message, help)) = in_spec_words(err.without_snippet()) {
                return Err(
                    Diagnostic::new(Pos::new(file, line.max(1), col.max(1)), message).help(help),
                );
            }
            let message = without_location(&first_line(&err.without_snippet().to_string()));
            let help = if message.contains("block sequence entries are not allowed") {
                "a bare `-` starts a YAML sequence; to write the text `-`, quote it: `\"-\"`"
            } else {
                "fix the YAML syntax; quote values that contain `: `, ` #` or start with `-`, `*`, `&`, `!`, `%`, `@`, `[`, `{`"
            };
            Err(Diagnostic::new(
                Pos::new(file, line.max(1), col.max(1)),
                format!("invalid YAML: {message}"),
            )
            .help(help))
        }
    }
}

fn clamp(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Aliases (`*name`) and anchors (`&name`) a spec may hold.
const MAX_ALIASES: usize = 1_000;

/// The errors whose library text speaks to the library's API users (budgets,
/// options, entry points), said to the spec's author instead.
fn in_spec_words(err: &serde_saphyr::Error) -> Option<(String, String)> {
    use serde_saphyr::Error;
    use serde_saphyr::budget::BudgetBreach;
    match err {
        Error::Budget { breach, .. } => {
            let what = match breach {
                BudgetBreach::Aliases { .. } => {
                    format!("the spec uses more than {MAX_ALIASES} YAML aliases (`*name`)")
                }
                BudgetBreach::Anchors { .. } => {
                    format!("the spec defines more than {MAX_ALIASES} YAML anchors (`&name`)")
                }
                BudgetBreach::Depth { depth } => {
                    format!("the spec nests values {depth} levels deep, more than YAML reading allows")
                }
                _ => "the spec expands to more YAML values than its size allows (through aliases)".to_owned(),
            };
            Some((what, "write the values out instead of repeating them through aliases; a spec needs no anchors".to_owned()))
        }
        Error::MultipleDocuments { .. } => Some((
            "the file holds more than one YAML document (a `---` line between them)".to_owned(),
            "one spec per file: remove the `---` line, or split the catalog into files joined with `include`".to_owned(),
        )),
        Error::DuplicateMappingKey { key, .. } => Some((
            match key {
                Some(k) => format!("key `{k}` appears twice in the same mapping"),
                None => "a key appears twice in the same mapping".to_owned(),
            },
            "keep one of them: a second value would silently replace the first".to_owned(),
        )),
        _ => None,
    }
}

/// A tab in the leading whitespace of a non-blank line next to the one the
/// parser stopped at (it stops on the line before a tab-indented key when
/// that key could continue a plain scalar): `(line, col)`. Only those lines:
/// a tab that starts a continuation line of a quoted text elsewhere is valid.
fn indentation_tab(text: &str, error_line: u32) -> Option<(u32, u32)> {
    let near = error_line.saturating_sub(1)..=error_line.saturating_add(1);
    text.lines()
        .zip(1u32..)
        .skip(usize::try_from(error_line.saturating_sub(2)).unwrap_or(0))
        .take_while(|(_, n)| *n <= *near.end())
        .filter(|(_, n)| near.contains(n))
        .find_map(|(l, n)| {
            let indent = l.len() - l.trim_start_matches([' ', '\t']).len();
            let blank = indent == l.len();
            let col = l[..indent].find('\t')?;
            (!blank).then(|| (n, u32::try_from(col).unwrap_or(u32::MAX - 1) + 1))
        })
}

/// The parser's message without its own " at line L, column C": the
/// diagnostic's `-->` line says where.
fn without_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(", column ") => message[..i].to_owned(),
        _ => message.to_owned(),
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_owned()
}

fn convert(spanned: Spanned<RawNode>) -> Node {
    let loc = spanned.referenced;
    let value = match spanned.value {
        RawNode::Null => Value::Null,
        RawNode::Bool(b) => Value::Bool(b),
        RawNode::Int(i) => Value::Int(i),
        RawNode::Float(x) => Value::Float(x),
        RawNode::Str(s) => Value::Str(s),
        RawNode::Seq(items) => Value::Seq(items.into_iter().map(convert).collect()),
        RawNode::Map(pairs) => Value::Map(
            pairs
                .into_iter()
                .map(|(k, v)| (convert(k), convert(v)))
                .collect(),
        ),
    };
    Node {
        line: clamp(loc.line()),
        col: clamp(loc.column()),
        value,
    }
}

/// The tree as the YAML library hands it over.
enum RawNode {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<RawNode>>),
    Map(Vec<(Spanned<RawNode>, Spanned<RawNode>)>),
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawNode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawNode, E> {
        Ok(RawNode::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawNode, E> {
        Ok(RawNode::Int(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawNode, E> {
        Ok(RawNode::Int(v.into()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<RawNode, E> {
        Ok(RawNode::Int(v))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawNode, E> {
        Ok(RawNode::Int(i128::try_from(v).unwrap_or(i128::MAX)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawNode, E> {
        Ok(RawNode::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawNode, E> {
        Ok(RawNode::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<RawNode, E> {
        Ok(RawNode::Str(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawNode, D::Error> {
        RawNode::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<RawNode>>()? {
            items.push(item);
        }
        Ok(RawNode::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
        let mut pairs = Vec::new();
        while let Some(key) = map.next_key::<Spanned<RawNode>>()? {
            let value = map.next_value::<Spanned<RawNode>>()?;
            pairs.push((key, value));
        }
        Ok(RawNode::Map(pairs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(node: &Node) -> &[(Node, Node)] {
        match &node.value {
            Value::Map(m) => m,
            other => panic!("expected a map, got {other:?}"),
        }
    }

    #[test]
    fn keeps_types_and_positions() {
        let doc = "a: 1\nb: \"400\"\nc: -\nd: text: more\n";
        let err = parse(doc, "t.yaml").unwrap_err();
        assert_eq!(err.pos.file, "t.yaml");
        assert!(err.pos.line >= 3, "{err}");

        let doc = "a: 1\nb: \"400\"\nc: \"-\"\nd:\n  - x\n  - 2\n";
        let root = parse(doc, "t.yaml").unwrap();
        let m = map(&root);
        assert_eq!(m[0].1.value, Value::Int(1));
        assert_eq!((m[0].1.line, m[0].1.col), (1, 4));
        assert_eq!(m[1].1.value, Value::Str("400".into()));
        assert_eq!((m[1].0.line, m[1].0.col), (2, 1));
        assert_eq!(m[2].1.value, Value::Str("-".into()));
        match &m[3].1.value {
            Value::Seq(items) => {
                assert_eq!(items[0].value, Value::Str("x".into()));
                assert_eq!((items[1].line, items[1].col), (6, 5));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bare_dash_is_a_sequence() {
        let root = parse("zh: -\n", "t.yaml");
        // Either a syntax error or a sequence: never the string "-".
        if let Ok(root) = root {
            assert_ne!(map(&root)[0].1.value, Value::Str("-".into()));
        }
    }

    #[test]
    fn oversized_spec_is_refused_before_parsing() {
        // Valid YAML, one byte over the limit: refused by size, at 1:1.
        let mut doc = String::from("note: \"");
        doc.push_str(&"x".repeat(MAX_SPEC_BYTES - doc.len()));
        doc.push('"');
        let started = std::time::Instant::now();
        let err = parse(&doc, "huge.yaml").unwrap_err();
        assert!(started.elapsed().as_secs() < 10);
        assert!(err.message.contains("more than the limit"), "{err}");
        assert_eq!((err.pos.line, err.pos.col), (1, 1));
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut doc = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for c in 'b'..='p' {
            doc.push_str(&format!(
                "{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
            prev = c;
        }
        let started = std::time::Instant::now();
        let err = parse(&doc, "bomb.yaml").unwrap_err();
        assert!(started.elapsed().as_secs() < 10);
        assert!(err.message.starts_with("invalid YAML"), "{err}");
    }
}
