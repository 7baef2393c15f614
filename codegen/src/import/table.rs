//! A table as the page shows it: header cells, then rows of cells, each
//! with the page line it starts on. Every dialect reader produces these;
//! [`super::roles`] and [`super::rows`] give them their meaning.

use std::fmt;

/// The layout a table is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// Markdown (GFM) pipe tables, and text tables with ` | ` between cells.
    Markdown,
    /// One cell a line, each ending in ` |` (Huawei pages copied as text).
    Vertical,
    /// HTML `<table>`s.
    Html,
    /// Lines `<code> <description>` under a header line such as
    /// `Error Code Description` (Tencent pages).
    CodeDescription,
    /// `HTTP状态码 错误码 描述 400 CBC.0100 参数错误。 ...` on one line
    /// (Huawei per-API snippets).
    Inline,
}

impl Dialect {
    /// Every dialect, in the order `auto` prefers them when two read the
    /// same lines.
    pub const ALL: &'static [Dialect] = &[
        Dialect::Html,
        Dialect::Markdown,
        Dialect::Vertical,
        Dialect::CodeDescription,
        Dialect::Inline,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Markdown => "markdown",
            Dialect::Vertical => "vertical",
            Dialect::Html => "html",
            Dialect::CodeDescription => "code-description",
            Dialect::Inline => "inline",
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One table of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    pub dialect: Dialect,
    /// 1-based line of the header.
    pub line: usize,
    /// 1-based line the table ends on (its last row, or its header).
    pub end_line: usize,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// The heading or caption the table stands under, if the dialect has one.
    pub heading: Option<String>,
    /// What the reader could not read as rows: `(1-based line, message)`;
    /// reported when the table is an error table.
    pub problems: Vec<(usize, String)>,
}

/// One row: as many cells as the table has headers, more if the page gives
/// more (never fewer: readers pad short rows with empty cells).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub line: usize,
    pub cells: Vec<Cell>,
    /// A heading inside the table (an HTML row of one cell spanning all
    /// columns) that this row stands under; else the table's heading.
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Cell {
    pub text: String,
    /// 1-based line the cell starts on.
    pub line: usize,
    /// The text is that of a cell above spanning this row (HTML `rowspan`).
    pub spanned: bool,
}

impl Cell {
    pub(crate) fn new(text: impl Into<String>, line: usize) -> Cell {
        Cell {
            text: text.into(),
            line,
            spanned: false,
        }
    }
}

impl Table {
    /// The cells of column `i`, row by row.
    pub(crate) fn column(&self, i: usize) -> Vec<&str> {
        self.rows
            .iter()
            .map(|r| r.cells.get(i).map_or("", |c| c.text.as_str()))
            .collect()
    }

    /// `A | B | C`, for diagnostics.
    pub(crate) fn header_line(&self) -> String {
        self.headers.join(" | ")
    }
}

/// The statuses of a cell that holds only statuses (`400`, `400/404`,
/// `400, 404`, `HTTP 429`); `None` for anything else.
pub(crate) fn parse_statuses(text: &str) -> Option<Vec<u16>> {
    let t = text.trim();
    let t = t
        .strip_prefix("HTTP")
        .or_else(|| t.strip_prefix("http"))
        .unwrap_or(t);
    let mut out = Vec::new();
    for piece in t.split(|c: char| {
        c.is_whitespace() || matches!(c, '/' | ',' | '，' | '、' | ';' | '；' | '|')
    }) {
        if piece.is_empty() || piece.eq_ignore_ascii_case("or") || piece == "或" {
            continue;
        }
        out.push(parse_status(piece)?);
    }
    (!out.is_empty()).then_some(out)
}

/// A three-digit HTTP status, 100..=599.
pub(crate) fn parse_status(text: &str) -> Option<u16> {
    let t = text.trim();
    if t.len() != 3 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse::<u16>().ok().filter(|s| (100..=599).contains(s))
}

/// The cells' texts of every row, for tests.
#[cfg(test)]
pub(crate) fn texts(t: &Table) -> Vec<Vec<&str>> {
    t.rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
        .collect()
}
