//! Source text to tokens, by rustc's own lexer when inside a proc-macro.
//!
//! Cargo builds proc-macros without optimisation, so building a large token
//! stream one token at a time (each token a call across the proc-macro
//! bridge, each string literal escaped by unoptimised code) is slow.
//! Writing the text and lexing it in one call costs a fraction of that: the
//! compiler's lexer is optimised. `proc_macro2`'s `FromStr` is not used
//! inside a proc-macro because it first re-lexes the text with its own
//! (unoptimised) lexer, to validate it; the text lexed here is valid by
//! construction (see the callers), and tests check it is the same tokens
//! built one by one.

extern crate proc_macro;

use proc_macro2::TokenStream;

/// The tokens of `text`, `None` if it does not lex.
pub(super) fn tokens(text: &str) -> Option<TokenStream> {
    if proc_macro::is_available() {
        text.parse::<proc_macro::TokenStream>()
            .ok()
            .map(TokenStream::from)
    } else {
        text.parse().ok()
    }
}

/// A string literal of `s`, escaped here and lexed by rustc: in a
/// proc-macro, `Literal::string` escapes each character by unoptimised code
/// (some 200 instructions a byte), which for a catalog's string blob (tens
/// of KiB) was a tenth of the macro's time. Text is copied in runs; only
/// what a literal cannot hold or would hide is escaped: `"`, `\`, control
/// characters (CR among them), and the invisible and direction-changing
/// characters past ASCII that rustc refuses or that would hide text
/// (U+0080..=U+009F, U+061C, U+200E, U+200F, U+2028..=U+202E,
/// U+2066..=U+2069, U+FEFF), as `\u{...}`.
pub(super) fn string_literal(s: &str) -> TokenStream {
    tokens(&string_literal_text(s))
        .unwrap_or_else(|| proc_macro2::TokenTree::from(proc_macro2::Literal::string(s)).into())
}

/// The bytes [`string_literal_text`] looks at: a table, so that the loop
/// over the other bytes is short in an unoptimised build.
static STOPS: [bool; 256] = {
    let mut stops = [false; 256];
    let mut b = 0;
    while b < 256 {
        stops[b] = b < 0x20 || matches!(b, 0x7f | 0x22 | 0x5c) || invisible_lead(b as u8);
        b += 1;
    }
    stops
};

/// The source text of [`string_literal`].
fn string_literal_text(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + s.len() / 16 + 2);
    out.push('"');
    let (mut i, mut run) = (0, 0);
    while i < b.len() {
        if !STOPS[b[i] as usize] {
            i += 1;
            continue;
        }
        // The length of the character at `i` when it is escaped, else 0.
        let escaped = match b[i] {
            0..=0x1f | 0x7f | b'"' | b'\\' => 1,
            _ => invisible_len(b, i),
        };
        if escaped == 0 {
            i += 1;
            continue;
        }
        out.push_str(&s[run..i]);
        match b[i] {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            _ => {
                // The match above stops only at a character boundary
                // (ASCII, or a lead byte with its continuation bytes).
                let c = s[i..].chars().next().unwrap_or_default();
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
        }
        i += escaped;
        run = i;
    }
    out.push_str(&s[run..]);
    out.push('"');
    out
}

/// Characters rustc refuses in a doc comment or literal (the bidi
/// controls, which change how the text around them is shown, and a bare CR)
/// and others that are invisible or break the line: control characters,
/// line and paragraph separators, the byte order mark. Generated docs and
/// literals write them as `\u{...}`.
pub(super) fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
                | '\u{2028}' | '\u{2029}' | '\u{FEFF}'
        )
}

/// Whether `b` starts the UTF-8 form of an [`invisible`] character past
/// ASCII (U+0080..=U+009F, U+061C, U+200E, U+200F, U+2028..=U+202E,
/// U+2066..=U+2069, U+FEFF).
const fn invisible_lead(b: u8) -> bool {
    matches!(b, 0xc2 | 0xd8 | 0xe2 | 0xef)
}

/// The length in bytes of the character at `b[i]` if it is an [`invisible`]
/// character past ASCII, else 0: [`invisible`] told from the bytes, for the
/// loops over text that run unoptimised in a proc-macro.
pub(super) fn invisible_len(b: &[u8], i: usize) -> usize {
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    match at(i) {
        0xc2 if (0x80..=0x9f).contains(&at(i + 1)) => 2,
        0xd8 if at(i + 1) == 0x9c => 2,
        0xe2 if at(i + 1) == 0x80 && matches!(at(i + 2), 0x8e | 0x8f | 0xa8..=0xae) => 3,
        0xe2 if at(i + 1) == 0x81 && matches!(at(i + 2), 0xa6..=0xa9) => 3,
        0xef if at(i + 1) == 0xbb && at(i + 2) == 0xbf => 3,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Rng;

    #[test]
    fn invisible_told_from_bytes_as_from_characters() {
        let mut found = 0;
        for c in (0x80..=0x10_ffff).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let expected = if invisible(c) { bytes.len() } else { 0 };
            assert_eq!(invisible_len(bytes, 0), expected, "{c:?}");
            if expected > 0 {
                found += 1;
                assert!(
                    invisible_lead(bytes[0]) && STOPS[usize::from(bytes[0])],
                    "{c:?}"
                );
            }
        }
        // U+0080..=U+009F, and U+061C, U+200E, U+200F, U+2028..=U+202E,
        // U+2066..=U+2069, U+FEFF.
        assert_eq!(found, 32 + 15);
    }

    /// Pieces of text a catalog holds, and every kind the writer escapes.
    const PIECES: &[&str] = &[
        "CBC.0250",
        "InvalidParameter.%s",
        "余额不足，请充值。",
        "“quoted” — dash",
        "\"",
        "\\",
        "\\n",
        "\n",
        "\r",
        "\t",
        "\0",
        "\u{7f}",
        "\u{85}",
        "\u{9f}",
        "\u{a0}",
        "\u{61c}",
        "\u{200e}",
        "\u{200f}",
        "\u{2028}",
        "\u{202e}",
        "\u{2066}",
        "\u{2069}",
        "\u{feff}",
        "\u{fffd}",
        "é",
        "🦀",
        "{}",
        "#",
        "r#\"",
        " ",
    ];

    #[test]
    fn string_literals_hold_the_text_exactly() {
        // Strings of 0 to 12 pieces, from a fixed seed.
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut escaped = 0;
        for _ in 0..3000 {
            let len = rng.below(13);
            let s: String = (0..len).map(|_| rng.pick(PIECES)).collect();
            let text = string_literal_text(&s);
            let lit: syn::LitStr =
                syn::parse_str(&text).unwrap_or_else(|e| panic!("{text:?} does not lex: {e}"));
            assert_eq!(lit.value(), s, "literal {text}");
            // Nothing invisible or direction-changing is left in the source.
            assert!(!text[1..text.len() - 1].chars().any(invisible), "{text:?}");
            escaped += usize::from(text.len() != s.len() + 2);
            // The token stream is the one literal.
            let lit_tokens = string_literal(&s);
            let parsed: syn::LitStr = syn::parse2(lit_tokens).expect("one string literal");
            assert_eq!(parsed.value(), s);
        }
        assert!(escaped > 1000, "only {escaped} strings needed escapes");
    }
}
