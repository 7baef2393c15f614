//! Column roles: what each column of a table holds.
//!
//! A header is first looked up among the words vendors are known to use
//! (compared case-, width- and white-space-insensitively: `HTTP 状态码`,
//! `Http Status Code`, `ＥｒｒｏｒＣｏｄｅ`); a header not in the list is
//! matched by the words it contains (`status`, `状态`, `code`, `码`,
//! `message`, `信息`, `处理`, ...). Then the column's texts decide what the
//! header does not: the language of a message or action column is the
//! script of most of its texts, a column of HTTP statuses is the status,
//! and a column of Chinese (Japanese, Korean) text or Latin sentences under
//! an unknown header is the message in that language when no other column
//! is. What still has no role is an extra column.

use super::script::{column_language, mostly_sentences, text_language};
use super::table::parse_statuses;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The HTTP status.
    Status,
    /// The error code.
    Code,
    /// The message in a language.
    Message(&'static str),
    /// What to do about the error, in a language.
    Action(&'static str),
    /// Anything else: kept in the entry's note.
    Extra,
}

impl Role {
    /// The role in words, for diagnostics (`status`, `zh message`).
    pub fn describe(self) -> String {
        match self {
            Role::Status => "status".to_owned(),
            Role::Code => "code".to_owned(),
            Role::Message(l) => format!("{l} message"),
            Role::Action(l) => format!("{l} action"),
            Role::Extra => "extra".to_owned(),
        }
    }
}

/// What a header names, before the texts are looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Status,
    Code,
    Message,
    Action,
}

/// A header's meaning: the kind, the language it suggests, and whether the
/// header is a known one (not only matched by its words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HeaderRole {
    pub kind: Kind,
    pub lang: Option<&'static str>,
    pub known: bool,
}

/// Headers vendors use, as [`header_key`]s.
const KNOWN: &[(&str, Kind, Option<&str>)] = &[
    ("状态码", Kind::Status, None),
    ("http状态码", Kind::Status, None),
    ("httpstatuscode", Kind::Status, None),
    ("httpstatus", Kind::Status, None),
    ("statuscode", Kind::Status, None),
    ("status", Kind::Status, None),
    ("http", Kind::Status, None),
    ("httpcode", Kind::Status, None),
    ("返回码", Kind::Status, None),
    ("http返回码", Kind::Status, None),
    ("ステータスコード", Kind::Status, None),
    ("httpステータスコード", Kind::Status, None),
    ("상태코드", Kind::Status, None),
    ("http상태코드", Kind::Status, None),
    ("错误码", Kind::Code, None),
    ("错误代码", Kind::Code, None),
    ("错误编码", Kind::Code, None),
    ("errorcode", Kind::Code, None),
    ("errorcodes", Kind::Code, None),
    ("code", Kind::Code, None),
    ("errcode", Kind::Code, None),
    ("エラーコード", Kind::Code, None),
    ("오류코드", Kind::Code, None),
    ("에러코드", Kind::Code, None),
    ("错误信息", Kind::Message, Some("en")),
    ("错误码信息", Kind::Message, Some("en")),
    ("错误消息", Kind::Message, Some("en")),
    ("errormessage", Kind::Message, Some("en")),
    ("message", Kind::Message, Some("en")),
    ("errormsg", Kind::Message, Some("en")),
    ("英文描述", Kind::Message, Some("en")),
    ("描述", Kind::Message, Some("zh")),
    ("错误码描述", Kind::Message, Some("zh")),
    ("错误描述", Kind::Message, Some("zh")),
    ("说明", Kind::Message, Some("zh")),
    ("中文描述", Kind::Message, Some("zh")),
    ("description", Kind::Message, Some("zh")),
    ("エラーメッセージ", Kind::Message, Some("ja")),
    ("説明", Kind::Message, Some("ja")),
    ("오류메시지", Kind::Message, Some("ko")),
    ("설명", Kind::Message, Some("ko")),
    ("处理措施", Kind::Action, Some("zh")),
    ("处理建议", Kind::Action, Some("zh")),
    ("解决方案", Kind::Action, Some("zh")),
    ("解决方法", Kind::Action, Some("zh")),
    ("solution", Kind::Action, Some("en")),
    ("suggestion", Kind::Action, Some("en")),
    ("対処方法", Kind::Action, Some("ja")),
    ("対処法", Kind::Action, Some("ja")),
    ("해결방법", Kind::Action, Some("ko")),
    ("조치방법", Kind::Action, Some("ko")),
];

