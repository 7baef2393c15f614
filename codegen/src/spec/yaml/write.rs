//! Writing spec YAML: scalars that read back as the same string.
//!
//! The importer writes specs in one canonical form (see `specs/SCHEMA.md`,
//! "Importing"): a plain scalar wherever [`super::parse`] reads it back as
//! the same string, otherwise a double-quoted one with `\\`, `\"` and every
//! non-printable character escaped.

/// Lower-case words the YAML library reads as booleans or null.
const NON_STRINGS: &[&str] = &[
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
];

/// `s` as a YAML scalar in block context: plain when that reads back as the
/// same string, else double-quoted.
pub fn scalar(s: &str) -> String {
    if plain_ok(s, false) {
        s.to_owned()
    } else {
        double_quoted(s)
    }
}

/// `s` as a scalar inside a flow collection (`[a, b]`, `{ k: v }`).
pub fn flow_scalar(s: &str) -> String {
    if plain_ok(s, true) {
        s.to_owned()
    } else {
        double_quoted(s)
    }
}

fn plain_ok(s: &str, flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || s.starts_with([' ', '\t'])
        || s.ends_with([' ', '\t', ':'])
        || s.contains(": ")
        || s.contains(" #")
        || s.chars().any(needs_escape)
        || s.contains('\t')
        || (flow && s.contains([',', '[', ']', '{', '}']))
        || NON_STRINGS.contains(&s.to_lowercase().as_str())
    {
        return false;
    }
    if first.is_ascii_digit() || first == '+' || first == '.' {
        // Numbers in every notation the library knows: ask it.
        return matches!(
            super::parse(&format!("k: {s}\n"), "scalar"),
            Ok(super::Node { value: super::Value::Map(ref m), .. })
                if m.len() == 1 && m[0].1.value == super::Value::Str(s.to_owned())
        );
    }
    true
}

/// Characters a plain scalar cannot hold (they are escaped in quotes).
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// `s` double-quoted, with `\\`, `\"` and non-printable characters escaped.
pub fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\0' => out.push_str("\\0"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02X}", c as u32));
            }
            c if needs_escape(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(crate) fn push_kv(y: &mut String, indent: &str, key: &str, value: &str) {
    y.push_str(indent);
    y.push_str(key);
    y.push_str(": ");
    y.push_str(&scalar(value));
    y.push('\n');
}

pub(crate) fn push_flow_list(y: &mut String, items: &[String]) {
    y.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            y.push_str(", ");
        }
        y.push_str(&flow_scalar(item));
    }
    y.push(']');
}

/// `{ k: v, ... }`, keys and values as flow scalars.
pub(crate) fn push_flow_map(y: &mut String, pairs: &[(String, String)]) {
    y.push_str("{ ");
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            y.push_str(", ");
        }
        y.push_str(&flow_scalar(k));
        y.push_str(": ");
        y.push_str(&flow_scalar(v));
    }
    y.push_str(" }");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::yaml::Value;
    use crate::testing::Rng;

    fn read_back(text: &str) -> Value {
        let root = super::super::parse(&format!("k: {text}\n"), "t.yaml")
            .unwrap_or_else(|d| panic!("{text:?}: {d}"));
        match root.value {
            Value::Map(mut m) if m.len() == 1 => m.remove(0).1.value,
            other => panic!("{text:?}: {other:?}"),
        }
    }

    #[test]
    fn scalars_read_back_as_the_same_string() {
        let samples = [
            "",
            "y",
            "n",
            "Y",
            "N",
            "yes",
            "No",
            "ON",
            "off",
            "true",
            "False",
            "null",
            "NULL",
            "~",
            "400",
            "4e2",
            "0x1F",
            "0o17",
            "1_000",
            ".inf",
            "-.inf",
            ".NaN",
            "+1",
            "1.5",
            "12:30",
            "15 per hour",
            "-",
            "- x",
            "a: b",
            "a:b",
            "ends:",
            "a #b",
            "a#b",
            "#x",
            " lead",
            "trail ",
            "tab\there",
            "line\nbreak",
            "cr\r",
            "quote \" inside",
            "back\\slash",
            "'single'",
            "\u{85}next line",
            "\u{2028}",
            "\u{feff}bom",
            "\u{7f}",
            "\u{1b}esc",
            "\0",
            "%s",
            "@at",
            "`tick",
            "*star",
            "&amp",
            "!tag",
            "|pipe",
            ">gt",
            "[x]",
            "{x}",
            "a, b",
            "Cleanup failed: more than 90% of resources in use.",
            "输入参数校验失败。",
            "=",
            "<<",
            "...",
            "---",
            "? q",
            "CBC.0100",
            "InvalidParameter.{field}",
            "0",
            "07",
            "1e",
            "1.",
        ];
        for s in samples {
            for (text, flow) in [(scalar(s), false), (flow_scalar(s), true)] {
                let doc = if flow {
                    format!("[{text}]")
                } else {
                    text.clone()
                };
                let v = read_back(&doc);
                let got = if flow {
                    match v {
                        Value::Seq(mut items) if items.len() == 1 => items.remove(0).value,
                        other => panic!("{s:?} as {doc}: {other:?}"),
                    }
                } else {
                    v
                };
                assert_eq!(got, Value::Str(s.to_owned()), "{s:?} written as {doc}");
            }
        }
        // Plain wherever YAML allows it; quoted where it does not.
        assert_eq!(scalar("Success."), "Success.");
        assert_eq!(scalar("成功。"), "成功。");
        assert_eq!(scalar("15 per hour"), "15 per hour");
        assert_eq!(scalar("-"), "\"-\"");
        assert_eq!(scalar("no"), "\"no\"");
        assert_eq!(scalar("400"), "\"400\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
        assert_eq!(scalar("\u{1b}\u{85}"), r#""\x1B\u0085""#);
    }

    #[test]
    fn random_scalars_read_back() {
        let alphabet = [
            "a", "Z", "0", "9", " ", "  ", ":", "#", "-", "?", ",", "[", "]", "{", "}", "'", "\"",
            "\\", "\n", "\t", "\r", "%", "@", "!", "&", "*", "|", ">", "。", "错", ".", "e", "x",
            "+", "_", "~", "\u{85}", "\u{2028}", "\u{feff}", "\u{1}", "y", "n", "o", "true",
            "null",
        ];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..4000 {
            let len = rng.below(6);
            let s: String = (0..len).map(|_| rng.pick(&alphabet)).collect();
            assert_eq!(
                read_back(&scalar(&s)),
                Value::Str(s.clone()),
                "{s:?} -> {}",
                scalar(&s)
            );
            match read_back(&format!("[{}]", flow_scalar(&s))) {
                Value::Seq(items) => assert_eq!(items[0].value, Value::Str(s.clone()), "{s:?}"),
                other => panic!("{s:?}: {other:?}"),
            }
            let mut map = String::new();
            push_flow_map(
                &mut map,
                &[("zh".to_owned(), s.clone()), ("en".to_owned(), s.clone())],
            );
            match read_back(&map) {
                Value::Map(pairs) => {
                    assert_eq!(pairs.len(), 2, "{map}");
                    for (k, v) in pairs {
                        assert!(matches!(k.value, Value::Str(_)), "{map}");
                        assert_eq!(v.value, Value::Str(s.clone()), "{s:?} as {map}");
                    }
                }
                other => panic!("{s:?} as {map}: {other:?}"),
            }
        }
    }
}
