//! Vertical tables: one cell a line, each ending in ` |` (a table copied
//! from a Huawei page as text). A cell without ` |` goes on over the next
//! lines (joined with line breaks) until one ends in ` |`.
//!
//! The header is a run of short cells, one naming the code column
//! ([`header_role`]), with any number of columns (up to 64), optionally
//! followed by a rule line (`---|---|---|`). Without a rule, where the
//! header ends is decided by the rows: of the possible widths, the one
//! whose rows are rows (a status or an empty cell in the status column, one
//! token in the code column, no cell a known header word) and whose columns
//! each hold one kind of text (statuses, codes, text of one script) wins,
//! the widest on a tie. The table ends at the first cell run that is no
//! such row.

use super::code_description::is_code_shape;
use super::markdown::split_row;
use super::roles::{Kind, header_role, known_header};
use super::rows::placeholder_tokens;
use super::script::text_language;
use super::table::parse_statuses;
use super::table::{Cell, Dialect, Row, Table};

/// The text of a line that ends a cell (` |`), without the terminator.
fn cell_end(line: &str) -> Option<&str> {
    let l = line.trim_end();
    if l == "|" {
        return Some("");
    }
    l.strip_suffix(" |")
}

/// The cell starting at line `start`: its lines joined with `\n` and the
/// index of the line after it; `None` if no line ends it (within 50 lines,
/// before a blank line).
fn read_cell(lines: &[&str], start: usize) -> Option<(String, usize)> {
    let mut parts: Vec<&str> = Vec::new();
    for (k, line) in lines.get(start..)?.iter().enumerate().take(50) {
        if let Some(text) = cell_end(line) {
            parts.push(text);
            return Some((parts.join("\n"), start + k + 1));
        }
        if line.trim().is_empty() {
            return None;
        }
        parts.push(line);
    }
    None
}

/// A cell that can be a header: short, no `|`, not a status, and named or
/// shaped like a name (no digit, not a sentence, not a code).
fn is_header_cell(text: &str) -> bool {
    let n = text.chars().count();
    (1..=40).contains(&n)
        && text.trim() == text
        && !text.contains('|')
        && parse_statuses(text).is_none()
        && (header_role(text).is_some()
            || (!text.chars().any(|c| c.is_ascii_digit())
                && !text.ends_with(['.', '。'])
                && !is_code_like(text)))
}

/// A code: `A.B`, `CamelCase`, an integer, or such a code with vendor
/// placeholders (`InvalidParameter.%s`).
fn is_code_like(text: &str) -> bool {
    let t = text.trim();
    let integer = t.strip_prefix('-').unwrap_or(t);
    if !integer.is_empty() && integer.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let mut plain = String::new();
    let mut last = 0;
    for (s, e) in placeholder_tokens(t) {
        plain.push_str(&t[last..s]);
        plain.push('X');
        last = e;
    }
    plain.push_str(&t[last..]);
    is_code_shape(&plain)
}

/// What a cell holds, for telling an aligned reading from a shifted one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Status,
    Code,
    Text(Option<&'static str>),
}

fn shape(text: &str) -> Option<Shape> {
    let t = text.trim();
    if t.is_empty() || t == "-" {
        return None;
    }
    if parse_statuses(t).is_some() {
        return Some(Shape::Status);
    }
    if is_code_like(t) {
        return Some(Shape::Code);
    }
    Some(Shape::Text(text_language(t)))
}

/// How well a reading fits: cells agreeing with their column's most common
/// shape, less those that do not; codes in the code column count three
/// times (for, or against when a cell there is no code).
fn agreement(reading: &Reading, width: usize, code_col: Option<usize>) -> isize {
    let mut score = 0isize;
    if let Some(c) = code_col {
        for r in &reading.rows {
            let code = r.cells.get(c).and_then(|cell| shape(&cell.text));
            score += if code == Some(Shape::Code) { 3 } else { -3 };
        }
    }
    for col in 0..width {
        let shapes: Vec<Shape> = reading
            .rows
            .iter()
            .filter_map(|r| r.cells.get(col).and_then(|c| shape(&c.text)))
            .collect();
        let top = shapes
            .iter()
            .map(|s| shapes.iter().filter(|o| *o == s).count())
            .max()
            .unwrap_or(0);
        let (agree, all) = (top as isize, shapes.len() as isize);
        score += agree - (all - agree);
    }
    // No row but one cut short: it fits the width as far as it goes.
    score + isize::from(reading.rows.is_empty() && !reading.problems.is_empty())
}

fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.contains('|') && t.bytes().all(|b| matches!(b, b'-' | b':' | b'|' | b' '))
}

fn is_code_token(text: &str) -> bool {
    !text.is_empty() && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Every vertical table of the page.
pub(crate) fn tables(lines: &[&str]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        match table_at(lines, i) {
            Some(t) => {
                i = t.end_line.max(i + 1);
                out.push(t);
            }
            None => i += 1,
        }
    }
    out
}

