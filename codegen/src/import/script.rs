//! The language of a text, from its script.
//!
//! Kana is Japanese (Japanese mixes kana with kanji; Chinese never has
//! kana), Hangul is Korean, Han without kana is Chinese, Latin letters are
//! English. A column's language is that of most of its texts.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Kana,
    Hangul,
    Han,
    Latin,
}

fn script(c: char) -> Option<Script> {
    match c {
        '\u{3040}'..='\u{30ff}' | '\u{31f0}'..='\u{31ff}' | '\u{ff66}'..='\u{ff9f}' => {
            Some(Script::Kana)
        }
        '\u{ac00}'..='\u{d7af}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' => {
            Some(Script::Hangul)
        }
        '\u{4e00}'..='\u{9fff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{3134f}' => Some(Script::Han),
        'a'..='z'
        | 'A'..='Z'
        | '\u{c0}'..='\u{24f}'
        | '\u{ff21}'..='\u{ff3a}'
        | '\u{ff41}'..='\u{ff5a}' => Some(Script::Latin),
        _ => None,
    }
}

/// The language of one text: `ja` with kana, `ko` with Hangul, `zh` with
/// Han, `en` with Latin letters, in that order; `None` without letters
/// (`-`, numbers, punctuation).
pub(crate) fn text_language(text: &str) -> Option<&'static str> {
    let mut seen = [false; 4];
    for c in text.chars() {
        if let Some(s) = script(c) {
            seen[s as usize] = true;
        }
    }
    let order = [
        (Script::Kana, "ja"),
        (Script::Hangul, "ko"),
        (Script::Han, "zh"),
        (Script::Latin, "en"),
    ];
    order
        .iter()
        .find(|(s, _)| seen[*s as usize])
        .map(|(_, lang)| *lang)
}

/// The language of a column: that of most of its texts, where Chinese and
/// Japanese count together (a Japanese text may be all kanji) and the
/// column is Japanese when a fifth of them or more have kana. Ties go to
/// the non-Latin script (Latin words appear in texts of every language).
pub(crate) fn column_language<'a>(
    texts: impl IntoIterator<Item = &'a str>,
) -> Option<&'static str> {
    let (mut ja, mut ko, mut zh, mut en) = (0usize, 0usize, 0usize, 0usize);
    for t in texts {
        match text_language(t) {
            Some("ja") => ja += 1,
            Some("ko") => ko += 1,
            Some("zh") => zh += 1,
            Some(_) => en += 1,
            None => {}
        }
    }
    let cjk = ja + zh;
    if cjk == 0 && ko == 0 && en == 0 {
        return None;
    }
    if cjk >= ko && cjk >= en {
        Some(if ja * 5 >= cjk { "ja" } else { "zh" })
    } else if ko >= en {
        Some("ko")
    } else {
        Some("en")
    }
}

/// Whether most texts of a Latin column read as sentences (two words or
/// more, or ending in `.`, `!`, `?`), not as tokens (`string`, `v2`).
pub(crate) fn mostly_sentences<'a>(texts: impl IntoIterator<Item = &'a str>) -> bool {
    let (mut sentences, mut all) = (0usize, 0usize);
    for t in texts {
        let t = t.trim();
        if t.is_empty() || t == "-" {
            continue;
        }
        all += 1;
        if t.split_whitespace().count() >= 2 || t.ends_with(['.', '!', '?', '。']) {
            sentences += 1;
        }
    }
    all > 0 && sentences * 2 > all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_of_texts() {
        for (text, lang) in [
            ("Internal error.", Some("en")),
            ("内部错误。", Some("zh")),
            ("内部エラーが発生しました。", Some("ja")),
            ("認証失敗", Some("zh")),
            ("내부 오류입니다.", Some("ko")),
            ("ENS 节点 ID", Some("zh")),
            ("-", None),
            ("400", None),
            ("", None),
            ("Ｅｒｒｏｒ", Some("en")),
            ("café", Some("en")),
        ] {
            assert_eq!(text_language(text), lang, "{text}");
        }
    }

    #[test]
    fn languages_of_columns() {
        assert_eq!(column_language(["内部错误。", "-", "OK"]), Some("zh"));
        assert_eq!(
            column_language(["認証失敗", "内部エラーです。", "署名が無効です。"]),
            Some("ja")
        );
        assert_eq!(
            column_language([
                "認証失敗",
                "権限不足",
                "内部エラーです。",
                "署名",
                "期限切れ"
            ]),
            Some("ja"),
            "one in five with kana"
        );
        assert_eq!(
            column_language(["认证失败", "权限不足", "内部错误", "签名", "过期", "エラー"]),
            Some("zh")
        );
        assert_eq!(column_language(["오류", "x"]), Some("ko"));
        assert_eq!(column_language(["a", "b", "错误"]), Some("en"));
        assert_eq!(
            column_language(["a", "错误"]),
            Some("zh"),
            "ties to the non-Latin"
        );
        assert_eq!(column_language(["-", ""]), None);
        assert!(mostly_sentences([
            "Internal error.",
            "Denied",
            "Try again later"
        ]));
        assert!(!mostly_sentences(["string", "v2", "Denied."]));
        assert!(!mostly_sentences(["-", ""]));
    }
}
