//! Reading YAML into positioned [`Node`]s: the simple reader for the shape
//! specs are written in, else the events of the YAML parser (granit-parser,
//! the parser serde-saphyr is built on) made into a tree here.

use crate::diag::{Diagnostic, Pos};
use granit_parser::{Event, Parser, ScalarStyle, ScanError, Span, Tag};
use std::collections::HashSet;

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

/// Parses one YAML document. Anchors, aliases, nesting and the values
/// aliases expand to are bounded, so alias bombs and deep nesting fail fast
/// with an error.
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
    match Builder::new(text).run() {
        Ok(node) => Ok(node),
        Err(Problem::Syntax(err)) => Err(syntax_error(text, file, &err)),
        Err(Problem::Spec {
            line,
            col,
            message,
            help,
        }) => Err(Diagnostic::new(Pos::new(file, line, col), message).help(help)),
    }
}

/// Aliases (`*name`) and anchors (`&name`) a spec may hold.
const MAX_ALIASES: usize = 1_000;

/// Sequences and mappings a value may sit in.
const MAX_DEPTH: usize = 64;

/// Why a document was not read.
enum Problem {
    /// The parser's own error: the text is not YAML.
    Syntax(ScanError),
    /// YAML, but not what a spec can be (two documents, a duplicate key, a
    /// limit passed, a tag), said in the spec author's words.
    Spec {
        line: u32,
        col: u32,
        message: String,
        help: String,
    },
}

impl Problem {
    fn at(span: &Span, message: impl Into<String>, help: impl Into<String>) -> Self {
        Self::at_position(position(span), message, help)
    }

    fn at_position(
        (line, col): (u32, u32),
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Problem::Spec {
            line,
            col,
            message: message.into(),
            help: help.into(),
        }
    }
}

/// The 1-based line and column a span starts at.
fn position(span: &Span) -> (u32, u32) {
    (
        clamp(span.start.line()),
        clamp(span.start.col().saturating_add(1)),
    )
}

fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A sequence or mapping being read.
struct Open {
    line: u32,
    col: u32,
    anchor: usize,
    /// Values it holds so far (aliases counted by what they expand to).
    size: usize,
    /// Levels of collections in it so far (1: no collection inside).
    height: usize,
    kind: OpenKind,
}

enum OpenKind {
    Seq(Vec<Node>),
    /// The pairs so far, a key waiting for its value, and the scalar keys
    /// so far (a set: a duplicate is found in constant time, whatever the
    /// mapping's size).
    Map(Vec<(Node, Node)>, Option<Node>, HashSet<ScalarKey>),
}

/// A scalar key, comparable and hashable (numbers by value: `1` and
/// `0x1` are one key, as `Value`'s equality says).
#[derive(PartialEq, Eq, Hash)]
enum ScalarKey {
    Null,
    Bool(bool),
    Int(i128),
    /// The bits of the number (zero's sign dropped).
    Float(u64),
    Str(String),
}

impl ScalarKey {
    fn of(value: &Value) -> Option<Self> {
        Some(match value {
            Value::Null => ScalarKey::Null,
            Value::Bool(b) => ScalarKey::Bool(*b),
            Value::Int(i) => ScalarKey::Int(*i),
            Value::Float(x) => ScalarKey::Float(if *x == 0.0 { 0 } else { x.to_bits() }),
            Value::Str(s) => ScalarKey::Str(s.clone()),
            Value::Seq(_) | Value::Map(_) => return None,
        })
    }
}