/// Rows read under a header of `headers.len()` columns from line `start`.
struct Reading {
    rows: Vec<Row>,
    /// Index of the line after the last row.
    end: usize,
    problems: Vec<(usize, String)>,
}

/// Most header cells read.
const MAX_WIDTH: usize = 64;

/// A header written on one line (`错误码 | 描述 | HTTP 状态码 |`, as some
/// pages do above a vertical body), with an optional rule line after it.
fn one_line_header(lines: &[&str], i: usize) -> Option<Table> {
    let cells: Vec<String> = split_row(lines[i])?
        .into_iter()
        .map(|c| c.trim().to_owned())
        .collect();
    if cells.len() < 2
        || !cells.iter().all(|c| is_header_cell(c))
        || !cells
            .iter()
            .any(|c| header_role(c).is_some_and(|r| r.kind == Kind::Code))
    {
        return None;
    }
    let start = i + 1 + usize::from(lines.get(i + 1).is_some_and(|l| is_rule(l)));
    // The body is vertical: its first line is one cell.
    let first = lines.get(start)?;
    if cell_end(first).is_none_or(|c| c.contains(" | ")) && split_row(first).is_some() {
        return None;
    }
    let headers: Vec<&str> = cells.iter().map(String::as_str).collect();
    let reading = read_rows(lines, start, &headers);
    if reading.rows.is_empty() {
        return None;
    }
    Some(Table {
        dialect: Dialect::Vertical,
        line: i + 1,
        end_line: reading.end.max(i + 1),
        headers: cells,
        rows: reading.rows,
        heading: None,
        problems: reading.problems,
    })
}

fn table_at(lines: &[&str], i: usize) -> Option<Table> {
    if let Some(t) = one_line_header(lines, i) {
        return Some(t);
    }
    let header_cell = |l: &&str| cell_end(l).is_some_and(is_header_cell);
    // A header starts a run of header cells.
    if !header_cell(&lines[i]) || (i > 0 && header_cell(&lines[i - 1])) {
        return None;
    }
    let mut run: Vec<&str> = Vec::new();
    let mut j = i;
    while let Some(c) = lines.get(j).and_then(|l| cell_end(l)) {
        if !is_header_cell(c) || run.len() == MAX_WIDTH {
            break;
        }
        run.push(c);
        j += 1;
    }
    let rule = lines.get(j).is_some_and(|l| is_rule(l));
    let widths = if rule {
        run.len()..=run.len()
    } else {
        2..=run.len()
    };
    let mut best: Option<(usize, Reading, isize)> = None;
    for n in widths {
        let headers = &run[..n];
        if !headers
            .iter()
            .any(|h| header_role(h).is_some_and(|r| r.kind == Kind::Code))
        {
            continue;
        }
        let start = if rule { j + 1 } else { i + n };
        let reading = read_rows(lines, start, headers);
        let code_col = headers
            .iter()
            .position(|h| header_role(h).is_some_and(|r| r.kind == Kind::Code));
        let score = agreement(&reading, n, code_col);
        // Ties go to the wider header (the whole run of header cells).
        if best.as_ref().is_none_or(|(_, _, b)| score >= *b) {
            best = Some((n, reading, score));
        }
    }
    let (n, reading, _) = best?;
    Some(Table {
        dialect: Dialect::Vertical,
        line: i + 1,
        end_line: reading.end.max(i + n),
        headers: run[..n].iter().map(|h| (*h).to_owned()).collect(),
        rows: reading.rows,
        heading: None,
        problems: reading.problems,
    })
}

/// Whether line `q` starts the header of a table: a header cell after a
/// line that is no cell, in a run of header cells naming a code column.
fn starts_header(lines: &[&str], q: usize) -> bool {
    if q == 0 || cell_end(lines[q - 1]).is_some() {
        return false;
    }
    let mut named_code = false;
    let mut cells = 0;
    for line in lines[q..].iter().take(MAX_WIDTH) {
        match cell_end(line) {
            Some(c) if is_header_cell(c) => {
                cells += 1;
                named_code |= header_role(c).is_some_and(|r| r.kind == Kind::Code);
            }
            _ => break,
        }
    }
    cells >= 2 && named_code
}

