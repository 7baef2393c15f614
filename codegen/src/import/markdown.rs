//! Pipe tables: Markdown (GFM), and the text tables of pages saved as text.
//!
//! A table is a header line of cells separated by `|` (leading and trailing
//! `|` optional), then an optional delimiter row (`|---|:--:|`), then one
//! row a line. Without a delimiter row the header must name a column
//! ([`header_role`]). Cells are trimmed; backslash escapes (`\|`, `\_`,
//! `\*`, ...) are unescaped, code spans lose their backticks, `<br>` is a
//! line break, and `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`, `&nbsp;` and
//! numeric character references are decoded. Where rows end in `|` (the
//! header does), a row line that does not end in `|` continues on the next
//! lines (a cell with line breaks, as text copied from a page has it).
//!
//! The table ends at a blank line, a line without `|`, a fenced code block,
//! or where a block of rows of another width begins (`变更时间 | 内容 | 操作 |`
//! after a four-column table). A row with fewer cells than the header is
//! padded with empty cells (GFM); one with more keeps them as extra columns.

use super::roles::header_role;
use super::table::{Cell, Dialect, Row, Table};

/// Every pipe table of the page.
pub(crate) fn tables(lines: &[&str]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut heading: Option<String> = None;
    let mut fence: Option<&str> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            i += 1;
            continue;
        }
        if let Some(f) = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f)) {
            fence = Some(f);
            i += 1;
            continue;
        }
        if let Some(h) = atx_heading(line) {
            heading = Some(h);
            i += 1;
            continue;
        }
        match table_at(lines, i, heading.as_deref()) {
            Some(t) => {
                i = t.end_line;
                out.push(t);
            }
            None => i += 1,
        }
    }
    out
}