/// Builds the tree from the parser's events, within the limits.
struct Builder<'a> {
    parser: Parser<'a, granit_parser::StrInput<'a>>,
    open: Vec<Open>,
    /// Anchored values by the parser's anchor id.
    anchors: Vec<Anchored>,
    aliases: usize,
    /// Values made so far, aliases counted by what they expand to.
    values: usize,
    max_values: usize,
    root: Option<Node>,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Self {
        let mut options = granit_parser::Options::default();
        options.emit_comments = false;
        Builder {
            parser: Parser::new_from_str_with_options(text, options),
            open: Vec::new(),
            anchors: Vec::new(),
            aliases: 0,
            values: 0,
            // A value takes at least one byte; only aliases make more.
            max_values: text.len() + 64,
            root: None,
        }
    }

    fn run(mut self) -> Result<Node, Problem> {
        let mut documents = 0;
        while let Some(next) = self.parser.next_event() {
            let (event, span) = next.map_err(Problem::Syntax)?;
            match event {
                Event::DocumentStart(..) => {
                    documents += 1;
                    if documents > 1 {
                        return Err(Problem::at(
                            &span,
                            "the file holds more than one YAML document (a `---` line between them)",
                            "one spec per file: remove the `---` line, or split the catalog into files joined with `include`",
                        ));
                    }
                }
                Event::Scalar(text, style, anchor, tag) => {
                    let value = scalar(&text, style, tag.as_deref(), &span)?;
                    self.value(&span, anchor, value, 1)?;
                }
                Event::SequenceStart(_, anchor, tag) => {
                    self.start(
                        &span,
                        anchor,
                        tag.as_deref(),
                        "seq",
                        OpenKind::Seq(Vec::new()),
                    )?;
                }
                Event::MappingStart(_, anchor, tag) => {
                    self.start(
                        &span,
                        anchor,
                        tag.as_deref(),
                        "map",
                        OpenKind::Map(Vec::new(), None, HashSet::new()),
                    )?;
                }
                Event::SequenceEnd | Event::MappingEnd => self.end(&span)?,
                Event::Alias(id) => self.alias(&span, id)?,
                Event::StreamEnd => break,
                _ => {}
            }
        }
        // An empty file is one null value.
        Ok(self.root.take().unwrap_or(Node {
            line: 1,
            col: 1,
            value: Value::Null,
        }))
    }

    fn start(
        &mut self,
        span: &Span,
        anchor: usize,
        tag: Option<&Tag>,
        core: &str,
        kind: OpenKind,
    ) -> Result<(), Problem> {
        if let Some(tag) = tag
            && tag.core_suffix() != Some(core)
        {
            return Err(unknown_tag(span, tag));
        }
        self.within_depth(span, 1, false)?;
        self.count(span, 1)?;
        let (line, col) = position(span);
        self.open.push(Open {
            line,
            col,
            anchor,
            size: 1,
            height: 1,
            kind,
        });
        Ok(())
    }

    fn end(&mut self, span: &Span) -> Result<(), Problem> {
        let Some(open) = self.open.pop() else {
            return Ok(()); // the parser pairs starts and ends
        };
        let value = match open.kind {
            OpenKind::Seq(items) => Value::Seq(items),
            OpenKind::Map(pairs, ..) => Value::Map(pairs),
        };
        let node = Node {
            line: open.line,
            col: open.col,
            value,
        };
        // Counted when it started.
        self.place(span, open.anchor, node, open.size, open.height)
    }

    fn alias(&mut self, span: &Span, id: usize) -> Result<(), Problem> {
        self.aliases += 1;
        if self.aliases > MAX_ALIASES {
            return Err(Problem::at(
                span,
                format!("the spec uses more than {MAX_ALIASES} YAML aliases (`*name`)"),
                NO_ALIASES,
            ));
        }
        let Some(anchored) = self.anchors.iter().rev().find(|a| a.id == id) else {
            return Err(Problem::at(
                span,
                "an alias (`*name`) names no anchor (`&name`) before it",
                NO_ALIASES,
            ));
        };
        let (size, height, mut node) = (anchored.size, anchored.height, anchored.node.clone());
        // What the alias stands for nests as deep as where it is written
        // plus its own levels: bounded like any other value, so that no
        // tree is deeper than MAX_DEPTH (dropping and comparing recurse).
        self.within_depth(span, height, true)?;
        (node.line, node.col) = position(span);
        self.count(span, size)?;
        self.place(span, 0, node, size, height)
    }

    /// Whether a value of `levels` levels of collections fits where the
    /// reader is (`alias`: the value an alias repeats).
    fn within_depth(&self, span: &Span, levels: usize, alias: bool) -> Result<(), Problem> {
        let depth = self.open.len() + levels;
        if depth <= MAX_DEPTH {
            return Ok(());
        }
        let (how, help) = if alias {
            (" (through an alias)", NO_ALIASES)
        } else {
            (
                "",
                "a spec needs a few levels: a mapping of entries, each a mapping of fields",
            )
        };
        Err(Problem::at(
            span,
            format!(
                "the spec nests values {depth} levels deep{how}, more than YAML reading allows ({MAX_DEPTH})"
            ),
            help,
        ))
    }

    /// A scalar made: counted, then placed.
    fn value(
        &mut self,
        span: &Span,
        anchor: usize,
        value: Value,
        size: usize,
    ) -> Result<(), Problem> {
        self.count(span, size)?;
        let (line, col) = position(span);
        self.place(span, anchor, Node { line, col, value }, size, 0)
    }

    fn count(&mut self, span: &Span, size: usize) -> Result<(), Problem> {
        self.values = self.values.saturating_add(size);
        if self.values > self.max_values {
            return Err(Problem::at(
                span,
                "the spec expands to more YAML values than its size allows (through aliases)",
                NO_ALIASES,
            ));
        }
        Ok(())
    }

    /// Puts a finished value (`size` values, `height` levels of
    /// collections) where it belongs: the open collection, or the root.
    fn place(
        &mut self,
        span: &Span,
        anchor: usize,
        node: Node,
        size: usize,
        height: usize,
    ) -> Result<(), Problem> {
        if anchor != 0 {
            if self.anchors.len() >= MAX_ALIASES {
                return Err(Problem::at(
                    span,
                    format!("the spec defines more than {MAX_ALIASES} YAML anchors (`&name`)"),
                    NO_ALIASES,
                ));
            }
            self.anchors.push(Anchored {
                id: anchor,
                node: node.clone(),
                size,
                height,
            });
        }
        let Some(open) = self.open.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        open.size = open.size.saturating_add(size);
        open.height = open.height.max(height + 1);
        match &mut open.kind {
            OpenKind::Seq(items) => items.push(node),
            OpenKind::Map(_, key @ None, _) => *key = Some(node),
            OpenKind::Map(pairs, key @ Some(_), keys) => {
                let Some(key) = key.take() else {
                    return Ok(()); // matched as Some above
                };
                if ScalarKey::of(&key.value).is_some_and(|k| !keys.insert(k)) {
                    return Err(Problem::at_position(
                        (key.line, key.col),
                        match &key.value {
                            Value::Str(k) => format!("key `{k}` appears twice in the same mapping"),
                            _ => "a key appears twice in the same mapping".to_owned(),
                        },
                        "keep one of them: a second value would silently replace the first",
                    ));
                }
                pairs.push((key, node));
            }
        }
        Ok(())
    }
}

