//! The shape nearly every spec has, read without the general YAML parser.
//!
//! The general parser (granit-parser) is built for every corner of YAML; in a
//! proc-macro, which Cargo compiles without optimisation, it takes most of a
//! catalog's build time. This reader takes the subset specs are written in:
//! block mappings and sequences indented with spaces, one-line plain, single-
//! and double-quoted scalars, one-line flow sequences and mappings of
//! scalars, comments. It gives up (`None`) on anything else, and the general
//! parser reads the file. It never reports an error: a document it cannot
//! read, valid or not, goes to the general parser, so every message still
//! comes from one place.
//!
//! Where it does read a document, it must give the tree the general parser
//! gives, positions included; the tests (`simple_reader_agrees_*`) and the
//! fuzz target `yaml_reader` check that on generated documents. So scalars
//! resolve the way the general parser resolves them, and where that takes
//! more than a few lines (numbers other than plain decimal integers,
//! booleans, nulls, tags, anchors) this reader gives up instead.

use super::read::{Node, Value};

/// Nesting this reader follows before it leaves the file to the general one.
const MAX_DEPTH: u32 = 64;

/// Keys in one mapping checked for duplicates pairwise; past this, sorted.
const PAIRWISE_KEYS: usize = 16;

/// Reads `text` if it is in the subset, else `None`.
pub(super) fn read(text: &str) -> Option<Node> {
    if !plain_text(text.as_bytes()) {
        return None;
    }
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        line: 1,
        line_start: 0,
        depth: 0,
    };
    let indent = reader.next_content_line()?;
    if indent != 0 {
        return None;
    }
    let root = reader.block(0)?;
    match reader.next_content_line() {
        None => Some(root),
        Some(_) => None,
    }
}