/// `## Error codes` -> `Error codes`.
pub(crate) fn atx_heading(line: &str) -> Option<String> {
    let t = line.trim_start();
    let level = t.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &t[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The table whose header is line `i`, if one starts there.
fn table_at(lines: &[&str], i: usize, heading: Option<&str>) -> Option<Table> {
    let header = split_row(lines[i])?;
    if header.len() < 2 {
        return None;
    }
    let delimiter = lines
        .get(i + 1)
        .and_then(|l| split_row(l))
        .is_some_and(|d| d.len() == header.len() && d.iter().all(|c| is_delimiter_cell(c)));
    let headers: Vec<String> = header.iter().map(|c| cell_text(c)).collect();
    // Without a delimiter row, a header names a column and holds no data
    // (a date, a number).
    let data_like = |h: &String| h.chars().filter(char::is_ascii_digit).count() > 2;
    if !delimiter
        && (!headers.iter().any(|h| header_role(h).is_some()) || headers.iter().any(data_like))
    {
        return None;
    }
    let closed = ends_with_pipe(lines[i]);
    let width = headers.len();
    let mut rows = Vec::new();
    let mut j = i + 1 + usize::from(delimiter);
    let mut end = i + 1;
    while j < lines.len() {
        let Some((cells, next)) = read_row(lines, j, closed) else {
            break;
        };
        if cells.len() < 2 {
            break;
        }
        if cells.len() < width {
            // A block of narrower rows is another table.
            let next_width = (next < lines.len())
                .then(|| read_row(lines, next, closed))
                .flatten()
                .map(|(c, _)| c.len());
            if next_width == Some(cells.len()) {
                break;
            }
        }
        let mut cells: Vec<Cell> = cells
            .into_iter()
            .map(|(text, line)| Cell::new(cell_text(&text), line + 1))
            .collect();
        while cells.len() < width {
            cells.push(Cell::new("", j + 1));
        }
        rows.push(Row {
            line: j + 1,
            cells,
            section: heading.map(str::to_owned),
        });
        end = next;
        j = next;
    }
    Some(Table {
        dialect: Dialect::Markdown,
        line: i + 1,
        end_line: end.max(i + 1),
        headers,
        rows,
        heading: heading.map(str::to_owned),
        problems: Vec::new(),
    })
}

/// The raw cells of the row starting at line `j` (with the 0-based line
/// each cell starts on) and the index of the line after the row; `None`
/// when line `j` is no row.
fn read_row(lines: &[&str], j: usize, closed: bool) -> Option<(Vec<(String, usize)>, usize)> {
    let line = lines[j];
    let cells = split_row(line)?;
    let mut cells: Vec<(String, usize)> = cells.into_iter().map(|c| (c.to_owned(), j)).collect();
    let mut k = j + 1;
    if closed && !ends_with_pipe(line) {
        // The last cell goes on until a line ends in `|`.
        while let Some(&next) = lines.get(k) {
            if next.trim().is_empty() || k - j > 50 {
                break;
            }
            k += 1;
            match first_pipe(next) {
                None => push_line(&mut cells, next),
                Some(at) => {
                    let (head, tail) = next.split_at(at);
                    if !head.trim().is_empty() {
                        push_line(&mut cells, head);
                    }
                    let more = split_cells(&tail[1..], true);
                    cells.extend(more.into_iter().map(|c| (c.to_owned(), k - 1)));
                    if ends_with_pipe(next) {
                        break;
                    }
                }
            }
        }
    }
    Some((cells, k))
}

fn push_line(cells: &mut [(String, usize)], line: &str) {
    if let Some((last, _)) = cells.last_mut() {
        last.push('\n');
        last.push_str(line.trim());
    }
}

/// Byte index of the first unescaped `|`.
fn first_pipe(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'|' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn ends_with_pipe(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with('|') && !t.ends_with("\\|")
}

/// The raw cells of a line with an unescaped `|`: one leading and one
/// trailing `|` are the table's edges.
pub(crate) fn split_row(line: &str) -> Option<Vec<&str>> {
    let t = line.trim();
    first_pipe(t)?;
    let t = t.strip_prefix('|').unwrap_or(t);
    let closed = ends_with_pipe(t);
    Some(split_cells(t, closed))
}

/// `a | b | c |` -> `a `, ` b `, ` c ` (the part after a trailing `|` is
/// dropped when `closed`).
fn split_cells(text: &str, closed: bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = first_pipe(rest) {
        out.push(&rest[..at]);
        rest = &rest[at + 1..];
    }
    if !(closed && rest.trim().is_empty()) {
        out.push(rest);
    }
    out
}

fn is_delimiter_cell(cell: &str) -> bool {
    let c = cell.trim();
    let c = c.strip_prefix(':').unwrap_or(c);
    let c = c.strip_suffix(':').unwrap_or(c);
    !c.is_empty() && c.bytes().all(|b| b == b'-')
}

/// The text of a cell as Markdown shows it (see the module docs).
pub(crate) fn cell_text(raw: &str) -> String {
    let raw = raw.trim();
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            let run = rest.bytes().take_while(|&b| b == b'`').count();
            if let Some((content, after)) = code_span(&rest[run..], run) {
                out.push_str(&content);
                rest = after;
            } else {
                out.push_str(&rest[..run]);
                rest = &rest[run..];
            }
            continue;
        }
        if c == '\\'
            && let Some(next) = rest[1..].chars().next()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            rest = &rest[1 + next.len_utf8()..];
            continue;
        }
        if c == '<'
            && let Some(len) = br_tag(rest)
        {
            out.push('\n');
            rest = &rest[len..];
            continue;
        }
        if c == '&'
            && let Some((ch, len)) = entity(rest)
        {
            out.push(ch);
            rest = &rest[len..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// A code span's content (after an opening run of `run` backticks) and the
/// text after its closing run.
fn code_span(after_open: &str, run: usize) -> Option<(String, &str)> {
    let mut from = 0;
    while let Some(at) = after_open[from..].find('`') {
        let start = from + at;
        let len = after_open[start..]
            .bytes()
            .take_while(|&b| b == b'`')
            .count();
        if len == run {
            let content = after_open[..start].replace('\n', " ");
            let content = match content.strip_prefix(' ').and_then(|c| c.strip_suffix(' ')) {
                Some(inner) if !content.trim().is_empty() => inner.to_owned(),
                _ => content,
            };
            return Some((content, &after_open[start + len..]));
        }
        from = start + len;
    }
    None
}

/// The length of a `<br>`, `<br/>` or `<br />` tag at the start of `s`.
fn br_tag(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.len() < 4 || !b[1..3].eq_ignore_ascii_case(b"br") {
        return None;
    }
    let mut i = 3;
    while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    if b.get(i) == Some(&b'/') {
        i += 1;
    }
    (b.get(i) == Some(&b'>')).then_some(i + 1)
}

/// A character reference at the start of `s` and its length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let name = &s[1..end];
    let ch = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" | "#39" => '\'',
        "nbsp" => '\u{a0}',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse::<u32>().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')?
        }
    };
    Some((ch, end + 1))
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
    fn gfm_with_and_without_outer_pipes() {
        for page in [
            "| Code | Message |\n|---|:--:|\n| A.1 | One. |\n| A.2 | Two \\| three. |\n",
            "Code | Message\n--- | ---\nA.1 | One.\nA.2 | Two \\| three.\n",
            "|Code|Message|\n|-|-|\n|A.1|One.|\n|A.2|Two \\| three.|\n",
            "  Code  |   Message   |\nA.1 |   One.  |\nA.2 | Two \\| three. |\n",
        ] {
            let t = read(page);
            assert_eq!(t.len(), 1, "{page}");
            assert_eq!(t[0].headers, ["Code", "Message"], "{page}");
            assert_eq!(
                texts(&t[0]),
                [["A.1", "One."], ["A.2", "Two | three."]],
                "{page}"
            );
        }
    }

    #[test]
    fn cells_are_shown_as_markdown_shows_them() {
        assert_eq!(cell_text(r" `InvalidParameter` "), "InvalidParameter");
        assert_eq!(
            cell_text(r"Field \_name\_ \(x\) \* \\ \q"),
            r"Field _name_ (x) * \ \q"
        );
        assert_eq!(cell_text("a<br>b<BR/>c<br />d<bra>"), "a\nb\nc\nd<bra>");
        assert_eq!(
            cell_text("R&amp;D &lt;x&gt; &#39;q&#x27; &nbsp;&copy; &#0;"),
            "R&D <x> 'q' \u{a0}&copy; &#0;"
        );
        assert_eq!(cell_text("`` a ` b ``"), "a ` b");
        assert_eq!(cell_text("`\\_` `unclosed"), "\\_ `unclosed");
    }

    #[test]
    fn tables_end_where_the_page_says() {
        let page = "## 错误码\n\nHTTP status code | 错误码 | 错误信息 | 描述 |\n400 | A | a. | 甲 |\n400 | B | b. | 乙 |\n变更时间 | 变更内容概要 | 操作 |\n2025-01-10 | 变更 | 查看 |\n";
        let t = read(page);
        assert_eq!(
            t.len(),
            1,
            "the change log has no header role and no delimiter"
        );
        assert_eq!(t[0].rows.len(), 2);
        assert_eq!(t[0].heading.as_deref(), Some("错误码"));
        assert_eq!(t[0].end_line, 5, "the last row's line");
        // A short GFM row is padded; a long one keeps its cells.
        let t = read(
            "| Code | Message | Action |\n|---|---|---|\n| A | a |\n| B | b | c | d |\n\ntext\n",
        );
        assert_eq!(texts(&t[0]), [vec!["A", "a", ""], vec!["B", "b", "c", "d"]]);
        // Fenced code is not a table.
        assert!(read("```\n| Code | Message |\n|---|---|\n| A | a |\n```\n").is_empty());
    }

    #[test]
    fn a_cell_with_line_breaks_continues_on_the_next_lines() {
        let page =
            "名称 | 错误码 | 描述 |\nX | A | first line\nsecond line\n| 3rd cell? |\nY | B | b |\n";
        let t = read(page);
        assert_eq!(
            texts(&t[0]),
            [
                vec!["X", "A", "first line\nsecond line", "3rd cell?"],
                vec!["Y", "B", "b"]
            ]
        );
        assert_eq!(t[0].rows[1].line, 5);
    }
}