/// A value with an anchor (`&name`), for the aliases (`*name`) after it.
struct Anchored {
    id: usize,
    node: Node,
    size: usize,
    height: usize,
}

const NO_ALIASES: &str =
    "write the values out instead of repeating them through aliases; a spec needs no anchors";

fn unknown_tag(span: &Span, tag: &Tag) -> Problem {
    Problem::at(
        span,
        format!("the YAML tag `{}` has no meaning in a spec", tag.original()),
        "remove the tag: a spec's values are plain strings, integers and lists; quote a text to keep it a string",
    )
}

/// A scalar's value. Quoted and block scalars are strings; a plain one is
/// null, a boolean (YAML 1.1's words, as serde-saphyr reads them), an
/// integer, a number, else a string. `!!str`, `!!int`, `!!bool`,
/// `!!float`, `!!null` and `!` say which; other tags are refused.
fn scalar(
    text: &str,
    style: ScalarStyle,
    tag: Option<&Tag>,
    span: &Span,
) -> Result<Value, Problem> {
    let plain = style == ScalarStyle::Plain;
    let Some(tag) = tag else {
        return Ok(if plain {
            resolve_plain(text)
        } else {
            Value::Str(text.to_owned())
        });
    };
    let typed = |value: Option<Value>, what: &str| {
        value.ok_or_else(|| {
            Problem::at(
                span,
                format!(
                    "`{text}` is not {what}, as its tag `{}` says",
                    tag.original()
                ),
                "remove the tag, or write the value its tag names",
            )
        })
    };
    match tag.core_suffix() {
        Some("str") => Ok(Value::Str(text.to_owned())),
        Some("null") => typed(is_null(text).then_some(Value::Null), "null"),
        Some("bool") => typed(boolean(trim(text)).map(Value::Bool), "a boolean"),
        Some("int") => typed(integer(trim(text)).map(Value::Int), "an integer"),
        Some("float") => typed(float(trim(text)).map(Value::Float), "a number"),
        _ if tag.original() == "!" => Ok(Value::Str(text.to_owned())),
        _ => Err(unknown_tag(span, tag)),
    }
}

