//! HTML tables, from a page saved from the browser (or an HTML `<table>`
//! inside a Markdown page).
//!
//! The page is parsed by html5ever (the HTML5 parsing algorithm, as a
//! browser does it: implied end tags, entities, misnested markup) into a
//! small DOM that records the line each element starts on. Every `<table>`
//! is a table: its header is the leading row(s) of `<th>` cells (else its
//! first row), `rowspan` and `colspan` are laid out on a grid (a cell
//! spanning rows is repeated in each, marked as spanned), and a body row of
//! one cell spanning the table is a section heading. Cell text is taken as
//! shown: white space collapsed, `<br>` and block elements as line breaks,
//! `<script>`, `<style>`, `<template>` and `hidden` elements left out.

mod depth;
mod dom;

use super::table::{Cell, Dialect, Row, Table};
use depth::too_deep;
use dom::{Dom, Kind, Node};
use html5ever::parse_document;
use html5ever::tendril::TendrilSink;
use std::rc::Rc;

/// Largest number of columns of a table (wider tables are refused).
const MAX_COLUMNS: usize = 200;
/// Largest `colspan` and `rowspan` honoured.
const MAX_SPAN: usize = 1000;
/// Deepest nesting of elements read: the HTML tree builder takes time
/// quadratic in the depth (browsers cap it too; pages nest a few dozen deep).
pub(crate) const MAX_DEPTH: usize = 1000;
/// Most text copied into the cells a `rowspan` repeats, per table.
const MAX_SPANNED_BYTES: usize = 64 * 1024 * 1024;

/// Every table of the page; an error when the page nests elements deeper
/// than [`MAX_DEPTH`].
pub(crate) fn tables(page: &str) -> Result<Vec<Table>, (usize, String)> {
    if let Some(line) = too_deep(page) {
        return Err((
            line,
            format!(
                "the HTML nests elements more than {MAX_DEPTH} deep here: the page is not read as HTML"
            ),
        ));
    }
    let dom = parse_document(Dom::new(page), Default::default()).one(page);
    let mut out = Vec::new();
    let mut heading: Option<String> = None;
    // Document order, without recursion (pages nest deeply).
    let mut stack = vec![dom.document.clone()];
    while let Some(node) = stack.pop() {
        if is(&node, "table") {
            out.push(table(&node, heading.as_deref()));
        } else if matches!(node.local(), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6")) {
            let text = shown_text(&node);
            if !text.is_empty() {
                heading = Some(text);
            }
        }
        if !skipped(&node) {
            stack.extend(node.children.borrow().iter().rev().cloned());
        }
    }
    Ok(out)
}

fn is(node: &Node, name: &str) -> bool {
    node.local() == Some(name)
}

/// Elements whose content is not shown.
fn skipped(node: &Node) -> bool {
    match node.local() {
        Some("script" | "style" | "template" | "noscript" | "head" | "title") => true,
        Some(_) => {
            node.attr("hidden").is_some()
                || node.attr("style").is_some_and(|s| {
                    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                    s.to_ascii_lowercase().contains("display:none")
                })
        }
        None => matches!(node.kind, Kind::Comment | Kind::Other),
    }
}

/// One grid cell: its text, line, and whether it repeats a cell above.
type GridCell = Option<(String, usize, bool)>;

/// A cell to lay out: its text and line, the rows and columns it spans,
/// whether its row is a header row.
#[derive(Clone, Copy)]
struct Placed<'a> {
    text: &'a str,
    line: usize,
    down: usize,
    across: usize,
    header: bool,
}

/// A table's rows laid out on a grid, `rowspan` and `colspan` resolved.
#[derive(Default)]
struct Grid {
    cells: Vec<Vec<GridCell>>,
    /// Per `<tr>`: all its cells are `<th>` (or it is in `<thead>`).
    all_th: Vec<bool>,
    /// Per `<tr>`: its line and its number of cells.
    lines: Vec<usize>,
    cell_counts: Vec<usize>,
    problems: Vec<(usize, String)>,
    spanned_bytes: usize,
}

