//! JSON (RFC 8259) as the wire module needs it: a reader that checks a
//! whole body and keeps only the string members a vendor's [`Shape`] names,
//! and a writer of the bodies `to_body` renders.
//!
//! The reader is strict where serde_json is: the same grammar, strings
//! valid UTF-8 with valid escapes (no lone surrogates, no raw control
//! characters), at most [`MAX_DEPTH`] nested arrays and objects, nothing
//! after the value but whitespace. Numbers are checked against the grammar
//! only; their values are never read, so `1e400` is accepted (serde_json
//! refuses it as out of range for an `f64`). The tests and the
//! `json_reader` fuzz target hold it against serde_json.
//!
//! Reading never panics, never recurses deeper than [`MAX_DEPTH`], and
//! allocates only the strings it keeps (and keys with escapes).

use std::borrow::Cow;

/// The deepest nesting of arrays and objects read, serde_json's limit.
pub(super) const MAX_DEPTH: usize = 127;

/// The members of an object a vendor's body is read for. Any other member
/// is checked and skipped.
pub(super) struct Shape {
    /// Each member's names (aliases: one member however it is spelled)
    /// and what its value must be.
    pub members: &'static [(&'static [&'static str], Member)],
}

/// What a member's value must be; `null` is always allowed, and means
/// absent.
pub(super) enum Member {
    /// A string, kept in [`Fields::text`]`[i]`.
    Text(usize),
    /// An object read with its own shape; [`Fields::objects`] bit `i` says
    /// it was there.
    Object(&'static Shape, u32),
}

/// What a body held of its shape.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Fields<'a> {
    /// Borrowed from the body unless the text has escapes.
    pub text: [Option<Cow<'a, str>>; 3],
    pub objects: u32,
}

/// Why a body was not read.
#[derive(Debug, PartialEq)]
pub(super) enum Error {
    /// Not JSON: what is wrong and where.
    Syntax(String),
    /// JSON, but not an object of the shape: a member of another type, or
    /// given twice.
    Shape,
}

/// Reads `body` as an object of `shape`. A body that is not JSON is a
/// [`Error::Syntax`] even when it is of the wrong shape before the error.
pub(super) fn read<'a>(body: &'a [u8], shape: &'static Shape) -> Result<Fields<'a>, Error> {
    let mut r = Reader {
        bytes: body,
        at: 0,
        depth: 0,
        wrong_shape: false,
        fields: Fields::default(),
    };
    r.whitespace();
    let top = if r.peek() == Some(b'{') {
        Want::Object(shape, None)
    } else {
        // `null` too: the body must be an object.
        r.wrong_shape = true;
        Want::Skip
    };
    r.value(top).map_err(|e| r.syntax(e))?;
    r.whitespace();
    if r.at < r.bytes.len() {
        return Err(r.syntax("trailing characters"));
    }
    if r.wrong_shape {
        return Err(Error::Shape);
    }
    Ok(r.fields)
}

/// What the value at the reader's place is for.
#[derive(Clone, Copy)]
enum Want {
    /// Nothing: checked and skipped.
    Skip,
    /// A string (or `null`) for text slot `i`.
    Text(usize),
    /// An object (or `null`) of a shape, with its flag bit.
    Object(&'static Shape, Option<u32>),
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    depth: usize,
    /// A value of the wrong type, or a member given twice, was seen: the
    /// rest is read on to tell a body that is not JSON.
    wrong_shape: bool,
    fields: Fields<'a>,
}

/// A syntax error's description; the reader adds the place.
type Syntax = &'static str;

impl<'a> Reader<'a> {
    fn syntax(&self, what: Syntax) -> Error {
        let before = self.bytes.get(..self.at).unwrap_or(self.bytes);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = 1 + String::from_utf8_lossy(before.get(line_start..).unwrap_or(&[]))
            .chars()
            .count();
        Error::Syntax(format!("{what} at line {line}, column {column}"))
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn value(&mut self, want: Want) -> Result<(), Syntax> {
        match self.peek() {
            None => Err("unexpected end of the body, expected a value"),
            Some(b'{') => {
                let shape = match want {
                    Want::Object(shape, flag) => {
                        if let Some(bit) = flag {
                            self.fields.objects |= 1u32.checked_shl(bit).unwrap_or(0);
                        }
                        Some(shape)
                    }
                    Want::Skip => None,
                    Want::Text(_) => {
                        self.wrong_shape = true;
                        None
                    }
                };
                self.object(shape)
            }
            Some(b'[') => {
                self.mismatch(want);
                self.array()
            }
            Some(b'"') => {
                let keep = matches!(want, Want::Text(_));
                let s = self.string(keep)?;
                match (want, s) {
                    (Want::Text(i), Some(s)) => {
                        if let Some(slot) = self.fields.text.get_mut(i) {
                            *slot = Some(s);
                        }
                    }
                    (Want::Skip | Want::Text(_), _) => {}
                    (Want::Object(..), _) => self.wrong_shape = true,
                }
                Ok(())
            }
            Some(b'n') => self.literal(b"null"),
            Some(b't') => {
                self.mismatch(want);
                self.literal(b"true")
            }
            Some(b'f') => {
                self.mismatch(want);
                self.literal(b"false")
            }
            Some(b'-' | b'0'..=b'9') => {
                self.mismatch(want);
                self.number()
            }
            Some(_) => Err("expected a value"),
        }
    }

    /// Notes a value that is neither skipped nor `null` where `want` asks
    /// for a string or an object (the caller saw which it is not).
    fn mismatch(&mut self, want: Want) {
        if !matches!(want, Want::Skip) {
            self.wrong_shape = true;
        }
    }

    fn enter(&mut self) -> Result<(), Syntax> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("nested deeper than 127 arrays and objects");
        }
        self.at += 1;
        self.whitespace();
        Ok(())
    }