fn trim(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\r', '\n'])
}

fn is_null(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

/// A plain scalar resolved as serde-saphyr resolves an untyped one: null,
/// boolean, integer (up to 64 bits), number, else the text.
fn resolve_plain(text: &str) -> Value {
    if is_null(text) {
        return Value::Null;
    }
    let t = trim(text);
    if let Some(b) = boolean(t) {
        return Value::Bool(b);
    }
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    let upper_radix = matches!(unsigned.as_bytes(), [b'0', b'X' | b'O' | b'B', ..]);
    let signed_nan = unsigned != t && matches!(unsigned, ".nan" | ".NaN" | ".NAN");
    if upper_radix || signed_nan {
        return Value::Str(text.to_owned());
    }
    if let Some(i) =
        integer(t).filter(|&i| i64::try_from(i).is_ok() || (0..=i128::from(u64::MAX)).contains(&i))
    {
        return Value::Int(i);
    }
    if let Some(x) = float(t) {
        return Value::Float(x);
    }
    Value::Str(text.to_owned())
}

/// YAML 1.1's boolean words, in any case.
fn boolean(t: &str) -> Option<bool> {
    const TRUE: [&str; 4] = ["true", "yes", "y", "on"];
    const FALSE: [&str; 4] = ["false", "no", "n", "off"];
    if TRUE.iter().any(|w| w.eq_ignore_ascii_case(t)) {
        Some(true)
    } else if FALSE.iter().any(|w| w.eq_ignore_ascii_case(t)) {
        Some(false)
    } else {
        None
    }
}

/// An integer: an optional sign, then decimal digits without a leading
/// zero, or `0x`, `0o`, `0b` and digits of that base; `_` between digits.
fn integer(t: &str) -> Option<i128> {
    let (negative, rest) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let (radix, digits) = if let Some(d) = rest.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = rest.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = rest.strip_prefix("0b") {
        (2, d)
    } else if rest.starts_with('0') && rest != "0" {
        return None;
    } else {
        (10, rest)
    };
    let bytes = digits.as_bytes();
    let mut magnitude: u128 = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            let between =
                i > 0 && bytes[i - 1] != b'_' && bytes.get(i + 1).is_some_and(|&n| n != b'_');
            if !between {
                return None;
            }
            continue;
        }
        let digit = char::from(b).to_digit(radix)?;
        magnitude = magnitude
            .checked_mul(u128::from(radix))?
            .checked_add(u128::from(digit))?;
    }
    if bytes.is_empty() {
        return None;
    }
    if negative {
        0i128.checked_sub_unsigned(magnitude)
    } else {
        i128::try_from(magnitude).ok()
    }
}

/// A number: `.inf`, `.nan` (YAML's spellings) or what Rust reads as a
/// finite `f64`, or a digit-led one too large for it (infinite).
fn float(t: &str) -> Option<f64> {
    let (negative, unsigned) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    match unsigned {
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        ".inf" | ".Inf" | ".INF" => {
            return Some(if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            });
        }
        _ => {}
    }
    let x = t.parse::<f64>().ok()?;
    (x.is_finite() || unsigned.as_bytes().first().is_some_and(u8::is_ascii_digit)).then_some(x)
}