fn table(node: &Rc<Node>, heading: Option<&str>) -> Table {
    let (caption, trs) = table_rows(node);
    let mut grid = Grid::default();
    for (r, (tr, in_head)) in trs.iter().enumerate() {
        grid.add_row(r, tr, *in_head, trs.len());
    }
    let width = grid.cells.iter().map(Vec::len).max().unwrap_or(0);
    let header_rows = grid
        .all_th
        .iter()
        .take_while(|&&h| h)
        .count()
        .max(1)
        .min(grid.cells.len());
    let headers = grid.headers(header_rows, width);
    let section = caption.clone().or_else(|| heading.map(str::to_owned));
    let rows = grid.body(header_rows, width, node.line, section);
    Table {
        dialect: Dialect::Html,
        line: grid.lines.first().copied().unwrap_or(node.line),
        end_line: rows.last().map_or(node.line, |r: &Row| r.line),
        headers,
        rows,
        heading: caption.or_else(|| heading.map(str::to_owned)),
        problems: grid.problems,
    }
}

/// The table's caption and its `<tr>`s (with whether each is in `<thead>`),
/// not those of tables inside its cells.
fn table_rows(node: &Rc<Node>) -> (Option<String>, Vec<(Rc<Node>, bool)>) {
    let mut caption: Option<String> = None;
    let mut trs: Vec<(Rc<Node>, bool)> = Vec::new();
    let mut stack: Vec<(Rc<Node>, bool)> = node
        .children
        .borrow()
        .iter()
        .rev()
        .map(|c| (c.clone(), false))
        .collect();
    while let Some((n, in_head)) = stack.pop() {
        match n.local() {
            Some("caption") => caption = Some(shown_text(&n)),
            Some("tr") => trs.push((n, in_head)),
            Some("thead" | "tbody" | "tfoot") => {
                let head = is(&n, "thead");
                stack.extend(n.children.borrow().iter().rev().map(|c| (c.clone(), head)));
            }
            _ => {}
        }
    }
    (caption, trs)
}

impl Grid {
    /// Lays out the cells of `<tr>` number `r` of `rows`.
    fn add_row(&mut self, r: usize, tr: &Rc<Node>, in_head: bool, rows: usize) {
        if self.cells.len() <= r {
            self.cells.push(Vec::new());
        }
        let cells: Vec<Rc<Node>> = tr
            .children
            .borrow()
            .iter()
            .filter(|c| matches!(c.local(), Some("td" | "th")))
            .cloned()
            .collect();
        let header = in_head || (!cells.is_empty() && cells.iter().all(|c| is(c, "th")));
        self.all_th.push(header);
        self.lines.push(tr.line);
        self.cell_counts.push(cells.len());
        let mut col = 0;
        for cell in cells {
            while self.cells[r].get(col).is_some_and(Option::is_some) {
                col += 1;
            }
            let span = |name: &str| {
                cell.attr(name)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .filter(|&n| n >= 1)
                    .unwrap_or(1)
                    .min(MAX_SPAN)
            };
            let text = shown_text(&cell);
            let (mut down, across) = (span("rowspan").min(rows - r), span("colspan"));
            self.spanned_bytes = self
                .spanned_bytes
                .saturating_add(text.len().saturating_mul(down - 1));
            if self.spanned_bytes > MAX_SPANNED_BYTES {
                self.problems.push((
                    cell.line,
                    "the table repeats more than 64 MiB of text through `rowspan`: this cell spans one row only".to_owned(),
                ));
                down = 1;
            }
            if col + across > MAX_COLUMNS {
                self.problems.push((
                    cell.line,
                    format!("the table is wider than {MAX_COLUMNS} columns: the cells from here on are not read"),
                ));
                break;
            }
            let placed = Placed {
                text: &text,
                line: cell.line,
                down,
                across,
                header,
            };
            self.place(r, col, &placed);
            col += across;
        }
    }

    /// Puts a cell at row `r`, column `col`.
    fn place(&mut self, r: usize, col: usize, cell: &Placed<'_>) {
        let Placed {
            text,
            line,
            down,
            across,
            header,
        } = *cell;
        for dr in 0..down {
            while self.cells.len() <= r + dr {
                self.cells.push(Vec::new());
            }
            let row = &mut self.cells[r + dr];
            if row.len() < col + across {
                row.resize(col + across, None);
            }
            for dc in 0..across {
                // A header's text names every column it spans; a body
                // cell's text is shown once, in its first column.
                let t = if dc == 0 || header { text } else { "" };
                row[col + dc] = Some((t.to_owned(), line, dr > 0));
            }
        }
    }