/// Whether the text holds none of what this reader leaves to the general
/// one: tabs, carriage returns and other control characters, a byte-order
/// mark, the line separators YAML 1.1 knows (NEL, U+2028, U+2029), and the
/// non-characters U+FFFE and U+FFFF.
fn plain_text(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Printable ASCII first: the loop runs unoptimised in a proc-macro.
        if matches!(b, 0x20..=0x7e) {
            i += 1;
            continue;
        }
        if b < 0x20 && b != b'\n' || b == 0x7f {
            return false;
        }
        match b {
            // U+0080..=U+009F: C1 controls, NEL among them.
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => return false,
            // U+2028, U+2029.
            0xe2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xa8 | 0xa9)) =>
            {
                return false;
            }
            // U+FEFF (byte-order mark), U+FFFE, U+FFFF.
            0xef if matches!(
                (bytes.get(i + 1), bytes.get(i + 2)),
                (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
            ) =>
            {
                return false;
            }
            _ => {}
        }
        i += 1;
    }
    true
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// Byte offset of the next byte to read.
    at: usize,
    /// Line of `at`, from 1.
    line: u32,
    /// Byte offset where that line starts.
    line_start: usize,
    depth: u32,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.at + ahead).copied()
    }

    /// Column of `at`, from 1, in characters (as the general parser counts).
    fn col(&self) -> u32 {
        // Bytes other than UTF-8 continuation bytes, counted in a loop
        // without calls.
        let (bytes, mut i, mut chars) = (self.bytes, self.line_start, 0usize);
        while i < self.at && i < bytes.len() {
            if bytes[i] & 0xc0 != 0x80 {
                chars += 1;
            }
            i += 1;
        }
        u32::try_from(chars).map_or(u32::MAX, |c| c.saturating_add(1))
    }

    fn node(&self, line: u32, col: u32, value: Value) -> Node {
        Node { line, col, value }
    }

    fn skip_spaces(&mut self) -> usize {
        let (bytes, from) = (self.bytes, self.at);
        let mut i = from;
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        self.at = i;
        i - from
    }

    /// Moves to the first character of the next line that holds more than
    /// spaces and a comment, from anywhere in a line (its content included:
    /// then it stays): that line's indentation, `usize::MAX` if `at` is
    /// after content on its line, or `None` at the end of the text.
    fn next_content_line(&mut self) -> Option<usize> {
        loop {
            self.skip_spaces();
            match self.peek() {
                None => return None,
                Some(b'\n') => self.new_line(),
                Some(b'#') if self.at == self.line_start || self.bytes[self.at - 1] == b' ' => {
                    self.skip_comment();
                }
                Some(_) => return self.line_indent(),
            }
        }
    }

    fn new_line(&mut self) {
        self.at += 1;
        self.line += 1;
        self.line_start = self.at;
    }

    /// After a value on its line: only spaces and a comment may follow.
    /// Leaves `at` at the end of the line.
    fn end_of_line(&mut self) -> Option<()> {
        let spaces = self.skip_spaces();
        match self.peek() {
            None | Some(b'\n') => Some(()),
            Some(b'#') if spaces > 0 => {
                self.skip_comment();
                Some(())
            }
            Some(_) => None,
        }
    }

    /// From `#` to the end of the line.
    fn skip_comment(&mut self) {
        let (bytes, mut i) = (self.bytes, self.at);
        while i < bytes.len() && bytes[i] != b'\n' {
            i += 1;
        }
        self.at = i;
    }

    fn at_item(&self) -> bool {
        self.peek() == Some(b'-') && matches!(self.peek_at(1), None | Some(b' ' | b'\n'))
    }

    /// `read` one level deeper; `None` past [`MAX_DEPTH`].
    fn nested_level(&mut self, read: impl FnOnce(&mut Self) -> Option<Node>) -> Option<Node> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let node = read(self);
        self.depth -= 1;
        node
    }

    /// The block collection that starts at `at`, indented `indent`.
    fn block(&mut self, indent: usize) -> Option<Node> {
        self.nested_level(|r| {
            if r.at_item() {
                r.sequence(indent, false)
            } else {
                r.mapping(indent)
            }
        })
    }

    /// A block sequence whose `-` are at column `indent` (0-based).
    /// `indentless` when it is a mapping value at the key's own column: the
    /// general parser then places the sequence at its first item.
    fn sequence(&mut self, indent: usize, indentless: bool) -> Option<Node> {
        let (line, col) = (self.line, self.col());
        let mut items = Vec::new();
        loop {
            // At `-`, followed by a space.
            self.at += 1;
            if self.skip_spaces() == 0 {
                return None;
            }
            let item = match self.peek() {
                None | Some(b'\n' | b'#') => return None,
                Some(_) if self.at_item() => return None,
                Some(_) if self.key_follows() => {
                    let inner = self.at - self.line_start;
                    self.nested_level(|r| r.mapping(inner))?
                }
                Some(_) => {
                    let item = self.inline_value()?;
                    self.end_of_line()?;
                    item
                }
            };
            items.push(item);
            match self.next_content_line() {
                Some(i) if i == indent && self.at_item() => {}
                Some(i) if i > indent => return None,
                _ => break,
            }
        }
        let (line, col) = match (indentless, items.first()) {
            (true, Some(first)) => (first.line, first.col),
            _ => (line, col),
        };
        Some(self.node(line, col, Value::Seq(items)))
    }

    /// Whether a plain key and `: ` (or `:` at the end of the line) follow.
    fn key_follows(&self) -> bool {
        self.key_colon()
            .is_some_and(|colon| matches!(self.bytes.get(colon + 1), None | Some(b' ' | b'\n')))
    }

    /// The offset of the `:` that ends the plain key at `at`, if the key
    /// holds none of the characters that end or quote a plain scalar.
    fn key_colon(&self) -> Option<usize> {
        let (bytes, mut i) = (self.bytes, self.at);
        while i < bytes.len() {
            match bytes[i] {
                b':' => return Some(i),
                b' ' | b'\n' | b'#' | b',' | b'[' | b']' | b'{' | b'}' | b'"' | b'\'' => {
                    return None;
                }
                _ => i += 1,
            }
        }
        None
    }

    /// A block mapping whose keys are at column `indent` (0-based), from
    /// its first key at `at`.
    fn mapping(&mut self, indent: usize) -> Option<Node> {
        let (line, col) = (self.line, self.col());
        let mut pairs: Vec<(Node, Node)> = Vec::new();
        loop {
            let key = self.key()?;
            // At `:`.
            self.at += 1;
            let spaces = self.skip_spaces();
            let value = match self.peek() {
                None | Some(b'\n') => self.nested(indent)?,
                Some(b'#') if spaces > 0 => {
                    self.skip_comment();
                    self.nested(indent)?
                }
                Some(_) if spaces == 0 => return None,
                Some(_) => {
                    let value = self.inline_value()?;
                    self.end_of_line()?;
                    value
                }
            };
            pairs.push((key, value));
            match self.next_content_line() {
                Some(i) if i == indent && !self.at_item() => {}
                Some(i) if i > indent => return None,
                _ => break,
            }
        }
        if has_duplicate_keys(&pairs) {
            return None;
        }
        Some(self.node(line, col, Value::Map(pairs)))
    }

    /// Indentation of the line `at` is on, if `at` is at its first
    /// character; `None` at the end of the text.
    fn line_indent(&self) -> Option<usize> {
        self.peek()?;
        let (bytes, mut i) = (self.bytes, self.line_start);
        while i < self.at && i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        Some(if i == self.at {
            self.at - self.line_start
        } else {
            usize::MAX
        })
    }

    /// The value of a key at column `indent` whose line ends after the `:`.
    fn nested(&mut self, indent: usize) -> Option<Node> {
        match self.next_content_line() {
            Some(i) if i != usize::MAX && i > indent => self.block(i),
            Some(i) if i == indent && self.at_item() => {
                self.nested_level(|r| r.sequence(indent, true))
            }
            // An empty value (null): left to the general parser.
            _ => None,
        }
    }

    /// A plain key, resolved as a scalar, then `:`.
    fn key(&mut self) -> Option<Node> {
        let (line, col) = (self.line, self.col());
        let from = self.at;
        self.at = self.key_colon()?;
        if !matches!(self.peek_at(1), None | Some(b' ' | b'\n')) {
            return None;
        }
        let value = plain(self.text.get(from..self.at)?)?;
        Some(self.node(line, col, value))
    }

    /// A scalar or flow collection that stays on its line.
    fn inline_value(&mut self) -> Option<Node> {
        match self.peek()? {
            b'"' => self.double_quoted(),
            b'\'' => self.single_quoted(),
            b'[' => self.flow_sequence(),
            b'{' => self.flow_mapping(),
            _ => self.plain_scalar(false),
        }
    }

    /// A plain scalar, trailing spaces dropped. In block context it runs
    /// to the end of the line or a comment; inside `[...]` or `{...}`
    /// (`flow`) to `,`, `]` or `}`, and gives up on what would nest, quote,
    /// comment or start a pair there.
    fn plain_scalar(&mut self, flow: bool) -> Option<Node> {
        let (line, col) = (self.line, self.col());
        let from = self.at;
        let mut end = from;
        while let Some(b) = self.peek() {
            let (ends, refused) = if flow {
                (
                    matches!(b, b',' | b']' | b'}'),
                    matches!(b, b'\n' | b'[' | b'{' | b'#' | b':' | b'"' | b'\''),
                )
            } else {
                (
                    b == b'\n' || b == b' ' && self.peek_at(1) == Some(b'#'),
                    b == b':' && matches!(self.peek_at(1), None | Some(b' ' | b'\n')),
                )
            };
            if ends {
                break;
            }
            if refused {
                return None;
            }
            if b != b' ' {
                end = self.at + 1;
            }
            self.at += 1;
        }
        let value = plain(self.text.get(from..end)?)?;
        Some(self.node(line, col, value))
    }

    fn flow_scalar(&mut self) -> Option<Node> {
        match self.peek()? {
            b'"' => self.double_quoted(),
            b'\'' => self.single_quoted(),
            _ => self.plain_scalar(true),
        }
    }

    fn flow_sequence(&mut self) -> Option<Node> {
        let (line, col) = (self.line, self.col());
        self.at += 1;
        let mut items = Vec::new();
        self.skip_spaces();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Some(self.node(line, col, Value::Seq(items)));
        }
        loop {
            self.skip_spaces();
            items.push(self.flow_scalar()?);
            self.skip_spaces();
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Some(self.node(line, col, Value::Seq(items)));
                }
                _ => return None,
            }
        }
    }

    fn flow_mapping(&mut self) -> Option<Node> {
        let (line, col) = (self.line, self.col());
        self.at += 1;
        let mut pairs = Vec::new();
        self.skip_spaces();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Some(self.node(line, col, Value::Map(pairs)));
        }
        loop {
            self.skip_spaces();
            let (key_line, key_col) = (self.line, self.col());
            let from = self.at;
            self.at = self.key_colon()?;
            let key = plain(self.text.get(from..self.at)?)?;
            // At `:`, which must be followed by a space.
            self.at += 1;
            if self.skip_spaces() == 0 {
                return None;
            }
            let value = self.flow_scalar()?;
            pairs.push((self.node(key_line, key_col, key), value));
            self.skip_spaces();
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    if has_duplicate_keys(&pairs) {
                        return None;
                    }
                    return Some(self.node(line, col, Value::Map(pairs)));
                }
                _ => return None,
            }
        }
    }

    /// `'...'` on one line, `''` standing for `'`.
    fn single_quoted(&mut self) -> Option<Node> {
        let (line, col) = (self.line, self.col());
        self.at += 1;
        let mut text = String::new();
        let mut from = self.at;
        loop {
            let (bytes, mut i) = (self.bytes, self.at);
            while i < bytes.len() && !matches!(bytes[i], b'\n' | b'\'') {
                i += 1;
            }
            self.at = i;
            match self.peek()? {
                b'\n' => return None,
                b'\'' if self.peek_at(1) == Some(b'\'') => {
                    text.push_str(self.text.get(from..=self.at)?);
                    self.at += 2;
                    from = self.at;
                }
                b'\'' => {
                    text.push_str(self.text.get(from..self.at)?);
                    self.at += 1;
                    return Some(self.node(line, col, Value::Str(text)));
                }
                _ => self.at += 1,
            }
        }
    }

    /// `\x`, `\u` or `\U` and `digits` hex digits at `at`: the character.
    fn hex_escape(&self, digits: usize) -> Option<char> {
        let hex = self.text.get(self.at + 2..self.at + 2 + digits)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)
    }

    /// `"..."` on one line, escapes included (a line break inside is left
    /// to the general parser).
    fn double_quoted(&mut self) -> Option<Node> {
        let (line, col) = (self.line, self.col());
        self.at += 1;
        let mut text = String::new();
        let mut from = self.at;
        loop {
            // The run up to a quote, escape or line end, in a loop without
            // calls (it runs unoptimised in a proc-macro).
            let (bytes, mut i) = (self.bytes, self.at);
            while i < bytes.len() && !matches!(bytes[i], b'\n' | b'"' | b'\\') {
                i += 1;
            }
            self.at = i;
            match self.peek()? {
                b'\n' => return None,
                b'"' => {
                    text.push_str(self.text.get(from..self.at)?);
                    self.at += 1;
                    return Some(self.node(line, col, Value::Str(text)));
                }
                b'\\' => {
                    text.push_str(self.text.get(from..self.at)?);
                    let (c, len) = match self.peek_at(1)? {
                        b'x' => (self.hex_escape(2)?, 4),
                        b'u' => (self.hex_escape(4)?, 6),
                        b'U' => (self.hex_escape(8)?, 10),
                        other => (simple_escape(other)?, 2),
                    };
                    text.push(c);
                    self.at += len;
                    from = self.at;
                }
                _ => self.at += 1,
            }
        }
    }
}