fn read_rows(lines: &[&str], start: usize, headers: &[&str]) -> Reading {
    let kind = |h: &str| header_role(h).map(|r| r.kind);
    let status_col = headers.iter().position(|h| kind(h) == Some(Kind::Status));
    let code_col = headers.iter().position(|h| kind(h) == Some(Kind::Code));
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut pos = start;
    loop {
        let mut cells: Vec<Cell> = Vec::new();
        let mut next = pos;
        while cells.len() < headers.len() {
            let Some((text, after)) = read_cell(lines, next) else {
                break;
            };
            cells.push(Cell::new(text, next + 1));
            next = after;
        }
        let fits = |col: Option<usize>, ok: &dyn Fn(&str) -> bool| {
            col.is_none_or(|c| cells.get(c).is_none_or(|cell| ok(&cell.text)))
        };
        // A row holds no header word, and no header of the next table after
        // a line of text (a caption glued to the next header cell).
        let is_row = !cells.is_empty()
            && fits(status_col, &|t| {
                t.trim().is_empty() || parse_statuses(t).is_some()
            })
            && fits(code_col, &|t| is_code_token(t.trim()))
            && !cells.iter().any(|c| known_header(&c.text).is_some())
            && !(pos + 1..next).any(|q| starts_header(lines, q));
        if !is_row {
            break;
        }
        if cells.len() < headers.len() {
            problems.push((
                (next + 1).min(lines.len()),
                format!(
                    "the row starting at line {} stops after {} of {} cells: expected the cell `{}`, ending in ` |`",
                    pos + 1,
                    cells.len(),
                    headers.len(),
                    headers[cells.len()]
                ),
            ));
            break;
        }
        rows.push(Row {
            line: pos + 1,
            cells,
            section: None,
        });
        pos = next;
    }
    Reading {
        rows,
        end: pos,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::texts;

    fn read(page: &str) -> Vec<Table> {
        let lines: Vec<&str> = page.lines().collect();
        tables(&lines)
    }

    #[test]
    fn any_width_with_or_without_a_rule() {
        let body = "400 |\nCBC.0100 |\nparameter error. |\n参数错误,\n请重试。 |\n联系客服 |\n200 |\nCBC.0000 |\nSuccess. |\n成功。 |\n- |\ntrailing prose\n";
        for head in [
            "状态码 |\n错误码 |\n错误码信息 |\n错误码描述 |\n处理措施 |\n",
            "状态码 |\n错误码 |\n错误码信息 |\n错误码描述 |\n处理措施 |\n---|---|---|---|---|\n",
            "Status Code |\nError Code |\nError Message |\n描述 |\n备注 |\n",
        ] {
            let t = read(&format!("intro\n{head}{body}"));
            assert_eq!(t.len(), 1, "{head}");
            assert_eq!(t[0].headers.len(), 5, "{head}");
            assert_eq!(
                texts(&t[0]),
                [
                    [
                        "400",
                        "CBC.0100",
                        "parameter error.",
                        "参数错误,\n请重试。",
                        "联系客服"
                    ],
                    ["200", "CBC.0000", "Success.", "成功。", "-"]
                ],
                "{head}"
            );
            assert_eq!(t[0].rows[1].line, t[0].rows[0].line + 6);
        }
    }

    #[test]
    fn a_header_word_cell_in_the_data_is_not_taken_for_a_header() {
        // The first code looks like a header cell (no digit, short).
        let page = "错误码 |\n描述 |\nInternalError |\n内部错误。 |\nAuthFailure |\n鉴权失败。 |\n";
        let t = read(page);
        assert_eq!(t[0].headers, ["错误码", "描述"]);
        assert_eq!(
            texts(&t[0]),
            [
                ["InternalError", "内部错误。"],
                ["AuthFailure", "鉴权失败。"]
            ]
        );
    }

    #[test]
    fn a_header_on_one_line_over_a_vertical_body() {
        let page = "错误码列表\n错误码 | 错误描述 | HTTP 状态码 |\n---|---|---|\n1 |\nYour account is in arrears |\n402 |\n100 |\nInternal error |\n500 |\n返回格式\n";
        let t = read(page);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].headers, ["错误码", "错误描述", "HTTP 状态码"]);
        assert_eq!(
            texts(&t[0]),
            [
                ["1", "Your account is in arrears", "402"],
                ["100", "Internal error", "500"]
            ]
        );
        assert_eq!(t[0].rows[0].line, 4);
    }

    #[test]
    fn a_caption_line_between_tables_ends_the_first() {
        let page = "描述 |\n错误码 |\n参数错误 |\nA.1 |\n表2 更多错误码\n说明 |\nCode |\n内部错误 |\nB.1 |\n";
        let t = read(page);
        assert_eq!(t.len(), 2);
        assert_eq!(texts(&t[0]), [["参数错误", "A.1"]]);
        assert_eq!(texts(&t[1]), [["内部错误", "B.1"]]);
        assert_eq!(t[1].line, 6);
    }

    #[test]
    fn a_truncated_row_ends_the_table() {
        let t = read("状态码 |\n错误码 |\n错误码信息 |\n200 |\nCBC.1 |\nok |\n400 |\nCBC.2 |\n");
        assert_eq!(texts(&t[0]), [["200", "CBC.1", "ok"]]);
        assert_eq!(
            t[0].problems,
            [(8, "the row starting at line 7 stops after 2 of 3 cells: expected the cell `错误码信息`, ending in ` |`".to_owned())]
        );
        assert!(read("hello |\nworld |\n").is_empty());
    }
}