/// Words of unknown headers, by kind, tried in this order (`错误码说明` is
/// a message, `HTTP 状态码` a status: both also contain `码`).
const WORDS: &[(Kind, &[&str])] = &[
    (
        Kind::Status,
        &["status", "状态", "ステータス", "상태", "返回码", "httpcode"],
    ),
    (
        Kind::Action,
        &[
            "处理",
            "措施",
            "建议",
            "解决",
            "solution",
            "suggest",
            "action",
            "resolution",
            "recommend",
            "remed",
            "handling",
            "howto",
            "対処",
            "対応",
            "対策",
            "해결",
            "조치",
        ],
    ),
    (
        Kind::Message,
        &[
            "message",
            "msg",
            "信息",
            "消息",
            "描述",
            "说明",
            "description",
            "desc",
            "text",
            "reason",
            "meaning",
            "detail",
            "explanation",
            "原因",
            "含义",
            "メッセージ",
            "説明",
            "内容説明",
            "메시지",
            "설명",
        ],
    ),
    (
        Kind::Code,
        &["code", "码", "代码", "编码", "コード", "코드", "errno"],
    ),
];

/// Words naming a language in a header (`Message (English)`, `中文描述`).
const LANGUAGE_WORDS: &[(&str, &str)] = &[
    ("english", "en"),
    ("英文", "en"),
    ("英語", "en"),
    ("chinese", "zh"),
    ("中文", "zh"),
    ("中国語", "zh"),
    ("japanese", "ja"),
    ("日本語", "ja"),
    ("日文", "ja"),
    ("korean", "ko"),
    ("韩文", "ko"),
    ("韓国語", "ko"),
    ("한국어", "ko"),
];

/// Full-width ASCII as ASCII, the ideographic space as a space.
fn fold_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// A header compared by its letters and digits only, lower case, width
/// folded: `HTTP 状态码`, `http状态码` and `ＨＴＴＰ状态码` are one key.
pub(crate) fn header_key(header: &str) -> String {
    header
        .chars()
        .map(fold_width)
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The header as a known one of [`KNOWN`].
pub(crate) fn known_header(header: &str) -> Option<HeaderRole> {
    let key = header_key(header);
    KNOWN
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|&(_, kind, lang)| HeaderRole {
            kind,
            lang: lang.or_else(|| language_word(&key)),
            known: true,
        })
}

fn language_word(key: &str) -> Option<&'static str> {
    LANGUAGE_WORDS
        .iter()
        .find(|(w, _)| key.contains(w))
        .map(|&(_, l)| l)
}

/// What a header names: a known header, else the first kind whose words it
/// contains. Headers of more than 40 characters are not headers.
pub(crate) fn header_role(header: &str) -> Option<HeaderRole> {
    if header.chars().count() > 40 {
        return None;
    }
    if let Some(known) = known_header(header) {
        return Some(known);
    }
    let key = header_key(header);
    WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| key.contains(w)))
        .map(|&(kind, _)| HeaderRole {
            kind,
            lang: language_word(&key),
            known: false,
        })
}