/// The character a one-letter escape in a double-quoted scalar stands for.
fn simple_escape(letter: u8) -> Option<char> {
    Some(match letter {
        b'0' => '\0',
        b'a' => '\u{7}',
        b'b' => '\u{8}',
        b't' => '\t',
        b'n' => '\n',
        b'v' => '\u{b}',
        b'f' => '\u{c}',
        b'r' => '\r',
        b'e' => '\u{1b}',
        b' ' => ' ',
        b'"' => '"',
        b'/' => '/',
        b'\\' => '\\',
        b'N' => '\u{85}',
        b'_' => '\u{a0}',
        b'L' => '\u{2028}',
        b'P' => '\u{2029}',
        _ => return None,
    })
}

/// A plain scalar's value: a string, or a decimal integer written without
/// sign or leading zero. `None` for whatever else YAML may read it as
/// (booleans, nulls, other numbers, indicators) or where it is not sure.
fn plain(text: &str) -> Option<Value> {
    let first = *text.as_bytes().first()?;
    if first.is_ascii_digit() {
        let bytes = text.as_bytes();
        let decimal = bytes.iter().all(u8::is_ascii_digit)
            && (first != b'0' || bytes.len() == 1)
            && bytes.len() <= 19;
        return if decimal {
            text.parse::<u64>().ok().map(|n| Value::Int(n.into()))
        } else if !text.is_ascii() || text.contains(' ') {
            // No number YAML knows has a space inside, or a character past
            // ASCII (`2天内`, `1xx styles`).
            Some(Value::Str(text.to_owned()))
        } else {
            None
        };
    }
    if !(first.is_ascii_alphabetic() || first >= 0x80) {
        return None;
    }
    if RESOLVED_FIRST.contains(&(first | 0x20))
        && text.len() <= 8
        && RESOLVED.iter().any(|w| w.eq_ignore_ascii_case(text))
    {
        return None;
    }
    Some(Value::Str(text.to_owned()))
}

