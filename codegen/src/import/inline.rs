//! Per-API snippets of Huawei pages: a header of known status, code and
//! message words (`HTTP状态码 错误码 描述`, `HTTP Status Code Error Code
//! Description`) followed on the same line by `<status> <code> <text> ...`.
//! A text ends at the next `<status> <code>`, at `父主题:` / `Parent topic:`
//! or at the end of the line. Each snippet is a table of its own.

use super::code_description::is_code_shape;
use super::roles::{Kind, header_key, known_header};
use super::table::parse_status;
use super::table::{Cell, Dialect, Row, Table};

/// Text that ends the last text of a snippet.
const MARKERS: &[&str] = &["父主题:", "父主题：", "Parent topic:"];

/// Keys a status header can start with (a cheap filter before the lookup).
const STATUS_STARTS: &[&str] = &["http", "状态", "status", "返回", "ステータス", "상태"];

/// Byte ranges of the white-space separated tokens of `line`.
fn tokens(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, line.len()));
    }
    out
}

/// A code like `CBC.0100`: ASCII letters, digits, `_`, `-`, with a `.`
/// inside; or a dotted or CamelCase code (`FailedOperation.X`).
fn is_inline_code(token: &str) -> bool {
    let dotted = token.starts_with(|c: char| c.is_ascii_alphabetic())
        && token.contains('.')
        && !token.ends_with('.')
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    dotted || is_code_shape(token)
}

/// Every snippet of the page.
pub(crate) fn tables(lines: &[&str]) -> Vec<Table> {
    let mut out = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let toks = tokens(line);
        let word = |k: usize| toks.get(k).map(|&(s, e)| &line[s..e]);
        let words = |from: usize, len: usize| -> Option<String> {
            let last = toks.get(from + len - 1)?;
            Some(line[toks[from].0..last.1].to_owned())
        };
        // The header at token `k`: its three cells and its width in tokens.
        let header_at = |k: usize| -> Option<([String; 3], usize)> {
            let first = header_key(word(k)?);
            if !STATUS_STARTS.iter().any(|s| first.starts_with(s)) {
                return None;
            }
            let kind = |h: &str| known_header(h).map(|r| r.kind);
            for a in 1..=3 {
                let status = words(k, a)?;
                if kind(&status) != Some(Kind::Status) {
                    continue;
                }
                for b in 1..=2 {
                    let Some(code) = words(k + a, b) else { break };
                    if kind(&code) != Some(Kind::Code) {
                        continue;
                    }
                    for c in 1..=2 {
                        let Some(text) = words(k + a + b, c) else {
                            break;
                        };
                        if kind(&text) == Some(Kind::Message) {
                            return Some(([status, code, text], a + b + c));
                        }
                    }
                }
            }
            None
        };
        let row_at = |k: usize| {
            let status = word(k).filter(|w| parse_status(w).is_some())?;
            let code = word(k + 1).filter(|c| is_inline_code(c))?;
            Some((status, code))
        };
        let marker_at = |k: usize| {
            toks.get(k)
                .is_some_and(|&(s, _)| MARKERS.iter().any(|m| line[s..].starts_with(m)))
        };
        let mut k = 0;
        while k < toks.len() {
            let Some((headers, width)) = header_at(k) else {
                k += 1;
                continue;
            };
            k += width;
            let mut rows = Vec::new();
            while let Some((status, code)) = row_at(k) {
                let from = k + 2;
                let mut to = from;
                while to < toks.len()
                    && row_at(to).is_none()
                    && !marker_at(to)
                    && header_at(to).is_none()
                {
                    to += 1;
                }
                let text = if to > from {
                    &line[toks[from].0..toks[to - 1].1]
                } else {
                    ""
                };
                rows.push(Row {
                    line: n + 1,
                    cells: vec![
                        Cell::new(status, n + 1),
                        Cell::new(code, n + 1),
                        Cell::new(text, n + 1),
                    ],
                    section: None,
                });
                k = to;
            }
            out.push(Table {
                dialect: Dialect::Inline,
                line: n + 1,
                end_line: n + 1,
                headers: headers.to_vec(),
                rows,
                heading: None,
                problems: Vec::new(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_snippets() {
        let page = "状态码5xx:... HTTP状态码 错误码 描述 400 CBC.0100 参数错误。 403 CBC.0151 访问拒绝。 父主题: 管理\nother 400 CBC.1 not a row\n前文 HTTP 状态码 错误码 错误描述 200 CBC.5001 非合作伙伴。 400 CBC.0100 参数错误\nHTTP Status Code Error Code Description 500 CBC.0999 Other errors.\n";
        let lines: Vec<&str> = page.lines().collect();
        let t = tables(&lines);
        let got: Vec<(usize, Vec<&str>)> = t
            .iter()
            .flat_map(|t| t.rows.iter())
            .map(|r| (r.line, r.cells.iter().map(|c| c.text.as_str()).collect()))
            .collect();
        assert_eq!(
            got,
            [
                (1, vec!["400", "CBC.0100", "参数错误。"]),
                (1, vec!["403", "CBC.0151", "访问拒绝。"]),
                (3, vec!["200", "CBC.5001", "非合作伙伴。"]),
                (3, vec!["400", "CBC.0100", "参数错误"]),
                (4, vec!["500", "CBC.0999", "Other errors."]),
            ]
        );
        assert_eq!(t[1].headers, ["HTTP 状态码", "错误码", "错误描述"]);
        assert_eq!(
            t[2].headers,
            ["HTTP Status Code", "Error Code", "Description"]
        );
    }
}