    fn array(&mut self) -> Result<(), Syntax> {
        self.enter()?;
        if self.peek() == Some(b']') {
            self.at += 1;
            self.depth -= 1;
            return Ok(());
        }
        loop {
            self.value(Want::Skip)?;
            self.whitespace();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    self.whitespace();
                    if self.peek() == Some(b']') {
                        return Err("trailing comma");
                    }
                }
                Some(b']') => break,
                None => return Err("unexpected end of the body in an array"),
                Some(_) => return Err("expected `,` or `]`"),
            }
        }
        self.at += 1;
        self.depth -= 1;
        Ok(())
    }

    /// An object; with a shape, its members are read into the fields.
    fn object(&mut self, shape: Option<&'static Shape>) -> Result<(), Syntax> {
        self.enter()?;
        if self.peek() == Some(b'}') {
            self.at += 1;
            self.depth -= 1;
            return Ok(());
        }
        // Bit `i`: member `i` of the shape was given.
        let mut seen = 0u64;
        loop {
            if self.peek() != Some(b'"') {
                return Err(match self.peek() {
                    None => "unexpected end of the body in an object",
                    Some(b'}') => "trailing comma",
                    Some(_) => "expected a member name (a string)",
                });
            }
            let key = self.string(shape.is_some())?;
            let want = match (shape, key) {
                (Some(shape), Some(key)) => match shape
                    .members
                    .iter()
                    .position(|(names, _)| names.contains(&key.as_ref()))
                {
                    Some(i) => {
                        let bit = 1u64.checked_shl(i as u32).unwrap_or(0);
                        if seen & bit != 0 {
                            self.wrong_shape = true;
                            Want::Skip
                        } else {
                            seen |= bit;
                            match shape.members.get(i).map(|(_, member)| member) {
                                Some(Member::Text(slot)) => Want::Text(*slot),
                                Some(Member::Object(shape, flag)) => {
                                    Want::Object(shape, Some(*flag))
                                }
                                None => Want::Skip,
                            }
                        }
                    }
                    None => Want::Skip,
                },
                _ => Want::Skip,
            };
            self.whitespace();
            if self.peek() != Some(b':') {
                return Err(if self.peek().is_none() {
                    "unexpected end of the body in an object"
                } else {
                    "expected `:`"
                });
            }
            self.at += 1;
            self.whitespace();
            self.value(want)?;
            self.whitespace();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    self.whitespace();
                }
                Some(b'}') => break,
                None => return Err("unexpected end of the body in an object"),
                Some(_) => return Err("expected `,` or `}`"),
            }
        }
        self.at += 1;
        self.depth -= 1;
        Ok(())
    }

    fn literal(&mut self, word: &'static [u8]) -> Result<(), Syntax> {
        let end = self.at.saturating_add(word.len());
        match self.bytes.get(self.at..end) {
            Some(w) if w == word => {
                self.at = end;
                Ok(())
            }
            _ => Err("expected `true`, `false` or `null`"),
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<(), Syntax> {
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.at += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err("a number with a leading zero");
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err("a number without digits"),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err("a number without digits after `.`");
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err("a number without digits in its exponent");
            }
            self.digits();
        }
        Ok(())
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
    }

    /// A string (the reader on its opening quote), returned when `keep`.
    /// Every string is checked, kept or not.
    fn string(&mut self, keep: bool) -> Result<Option<Cow<'a, str>>, Syntax> {
        self.at += 1;
        let bytes = self.bytes;
        // The text unescaped so far, once an escape was met.
        let mut owned: Option<String> = None;
        let mut run = self.at;
        // Whether the run so far is ASCII (then it needs no UTF-8 check).
        let mut ascii = true;
        loop {
            // Eight bytes at a time up to the first that ends the run.
            while let Some(word) = bytes.get(self.at..self.at.wrapping_add(8)) {
                let w = u64::from_le_bytes(word.try_into().unwrap_or([b'"'; 8]));
                let ends = run_ends(w);
                if ends == 0 {
                    ascii &= w & HIGHS == 0;
                    self.at += 8;
                    continue;
                }
                // The lowest mark is a true one: the bytes below it are text.
                let k = ends.trailing_zeros() / 8;
                ascii &= w & HIGHS & (1u64 << (8 * k)).wrapping_sub(1) == 0;
                self.at += k as usize;
                break;
            }
            let Some(&b) = bytes.get(self.at) else {
                return Err("unexpected end of the body in a string");
            };
            match b {
                b'"' | b'\\' => {
                    let raw = bytes.get(run..self.at).unwrap_or_default();
                    let text = if ascii && !keep {
                        ""
                    } else {
                        std::str::from_utf8(raw).map_err(|_| "invalid UTF-8 in a string")?
                    };
                    if b == b'"' {
                        self.at += 1;
                        if !keep {
                            return Ok(None);
                        }
                        return Ok(Some(match owned {
                            Some(mut s) => {
                                s.push_str(text);
                                Cow::Owned(s)
                            }
                            None => Cow::Borrowed(text),
                        }));
                    }
                    let c = self.escape()?;
                    if keep {
                        let s = owned.get_or_insert_with(String::new);
                        s.push_str(text);
                        s.push(c);
                    }
                    run = self.at;
                    ascii = true;
                }
                0..=0x1F => return Err("a control character in a string (escape it)"),
                0x80.. => {
                    ascii = false;
                    self.at += 1;
                }
                _ => self.at += 1,
            }
        }
    }

    /// The character of the escape at the reader's backslash.
    fn escape(&mut self) -> Result<char, Syntax> {
        self.at += 1;
        let Some(b) = self.peek() else {
            return Err("unexpected end of the body in a string");
        };
        self.at += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                match first {
                    0xD800..=0xDBFF => {
                        if self.bytes.get(self.at..self.at.saturating_add(2)) != Some(b"\\u") {
                            return Err("a lone surrogate in a `\\u` escape");
                        }
                        self.at += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err("a lone surrogate in a `\\u` escape");
                        }
                        let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                        char::from_u32(c).ok_or("a lone surrogate in a `\\u` escape")?
                    }
                    _ => char::from_u32(first).ok_or("a lone surrogate in a `\\u` escape")?,
                }
            }
            _ => return Err("an invalid escape in a string"),
        })
    }

    fn hex4(&mut self) -> Result<u32, Syntax> {
        let mut n = 0;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(b) => char::from(b).to_digit(16),
                None => return Err("unexpected end of the body in a `\\u` escape"),
            };
            let Some(d) = d else {
                return Err("an invalid `\\u` escape (four hex digits)");
            };
            n = n * 16 + d;
            self.at += 1;
        }
        Ok(n)
    }
}