/// Words a plain scalar starting with a letter may be read as other than a
/// string (any case): YAML 1.1 booleans, nulls, and what a float parser
/// takes for infinity or not-a-number.
const RESOLVED: [&str; 12] = [
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "inf", "infinity", "nan",
];

/// The first letters of [`RESOLVED`], lower case: other scalars skip the
/// comparisons.
const RESOLVED_FIRST: &[u8] = b"ynotfi";

fn has_duplicate_keys(pairs: &[(Node, Node)]) -> bool {
    fn key(pair: &(Node, Node)) -> &str {
        match &pair.0.value {
            Value::Str(s) => s.as_str(),
            // A number key: two of them count as equal, so the reader gives
            // up and the general parser decides.
            _ => "",
        }
    }
    if pairs.len() <= PAIRWISE_KEYS {
        return pairs
            .iter()
            .enumerate()
            .any(|(i, a)| pairs[..i].iter().any(|b| key(a) == key(b)));
    }
    let mut keys: Vec<&str> = pairs.iter().map(key).collect();
    keys.sort_unstable();
    keys.windows(2).any(|w| w[0] == w[1])
}

#[cfg(test)]
mod tests {
    use super::super::readers_agree;

    #[test]
    fn resolved_words_start_with_a_listed_letter() {
        for word in super::RESOLVED {
            assert!(
                super::RESOLVED_FIRST.contains(&word.as_bytes()[0]),
                "{word}"
            );
        }
    }
    use crate::testing::Rng;