    /// The header of each column: the distinct texts of the header rows.
    fn headers(&self, header_rows: usize, width: usize) -> Vec<String> {
        let mut parts: Vec<Vec<&str>> = vec![Vec::new(); width];
        for row in self.cells.iter().take(header_rows) {
            for (c, cell) in row.iter().enumerate() {
                if let Some((t, _, _)) = cell
                    && !t.is_empty()
                    && !parts[c].contains(&t.as_str())
                {
                    parts[c].push(t);
                }
            }
        }
        parts.iter().map(|p| p.join(" ")).collect()
    }

    /// The body rows; a row of one cell spanning the table is a heading for
    /// the rows below.
    fn body(
        &self,
        header_rows: usize,
        width: usize,
        table_line: usize,
        mut section: Option<String>,
    ) -> Vec<Row> {
        let mut rows = Vec::new();
        for (r, row) in self.cells.iter().enumerate().skip(header_rows) {
            let line = self.lines.get(r).copied().unwrap_or(table_line);
            let heading_row = width > 1
                && self.cell_counts.get(r) == Some(&1)
                && row.len() >= width
                && row.iter().all(|c| c.as_ref().is_some_and(|c| !c.2));
            if heading_row {
                section = row.first().cloned().flatten().map(|c| c.0);
                continue;
            }
            let cells: Vec<Cell> = (0..width)
                .map(|c| match row.get(c).cloned().flatten() {
                    Some((text, line, spanned)) => Cell {
                        text,
                        line,
                        spanned,
                    },
                    None => Cell::new("", line),
                })
                .collect();
            rows.push(Row {
                line,
                cells,
                section: section.clone(),
            });
        }
        rows
    }
}

/// Whether an element starts a line of its own when shown.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "figcaption"
            | "figure"
            | "footer"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "tr"
            | "ul"
    )
}