/// `0x01` in every byte.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte.
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The bytes of `w` (little endian) that end a run of plain string text,
/// a quote, a backslash or a control character, marked by their high bit.
/// Each test marks only bytes whose high bit is clear, so 0x80 and above
/// never count; a borrow may mark a byte above a marked one, so the lowest
/// mark is always a true one, and the mask is 0 exactly when no byte ends
/// the run.
fn run_ends(w: u64) -> u64 {
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGHS;
    zero(w ^ (ONES * u64::from(b'"'))) | zero(w ^ (ONES * u64::from(b'\\'))) | below_space
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it.
pub(super) fn write_string(out: &mut String, s: &str) {
    out.push('"');
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            0..=0x1F => "",
            _ => continue,
        };
        out.push_str(s.get(run..i).unwrap_or(""));
        if escape.is_empty() {
            // `b` is below 0x20: both nibbles index the 16 digits.
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        } else {
            out.push_str(escape);
        }
        run = i + 1;
    }
    out.push_str(s.get(run..).unwrap_or(""));
    out.push('"');
}

/// An object of string members, in the order given, as one line of JSON.
pub(super) fn write_object(out: &mut String, members: &[(&str, &str)]) {
    out.push('{');
    for (i, (name, value)) in members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(out, name);
        out.push(':');
        write_string(out, value);
    }
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::tests::Rng;

    /// No member kept: the body is only checked.
    static NOTHING: Shape = Shape { members: &[] };

    /// `{"k": <string>}`, `k` kept.
    static ONE: Shape = Shape {
        members: &[(&["k"], Member::Text(0))],
    };

    /// What serde_json makes of `body`: `Some(is JSON)`, or `None` for a
    /// number out of an `f64`'s range (which the reader does not read).
    fn serde_json_accepts(body: &[u8]) -> Option<bool> {
        match serde_json::from_slice::<serde_json::Value>(body) {
            Ok(_) => Some(true),
            Err(e) if e.to_string().starts_with("number out of range") => None,
            Err(_) => Some(false),
        }
    }

    fn accepts(body: &[u8]) -> bool {
        !matches!(read(body, &NOTHING), Err(Error::Syntax(_)))
    }

    fn pick<'s>(rng: &mut Rng, from: &[&'s [u8]]) -> &'s [u8] {
        from[rng.below(from.len())]
    }

    /// Whitespace, now and then a byte that is not JSON whitespace.
    fn space(rng: &mut Rng, out: &mut Vec<u8>) {
        if rng.below(3) == 0 {
            out.extend_from_slice(pick(
                rng,
                &[
                    b" ",
                    b"\n",
                    b"\t",
                    b"\r",
                    b"  \r\n ",
                    b"\x0b",
                    b"\x0c",
                    b"\xc2\xa0",
                ],
            ));
        }
    }

    /// The inside of a string: plain text, UTF-8, every escape, surrogate
    /// pairs and lone ones, and what is not allowed (raw control
    /// characters, bad escapes, invalid UTF-8).
    fn string_piece(rng: &mut Rng, out: &mut Vec<u8>) {
        match rng.below(12) {
            0..=3 => out.extend_from_slice(pick(
                rng,
                &[
                    b"InvalidParameter",
                    b"a b",
                    b"\xe5\x8f\x82\xe6\x95\xb0",
                    b"\xf0\x9f\x98\x80",
                    b"'",
                    b"/",
                    b"\x7f",
                ],
            )),
            4 | 5 => out.extend_from_slice(pick(
                rng,
                &[
                    b"\\\"", b"\\\\", b"\\/", b"\\b", b"\\f", b"\\n", b"\\r", b"\\t",
                ],
            )),
            6 | 7 => {
                let unit = [
                    0x41, 0xe9, 0x4e2d, 0xd83d, 0xde00, 0xdbff, 0xdc00, 0xfffd, 0x0,
                ][rng.below(9)];
                let hex = format!("\\u{unit:04x}");
                out.extend_from_slice(
                    if rng.below(2) == 0 {
                        hex.to_uppercase().replace("\\U", "\\u")
                    } else {
                        hex
                    }
                    .as_bytes(),
                );
            }
            8 => out.extend_from_slice(b"\\ud83d\\ude00"),
            9 => out.extend_from_slice(pick(rng, &[b"\\x", b"\\u12", b"\\uzzzz", b"\\"])),
            10 => out.extend_from_slice(pick(rng, &[b"\x00", b"\x1f", b"\n", b"\t"])),
            _ => out.extend_from_slice(pick(
                rng,
                &[b"\xff", b"\xe4\xb8", b"\xc0\xaf", b"\xed\xa0\x80"],
            )),
        }
    }

    fn string(rng: &mut Rng, out: &mut Vec<u8>) {
        out.push(b'"');
        for _ in 0..rng.below(4) {
            string_piece(rng, out);
        }
        out.push(b'"');
    }

    /// Numbers of the grammar and near misses (small exponents only).
    fn number(rng: &mut Rng, out: &mut Vec<u8>) {
        out.extend_from_slice(pick(rng, &[b"", b"", b"-", b"+"]));
        out.extend_from_slice(pick(rng, &[b"0", b"7", b"12", b"900", b"00", b"01", b""]));
        out.extend_from_slice(pick(rng, &[b"", b"", b".5", b".05", b".", b".e"]));
        out.extend_from_slice(pick(rng, &[b"", b"", b"e3", b"E+2", b"e-7", b"e", b"e+"]));
    }

    /// A JSON value, at most `depth` levels deep.
    fn value(rng: &mut Rng, depth: usize, out: &mut Vec<u8>) {
        space(rng, out);
        match rng.below(if depth == 0 { 4 } else { 7 }) {
            0 => string(rng, out),
            1 => number(rng, out),
            2 => out.extend_from_slice(pick(
                rng,
                &[b"true", b"false", b"null", b"nul", b"True", b"nulll"],
            )),
            3 => out.extend_from_slice(pick(rng, &[b"", b"}", b"]", b",", b":", b"'a'"])),
            4 => items(rng, out, [b'[', b']'], |rng, out| {
                value(rng, depth - 1, out)
            }),
            _ => items(rng, out, [b'{', b'}'], |rng, out| {
                space(rng, out);
                if rng.below(10) == 0 {
                    out.extend_from_slice(b"k");
                } else {
                    string(rng, out);
                }
                space(rng, out);
                if rng.below(12) != 0 {
                    out.push(b':');
                }
                value(rng, depth - 1, out);
            }),
        }
        space(rng, out);
    }

    /// An array or object of up to three items between `brackets`,
    /// sometimes with a trailing comma.
    fn items(
        rng: &mut Rng,
        out: &mut Vec<u8>,
        brackets: [u8; 2],
        item: impl Fn(&mut Rng, &mut Vec<u8>),
    ) {
        out.push(brackets[0]);
        for i in 0..rng.below(4) {
            if i > 0 {
                out.push(b',');
            }
            item(rng, out);
        }
        if rng.below(8) == 0 {
            out.push(b',');
        }
        space(rng, out);
        out.push(brackets[1]);
    }

    /// A generated document, sometimes with one byte deleted, inserted or
    /// replaced, or cut short.
    fn document(rng: &mut Rng) -> Vec<u8> {
        let mut out = Vec::new();
        value(rng, 4, &mut out);
        if rng.below(6) == 0 {
            out.extend_from_slice(pick(rng, &[b"x", b"{}", b" 1", b"\x00"]));
        }
        let at = rng.below(out.len() + 1);
        let byte = b"\"\\,:{}[]0-e.un\x00\x1f\x7f\xc3\xff "[rng.below(20)];
        match rng.below(10) {
            0 if at < out.len() => drop(out.remove(at)),
            1 => out.insert(at, byte),
            2 if at < out.len() => out[at] = byte,
            3 => out.truncate(at),
            _ => {}
        }
        out
    }

    /// The reader calls a body JSON exactly when serde_json does, on
    /// generated documents that vary everything JSON can vary, and
    /// near misses of each.
    #[test]
    fn accepts_exactly_what_serde_json_accepts() {
        let mut rng = Rng(0x0005_eed5_150a);
        let mut outcomes = [0usize; 2];
        for _ in 0..60_000 {
            let body = document(&mut rng);
            let Some(want) = serde_json_accepts(&body) else {
                continue;
            };
            assert_eq!(
                accepts(&body),
                want,
                "serde_json says {want}: {:?}",
                String::from_utf8_lossy(&body)
            );
            outcomes[usize::from(want)] += 1;
        }
        assert!(outcomes.iter().all(|&n| n > 5_000), "{outcomes:?}");
    }

    /// A kept string is the text serde_json reads: every escape, surrogate
    /// pairs, UTF-8 of every width.
    #[test]
    fn strings_read_as_serde_json_reads_them() {
        let mut rng = Rng(0x0057_e10f);
        let mut read_back = 0;
        for _ in 0..20_000 {
            let mut body = b"{\"k\":".to_vec();
            string(&mut rng, &mut body);
            body.push(b'}');
            let want = serde_json::from_slice::<serde_json::Value>(&body).ok();
            let got = read(&body, &ONE);
            match (want, got) {
                (Some(v), Ok(fields)) => {
                    let text = fields.text[0].as_deref();
                    assert_eq!(text, v["k"].as_str());
                    // Borrowed from the body exactly when it has no escape.
                    let borrowed = matches!(fields.text[0], Some(Cow::Borrowed(_)));
                    assert_eq!(borrowed, text.is_some() && !body.contains(&b'\\'));
                    read_back += 1;
                }
                (None, Err(Error::Syntax(_))) => {}
                (want, got) => panic!("{:?}: {want:?} {got:?}", String::from_utf8_lossy(&body)),
            }
        }
        assert!(read_back > 5_000, "{read_back}");
    }

    /// Nesting: serde_json's limit, to the level.
    #[test]
    fn nesting_stops_where_serde_json_stops() {
        for depth in 1..=140 {
            let arrays = [b"[".repeat(depth), b"]".repeat(depth)].concat();
            let objects = [b"{\"a\":".repeat(depth), b"1".to_vec(), b"}".repeat(depth)].concat();
            for body in [arrays, objects] {
                assert_eq!(Some(accepts(&body)), serde_json_accepts(&body), "{depth}");
                assert_eq!(accepts(&body), depth <= MAX_DEPTH);
            }
        }
        // Deep but never recursing: the limit holds for any length.
        assert!(!accepts(&b"[".repeat(1 << 20)));
    }

    /// Numbers are not read, only checked: `1e400` is JSON.
    #[test]
    fn numbers_out_of_an_f64s_range_are_json() {
        for body in [
            &b"{\"a\": 1e400}"[..],
            b"{\"a\": -1e400}",
            &[b"{\"a\": 1".as_slice(), &b"0".repeat(400), b"}"].concat(),
        ] {
            assert_eq!(serde_json_accepts(body), None);
            assert_eq!(read(body, &NOTHING), Ok(Fields::default()));
        }
    }

    /// The shape: kept members, `null` for absent, a member of another type
    /// or given twice is the wrong shape, and a syntax error after a shape
    /// error is still a syntax error.
    #[test]
    fn shapes() {
        let text = |body: &str| {
            read(body.as_bytes(), &ONE).map(|f| f.text[0].clone().map(Cow::into_owned))
        };
        assert_eq!(
            text(r#"{"k": "v", "x": [1, {"k": 2}]}"#),
            Ok(Some("v".into()))
        );
        assert_eq!(text(r#"{"\u006b": "a\u00e9"}"#), Ok(Some("aé".into())));
        assert_eq!(text(r#"{"k": null}"#), Ok(None));
        assert_eq!(text(r#"{}"#), Ok(None));
        for wrong in [
            r#"{"k": 1}"#,
            r#"{"k": {}}"#,
            r#"{"k": []}"#,
            r#"{"k": true}"#,
            r#"{"k": null, "k": "v"}"#,
            "[]",
            "null",
            "\"k\"",
        ] {
            assert_eq!(text(wrong), Err(Error::Shape), "{wrong}");
        }
        assert!(matches!(
            text(r#"{"k": 1, "x": tru}"#),
            Err(Error::Syntax(_))
        ));
    }

    /// A syntax error says what and where, in characters.
    #[test]
    fn syntax_errors_name_the_place() {
        let e = read("{\n  \"é\": tru }".as_bytes(), &NOTHING);
        assert_eq!(
            e,
            Err(Error::Syntax(
                "expected `true`, `false` or `null` at line 2, column 8".into()
            ))
        );
        let e = read(b"", &NOTHING);
        assert_eq!(
            e,
            Err(Error::Syntax(
                "unexpected end of the body, expected a value at line 1, column 1".into()
            ))
        );
    }

    /// The eight-byte test says what a byte-by-byte look says (whether a
    /// byte ends the run, and the first that does), on words of random
    /// bytes and on every byte value in every place.
    #[test]
    fn run_ends_found_eight_bytes_at_a_time() {
        let ends = |b: u8| b == b'"' || b == b'\\' || b < 0x20;
        let check = |w: [u8; 8]| {
            let m = run_ends(u64::from_le_bytes(w));
            let first = w.iter().position(|&b| ends(b));
            assert_eq!(m != 0, first.is_some(), "{w:?}");
            if let Some(i) = first {
                assert_eq!(m.trailing_zeros() / 8, i as u32, "{w:?}");
            }
        };
        let mut rng = Rng(0x00e0_d5e5);
        let near = [
            0x00, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x5b, 0x5c, 0x5d, 0x7f, 0x80, 0xa2, 0xdc, 0xff,
        ];
        for _ in 0..200_000 {
            // Bytes near the tested values more often than chance gives.
            check(std::array::from_fn(|_| {
                if rng.below(2) == 0 {
                    near[rng.below(near.len())]
                } else {
                    rng.below(256) as u8
                }
            }));
        }
        for b in 0..=255u8 {
            for at in 0..8 {
                for fill in [b'a', 0x80, 0xff] {
                    let mut w = [fill; 8];
                    w[at] = b;
                    check(w);
                }
            }
        }
    }

    /// Strings are written as serde_json writes them.
    #[test]
    fn strings_written_as_serde_json_writes_them() {
        let mut rng = Rng(0x0037_17e5);
        let chars: Vec<char> = (0..0x20u32)
            .chain([
                0x22, 0x5c, 0x2f, 0x41, 0x7f, 0x80, 0xe9, 0x2028, 0x2029, 0x4e2d, 0xfeff, 0x1f600,
            ])
            .filter_map(char::from_u32)
            .collect();
        for _ in 0..5_000 {
            let s: String = (0..rng.below(12))
                .map(|_| chars[rng.below(chars.len())])
                .collect();
            let mut out = String::new();
            write_string(&mut out, &s);
            assert_eq!(out, serde_json::to_string(&s).unwrap_or_default());
        }
        let mut out = String::new();
        write_object(&mut out, &[("b", "1"), ("a", "\"")]);
        assert_eq!(out, r#"{"b":"1","a":"\""}"#);
    }
}