    /// Pieces a scalar is made of: words, CJK, every YAML indicator, digits,
    /// spaces, the words YAML resolves to booleans and nulls.
    const PIECES: &[&str] = &[
        "Invalid",
        "Parameter",
        "x",
        "中文",
        "错误",
        "é",
        "0",
        "7",
        "42",
        "007",
        "1.5",
        "-",
        "--",
        "---",
        ".",
        "...",
        ":",
        ": ",
        " :",
        "#",
        " #",
        "# ",
        ",",
        "[",
        "]",
        "{",
        "}",
        "'",
        "\"",
        "''",
        "\\",
        "\\n",
        "\\u00e9",
        "\\x41",
        "\\x08",
        "\\ud800",
        "\\U0001F600",
        "\\U0011FFFF",
        "\\b",
        "\\e",
        "\\0",
        "\\ ",
        "\\N",
        "\\_",
        "\\L",
        "\\P",
        "\\q",
        "\\x4",
        "\\u12",
        "!",
        "&a",
        "*a",
        "%",
        "@",
        "`",
        "|",
        ">",
        "?",
        "~",
        " ",
        "  ",
        "yes",
        "No",
        "ON",
        "null",
        "Null",
        "true",
        "FALSE",
        "y",
        "n",
        ".inf",
        "inf",
        "NaN",
        "0x1F",
        "0o7",
        "1e3",
        "+1",
        "-1",
        "1_000",
        "<<",
        "http://a.b/c",
        "{field}",
        "%s",
        "_",
        "\u{3000}",
        "\u{a0}",
    ];

    fn scalar(rng: &mut Rng) -> String {
        let mut s = String::new();
        for _ in 0..=rng.below(4) {
            s.push_str(rng.pick(PIECES));
        }
        s
    }

