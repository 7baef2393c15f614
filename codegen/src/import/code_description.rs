//! `<code> <description>` lines under a header line naming the two columns
//! (`Error Code Description`, `错误码 描述`, `エラーコード 説明`,
//! `오류 코드 설명`, any known code and message headers): the Tencent
//! pages. The non-empty line above the header is the table's heading (the
//! section: `Common Error Codes`); a table ends at the first line that is
//! not `<code> <description>`.

use super::roles::{Kind, known_header};
use super::table::{Cell, Dialect, Row, Table};

/// Every code-description table of the page.
pub(crate) fn tables(lines: &[&str]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(headers) = header(lines[i]) else {
            i += 1;
            continue;
        };
        let heading = lines[..i]
            .iter()
            .rev()
            .map(|l| l.trim())
            .find(|l| !l.is_empty())
            .map(str::to_owned);
        let mut rows = Vec::new();
        let mut j = i + 1;
        while let Some((code, text)) = lines.get(j).and_then(|l| split_code_line(l)) {
            rows.push(Row {
                line: j + 1,
                cells: vec![Cell::new(code, j + 1), Cell::new(text, j + 1)],
                section: heading.clone(),
            });
            j += 1;
        }
        out.push(Table {
            dialect: Dialect::CodeDescription,
            line: i + 1,
            end_line: j.max(i + 1),
            headers: headers.to_vec(),
            rows,
            heading,
            problems: Vec::new(),
        });
        i = j;
    }
    out
}

/// A header line: known code header words, then known message header words.
fn header(line: &str) -> Option<[String; 2]> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if !(2..=8).contains(&words.len()) {
        return None;
    }
    (1..words.len()).find_map(|k| {
        let (left, right) = (words[..k].join(" "), words[k..].join(" "));
        let kind = |h: &str| known_header(h).map(|r| r.kind);
        (kind(&left) == Some(Kind::Code) && kind(&right) == Some(Kind::Message))
            .then_some([left, right])
    })
}

/// A code like `FailedOperation.MemberNameUsed` or `InternalError`: ASCII
/// segments separated by `.`, the first starting with a capital letter; a
/// code without `.` must be CamelCase (two capitals or more).
pub(crate) fn is_code_shape(token: &str) -> bool {
    if !token.is_ascii() || token.is_empty() {
        return false;
    }
    let segments: Vec<&str> = token.split('.').collect();
    let segment_ok =
        |s: &&str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !segments.iter().all(segment_ok) || !token.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    if segments.len() > 1 {
        return true;
    }
    token.bytes().filter(u8::is_ascii_uppercase).count() >= 2
        && token.bytes().any(|b| b.is_ascii_lowercase())
}

/// `<code> <description>`: the description is the rest of the line after
/// the white space that follows the code, kept as written.
fn split_code_line(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_start();
    let i = line.find(char::is_whitespace)?;
    let (code, rest) = line.split_at(i);
    let rest = rest.trim_start();
    (is_code_shape(code) && !rest.is_empty()).then_some((code, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TENCENT: &str = "Error Codes\n\nCommon Error Codes\n\nError Code Description\nActionOffline This API has been deprecated.\nAuthFailure.MFAFailure MFA failed.  \nUnsupportedRegion API does not support the requested region.\n\nService Error Codes\n\nError Code\tDescription\nFailedOperation.ApplyExist The application already exists.\nRelated links\n\nエラーコード 説明\nInternalError 内部エラーです。\n오류 코드 설명\nInternalError 내부 오류입니다.\n";

    #[test]
    fn reads_sections_in_every_language() {
        let lines: Vec<&str> = TENCENT.lines().collect();
        let t = tables(&lines);
        assert_eq!(t.len(), 4);
        let codes: Vec<&str> = t[0].rows.iter().map(|r| r.cells[0].text.as_str()).collect();
        assert_eq!(
            codes,
            [
                "ActionOffline",
                "AuthFailure.MFAFailure",
                "UnsupportedRegion"
            ]
        );
        assert_eq!(t[0].heading.as_deref(), Some("Common Error Codes"));
        assert_eq!(
            t[0].rows[1].cells[1].text, "MFA failed.  ",
            "kept as written"
        );
        assert_eq!(t[0].rows[0].line, 6);
        assert_eq!(t[1].heading.as_deref(), Some("Service Error Codes"));
        assert_eq!(t[1].rows.len(), 1);
        assert_eq!(t[2].headers, ["エラーコード", "説明"]);
        assert_eq!(t[3].headers, ["오류 코드", "설명"]);
        assert!(!is_code_shape("Related"));
        assert!(!is_code_shape("API"));
        assert!(is_code_shape("IpInBlacklist"));
        assert!(header("Error code descriptions are listed below, with more words").is_none());
    }
}