/// The text of an element as a browser shows it, lines trimmed, blank
/// lines dropped.
pub(crate) fn shown_text(node: &Rc<Node>) -> String {
    enum Step {
        Enter(Rc<Node>, bool),
        Leave(bool),
    }
    let mut raw = String::new();
    let mut stack = vec![Step::Enter(node.clone(), false)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(block) => {
                if block {
                    raw.push('\n');
                }
            }
            Step::Enter(n, in_pre) => {
                if let Kind::Text(t) = &n.kind {
                    let t = t.borrow();
                    if in_pre {
                        raw.push_str(&t.replace(' ', "\u{0}"));
                    } else {
                        // Line ends in the source are white space.
                        raw.extend(t.chars().map(|c| match c {
                            '\n' | '\r' | '\t' | '\u{c}' => ' ',
                            c => c,
                        }));
                    }
                    continue;
                }
                if !Rc::ptr_eq(&n, node) && skipped(&n) {
                    continue;
                }
                let name = n.local().unwrap_or("");
                if name == "br" {
                    raw.push('\n');
                    continue;
                }
                let block = is_block(name);
                if block {
                    raw.push('\n');
                }
                stack.push(Step::Leave(block));
                let pre = in_pre || name == "pre" || name == "textarea";
                for c in n.children.borrow().iter().rev() {
                    stack.push(Step::Enter(c.clone(), pre));
                }
            }
        }
    }
    let mut out = String::new();
    for line in raw.split('\n') {
        let collapsed: String = line
            .split([' ', '\t', '\r', '\u{c}'])
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
            .replace('\u{0}', " ");
        let trimmed = collapsed.trim_matches(' ');
        if !trimmed.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(trimmed);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::texts;

    #[test]
    fn reads_tables_as_a_browser_shows_them() {
        let page = "<html><head><title>t</title><style>td{}</style></head><body>\n<h2>错误码</h2>\n<table>\n<thead><tr><th>HTTP 状态码</th><th>错误码</th><th>错误信息</th></tr></thead>\n<tbody>\n<tr><td rowspan=\"2\">400</td><td><code>A.1</code></td><td>The   value\n is &lt;bad&gt; &amp; wrong.</td></tr>\n<tr><td>A.2</td><td>Line one<br>line two<script>alert(1)</script></td></tr>\n<tr><td>500<td>B<td><p>para 1</p><p>para 2</p><span hidden>secret</span>\n</table>\n</body></html>";
        let t = tables(page).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].headers, ["HTTP 状态码", "错误码", "错误信息"]);
        assert_eq!(t[0].heading.as_deref(), Some("错误码"));
        assert_eq!(
            texts(&t[0]),
            [
                ["400", "A.1", "The value is <bad> & wrong."],
                ["400", "A.2", "Line one\nline two"],
                ["500", "B", "para 1\npara 2"]
            ]
        );
        assert!(t[0].rows[1].cells[0].spanned && !t[0].rows[0].cells[0].spanned);
        assert_eq!(
            t[0].rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            [6, 8, 9],
            "the first row's cell spans lines 6 and 7"
        );
        assert_eq!(t[0].line, 4);
    }

    #[test]
    fn lines_are_the_pages_lines_whatever_ends_them() {
        let page = "<table>\r<tr><th>Code</th></tr>\r\n<tr><td>A</td></tr>\r<tr><td>B</td></tr>\n<tr><td>C</td></tr></table>";
        let t = tables(page).unwrap();
        // `str::lines` ends lines at `\n` only: a lone `\r` does not.
        assert_eq!(page.lines().count(), 3);
        assert_eq!(
            t[0].rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            [2, 2, 3]
        );
    }

    #[test]
    fn colspans_sections_and_nested_tables() {
        let page = "<table><tr><th colspan=2>Error</th><th rowspan=2>Status</th></tr><tr><th>Code</th><th>Message</th></tr>\n<tr><td colspan=3>Common errors</td></tr>\n<tr><td>A</td><td>a <table><tr><td>inner</td></tr></table></td><td>400</td></tr>\n<tr><td colspan=2>B spans two</td><td>500</td></tr></table>";
        let t = tables(page).unwrap();
        assert_eq!(t.len(), 2, "the inner table is a table of its own");
        assert_eq!(t[0].headers, ["Error Code", "Error Message", "Status"]);
        assert_eq!(
            texts(&t[0]),
            [["A", "a\ninner", "400"], ["B spans two", "", "500"]]
        );
        assert_eq!(t[0].rows[0].section.as_deref(), Some("Common errors"));
        assert_eq!(texts(&t[1]), Vec::<Vec<&str>>::new());
        assert_eq!(t[1].headers, ["inner"]);
    }

    #[test]
    fn hostile_markup_is_text_or_nothing() {
        let page = "<table><tr><th>Code</th><th>Message</th></tr><tr><td>A</td><td>&lt;script&gt;x&lt;/script&gt; <!-- c --> {0} %s \"q\"<template><b>t</b></template></td></tr><tr><td rowspan=999999 colspan=0>Z</td><td>z</td></tr></table>";
        let t = tables(page).unwrap();
        assert_eq!(
            texts(&t[0]),
            [["A", "<script>x</script> {0} %s \"q\""], ["Z", "z"]]
        );
        let table = "<table><tr><th>Code</th></tr><tr><td>X</td></tr></table>";
        let deep = "<div>\n".repeat(MAX_DEPTH - 1) + table;
        assert_eq!(texts(&tables(&deep).unwrap()[0]), [["X"]]);
        let deeper = "<div>\n".repeat(MAX_DEPTH) + table;
        let err = tables(&deeper).unwrap_err();
        assert_eq!(err.0, MAX_DEPTH + 1);
        assert!(err.1.contains("more than 1000 deep"), "{err:?}");
        let flat = "<p>x<li>y<td>z<br>".repeat(100_000) + table;
        assert_eq!(
            tables(&flat).unwrap().len(),
            1,
            "implied end tags do not nest"
        );
        let script = format!("<script>{}</script>{table}", "<div>".repeat(5000));
        assert_eq!(
            tables(&script).unwrap().len(),
            1,
            "script text is not markup"
        );
        let wide = format!(
            "<table><tr><th>Code</th>{}</tr></table>",
            "<th colspan=100>x</th>".repeat(3)
        );
        assert!(!tables(&wide).unwrap()[0].problems.is_empty());
    }
}