/// The diagnostic for the parser's own error.
fn syntax_error(text: &str, file: &str, err: &ScanError) -> Diagnostic {
    let line = clamp(err.marker().line());
    let col = clamp(err.marker().col().saturating_add(1));
    if let Some(tab) = indentation_tab(text, line) {
        return Diagnostic::new(
            Pos::new(file, tab.0, tab.1),
            "a tab in the indentation: YAML indents with spaces only",
        )
        .help("replace the tab with spaces, as many as the lines around it use");
    }
    let message = first_line(&err.info());
    let help = if message.contains("block sequence entries are not allowed") {
        "a bare `-` starts a YAML sequence; to write the text `-`, quote it: `\"-\"`"
    } else {
        "fix the YAML syntax; quote values that contain `: `, ` #` or start with `-`, `*`, `&`, `!`, `%`, `@`, `[`, `{`"
    };
    Diagnostic::new(
        Pos::new(file, line.max(1), col.max(1)),
        format!("invalid YAML: {message}"),
    )
    .help(help)
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

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_owned()
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
        assert!(
            err.message
                .contains("more YAML values than its size allows"),
            "{err}"
        );
        // Refused at the first alias past the budget: the third line's
        // (the first two expand to 10 and 100 values).
        assert_eq!(err.pos.line, 3, "{err}");
    }

    fn general(doc: &str) -> Result<Node, Diagnostic> {
        parse_general(doc, "t.yaml")
    }

    fn value(doc: &str) -> Value {
        match general(doc) {
            Ok(root) => map(&root)[0].1.value.clone(),
            Err(err) => panic!("{doc:?}: {err}"),
        }
    }

    #[test]
    fn plain_scalars_resolve_as_serde_saphyr_did() {
        let cases: &[(&str, Value)] = &[
            ("~", Value::Null),
            ("null", Value::Null),
            ("NULL", Value::Null),
            ("yes", Value::Bool(true)),
            ("Off", Value::Bool(false)),
            ("TRUE", Value::Bool(true)),
            ("400", Value::Int(400)),
            ("-12", Value::Int(-12)),
            ("+7", Value::Int(7)),
            ("1_000", Value::Int(1000)),
            ("0x1F", Value::Int(31)),
            ("0o17", Value::Int(15)),
            ("0b101", Value::Int(5)),
            ("0X1F", Value::Str("0X1F".into())),
            ("-.nan", Value::Str("-.nan".into())),
            ("1.5", Value::Float(1.5)),
            ("-.inf", Value::Float(f64::NEG_INFINITY)),
            ("1e999", Value::Float(f64::INFINITY)),
            ("0100", Value::Float(100.0)),
            ("18446744073709551615", Value::Int(u64::MAX.into())),
            (
                "18446744073709551616",
                Value::Float(18_446_744_073_709_551_616.0),
            ),
            ("inf", Value::Str("inf".into())),
            ("1__0", Value::Str("1__0".into())),
            ("CBC.0250", Value::Str("CBC.0250".into())),
            ("2天内", Value::Str("2天内".into())),
        ];
        for (text, want) in cases {
            assert_eq!(&value(&format!("k: {text}\n")), want, "{text}");
            // Quoted, every one is its text.
            assert_eq!(
                value(&format!("k: '{text}'\n")),
                Value::Str((*text).into()),
                "{text}"
            );
        }
        assert!(matches!(value("k: .nan\n"), Value::Float(x) if x.is_nan()));
    }

    #[test]
    fn core_tags_type_a_scalar_and_other_tags_are_refused() {
        assert_eq!(value("k: !!str 400\n"), Value::Str("400".into()));
        assert_eq!(value("k: !!int '400'\n"), Value::Int(400));
        assert_eq!(value("k: !!bool 'no'\n"), Value::Bool(false));
        assert_eq!(value("k: !!null ''\n"), Value::Null);
        assert_eq!(value("k: ! 12\n"), Value::Str("12".into()));
        assert_eq!(
            value("k: !!seq [1]\n"),
            Value::Seq(vec![Node {
                line: 1,
                col: 11,
                value: Value::Int(1)
            }])
        );
        let err = general("a: 1\nk: !!int nope\n").unwrap_err();
        assert!(err.message.contains("is not an integer"), "{err}");
        assert_eq!((err.pos.line, err.pos.col), (2, 10), "{err}");
        for doc in ["k: !custom x\n", "k: !!map [1]\n", "k: !x {a: 1}\n"] {
            let err = general(doc).unwrap_err();
            assert!(
                err.message.contains("has no meaning in a spec"),
                "{doc}: {err}"
            );
            assert_eq!(err.pos.line, 1, "{err}");
        }
    }

    #[test]
    fn second_documents_duplicate_keys_and_unknown_aliases_are_named() {
        let err = general("a: 1\n---\nb: 2\n").unwrap_err();
        assert!(err.message.contains("more than one YAML document"), "{err}");
        assert_eq!(err.pos.line, 2, "{err}");
        let err = general("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(err.message, "key `a` appears twice in the same mapping");
        assert_eq!((err.pos.line, err.pos.col), (3, 1));
        let err = general("{1: x, 1: y}\n").unwrap_err();
        assert_eq!(err.message, "a key appears twice in the same mapping");
        assert!(
            general("a: {k: 1}\nb: {k: 2}\n").is_ok(),
            "same key, other mappings"
        );
        assert!(
            general("{1: x, 0x1: y}\n").is_err(),
            "one number, two spellings"
        );
        // 200,000 keys in one mapping, the last a duplicate: found at once
        // (a pairwise search would take minutes).
        let mut doc: String = (0..200_000).map(|i| format!("k{i}: 1\n")).collect();
        doc.push_str("k7: 2\n");
        let started = std::time::Instant::now();
        let err = general(&doc).unwrap_err();
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
        assert_eq!(err.message, "key `k7` appears twice in the same mapping");
        assert_eq!(err.pos.line, 200_001);
        assert!(general("a: *nowhere\n").is_err());
        // An empty file is one null value.
        assert_eq!(general("# nothing\n").map(|n| n.value), Ok(Value::Null));
        // "---" before the one document is fine.
        assert!(general("---\na: 1\n").is_ok());
    }

    #[test]
    fn aliases_copy_the_anchored_value_at_the_alias() {
        let root = general("a: &x {k: [1, 2]}\nb: *x\n").unwrap();
        let m = map(&root);
        assert_eq!(m[1].1.value, m[0].1.value);
        assert_eq!((m[1].1.line, m[1].1.col), (2, 4));
    }

    #[test]
    fn nesting_is_bounded_with_and_without_aliases() {
        let deep = |n: usize| format!("{}{}\n", "[".repeat(n), "]".repeat(n));
        assert!(general(&deep(MAX_DEPTH)).is_ok());
        let err = general(&deep(MAX_DEPTH + 1)).unwrap_err();
        assert!(err.message.contains("levels deep"), "{err}");
        // An alias of a 40-deep value inside 40 levels: 80 deep, refused;
        // the tree never grows deeper than the limit (dropping recurses).
        let doc = format!(
            "a: &x {}{}\nb: {}*x{}\n",
            "[".repeat(40),
            "]".repeat(40),
            "[".repeat(40),
            "]".repeat(40)
        );
        let err = general(&doc).unwrap_err();
        assert!(err.message.contains("through an alias"), "{err}");
    }

    /// Generated documents of anchors and aliases in random shapes: every
    /// one is read or refused with a spec error, fast, and a tree read is
    /// never deeper than the limit nor larger than the text allows.
    #[test]
    fn generated_alias_documents_stay_within_the_limits() {
        fn depth(node: &Node) -> usize {
            match &node.value {
                Value::Seq(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
                Value::Map(pairs) => 1 + pairs.iter().map(|(_, v)| depth(v)).max().unwrap_or(0),
                _ => 0,
            }
        }
        fn count(node: &Node) -> usize {
            1 + match &node.value {
                Value::Seq(items) => items.iter().map(count).sum(),
                Value::Map(pairs) => pairs.iter().map(|(k, v)| count(k) + count(v)).sum(),
                _ => 0,
            }
        }
        let mut rng = crate::testing::Rng(0x5eed_a11a5);
        let (mut read, mut refused) = (0, 0);
        for _ in 0..400 {
            let mut doc = String::new();
            let anchors = 1 + rng.below(12);
            for i in 0..anchors {
                let nest = rng.below(30);
                let mut value = String::new();
                for _ in 0..nest {
                    value.push('[');
                }
                let items = 1 + rng.below(12);
                for j in 0..items {
                    if j > 0 {
                        value.push_str(", ");
                    }
                    if i > 0 && rng.below(3) > 0 {
                        value.push_str(&format!("*a{}", rng.below(i)));
                    } else {
                        value.push_str(&format!("v{j}"));
                    }
                }
                for _ in 0..nest {
                    value.push(']');
                }
                if nest == 0 {
                    value = format!("[{value}]");
                }
                doc.push_str(&format!("k{i}: &a{i} {value}\n"));
            }
            let started = std::time::Instant::now();
            match general(&doc) {
                Ok(root) => {
                    read += 1;
                    assert!(depth(&root) <= MAX_DEPTH, "{doc}");
                    assert!(count(&root) <= doc.len() + 64, "{doc}");
                }
                Err(err) => {
                    refused += 1;
                    assert!(!err.message.starts_with("invalid YAML"), "{doc}: {err}");
                }
            }
            assert!(started.elapsed().as_secs() < 5, "{doc}");
        }
        assert!(read > 50 && refused > 50, "read {read}, refused {refused}");
    }
}