/// The role of every column of a table, from its headers and the texts of
/// its columns (`columns[i]` holds the cells of column `i`).
pub(crate) fn roles(headers: &[String], columns: &[Vec<&str>]) -> Vec<Role> {
    let n = headers.len();
    let named: Vec<Option<HeaderRole>> = headers.iter().map(|h| header_role(h)).collect();
    let cells = |i: usize| columns.get(i).map(Vec::as_slice).unwrap_or(&[]);
    let mut out = vec![Role::Extra; n];
    let first_named = |kind: Kind| named.iter().position(|h| h.is_some_and(|h| h.kind == kind));
    // A code column holds codes: one token a cell, mostly.
    if let Some(i) = first_named(Kind::Code)
        && mostly_codes(cells(i))
    {
        out[i] = Role::Code;
    }
    let status = first_named(Kind::Status).or_else(|| {
        (0..n).find(|&i| named[i].is_none() && out[i] == Role::Extra && all_statuses(cells(i)))
    });
    if let Some(i) = status {
        out[i] = Role::Status;
    }

    // Messages: named columns first, those whose header agrees with their
    // texts before the others; then unnamed columns of text. A language
    // goes to one column; the others stay extra.
    let mut candidates: Vec<(usize, &'static str, u8)> = Vec::new();
    for i in 0..n {
        if out[i] != Role::Extra {
            continue;
        }
        let content = column_language(cells(i).iter().copied());
        match named[i] {
            Some(h) if h.kind == Kind::Message => {
                if let Some(lang) = content.or(h.lang).or_else(|| text_language(&headers[i])) {
                    let agrees = h.lang.is_none_or(|l| l == lang);
                    candidates.push((i, lang, if agrees { 0 } else { 1 }));
                }
            }
            None => {
                if let Some(lang) = content
                    && (lang != "en" || mostly_sentences(cells(i).iter().copied()))
                {
                    candidates.push((i, lang, 2));
                }
            }
            Some(_) => {}
        }
    }
    candidates.sort_by_key(|&(i, _, rank)| (rank, i));
    let mut taken: Vec<&str> = Vec::new();
    for (i, lang, _) in candidates {
        if !taken.contains(&lang) {
            taken.push(lang);
            out[i] = Role::Message(lang);
        }
    }

    let mut actions: Vec<&str> = Vec::new();
    for i in 0..n {
        let Some(h) = named[i].filter(|h| h.kind == Kind::Action && out[i] == Role::Extra) else {
            continue;
        };
        let lang = column_language(cells(i).iter().copied())
            .or(h.lang)
            .or_else(|| text_language(&headers[i]))
            .unwrap_or("en");
        if !actions.contains(&lang) {
            actions.push(lang);
            out[i] = Role::Action(lang);
        }
    }
    out
}

/// Whether most non-empty cells are one token each (or there are none).
fn mostly_codes(cells: &[&str]) -> bool {
    let (mut tokens, mut all) = (0usize, 0usize);
    for c in cells {
        let c = c.trim();
        if c.is_empty() {
            continue;
        }
        all += 1;
        if !c.chars().any(char::is_whitespace) {
            tokens += 1;
        }
    }
    tokens * 2 >= all
}

/// Whether every non-empty cell is an HTTP status (or a list of them) and
/// one cell at least is.
fn all_statuses(cells: &[&str]) -> bool {
    let mut any = false;
    for c in cells {
        if c.trim().is_empty() {
            continue;
        }
        if parse_statuses(c).is_none() {
            return false;
        }
        any = true;
    }
    any
}

/// What a table without a code column lacks, in words, for the diagnostic.
pub(crate) fn code_header_help() -> &'static str {
    "the error-code column needs a header that names it: `错误码`, `错误代码`, `Error Code`, `ErrorCode`, `Code`, `エラーコード`, `오류 코드` (or any header with `code` or `码` in it); fix the header in the saved page, or pick the table with `--table N`"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(header: &str) -> Option<Kind> {
        header_role(header).map(|h| h.kind)
    }

    #[test]
    fn known_headers_in_any_spelling() {
        for (h, k) in [
            ("状态码", Kind::Status),
            ("HTTP状态码", Kind::Status),
            ("HTTP 状态码", Kind::Status),
            ("HTTP status code", Kind::Status),
            ("Http Status Code", Kind::Status),
            ("ＨＴＴＰ　Ｓｔａｔｕｓ　Ｃｏｄｅ", Kind::Status),
            ("返回码", Kind::Status),
            ("错误码", Kind::Code),
            ("错误代码", Kind::Code),
            ("Error Code", Kind::Code),
            ("ErrorCode", Kind::Code),
            ("error_code", Kind::Code),
            ("Code", Kind::Code),
            (" CODE ", Kind::Code),
            ("错误信息", Kind::Message),
            ("错误码信息", Kind::Message),
            ("错误消息", Kind::Message),
            ("Error Message", Kind::Message),
            ("Message", Kind::Message),
            ("描述", Kind::Message),
            ("错误码描述", Kind::Message),
            ("错误描述", Kind::Message),
            ("说明", Kind::Message),
            ("Description", Kind::Message),
            ("处理措施", Kind::Action),
            ("处理建议", Kind::Action),
            ("Solution", Kind::Action),
            ("Suggestion", Kind::Action),
        ] {
            let role = header_role(h).unwrap_or_else(|| panic!("{h}"));
            assert_eq!(role.kind, k, "{h}");
            assert!(role.known, "{h}");
        }
    }

    #[test]
    fn unknown_headers_by_their_words() {
        for (h, k) in [
            ("HTTP返回状态", Some(Kind::Status)),
            ("Status of the response", Some(Kind::Status)),
            ("错误码说明", Some(Kind::Message)),
            ("Error Description", Some(Kind::Message)),
            ("Message (English)", Some(Kind::Message)),
            ("API 错误码", Some(Kind::Code)),
            ("Return Code", Some(Kind::Code)),
            ("How to fix", Some(Kind::Action)),
            ("Recommended action", Some(Kind::Action)),
            ("处理方式", Some(Kind::Action)),
            ("备注", None),
            ("API", None),
            ("Remarks", None),
        ] {
            assert_eq!(kind(h), k, "{h}");
        }
        assert_eq!(
            header_role("Message (English)").and_then(|h| h.lang),
            Some("en")
        );
        assert_eq!(header_role("中文描述").and_then(|h| h.lang), Some("zh"));
        assert_eq!(header_role(&"x".repeat(41)), None);
    }

    fn roles_of(headers: &[&str], rows: &[&[&str]]) -> Vec<Role> {
        let headers: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
        let columns: Vec<Vec<&str>> = (0..headers.len())
            .map(|i| {
                rows.iter()
                    .map(|r| r.get(i).copied().unwrap_or(""))
                    .collect()
            })
            .collect();
        roles(&headers, &columns)
    }

    #[test]
    fn texts_decide_what_headers_do_not() {
        use Role::*;
        // The seed layout.
        assert_eq!(
            roles_of(
                &["HTTP status code", "错误码", "错误信息", "描述"],
                &[&["400", "A", "Bad.", "-"], &["400", "B", "Worse.", "更糟"]]
            ),
            [Status, Code, Message("en"), Message("zh")]
        );
        // Any order; statuses and texts under unknown headers.
        assert_eq!(
            roles_of(
                &["备注", "Code", "Http", "列", "Other"],
                &[
                    &["v2", "A.1", "400", "参数错误。", "The parameter is wrong."],
                    &["v3", "A.2", "404/409", "未找到。", "Not found."],
                ]
            ),
            [Extra, Code, Status, Message("zh"), Message("en")]
        );
        assert_eq!(
            roles_of(
                &["X", "错误码", "Y"],
                &[&["400", "A", "x"], &["500", "B", "y"]]
            ),
            [Status, Code, Extra],
            "numbers 100..599 are a status; single words are not a message"
        );
        // The header says English, the texts say Japanese.
        assert_eq!(
            roles_of(
                &["エラーコード", "Error Message", "説明"],
                &[&["A", "内部エラーです。", "Internal error."]]
            ),
            [Code, Message("ja"), Message("en")]
        );
        // Two English columns: the one whose header says English wins.
        assert_eq!(
            roles_of(
                &["Error Code", "Description", "Error Message"],
                &[&["A", "The request failed.", "Failed."]]
            ),
            [Code, Extra, Message("en")]
        );
        // Actions, in the language of their texts.
        assert_eq!(
            roles_of(
                &["Code", "Message", "处理措施", "Solution"],
                &[
                    &["A", "Failed.", "请重试。", "Retry."],
                    &["B", "No.", "-", "-"]
                ]
            ),
            [Code, Message("en"), Action("zh"), Action("en")]
        );
        assert_eq!(
            roles_of(&["处理建议", "错误码"], &[&["-", "A"]]),
            [Action("zh"), Code],
            "no text: the header's language"
        );
        // No code column.
        assert!(!roles_of(&["名称", "类型", "描述"], &[&["Id", "string", "ID。"]]).contains(&Code));
        // A column under a code header that holds sentences is no code column.
        assert_eq!(
            roles_of(
                &["2025-01-10", "OpenAPI 错误码发生变更", "查看变更详情"],
                &[&["2024-08-19", "OpenAPI 错误码发生变更", "查看变更详情"]]
            ),
            [Extra, Extra, Message("zh")]
        );
    }
}