    /// A scalar as a spec author might write it: plain, quoted either way.
    fn written(rng: &mut Rng, clean: bool) -> String {
        // A noisy document has one noisy scalar in eight.
        let clean = clean || rng.below(8) > 0;
        let text = if clean {
            let mut s = rng
                .pick(&["Invalid", "中文", "Ok", "x", "Field"])
                .to_owned();
            for _ in 0..rng.below(4) {
                s.push_str(rng.pick(&[" ", ".", "{field}", "中", "42", "é", ", ", "'", "-"]));
                s.push_str(rng.pick(&["word", "错误", "x", "A"]));
            }
            s
        } else {
            scalar(rng)
        };
        match rng.below(if clean { 4 } else { 5 }) {
            0 => format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"")),
            1 => format!("'{}'", text.replace('\'', "''")),
            2 if clean => rng.pick(&["400", "0", "12345678901234567"]).to_owned(),
            3 if !clean => format!("\"{text}\""),
            4 => format!("'{text}'"),
            _ => text,
        }
    }

    fn key(rng: &mut Rng, clean: bool) -> String {
        if clean || rng.below(12) > 0 {
            rng.pick(&[
                "code", "en", "zh", "note", "status", "retry", "名称", "a.b", "x-y", "k9",
            ])
            .to_owned()
        } else {
            rng.pick(PIECES).trim().to_owned()
        }
    }

    fn comment(rng: &mut Rng, clean: bool) -> &'static str {
        match rng.below(6) {
            0 => " # note: [x]",
            1 if !clean => "# glued",
            2 => "  #",
            _ => "",
        }
    }

    /// A flow collection on one line.
    fn flow(rng: &mut Rng, clean: bool) -> String {
        let n = rng.below(4);
        let item = |rng: &mut Rng| {
            if clean {
                rng.pick(&["en", "zh", "400", "\"a, b\"", "'x'", "never"])
                    .to_owned()
            } else {
                written(rng, false)
            }
        };
        let sep = if clean {
            ", "
        } else {
            rng.pick(&[", ", ",", " , ", ",  "])
        };
        if rng.below(2) == 0 {
            let items: Vec<String> = (0..n).map(|_| item(rng)).collect();
            format!("[{}]", items.join(sep))
        } else {
            let mut keys = vec!["status", "retry", "en", "zh"];
            let pairs: Vec<String> = (0..n)
                .map(|i| {
                    let k = if clean { keys.remove(0) } else { keys[i % 2] };
                    format!("{k}: {}", item(rng))
                })
                .collect();
            format!("{{ {} }}", pairs.join(sep))
        }
    }

    /// A mapping at `indent` with up to `width` keys, nested to `depth`.
    fn mapping(rng: &mut Rng, out: &mut String, indent: usize, depth: usize, clean: bool) {
        let n = 1 + rng.below(5);
        let mut used = Vec::new();
        for i in 0..n {
            let mut k = key(rng, clean);
            if clean {
                while used.contains(&k) {
                    k.push('x');
                }
            }
            used.push(k.clone());
            // The first key of a sequence item sits after its `- `.
            if i > 0 {
                out.push_str(&" ".repeat(indent));
            }
            out.push_str(&k);
            out.push(':');
            match rng.below(if depth == 0 { 3 } else { 5 }) {
                0 | 1 => {
                    out.push(' ');
                    out.push_str(&written(rng, clean));
                    out.push_str(comment(rng, clean));
                    out.push('\n');
                }
                2 => {
                    out.push(' ');
                    out.push_str(&flow(rng, clean));
                    out.push_str(comment(rng, clean));
                    out.push('\n');
                }
                3 => {
                    out.push_str(comment(rng, clean));
                    out.push('\n');
                    let inner = indent + 1 + rng.below(4);
                    out.push_str(&" ".repeat(inner));
                    mapping(rng, out, inner, depth - 1, clean);
                }
                _ => {
                    out.push_str(comment(rng, clean));
                    out.push('\n');
                    let dash = indent + rng.below(3);
                    sequence(rng, out, dash, depth - 1, clean);
                }
            }
            if !clean && rng.below(16) == 0 {
                out.push_str(rng.pick(&["\n", "  \n", "# c\n", "   # c\n", "  more words\n"]));
            }
        }
    }

    fn sequence(rng: &mut Rng, out: &mut String, dash: usize, depth: usize, clean: bool) {
        for _ in 0..1 + rng.below(4) {
            out.push_str(&" ".repeat(dash));
            out.push('-');
            let gap = 1 + rng.below(3);
            out.push_str(&" ".repeat(gap));
            if rng.below(3) == 0 || depth == 0 {
                out.push_str(&written(rng, clean));
                out.push_str(comment(rng, clean));
                out.push('\n');
            } else {
                mapping(rng, out, dash + 1 + gap, depth, clean);
            }
        }
    }

    fn document(rng: &mut Rng, clean: bool) -> String {
        let mut out = String::new();
        if rng.below(4) == 0 {
            out.push_str("# a spec\n\n");
        }
        mapping(rng, &mut out, 0, 3, clean);
        if !clean && rng.below(4) == 0 {
            // One edit anywhere: a character from the YAML alphabet.
            let at = rng.below(out.len() + 1);
            let at = (0..=at)
                .rev()
                .find(|&i| out.is_char_boundary(i))
                .unwrap_or(0);
            let piece = rng.pick(&[
                " ", "\n", "-", ":", "#", "\"", "'", "[", "{", "\t", "\r", "\u{feff}",
            ]);
            if rng.below(2) == 0 {
                out.insert_str(at, piece);
            } else {
                let end = (at + 1..=out.len())
                    .find(|&i| out.is_char_boundary(i))
                    .unwrap_or(at);
                out.replace_range(at..end, piece);
            }
        }
        out
    }

    #[test]
    fn simple_reader_agrees_on_spec_shaped_documents() {
        let mut rng = Rng(0x5eed_0001);
        for _ in 0..3000 {
            let doc = document(&mut rng, true);
            match readers_agree(&doc) {
                Ok(true) => {}
                Ok(false) => panic!("the simple reader left a spec-shaped document:\n{doc}"),
                Err(e) => panic!("{e}"),
            }
        }
    }

    #[test]
    fn simple_reader_agrees_or_gives_up_on_any_document() {
        let mut rng = Rng(std::env::var("YAML_SEED").map_or(0x5eed_0002, |v| v.parse().unwrap()));
        let (mut read, mut left) = (0, 0);
        for _ in 0..std::env::var("YAML_DOCS").map_or(20_000, |v| v.parse().unwrap()) {
            let doc = document(&mut rng, false);
            match readers_agree(&doc) {
                Ok(true) => read += 1,
                Ok(false) => left += 1,
                Err(e) => panic!("{e}"),
            }
        }
        // Both outcomes are exercised, each often.
        eprintln!("read {read}, left {left}");
        assert!(read > 2_000 && left > 2_000, "read {read}, left {left}");
    }

    #[test]
    fn simple_reader_leaves_deep_nesting_to_the_general_parser() {
        let deep = |levels: usize| -> String {
            (0..levels)
                .map(|i| format!("{}k:\n", " ".repeat(i)))
                .collect::<String>()
                + &" ".repeat(levels)
                + "v: 1\n"
        };
        assert_eq!(readers_agree(&deep(10)), Ok(true));
        assert!(super::read(&deep(200)).is_none());
    }

    #[test]
    fn simple_reader_agrees_on_hand_picked_corners() {
        for doc in [
            "a: 1\n",
            "a:\n- x\n-   y\nb: 2\n",
            "a:\n  -    z\n",
            "a:\n-   k: v\n    j: w\n- x\n",
            "k: [ ]\nl: {}\nm: [a, \"b\", 1]\n",
            "中文键: 中文值 x\n名: \"中\\u00e9x\" # c\n",
            "a: x#y\nb: http://a\nc: a:b\nd: x, y\ne:   plain text  \n",
            "a: 'it''s'\nb: \"q\\\"\\\\\\/\\n\\t\\r\"\n",
            "# only\n\n  # comments\na: b\n\n\n",
            "a: b\n  c\n",
            "a:\n  b: 1\n  - x\n",
            "a: 0\nb: 007\nc: 12345678901234567890\nd: 18446744073709551615\n",
        ] {
            if let Err(e) = readers_agree(doc) {
                panic!("{e}");
            }
        }
    }
}
