//! Importing vendor error-code pages: page text -> [`ImportedRow`]s -> spec YAML.
//!
//! [`import`] reads the error table of a saved vendor page in one of the
//! [`PageFormat`]s and returns its rows exactly as written (template codes
//! converted to the spec's `{field}` form, see [`ImportedRow::vendor_code`]).
//! [`render_yaml`] writes a spec from the rows, or merges them into an
//! existing spec (see `specs/SCHEMA.md`, "Importing"). Nothing here panics on
//! any input: a page whose layout is not recognised is an [`ImportError`]
//! naming the line and what was expected.

use crate::ast::{self, At, SpecFile};
use crate::diag::{Diagnostics, Pos};
use crate::model::Template;
use crate::{valid, yaml};
use heck::ToUpperCamelCase;
use std::collections::{HashMap, HashSet};
use std::fmt;

// ---------------------------------------------------------------------------
// Formats, rows, errors

/// The layout of a saved vendor page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageFormat {
    /// Huawei: each table cell on its own line ending in ` |` (seed 000).
    HuaweiVertical,
    /// Lines of cells separated by ` | ` (Alibaba, seed 002).
    PipeTable,
    /// Tencent: lines `Code Description` after a header `Error Code Description` (seed 001).
    CodeDescription,
    /// Huawei per-API snippets: `HTTP状态码 错误码 描述 400 CBC.0100 参数错误。 ...` (seed 003).
    HuaweiInline,
}

impl PageFormat {
    pub const ALL: &'static [PageFormat] = &[
        PageFormat::HuaweiVertical,
        PageFormat::PipeTable,
        PageFormat::CodeDescription,
        PageFormat::HuaweiInline,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            PageFormat::HuaweiVertical => "huawei-vertical",
            PageFormat::PipeTable => "pipe-table",
            PageFormat::CodeDescription => "code-description",
            PageFormat::HuaweiInline => "huawei-inline",
        }
    }

    pub fn from_name(name: &str) -> Option<PageFormat> {
        PageFormat::ALL.iter().copied().find(|f| f.as_str() == name)
    }

    /// The vendor whose pages have this layout (the default `vendor`).
    pub fn vendor(self) -> &'static str {
        match self {
            PageFormat::HuaweiVertical | PageFormat::HuaweiInline => "huawei",
            PageFormat::PipeTable => "alibaba",
            PageFormat::CodeDescription => "tencent",
        }
    }

    fn expected(self) -> &'static str {
        match self {
            PageFormat::HuaweiVertical => {
                "header cells `状态码 |`, `错误码 |`, `错误码信息 |`, `错误码描述 |` each on its own line, then the rows one cell per line"
            }
            PageFormat::PipeTable => {
                "a header line with cells separated by ` | ` and ending in ` |`, one of them `错误码` (e.g. `HTTP status code | 错误码 | 错误信息 | 描述 |`), then one row per line"
            }
            PageFormat::CodeDescription => {
                "a header line `Error Code Description`, then lines `<Code> <description>`"
            }
            PageFormat::HuaweiInline => {
                "a header `HTTP状态码 错误码 描述` followed by `<status> <code> <description>` on the same line"
            }
        }
    }
}

impl fmt::Display for PageFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for PageFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<PageFormat, String> {
        PageFormat::from_name(s).ok_or_else(|| {
            let names: Vec<&str> = PageFormat::ALL.iter().map(|f| f.as_str()).collect();
            format!("unknown page format `{s}`: use one of {}", names.join(", "))
        })
    }
}

/// One row of a vendor's error table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportedRow {
    /// HTTP status, when the page has a status column.
    pub status: Option<u16>,
    /// The code in spec form: a vendor placeholder (`%s`, `{0}`) is written
    /// `{field}` (`{field2}`, ... for the following ones).
    pub code: String,
    /// `(language tag, text)`, in column order; placeholders as in `code`.
    pub messages: Vec<(String, String)>,
    /// Other columns: `(column header, text)`.
    pub extra: Vec<(String, String)>,
    /// 1-based line of the row (its first cell) in the page.
    pub line: usize,
    /// The vendor's placeholder token when `code` is a template.
    pub vendor_placeholder: Option<String>,
    /// The heading the table stands under, where the layout has one
    /// (`code-description`: e.g. `Common Error Codes`).
    pub section: Option<String>,
}

impl ImportedRow {
    /// The text in `lang`, as in the spec (placeholders `{field}`).
    pub fn message(&self, lang: &str) -> Option<&str> {
        self.messages
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, t)| t.as_str())
    }

    /// The placeholder names of the code, in order.
    pub fn fields(&self) -> Vec<String> {
        Template::parse_code(&self.code)
            .map(|t| t.fields().into_iter().map(str::to_owned).collect())
            .unwrap_or_default()
    }

    /// The code as the vendor writes it (`InvalidParameter.%s`).
    pub fn vendor_code(&self) -> String {
        match &self.vendor_placeholder {
            Some(token) => Template::parse_code(&self.code)
                .map(|t| t.with_placeholder_token(token))
                .unwrap_or_else(|_| self.code.clone()),
            None => self.code.clone(),
        }
    }

    /// The text in `lang` as the vendor writes it.
    pub fn vendor_message(&self, lang: &str) -> Option<String> {
        let text = self.message(lang)?;
        Some(match &self.vendor_placeholder {
            Some(token) => Template::parse_message(text, &self.fields())
                .map(|t| t.with_placeholder_token(token))
                .unwrap_or_else(|_| text.to_owned()),
            None => text.to_owned(),
        })
    }
}

/// A page that could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// 1-based line of the page the problem is at.
    pub line: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ImportError {}

fn err(line: usize, message: impl Into<String>) -> ImportError {
    ImportError {
        line: line.max(1),
        message: message.into(),
    }
}

/// Reads the error table(s) of `page`, a vendor page saved as text.
///
/// Rows come in page order; a code listed twice gives two rows. Lines may end
/// in `\n` or `\r\n`; a leading byte-order mark is ignored.
pub fn import(page: &str, format: PageFormat) -> Result<Vec<ImportedRow>, ImportError> {
    let page = page.strip_prefix('\u{feff}').unwrap_or(page);
    let lines: Vec<&str> = page.lines().collect();
    let rows = match format {
        PageFormat::HuaweiVertical => vertical(&lines)?,
        PageFormat::PipeTable => pipe_table(&lines)?,
        PageFormat::CodeDescription => code_description(&lines)?,
        PageFormat::HuaweiInline => inline(&lines)?,
    };
    rows.into_iter().map(templatize).collect()
}

fn no_table(format: PageFormat, lines: &[&str]) -> ImportError {
    err(
        lines.len(),
        format!(
            "no `{format}` error table found in the page ({} lines searched, this is its end): expected {}",
            lines.len(),
            format.expected()
        ),
    )
}

fn no_rows(format: PageFormat, header_line: usize) -> ImportError {
    err(
        header_line,
        format!(
            "a `{format}` table header is here but no row follows it: expected {}",
            format.expected()
        ),
    )
}

// ---------------------------------------------------------------------------
// Columns

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Status,
    Code,
    Message(&'static str),
    Extra,
}

/// The meaning of a column, from its header.
fn column_for(header: &str) -> Column {
    let key: String = header
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    match key.as_str() {
        "状态码" | "http状态码" | "httpstatuscode" | "httpstatus" | "statuscode" => {
            Column::Status
        }
        "错误码" | "errorcode" => Column::Code,
        "错误码信息" | "错误信息" | "errormessage" => Column::Message("en"),
        "错误码描述" | "描述" | "错误描述" => Column::Message("zh"),
        _ => Column::Extra,
    }
}

/// Columns of a header; a second status, code or same-language column is extra.
fn columns(headers: &[String]) -> Vec<Column> {
    let mut seen: Vec<Column> = Vec::new();
    headers
        .iter()
        .map(|h| {
            let c = column_for(h);
            if c != Column::Extra && seen.contains(&c) {
                Column::Extra
            } else {
                seen.push(c);
                c
            }
        })
        .collect()
}

fn parse_status(text: &str) -> Option<u16> {
    let t = text.trim();
    if t.len() != 3 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse::<u16>().ok().filter(|s| (100..=599).contains(s))
}

fn is_code_token(text: &str) -> bool {
    !text.is_empty() && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Builds a row from its cells (`(text, 0-based line)`), one per column.
fn build_row(
    headers: &[String],
    cols: &[Column],
    cells: &[(String, usize)],
    section: Option<&str>,
) -> Result<ImportedRow, ImportError> {
    let mut row = ImportedRow {
        line: cells.first().map_or(1, |c| c.1 + 1),
        section: section.map(str::to_owned),
        ..ImportedRow::default()
    };
    let mut has_code = false;
    for ((header, col), (text, at)) in headers.iter().zip(cols).zip(cells) {
        match col {
            Column::Status => match parse_status(text) {
                Some(s) => row.status = Some(s),
                None => {
                    return Err(err(
                        at + 1,
                        format!(
                            "expected an HTTP status (100..=599) in column `{header}`, found {text:?}"
                        ),
                    ));
                }
            },
            Column::Code => {
                if !is_code_token(text) {
                    return Err(err(
                        at + 1,
                        format!(
                            "expected an error code (one token, no spaces) in column `{header}`, found {text:?}"
                        ),
                    ));
                }
                row.code = text.clone();
                has_code = true;
            }
            Column::Message(lang) => row.messages.push(((*lang).to_owned(), text.clone())),
            Column::Extra => row.extra.push((header.clone(), text.clone())),
        }
    }
    if !has_code {
        return Err(err(row.line, "the row has no `错误码` (error code) cell"));
    }
    Ok(row)
}

// ---------------------------------------------------------------------------
// huawei-vertical

/// The text of a line that ends a cell (` |`), without the terminator.
fn cell_end(line: &str) -> Option<&str> {
    let l = line.trim_end();
    if l == "|" {
        return Some("");
    }
    l.strip_suffix(" |")
}

/// The cell starting at line `start`: its lines joined with `\n` (the last one
/// without ` |`) and the index of the line after it; `None` if no line ends it.
fn read_cell(lines: &[&str], start: usize) -> Option<(String, usize)> {
    let mut parts: Vec<&str> = Vec::new();
    for (k, line) in lines.get(start..)?.iter().enumerate() {
        if let Some(text) = cell_end(line) {
            parts.push(text);
            return Some((parts.join("\n"), start + k + 1));
        }
        parts.push(line);
    }
    None
}

/// A header cell that is not one of the known column names: short, no digit,
/// not a sentence.
fn looks_like_header(text: &str) -> bool {
    let n = text.chars().count();
    (1..=24).contains(&n)
        && !text.chars().any(|c| c.is_ascii_digit())
        && !text.ends_with(['.', '。'])
        && text.trim() == text
}

fn vertical(lines: &[&str]) -> Result<Vec<ImportedRow>, ImportError> {
    let mut rows = Vec::new();
    let mut first_header: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        let Some(first) = cell_end(lines[i]) else {
            i += 1;
            continue;
        };
        if column_for(first) == Column::Extra {
            i += 1;
            continue;
        }
        let mut headers: Vec<String> = Vec::new();
        let mut j = i;
        while let Some(cell) = lines.get(j).and_then(|l| cell_end(l)) {
            if column_for(cell) == Column::Extra && !looks_like_header(cell) {
                break;
            }
            headers.push(cell.to_owned());
            j += 1;
        }
        let cols = columns(&headers);
        if !cols.contains(&Column::Code) {
            i += 1;
            continue;
        }
        first_header.get_or_insert(i + 1);
        let mut pos = j;
        while let Some((text, after)) = read_cell(lines, pos) {
            let starts_row = match cols[0] {
                Column::Status => parse_status(&text).is_some(),
                Column::Code => is_code_token(&text) && column_for(&text) == Column::Extra,
                _ => !text.is_empty() && column_for(&text) == Column::Extra,
            };
            if !starts_row {
                break;
            }
            let mut cells = vec![(text, pos)];
            let mut next = after;
            for header in &headers[1..] {
                match read_cell(lines, next) {
                    Some((t, a)) => {
                        cells.push((t, next));
                        next = a;
                    }
                    None => {
                        return Err(err(
                            (next + 1).min(lines.len()),
                            format!(
                                "the row starting at line {} stops after {} of {} cells: expected the cell `{header}`, ending in ` |`",
                                pos + 1,
                                cells.len(),
                                headers.len()
                            ),
                        ));
                    }
                }
            }
            rows.push(build_row(&headers, &cols, &cells, None)?);
            pos = next;
        }
        i = pos.max(j);
    }
    match (rows.is_empty(), first_header) {
        (false, _) => Ok(rows),
        (true, Some(line)) => Err(no_rows(PageFormat::HuaweiVertical, line)),
        (true, None) => Err(no_table(PageFormat::HuaweiVertical, lines)),
    }
}

// ---------------------------------------------------------------------------
// pipe-table

/// The cells of a ` | `-separated line ending in ` |` (a leading `| ` is allowed).
fn pipe_cells(line: &str) -> Option<Vec<&str>> {
    let l = line.trim_end();
    let l = l.strip_prefix("| ").unwrap_or(l);
    let body = if l == "|" { "" } else { l.strip_suffix(" |")? };
    Some(body.split(" | ").collect())
}

fn is_separator_row(cells: &[&str]) -> bool {
    cells.iter().all(|c| {
        let c = c.trim().trim_start_matches(':').trim_end_matches(':');
        c.len() >= 3 && c.bytes().all(|b| b == b'-')
    })
}

fn pipe_table(lines: &[&str]) -> Result<Vec<ImportedRow>, ImportError> {
    let mut rows = Vec::new();
    let mut first_header: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        let Some(cells) = pipe_cells(lines[i]) else {
            i += 1;
            continue;
        };
        let headers: Vec<String> = cells.iter().map(|c| (*c).to_owned()).collect();
        let cols = columns(&headers);
        if headers.len() < 2 || !cols.contains(&Column::Code) {
            i += 1;
            continue;
        }
        first_header.get_or_insert(i + 1);
        let mut j = i + 1;
        if let Some(sep) = lines.get(j).and_then(|l| pipe_cells(l))
            && sep.len() == headers.len()
            && is_separator_row(&sep)
        {
            j += 1;
        }
        while let Some(cells) = lines.get(j).and_then(|l| pipe_cells(l)) {
            if cells.len() != headers.len() {
                break;
            }
            let cells: Vec<(String, usize)> = cells.iter().map(|c| ((*c).to_owned(), j)).collect();
            rows.push(build_row(&headers, &cols, &cells, None)?);
            j += 1;
        }
        i = j;
    }
    match (rows.is_empty(), first_header) {
        (false, _) => Ok(rows),
        (true, Some(line)) => Err(no_rows(PageFormat::PipeTable, line)),
        (true, None) => Err(no_table(PageFormat::PipeTable, lines)),
    }
}

// ---------------------------------------------------------------------------
// code-description

/// The message language of a `code-description` header line.
fn description_header(line: &str) -> Option<&'static str> {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        [a, b, c]
            if a.eq_ignore_ascii_case("error")
                && b.eq_ignore_ascii_case("code")
                && c.eq_ignore_ascii_case("description") =>
        {
            Some("en")
        }
        ["错误码", "描述" | "说明"] => Some("zh"),
        _ => None,
    }
}

/// A code like `FailedOperation.MemberNameUsed` or `InternalError`: ASCII
/// segments separated by `.`, the first starting with a capital letter; a
/// code without `.` must be CamelCase (two capitals or more).
fn is_code_shape(token: &str) -> bool {
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

/// `<code> <description>`: the description is the rest of the line after the
/// white space that follows the code.
fn split_code_line(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_start();
    let i = line.find(char::is_whitespace)?;
    let (code, rest) = line.split_at(i);
    let rest = rest.trim_start();
    (is_code_shape(code) && !rest.is_empty()).then_some((code, rest))
}

fn code_description(lines: &[&str]) -> Result<Vec<ImportedRow>, ImportError> {
    let mut rows = Vec::new();
    let mut first_header: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        let Some(lang) = description_header(lines[i]) else {
            i += 1;
            continue;
        };
        first_header.get_or_insert(i + 1);
        let section = lines[..i]
            .iter()
            .rev()
            .map(|l| l.trim())
            .find(|l| !l.is_empty())
            .map(str::to_owned);
        let mut j = i + 1;
        while let Some((code, text)) = lines.get(j).and_then(|l| split_code_line(l)) {
            rows.push(ImportedRow {
                status: None,
                code: code.to_owned(),
                messages: vec![(lang.to_owned(), text.to_owned())],
                extra: Vec::new(),
                line: j + 1,
                vendor_placeholder: None,
                section: section.clone(),
            });
            j += 1;
        }
        i = j;
    }
    match (rows.is_empty(), first_header) {
        (false, _) => Ok(rows),
        (true, Some(line)) => Err(no_rows(PageFormat::CodeDescription, line)),
        (true, None) => Err(no_table(PageFormat::CodeDescription, lines)),
    }
}

// ---------------------------------------------------------------------------
// huawei-inline

/// Header word sequences and the language of their description column.
const INLINE_HEADERS: &[(&[&str], &str)] = &[
    (&["HTTP状态码", "错误码", "描述"], "zh"),
    (&["HTTP状态码", "错误码", "错误描述"], "zh"),
    (&["HTTP状态码", "错误码", "错误码描述"], "zh"),
    (&["HTTP状态码", "错误码", "错误信息"], "zh"),
    (&["状态码", "错误码", "描述"], "zh"),
    (
        &["HTTP", "Status", "Code", "Error", "Code", "Description"],
        "en",
    ),
];

/// Text that ends the last description of a snippet.
const INLINE_MARKERS: &[&str] = &["父主题:", "父主题：", "Parent topic:"];

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

/// A code like `CBC.0100`: ASCII letters, digits, `_`, `-`, with a `.` inside.
fn is_inline_code(token: &str) -> bool {
    token.starts_with(|c: char| c.is_ascii_alphabetic())
        && token.contains('.')
        && !token.ends_with('.')
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn inline(lines: &[&str]) -> Result<Vec<ImportedRow>, ImportError> {
    let mut rows = Vec::new();
    let mut first_header: Option<usize> = None;
    for (n, line) in lines.iter().enumerate() {
        let toks = tokens(line);
        let word = |k: usize| toks.get(k).map(|&(s, e)| &line[s..e]);
        let header_at = |k: usize| {
            INLINE_HEADERS.iter().find_map(|(words, lang)| {
                words
                    .iter()
                    .enumerate()
                    .all(|(o, w)| word(k + o).is_some_and(|t| t.eq_ignore_ascii_case(w)))
                    .then_some((words.len(), *lang))
            })
        };
        let row_at = |k: usize| {
            let status = parse_status(word(k)?)?;
            let code = word(k + 1).filter(|c| is_inline_code(c))?;
            Some((status, code))
        };
        let marker_at = |k: usize| {
            toks.get(k)
                .is_some_and(|&(s, _)| INLINE_MARKERS.iter().any(|m| line[s..].starts_with(m)))
        };
        let mut k = 0;
        while k < toks.len() {
            let Some((width, lang)) = header_at(k) else {
                k += 1;
                continue;
            };
            first_header.get_or_insert(n + 1);
            k += width;
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
                rows.push(ImportedRow {
                    status: Some(status),
                    code: code.to_owned(),
                    messages: vec![(lang.to_owned(), text.to_owned())],
                    extra: Vec::new(),
                    line: n + 1,
                    vendor_placeholder: None,
                    section: None,
                });
                k = to;
            }
        }
    }
    match (rows.is_empty(), first_header) {
        (false, _) => Ok(rows),
        (true, Some(line)) => Err(no_rows(PageFormat::HuaweiInline, line)),
        (true, None) => Err(no_table(PageFormat::HuaweiInline, lines)),
    }
}

// ---------------------------------------------------------------------------
// Template codes

/// Byte ranges of vendor placeholder tokens (`%s`, `%d`, `{0}`, `{}`) in `code`.
fn placeholder_tokens(code: &str) -> Vec<(usize, usize)> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && matches!(b.get(i + 1), Some(b's' | b'd' | b'v' | b'i' | b'u')) {
            out.push((i, i + 2));
            i += 2;
            continue;
        }
        if b[i] == b'{' {
            let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if b.get(i + 1 + digits) == Some(&b'}') {
                out.push((i, i + digits + 2));
                i += digits + 2;
                continue;
            }
        }
        i += 1;
    }
    out
}

fn field_name(i: usize) -> String {
    if i == 0 {
        "field".to_owned()
    } else {
        format!("field{}", i + 1)
    }
}

/// Converts a vendor template code (`InvalidParameter.%s`) to the spec form.
fn templatize(mut row: ImportedRow) -> Result<ImportedRow, ImportError> {
    let found = placeholder_tokens(&row.code);
    let Some(&(s0, e0)) = found.first() else {
        return Ok(row);
    };
    let token = row.code[s0..e0].to_owned();
    if let Some(&(s, e)) = found.iter().find(|&&(s, e)| row.code[s..e] != token) {
        return Err(err(
            row.line,
            format!(
                "code `{}` mixes the placeholder tokens `{token}` and `{}`: a spec has one `vendor_placeholder` per code",
                row.code,
                &row.code[s..e]
            ),
        ));
    }
    let names: Vec<String> = (0..found.len()).map(field_name).collect();
    let mut code = String::new();
    let mut last = 0;
    for (k, &(s, e)) in found.iter().enumerate() {
        code.push_str(&row.code[last..s]);
        code.push('{');
        code.push_str(&names[k]);
        code.push('}');
        last = e;
    }
    code.push_str(&row.code[last..]);
    if let Err(why) = Template::parse_code(&code) {
        return Err(err(
            row.line,
            format!(
                "template code `{}` cannot be written as a spec code: {why}",
                row.code
            ),
        ));
    }
    for (_, text) in &mut row.messages {
        let mut out = String::new();
        let mut rest = text.as_str();
        let mut k = 0;
        while let Some(i) = rest.find(token.as_str()) {
            out.push_str(&rest[..i]);
            out.push('{');
            out.push_str(&names[k.min(names.len() - 1)]);
            out.push('}');
            k += 1;
            rest = &rest[i + token.len()..];
        }
        out.push_str(rest);
        *text = out;
    }
    row.code = code;
    row.vendor_placeholder = Some(token);
    Ok(row)
}

// ---------------------------------------------------------------------------
// Rendering

/// The top of a spec written from scratch (ignored when merging: the
/// existing spec's top-level keys are kept).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpecHeader {
    pub catalog: String,
    pub vendor: String,
    pub source: String,
    /// Languages of the spec; empty: the languages of the rows, `en` first.
    pub languages: Vec<String>,
    /// `defaults.status`: entries with this status do not repeat it. Needed
    /// when rows have no status (Tencent: 200).
    pub default_status: Option<u16>,
    /// Codes that go under `success:` instead of `errors:`.
    pub success: Vec<String>,
}

/// Parses an existing spec file for [`render_yaml`]'s merge (shapes only,
/// no validation; the file's `include`s are not read).
pub fn parse_existing(text: &str, file: &str) -> Result<SpecFile, Diagnostics> {
    let mut diags = Diagnostics::default();
    let root = match yaml::parse(text, file) {
        Ok(root) => root,
        Err(d) => {
            diags.push(d);
            return Err(diags);
        }
    };
    let spec = ast::parse_spec(&root, file, &mut diags);
    if diags.is_empty() {
        Ok(spec)
    } else {
        Err(diags)
    }
}

/// Writes a spec for `rows` (see `specs/SCHEMA.md`, "Importing").
pub fn render_yaml(rows: &[ImportedRow], header: &SpecHeader, merge: Option<&SpecFile>) -> String {
    render_yaml_report(rows, header, merge, MergeMode::Update).0
}

/// How page rows go into an existing spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MergeMode {
    /// The page is the spec's reference: code, status and the page's
    /// languages of each entry come from the page.
    #[default]
    Update,
    /// The page is a secondary source (e.g. per-API snippets): entries keep
    /// their texts; a page text that is neither the primary nor an alternate
    /// becomes a new alternate. Codes the spec lacks are added.
    AlternatesOnly,
}

/// [`render_yaml`] with a [`MergeMode`], plus notices about what the merge
/// kept or could not express (for the CLI to print on stderr).
pub fn render_yaml_report(
    rows: &[ImportedRow],
    header: &SpecHeader,
    merge: Option<&SpecFile>,
    mode: MergeMode,
) -> (String, Vec<String>) {
    let mut notices = Vec::new();
    let groups = group(rows);
    let mut top = match merge {
        Some(spec) => Top::from_existing(spec),
        None => Top::from_header(header, rows),
    };
    for r in rows {
        for (lang, _) in &r.messages {
            if !top.languages.contains(lang) {
                top.languages.push(lang.clone());
            }
        }
    }
    if !top.languages.iter().any(|l| l == "en") {
        // English is required (the fallback): a page without it gets "-".
        top.languages.insert(0, "en".to_owned());
    }
    let default_status = top.default_status;
    // Languages written "-" because the page has no text in them: counts.
    let mut filled: Vec<(String, usize)> = Vec::new();

    // Existing entries by code and by vendor form.
    let existing: Vec<(bool, &ast::Entry)> = merge
        .map(|s| {
            s.errors
                .iter()
                .map(|e| (false, e))
                .chain(s.success.iter().map(|e| (true, e)))
                .collect()
        })
        .unwrap_or_default();
    let mut used_names: HashSet<String> = existing
        .iter()
        .filter(|(success, _)| !success)
        .filter_map(|(_, e)| entry_name(e))
        .collect();
    let mut by_code: HashMap<String, usize> = HashMap::new();
    let mut by_vendor: HashMap<String, usize> = HashMap::new();
    for (i, (_, e)) in existing.iter().enumerate() {
        if let Some(code) = &e.code {
            by_code.entry(code.value.clone()).or_insert(i);
            by_vendor.entry(existing_vendor_code(e)).or_insert(i);
        }
    }

    // (index of the existing entry, entry)
    let mut errors: Vec<(Option<usize>, OutEntry)> = Vec::new();
    let mut success: Vec<(usize, OutEntry)> = Vec::new();
    let mut matched: HashSet<usize> = HashSet::new();
    for g in &groups {
        let first = g[0];
        let found = by_code
            .get(&first.code)
            .or_else(|| by_vendor.get(&first.vendor_code()))
            .copied()
            .filter(|i| !matched.contains(i));
        let out = match found {
            Some(i) => {
                matched.insert(i);
                let (is_success, e) = existing[i];
                let mut out =
                    merged_entry(g, e, default_status, mode, &header.source, &mut notices);
                if is_success {
                    if !out.alternates.is_empty() {
                        notices.push(format!(
                            "{}: a success code has no alternates; the page's other texts of it are not written: {}",
                            out.code,
                            out.alternates
                                .iter()
                                .filter_map(|a| a.note.clone())
                                .collect::<Vec<_>>()
                                .join(" ")
                        ));
                        out.alternates = OutEntry::from_ast(e).alternates;
                    }
                    success.push((i, out));
                    continue;
                }
                out
            }
            None => {
                let is_success = header.success.contains(&first.code);
                let mut out = fresh_entry(g, default_status);
                if is_success {
                    out.name = None;
                    fold_alternates_into_note(&mut out);
                    success.push((usize::MAX, out));
                    continue;
                }
                if let Some(name) = pick_name(&out.code, &mut used_names) {
                    out.name = Some(name);
                }
                out
            }
        };
        errors.push((found, out));
    }
    let from_page = errors
        .iter_mut()
        .map(|(_, e)| e)
        .chain(success.iter_mut().map(|(_, e)| e));
    for e in from_page {
        if e.from_page {
            for lang in &top.languages {
                if e.message(lang).is_none() {
                    e.messages.push((lang.clone(), "-".to_owned()));
                    match filled.iter_mut().find(|(l, _)| l == lang) {
                        Some((_, n)) => *n += 1,
                        None => filled.push((lang.clone(), 1)),
                    }
                }
            }
        }
    }
    if !filled.is_empty() {
        let what: Vec<String> = filled
            .iter()
            .map(|(l, n)| format!("`{l}` in {n} entr{}", if *n == 1 { "y" } else { "ies" }))
            .collect();
        let text = format!(
            "The page gives no text in {}: written \"-\" (no text).",
            what.join(", ")
        );
        if merge.is_none() {
            top.note = Some(text);
        } else {
            notices.push(text);
        }
    }
    // Entries of the existing spec that are not on the page: kept unchanged.
    let mut kept = Vec::new();
    for (i, (is_success, e)) in existing.iter().enumerate() {
        if matched.contains(&i) {
            continue;
        }
        let out = OutEntry::from_ast(e);
        if *is_success {
            success.push((i, out));
        } else {
            kept.push(out.code.clone());
            errors.push((Some(i), out));
        }
    }
    if !kept.is_empty() && mode == MergeMode::Update {
        notices.push(format!(
            "kept {} entr{} of the existing spec that the page does not list, at the end of `errors`: {}",
            kept.len(),
            if kept.len() == 1 { "y" } else { "ies" },
            kept.join(", ")
        ));
    }
    // Success codes: the existing spec's order, then new ones in page order;
    // errors too for a secondary page (it does not reorder the spec).
    success.sort_by_key(|(i, _)| *i);
    if mode == MergeMode::AlternatesOnly {
        errors.sort_by_key(|(i, _)| i.unwrap_or(usize::MAX));
    }

    let mut y = String::new();
    top.write(&mut y);
    if errors.is_empty() {
        y.push_str("errors: []\n");
    } else {
        y.push_str("errors:\n");
        for (_, e) in &errors {
            e.write(&mut y, &top.languages);
        }
    }
    if !success.is_empty() {
        y.push_str("success:\n");
        for (_, e) in &success {
            e.write(&mut y, &top.languages);
        }
    }
    (y, notices)
}

/// Rows grouped by code, groups in order of first appearance.
fn group(rows: &[ImportedRow]) -> Vec<Vec<&ImportedRow>> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<Vec<&ImportedRow>> = Vec::new();
    for r in rows {
        match index.get(r.code.as_str()) {
            Some(&i) => groups[i].push(r),
            None => {
                index.insert(&r.code, groups.len());
                groups.push(vec![r]);
            }
        }
    }
    groups
}

fn existing_vendor_code(e: &ast::Entry) -> String {
    let Some(code) = &e.code else {
        return String::new();
    };
    match &e.vendor_placeholder {
        Some(vp) => Template::parse_code(&code.value)
            .map(|t| t.with_placeholder_token(&vp.value))
            .unwrap_or_else(|_| code.value.clone()),
        None => code.value.clone(),
    }
}

fn entry_name(e: &ast::Entry) -> Option<String> {
    if let Some(n) = &e.name {
        return Some(n.value.clone());
    }
    let code = e.code.as_ref()?;
    valid::resolve_name(&ast::Entry::default(), code)
        .ok()
        .map(|(n, _)| n)
}

fn ident_ok(name: &str) -> bool {
    let entry = ast::Entry {
        name: Some(At {
            value: name.to_owned(),
            pos: Pos::default(),
        }),
        ..ast::Entry::default()
    };
    let code = At {
        value: "X".to_owned(),
        pos: Pos::default(),
    };
    valid::resolve_name(&entry, &code).is_ok()
}

/// `None` when the name derived from `code` is usable and free (it is then
/// taken); otherwise an explicit name to write.
fn pick_name(code: &str, used: &mut HashSet<String>) -> Option<String> {
    let at = At {
        value: code.to_owned(),
        pos: Pos::default(),
    };
    let derived = valid::resolve_name(&ast::Entry::default(), &at)
        .ok()
        .map(|(n, _)| n);
    if let Some(d) = &derived
        && used.insert(d.clone())
    {
        return None;
    }
    let base = derived.unwrap_or_else(|| {
        let literal: String = Template::parse_code(code)
            .map(|t| t.literals().concat())
            .unwrap_or_else(|_| code.to_owned());
        let camel: String = literal
            .to_upper_camel_case()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        format!("Code{camel}")
    });
    for n in 1..10_000usize {
        let candidate = if n == 1 && !used.contains(&base) {
            base.clone()
        } else {
            format!("{base}{}", n + 1)
        };
        if ident_ok(&candidate) && used.insert(candidate.clone()) {
            return Some(candidate);
        }
    }
    let fallback = format!("Code{}", used.len());
    used.insert(fallback.clone());
    Some(fallback)
}

/// The spec's top-level keys.
struct Top {
    catalog: String,
    vendor: String,
    source: String,
    languages: Vec<String>,
    default_status: Option<i128>,
    default_retry: Option<String>,
    include: Vec<String>,
    note: Option<String>,
}

impl Top {
    fn from_header(h: &SpecHeader, rows: &[ImportedRow]) -> Top {
        let mut languages = h.languages.clone();
        if languages.is_empty() {
            for r in rows {
                for (lang, _) in &r.messages {
                    if !languages.contains(lang) {
                        languages.push(lang.clone());
                    }
                }
            }
            languages.sort_by_key(|l| l != "en");
            if languages.is_empty() {
                languages.push("en".to_owned());
            }
        }
        Top {
            catalog: h.catalog.clone(),
            vendor: h.vendor.clone(),
            source: h.source.clone(),
            languages,
            default_status: h.default_status.map(i128::from),
            default_retry: None,
            include: Vec::new(),
            note: None,
        }
    }

    fn from_existing(s: &SpecFile) -> Top {
        let text = |v: &Option<At<String>>| v.as_ref().map(|a| a.value.clone());
        Top {
            catalog: text(&s.catalog).unwrap_or_default(),
            vendor: text(&s.vendor).unwrap_or_default(),
            source: text(&s.source).unwrap_or_default(),
            languages: s.languages.iter().map(|l| l.value.clone()).collect(),
            default_status: s.default_status.as_ref().map(|d| d.value),
            default_retry: text(&s.default_retry),
            include: s.includes.iter().map(|i| i.value.clone()).collect(),
            note: text(&s.note),
        }
    }

    fn write(&self, y: &mut String) {
        push_kv(y, "", "catalog", &self.catalog);
        push_kv(y, "", "vendor", &self.vendor);
        push_kv(y, "", "source", &self.source);
        y.push_str("languages: ");
        push_flow_list(y, &self.languages);
        y.push('\n');
        let mut defaults = Vec::new();
        if let Some(s) = self.default_status {
            defaults.push(format!("status: {s}"));
        }
        if let Some(r) = &self.default_retry {
            defaults.push(format!("retry: {}", flow_scalar(r)));
        }
        if !defaults.is_empty() {
            y.push_str(&format!("defaults: {{ {} }}\n", defaults.join(", ")));
        }
        if !self.include.is_empty() {
            y.push_str("include: ");
            push_flow_list(y, &self.include);
            y.push('\n');
        }
        if let Some(note) = &self.note {
            push_kv(y, "", "note", note);
        }
    }
}

/// One entry to write.
#[derive(Debug, Clone, Default)]
struct OutEntry {
    code: String,
    name: Option<String>,
    status: Option<i128>,
    retry: Option<String>,
    vendor_placeholder: Option<String>,
    /// `(language, text)`; written in `languages` order, others after.
    messages: Vec<(String, String)>,
    note: Option<String>,
    source: Option<String>,
    alternates: Vec<OutAlt>,
    /// Written from page rows (new, not an existing entry kept as is).
    from_page: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct OutAlt {
    status: Option<i128>,
    messages: Vec<(String, String)>,
    note: Option<String>,
}

impl OutEntry {
    fn from_ast(e: &ast::Entry) -> OutEntry {
        let text = |v: &Option<At<String>>| v.as_ref().map(|a| a.value.clone());
        OutEntry {
            code: text(&e.code).unwrap_or_default(),
            name: text(&e.name),
            status: e.status.as_ref().map(|s| s.value),
            retry: text(&e.retry),
            vendor_placeholder: text(&e.vendor_placeholder),
            messages: e
                .messages
                .iter()
                .map(|(l, t)| (l.value.clone(), t.value.clone()))
                .collect(),
            note: text(&e.note),
            source: text(&e.source),
            alternates: e
                .alternates
                .iter()
                .map(|a| OutAlt {
                    status: a.status.as_ref().map(|s| s.value),
                    messages: a
                        .messages
                        .iter()
                        .map(|(l, t)| (l.value.clone(), t.value.clone()))
                        .collect(),
                    note: text(&a.note),
                })
                .collect(),
            from_page: false,
        }
    }

    fn message(&self, lang: &str) -> Option<&str> {
        self.messages
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, t)| t.as_str())
    }

    fn write(&self, y: &mut String, languages: &[String]) {
        y.push_str("  - code: ");
        y.push_str(&scalar(&self.code));
        y.push('\n');
        let ind = "    ";
        if let Some(n) = &self.name {
            push_kv(y, ind, "name", n);
        }
        if let Some(s) = self.status {
            y.push_str(&format!("{ind}status: {s}\n"));
        }
        if let Some(r) = &self.retry {
            push_kv(y, ind, "retry", r);
        }
        if let Some(vp) = &self.vendor_placeholder {
            push_kv(y, ind, "vendor_placeholder", vp);
        }
        write_messages(y, ind, &self.messages, languages);
        if let Some(n) = &self.note {
            push_kv(y, ind, "note", n);
        }
        if let Some(s) = &self.source {
            push_kv(y, ind, "source", s);
        }
        if !self.alternates.is_empty() {
            y.push_str(ind);
            y.push_str("alternates:\n");
            for a in &self.alternates {
                let mut first = true;
                let mut lead = |y: &mut String| {
                    y.push_str(if first { "      - " } else { "        " });
                    first = false;
                };
                if let Some(s) = a.status {
                    lead(y);
                    y.push_str(&format!("status: {s}\n"));
                }
                for (l, t) in ordered(&a.messages, languages) {
                    lead(y);
                    y.push_str(&format!("{}: {}\n", scalar(l), scalar(t)));
                }
                if let Some(n) = &a.note {
                    lead(y);
                    y.push_str(&format!("note: {}\n", scalar(n)));
                }
                if first {
                    y.push_str("      - {}\n");
                }
            }
        }
    }
}

/// Messages in `languages` order, then the others in written order.
fn ordered<'a>(messages: &'a [(String, String)], languages: &[String]) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for lang in languages {
        if let Some((l, t)) = messages.iter().find(|(l, _)| l == lang) {
            out.push((l, t));
        }
    }
    for (l, t) in messages {
        if !languages.contains(l) {
            out.push((l, t));
        }
    }
    out
}

fn write_messages(y: &mut String, ind: &str, messages: &[(String, String)], languages: &[String]) {
    for (l, t) in ordered(messages, languages) {
        y.push_str(ind);
        y.push_str(&scalar(l));
        y.push_str(": ");
        y.push_str(&scalar(t));
        y.push('\n');
    }
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
    })
}

/// Texts of `row` that differ from the primary's, as an alternate.
fn alternate_of(row: &ImportedRow, primary: &ImportedRow) -> OutAlt {
    OutAlt {
        status: row
            .status
            .filter(|s| Some(*s) != primary.status)
            .map(i128::from),
        messages: row
            .messages
            .iter()
            .filter(|(l, t)| primary.message(l) != Some(t.as_str()))
            .cloned()
            .collect(),
        note: Some(format!("Also listed on the page at line {}.", row.line)),
    }
}

/// Later rows of a group that differ from the first and from each other.
fn distinct_later<'a>(g: &[&'a ImportedRow]) -> Vec<&'a ImportedRow> {
    let same = |a: &ImportedRow, b: &ImportedRow| a.status == b.status && a.messages == b.messages;
    let mut out: Vec<&ImportedRow> = Vec::new();
    for r in &g[1..] {
        if !same(r, g[0]) && !out.iter().any(|o| same(o, r)) {
            out.push(r);
        }
    }
    out
}

/// An entry written from the page alone.
fn fresh_entry(g: &[&ImportedRow], default_status: Option<i128>) -> OutEntry {
    let first = g[0];
    let mut notes = Vec::new();
    for (h, t) in &first.extra {
        notes.push(format!("{h}: {t}"));
    }
    if let (Some(en), Some(zh)) = (first.message("en"), first.message("zh"))
        && has_cjk(en)
        && !has_cjk(zh)
        && zh != "-"
        && !zh.is_empty()
    {
        notes.push(
            "Check: the page's English column holds Chinese text and its Chinese column does not (columns swapped on the page?)."
                .to_owned(),
        );
    }
    OutEntry {
        code: first.code.clone(),
        status: first
            .status
            .map(i128::from)
            .filter(|s| Some(*s) != default_status),
        vendor_placeholder: first.vendor_placeholder.clone(),
        messages: first.messages.clone(),
        note: (!notes.is_empty()).then(|| notes.join("\n")),
        alternates: distinct_later(g)
            .into_iter()
            .map(|r| alternate_of(r, first))
            .collect(),
        from_page: true,
        ..OutEntry::default()
    }
}

/// A success entry cannot have alternates: their texts go to the note.
fn fold_alternates_into_note(e: &mut OutEntry) {
    for a in std::mem::take(&mut e.alternates) {
        let mut parts = Vec::new();
        if let Some(s) = a.status {
            parts.push(format!("status {s}"));
        }
        for (l, t) in &a.messages {
            parts.push(format!("{l} {t:?}"));
        }
        let line = format!(
            "{} {}",
            a.note.unwrap_or_default(),
            if parts.is_empty() {
                String::new()
            } else {
                format!("Other text: {}.", parts.join(", "))
            }
        );
        e.note = Some(match e.note.take() {
            Some(n) => format!("{n}\n{}", line.trim()),
            None => line.trim().to_owned(),
        });
    }
}

/// The page's rows merged into an existing entry: code, status and the
/// page's languages come from the page, everything else from the entry.
fn merged_entry(
    g: &[&ImportedRow],
    e: &ast::Entry,
    default_status: Option<i128>,
    mode: MergeMode,
    page_source: &str,
    notices: &mut Vec<String>,
) -> OutEntry {
    let first = g[0];
    let secondary = mode == MergeMode::AlternatesOnly;
    let mut out = OutEntry::from_ast(e);
    // Keep the spec's placeholder names when it matched by vendor form.
    let existing_fields: Vec<String> = Template::parse_code(&out.code)
        .map(|t| t.fields().into_iter().map(str::to_owned).collect())
        .unwrap_or_default();
    let page_fields = first.fields();
    let rename = |text: &str| -> String {
        if existing_fields.len() != page_fields.len() || existing_fields == page_fields {
            return text.to_owned();
        }
        let mut t = text.to_owned();
        // Two passes, through names that cannot clash.
        for (k, f) in page_fields.iter().enumerate() {
            t = t.replace(&format!("{{{f}}}"), &format!("{{\u{0}{k}}}"));
        }
        for (k, f) in existing_fields.iter().enumerate() {
            t = t.replace(&format!("{{\u{0}{k}}}"), &format!("{{{f}}}"));
        }
        t
    };
    let same_shape = existing_fields.len() == page_fields.len();
    if !same_shape && !secondary {
        out.code = first.code.clone();
    }
    if first.vendor_placeholder.is_some() && !secondary {
        out.vendor_placeholder = first.vendor_placeholder.clone();
    }
    let had_status = e.status.is_some();
    if let Some(s) = first.status.map(i128::from).filter(|_| !secondary) {
        out.status = if had_status || Some(s) != default_status {
            Some(s)
        } else {
            None
        };
    }
    let page: Vec<(String, String)> = first
        .messages
        .iter()
        .map(|(l, t)| (l.clone(), if same_shape { rename(t) } else { t.clone() }))
        .collect();
    let langs: Vec<&str> = page.iter().map(|(l, _)| l.as_str()).collect();
    let old: Vec<Option<&str>> = langs.iter().map(|l| out.message(l)).collect();
    let new: Vec<Option<&str>> = page.iter().map(|(_, t)| Some(t.as_str())).collect();
    let swapped = langs.len() >= 2 && old != new && {
        let mut a = old.clone();
        let mut b = new.clone();
        a.sort();
        b.sort();
        a == b
    };
    if secondary {
        // Texts stay; every page row is checked against them below.
    } else if swapped {
        notices.push(format!(
            "{}: the page has the spec's texts in other languages; the spec's placement is kept",
            first.code
        ));
    } else {
        for (l, t) in page {
            match out.messages.iter_mut().find(|(ol, _)| *ol == l) {
                Some(slot) => slot.1 = t,
                None => out.messages.push((l, t)),
            }
        }
    }
    // Later texts of the code on the page (every text, for a secondary
    // page): alternates unless already there.
    let eff_status = out
        .status
        .or(e.status.as_ref().map(|s| s.value))
        .or(default_status);
    let candidates = if secondary {
        let mut all = vec![first];
        all.extend(distinct_later(g));
        all
    } else {
        distinct_later(g)
    };
    for r in candidates {
        let r_status = r.status.map(i128::from).or(eff_status);
        let known = out.alternates.iter().any(|a| {
            a.status.or(eff_status) == r_status
                && r.messages.iter().all(|(l, t)| {
                    let t = rename(t);
                    a.messages
                        .iter()
                        .find(|(al, _)| al == l)
                        .map(|(_, at)| at.as_str())
                        .or(out.message(l))
                        == Some(t.as_str())
                })
        });
        let is_primary = r_status == eff_status
            && r.messages
                .iter()
                .all(|(l, t)| out.message(l) == Some(rename(t).as_str()));
        if known || is_primary {
            continue;
        }
        let mut alt = OutAlt {
            status: r.status.map(i128::from).filter(|s| Some(*s) != eff_status),
            messages: r
                .messages
                .iter()
                .map(|(l, t)| (l.clone(), rename(t)))
                .filter(|(l, t)| out.message(l) != Some(t.as_str()))
                .collect(),
            note: Some(if page_source.is_empty() {
                format!("Also listed on the page at line {}.", r.line)
            } else {
                format!("Also listed at line {} of: {page_source}", r.line)
            }),
        };
        if alt.status.is_none() && alt.messages.is_empty() {
            alt.status = r_status;
        }
        out.alternates.push(alt);
    }
    out
}

// ---------------------------------------------------------------------------
// YAML scalars

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
            yaml::parse(&format!("k: {s}\n"), "scalar"),
            Ok(yaml::Node { value: yaml::Value::Map(ref m), .. })
                if m.len() == 1 && m[0].1.value == yaml::Value::Str(s.to_owned())
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

fn push_kv(y: &mut String, indent: &str, key: &str, value: &str) {
    y.push_str(indent);
    y.push_str(key);
    y.push_str(": ");
    y.push_str(&scalar(value));
    y.push('\n');
}

fn push_flow_list(y: &mut String, items: &[String]) {
    y.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            y.push_str(", ");
        }
        y.push_str(&flow_scalar(item));
    }
    y.push(']');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::Value;

    /// A small deterministic generator (xorshift), for fuzz-like tests.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }
    }

    fn read_back(text: &str) -> Value {
        let root = yaml::parse(&format!("k: {text}\n"), "t.yaml")
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
        }
    }

    const VERTICAL: &str = "intro text\n{ \"error_code\": \"xxxx\" }\n状态码 |\n错误码 |\n错误码信息 |\n错误码描述 |\n处理措施 |\n200 |\nCBC.0000 |\nSuccess. |\n成功。 |\n- |\n400 |\nCBC.99003117 |\nCleanup failed: more than 90% of resources in use. |\n清理失败,\n请重试。 |\n联系客服 |\n400 |\nCBC.0100 |\nparameter error. |\n输入参数校验失败。 |\n |\ntrailing prose\n";

    #[test]
    fn reads_the_vertical_layout() {
        let rows = import(VERTICAL, PageFormat::HuaweiVertical).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].status, Some(200));
        assert_eq!(rows[0].code, "CBC.0000");
        assert_eq!(rows[0].line, 8);
        assert_eq!(
            rows[0].messages,
            vec![
                ("en".to_owned(), "Success.".to_owned()),
                ("zh".to_owned(), "成功。".to_owned())
            ]
        );
        assert_eq!(rows[0].extra, vec![("处理措施".to_owned(), "-".to_owned())]);
        // A cell continued over two lines keeps its line break.
        assert_eq!(rows[1].message("zh"), Some("清理失败,\n请重试。"));
        assert_eq!(rows[1].line, 13);
        assert_eq!(rows[2].extra[0].1, "");
        // CRLF line ends and a BOM change nothing.
        let crlf = format!("\u{feff}{}", VERTICAL.replace('\n', "\r\n"));
        assert_eq!(import(&crlf, PageFormat::HuaweiVertical).unwrap(), rows);
    }

    #[test]
    fn columns_are_mapped_by_header_name() {
        let page = "错误码 |\n错误码描述 |\n状态码 |\nA.1 |\n描述一 |\n404 |\n";
        let rows = import(page, PageFormat::HuaweiVertical).unwrap();
        assert_eq!(rows[0].status, Some(404));
        assert_eq!(rows[0].code, "A.1");
        assert_eq!(rows[0].message("zh"), Some("描述一"));
        assert_eq!(rows[0].message("en"), None);
    }

    #[test]
    fn vertical_errors_name_the_line() {
        let e = import("hello\nworld\n", PageFormat::HuaweiVertical).unwrap_err();
        assert_eq!(e.line, 2);
        let shown = e.to_string();
        assert!(
            shown.starts_with("line 2: no `huawei-vertical` error table"),
            "{shown}"
        );
        assert!(
            shown.contains("expected header cells `状态码 |`"),
            "{shown}"
        );

        let e = import(
            "状态码 |\n错误码 |\n200 |\nCBC.1 |\n",
            PageFormat::HuaweiVertical,
        )
        .unwrap();
        assert_eq!(e.len(), 1);

        let e = import(
            "状态码 |\n错误码 |\n错误码信息 |\n200 |\nCBC.1 |\n",
            PageFormat::HuaweiVertical,
        )
        .unwrap_err();
        assert_eq!(e.line, 5);
        assert!(e.message.contains("stops after 2 of 3 cells"), "{e}");

        let e = import(
            "状态码 |\n错误码 |\n200 |\nCBC 1 |\n",
            PageFormat::HuaweiVertical,
        )
        .unwrap_err();
        assert_eq!(e.line, 4);
        assert!(e.message.contains("expected an error code"), "{e}");

        let e = import("状态码 |\n错误码 |\nnope\n", PageFormat::HuaweiVertical).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("no row follows"), "{e}");
    }

    const PIPE: &str = "名称 | 类型 | 描述 |\nId | string | 描述 |\n\nHTTP status code | 错误码 | 错误信息 | 描述 |\n400 | InvalidParameter.%s | The specified field %s invalid. | - |\n400 | Dup | First. | 第一 |\n400 | Dup | Second. | 第二 |\n400 | Empty |  | 空 |\n变更时间 | 变更内容概要 | 操作 |\n2025-01-10 | OpenAPI 错误码发生变更 | 查看变更详情 |\n";

    #[test]
    fn reads_pipe_tables_and_templates() {
        let rows = import(PIPE, PageFormat::PipeTable).unwrap();
        assert_eq!(rows.len(), 4);
        let t = &rows[0];
        assert_eq!(t.code, "InvalidParameter.{field}");
        assert_eq!(t.vendor_placeholder.as_deref(), Some("%s"));
        assert_eq!(
            t.message("en"),
            Some("The specified field {field} invalid.")
        );
        assert_eq!(t.message("zh"), Some("-"));
        assert_eq!(t.vendor_code(), "InvalidParameter.%s");
        assert_eq!(
            t.vendor_message("en").as_deref(),
            Some("The specified field %s invalid.")
        );
        assert_eq!(t.line, 5);
        assert_eq!(rows[3].message("en"), Some(""));
        let e = import("a | b |\n", PageFormat::PipeTable).unwrap_err();
        assert!(e.to_string().contains("expected a header line"), "{e}");
        let e = import(
            "HTTP status code | 错误码 |\n4x0 | A |\n",
            PageFormat::PipeTable,
        )
        .unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("expected an HTTP status"), "{e}");
    }

    #[test]
    fn placeholders_in_codes() {
        let page = "HTTP status code | 错误码 | 错误信息 | 描述 |\n400 | A.{0}.B.{0} | x {0} y {0} | - |\n400 | C.%d | n %d | 第 %d 个 |\n";
        let rows = import(page, PageFormat::PipeTable).unwrap();
        assert_eq!(rows[0].code, "A.{field}.B.{field2}");
        assert_eq!(rows[0].message("en"), Some("x {field} y {field2}"));
        assert_eq!(rows[0].vendor_code(), "A.{0}.B.{0}");
        assert_eq!(rows[1].message("zh"), Some("第 {field} 个"));
        let mixed = "HTTP status code | 错误码 | 错误信息 |\n400 | A.%s.{0} | x |\n";
        let e = import(mixed, PageFormat::PipeTable).unwrap_err();
        assert!(e.message.contains("mixes the placeholder tokens"), "{e}");
        let adjacent = "HTTP status code | 错误码 | 错误信息 |\n400 | A.%s%s | x |\n";
        let e = import(adjacent, PageFormat::PipeTable).unwrap_err();
        assert!(
            e.message.contains("cannot be written as a spec code"),
            "{e}"
        );
    }

    const TENCENT: &str = "Error Codes\n\nCommon Error Codes\n\nError Code Description\nActionOffline This API has been deprecated.\nAuthFailure.MFAFailure MFA failed.  \nUnsupportedRegion API does not support the requested region.\n\nService Error Codes\n\nError Code Description\nFailedOperation.ApplyExist The application already exists.\nRelated links\n帮助和支持\n";

    #[test]
    fn reads_code_description_sections() {
        let rows = import(TENCENT, PageFormat::CodeDescription).unwrap();
        let codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "ActionOffline",
                "AuthFailure.MFAFailure",
                "UnsupportedRegion",
                "FailedOperation.ApplyExist"
            ]
        );
        assert_eq!(rows[0].section.as_deref(), Some("Common Error Codes"));
        assert_eq!(rows[3].section.as_deref(), Some("Service Error Codes"));
        assert_eq!(rows[1].message("en"), Some("MFA failed.  "));
        assert_eq!(rows[0].status, None);
        assert_eq!(rows[0].line, 6);
        assert!(!is_code_shape("Related"));
        assert!(!is_code_shape("API"));
        assert!(is_code_shape("IpInBlacklist"));
        let e = import(
            "Error Code Description\nnot a row\n",
            PageFormat::CodeDescription,
        )
        .unwrap_err();
        assert_eq!(e.line, 1);
    }

    const INLINE: &str = "状态码5xx:... HTTP状态码 错误码 描述 400 CBC.0100 参数错误。 403 CBC.0151 访问拒绝。 父主题: 管理\nother 400 CBC.1 not a row\n前文 HTTP状态码 错误码 错误描述 200 CBC.5001 非合作伙伴。 400 CBC.0100 参数错误\n";

    #[test]
    fn reads_inline_snippets() {
        let rows = import(INLINE, PageFormat::HuaweiInline).unwrap();
        let got: Vec<(Option<u16>, &str, Option<&str>, usize)> = rows
            .iter()
            .map(|r| (r.status, r.code.as_str(), r.message("zh"), r.line))
            .collect();
        assert_eq!(
            got,
            [
                (Some(400), "CBC.0100", Some("参数错误。"), 1),
                (Some(403), "CBC.0151", Some("访问拒绝。"), 1),
                (Some(200), "CBC.5001", Some("非合作伙伴。"), 3),
                (Some(400), "CBC.0100", Some("参数错误"), 3),
            ]
        );
        let e = import("HTTP状态码 错误码 描述 nothing\n", PageFormat::HuaweiInline).unwrap_err();
        assert!(e.message.contains("no row follows"), "{e}");
    }

    fn header() -> SpecHeader {
        SpecHeader {
            catalog: "TestError".into(),
            vendor: "huawei".into(),
            source: "test page".into(),
            success: vec!["CBC.0000".into()],
            ..SpecHeader::default()
        }
    }

    fn load_text(text: &str) -> crate::Catalog {
        struct One(String);
        impl crate::SpecReader for One {
            fn read(&self, _: &std::path::Path) -> std::io::Result<String> {
                Ok(self.0.clone())
            }
        }
        match crate::load_catalog(std::path::Path::new(""), "t.yaml", &One(text.to_owned())).result
        {
            Ok(c) => c,
            Err(d) => panic!("{d}\n{text}"),
        }
    }

    #[test]
    fn renders_a_loadable_spec() {
        let rows = import(VERTICAL, PageFormat::HuaweiVertical).unwrap();
        let y = render_yaml(&rows, &header(), None);
        assert_eq!(y, render_yaml(&rows, &header(), None));
        let c = load_text(&y);
        assert_eq!(c.entries.len(), 2);
        assert_eq!(c.success[0].code, "CBC.0000");
        assert_eq!(c.success[0].note.as_deref(), Some("处理措施: -"));
        assert_eq!(c.entries[0].code.raw, "CBC.99003117");
        assert_eq!(
            c.entries[0].messages[0].raw,
            "Cleanup failed: more than 90% of resources in use."
        );
        assert_eq!(c.entries[0].messages[1].raw, "清理失败,\n请重试。");
        assert_eq!(c.entries[0].note.as_deref(), Some("处理措施: 联系客服"));

        let rows = import(PIPE, PageFormat::PipeTable).unwrap();
        let y = render_yaml(&rows, &header(), None);
        assert!(y.contains("  - code: InvalidParameter.{field}\n    status: 400\n    vendor_placeholder: \"%s\"\n"), "{y}");
        assert!(y.contains("    zh: \"-\"\n"), "{y}");
        assert!(y.contains("    en: \"\"\n"), "{y}");
        assert!(y.contains("    alternates:\n      - en: Second.\n        zh: 第二\n        note: Also listed on the page at line 7.\n"), "{y}");
    }

    #[test]
    fn name_collisions_get_explicit_names() {
        let page = "HTTP status code | 错误码 | 错误信息 |\n400 | A.b | x |\n400 | a.B | y |\n400 | 1 | z |\n400 | Self | w |\n";
        let rows = import(page, PageFormat::PipeTable).unwrap();
        let y = render_yaml(&rows, &header(), None);
        let c = load_text(&y);
        let names: Vec<&str> = c.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["AB", "AB2", "Code1", "CodeSelf"]);
    }

    const EXISTING: &str = r#"catalog: CbcError
vendor: huawei
source: "hand-written"
languages: [en, zh]
defaults: { status: 400, retry: never }
include: []
note: top note
errors:
  - code: "CBC.99003117"
    name: CleanupFailed
    retry: transient
    en: "old text"
    zh: 清理失败。
    note: hand note
    source: somewhere
  - code: CBC.0100
    name: ParameterError
    status: 400
    en: parameter error.
    zh: 参数错误。
    alternates:
      - zh: 参数错误
        note: from another page
  - code: CBC.9
    name: NotOnPage
    status: 500
    en: Not on the page.
    zh: 不在页面上。
success:
  - code: CBC.0000
    status: 200
    en: Success.
    zh: 成功。
    note: success note
"#;

    #[test]
    fn merge_keeps_hand_written_fields() {
        let rows = import(VERTICAL, PageFormat::HuaweiVertical).unwrap();
        let existing = parse_existing(EXISTING, "cbc.yaml").unwrap();
        let (y, notices) = render_yaml_report(
            &rows,
            &SpecHeader::default(),
            Some(&existing),
            MergeMode::Update,
        );
        assert!(y.starts_with("catalog: CbcError\nvendor: huawei\nsource: hand-written\nlanguages: [en, zh]\ndefaults: { status: 400, retry: never }\nnote: top note\nerrors:\n"), "{y}");
        let c = load_text(&y);
        let e = &c.entries[0];
        assert_eq!(e.name, "CleanupFailed");
        assert_eq!(e.retry.as_str(), "transient");
        assert_eq!(
            e.messages[0].raw,
            "Cleanup failed: more than 90% of resources in use."
        );
        assert_eq!(e.messages[1].raw, "清理失败,\n请重试。");
        assert_eq!(e.note.as_deref(), Some("hand note"));
        assert_eq!(e.source.as_deref(), Some("somewhere"));
        // Status equal to the default and not written before: still not written.
        assert!(
            y.contains("  - code: CBC.99003117\n    name: CleanupFailed\n    retry: transient\n"),
            "{y}"
        );
        let p = &c.entries[1];
        assert_eq!(p.messages[1].raw, "输入参数校验失败。");
        assert_eq!(p.alternates.len(), 1);
        assert_eq!(c.entries[2].name, "NotOnPage");
        assert!(notices.iter().any(|n| n.contains("CBC.9")), "{notices:?}");
        assert_eq!(c.success[0].note.as_deref(), Some("success note"));
        // Idempotent: merging the page into the result changes nothing.
        let again = parse_existing(&y, "cbc.yaml").unwrap();
        assert_eq!(render_yaml(&rows, &SpecHeader::default(), Some(&again)), y);
    }

    #[test]
    fn merge_keeps_swapped_texts_and_adds_new_alternates_once() {
        let page = "HTTP status code | 错误码 | 错误信息 | 描述 |\n400 | CBC.1 | 项目不存在。 | Project not found. |\n400 | CBC.2 | One. | 一 |\n200 | CBC.2 | Two. | 一 |\n";
        let spec = "catalog: C\nvendor: huawei\nsource: s\nlanguages: [en, zh]\nerrors:\n  - code: CBC.1\n    status: 400\n    en: Project not found.\n    zh: 项目不存在。\n    note: swapped on the page\n  - code: CBC.2\n    status: 400\n    en: One.\n    zh: 一\n";
        let rows = import(page, PageFormat::PipeTable).unwrap();
        let existing = parse_existing(spec, "c.yaml").unwrap();
        let (y, notices) = render_yaml_report(
            &rows,
            &SpecHeader::default(),
            Some(&existing),
            MergeMode::Update,
        );
        let c = load_text(&y);
        assert_eq!(c.entries[0].messages[0].raw, "Project not found.");
        assert!(notices.iter().any(|n| n.contains("CBC.1")), "{notices:?}");
        let alts = &c.entries[1].alternates;
        assert_eq!(alts.len(), 1);
        assert_eq!(alts[0].status, Some(200));
        assert_eq!(alts[0].messages, vec![("en".to_owned(), "Two.".to_owned())]);
        let again = parse_existing(&y, "c.yaml").unwrap();
        assert_eq!(render_yaml(&rows, &SpecHeader::default(), Some(&again)), y);
    }

    #[test]
    fn alternates_only_merge_adds_new_texts_only() {
        let existing = parse_existing(EXISTING, "cbc.yaml").unwrap();
        let rows = import(INLINE, PageFormat::HuaweiInline).unwrap();
        let h = SpecHeader {
            source: "003.txt".into(),
            ..SpecHeader::default()
        };
        let (y, notices) =
            render_yaml_report(&rows, &h, Some(&existing), MergeMode::AlternatesOnly);
        assert_eq!(
            notices,
            ["The page gives no text in `en` in 2 entries: written \"-\" (no text)."]
        );
        let c = load_text(&y);
        let p = c.entries.iter().find(|e| e.code.raw == "CBC.0100").unwrap();
        // Primary text kept; 参数错误 already an alternate; 参数错误。 is the primary.
        assert_eq!(p.messages[1].raw, "参数错误。");
        assert_eq!(p.alternates.len(), 1);
        let added: Vec<&str> = c
            .entries
            .iter()
            .skip(3)
            .map(|e| e.code.raw.as_str())
            .collect();
        assert_eq!(added, ["CBC.0151", "CBC.5001"]);
        assert_eq!(c.entries[3].messages[0].raw, "-");
        let again = parse_existing(&y, "cbc.yaml").unwrap();
        assert_eq!(
            render_yaml_report(&rows, &h, Some(&again), MergeMode::AlternatesOnly).0,
            y
        );
        // A conflicting text becomes an alternate naming the page.
        let page = "HTTP状态码 错误码 描述 200 CBC.0100 参数错误。\n";
        let rows = import(page, PageFormat::HuaweiInline).unwrap();
        let y = render_yaml_report(&rows, &h, Some(&existing), MergeMode::AlternatesOnly).0;
        assert!(
            y.contains(
                "      - status: 200\n        note: \"Also listed at line 1 of: 003.txt\"\n"
            ),
            "{y}"
        );
    }

    #[test]
    fn merge_keeps_the_specs_placeholder_names() {
        let spec = "catalog: C\nvendor: alibaba\nsource: s\nlanguages: [en]\ndefaults: { status: 400 }\nerrors:\n  - code: \"InvalidParameter.{param}\"\n    vendor_placeholder: \"%s\"\n    en: \"old {param}\"\n";
        let page = "HTTP status code | 错误码 | 错误信息 |\n400 | InvalidParameter.%s | The field %s is invalid. |\n";
        let rows = import(page, PageFormat::PipeTable).unwrap();
        let y = render_yaml(
            &rows,
            &SpecHeader::default(),
            Some(&parse_existing(spec, "c.yaml").unwrap()),
        );
        let c = load_text(&y);
        assert_eq!(c.entries[0].code.raw, "InvalidParameter.{param}");
        assert_eq!(
            c.entries[0].messages[0].raw,
            "The field {param} is invalid."
        );
    }

    const PIECES: &[&str] = &[
        "状态码",
        "错误码",
        "错误码信息",
        "错误码描述",
        "HTTP status code",
        "描述",
        "处理措施",
        "Error Code Description",
        "HTTP状态码 错误码 描述",
        "HTTP状态码",
        "父主题:",
        "200",
        "400",
        "999",
        "CBC.0100",
        "A.%s",
        "B.{0}",
        "%s",
        "{0}",
        "{",
        "}",
        "%",
        " |",
        " | ",
        "|",
        "| ",
        "\n",
        "\r\n",
        " ",
        "\t",
        "x",
        "参数错误。",
        "Success.",
        "FailedOperation.X",
        "InternalError",
        "-",
        "。",
        "\u{feff}",
        "\u{85}",
        "é",
        "\0",
        ": ",
        " #",
        "'",
        "\"",
        "\\",
        "yes",
        "null",
        "~",
        "1e3",
        "\u{2028}",
    ];

    fn text(rng: &mut Rng) -> String {
        (0..rng.below(5)).map(|_| rng.pick(PIECES)).collect()
    }

    fn code(rng: &mut Rng) -> String {
        let codes = [
            "CBC.0100",
            "CBC.0100",
            "A.%s",
            "B.{0}.C",
            "InternalError",
            "Failed.X_1",
            "X.%s.Y.%s",
            "E.%s%s",
            "yes",
            "No.1",
        ];
        rng.pick(&codes).to_owned()
    }

    /// A page with a table in `format`, random cells and random damage.
    fn random_page(rng: &mut Rng, format: PageFormat) -> String {
        let statuses = ["200", "400", "429", "500", "099", "x"];
        let mut lines: Vec<String> = vec![text(rng)];
        let rows = rng.below(6);
        match format {
            PageFormat::HuaweiVertical => {
                for h in ["状态码", "错误码", "错误码信息", "错误码描述", "处理措施"]
                {
                    if h == "错误码" || rng.below(5) > 0 {
                        lines.push(format!("{h} |"));
                    }
                }
                let cols = lines.len() - 1;
                for _ in 0..rows * cols {
                    let cell = match rng.below(4) {
                        0 => rng.pick(&statuses).to_owned(),
                        1 => code(rng),
                        _ => text(rng),
                    };
                    lines.push(format!("{cell} |"));
                }
            }
            PageFormat::PipeTable => {
                lines.push("HTTP status code | 错误码 | 错误信息 | 描述 |".to_owned());
                for _ in 0..rows {
                    let (s, c, en, zh) = (rng.pick(&statuses), code(rng), text(rng), text(rng));
                    lines.push(format!("{s} | {c} | {en} | {zh} |"));
                }
            }
            PageFormat::CodeDescription => {
                lines.push("Error Code Description".to_owned());
                for _ in 0..rows {
                    let (c, en) = (code(rng), text(rng));
                    lines.push(format!("{c} {en}"));
                }
            }
            PageFormat::HuaweiInline => {
                let mut l = format!("{} HTTP状态码 错误码 描述", text(rng));
                for _ in 0..rows {
                    l.push_str(&format!(
                        " {} {} {}",
                        rng.pick(&statuses),
                        code(rng),
                        text(rng)
                    ));
                }
                lines.push(l);
            }
        }
        for _ in 0..rng.below(3) {
            let at = rng.below(lines.len());
            match rng.below(3) {
                0 => {
                    lines.remove(at);
                }
                1 => lines.insert(at, text(rng)),
                _ => lines[at].push_str(rng.pick(PIECES)),
            }
            if lines.is_empty() {
                break;
            }
        }
        lines.join(if rng.below(4) == 0 { "\r\n" } else { "\n" })
    }

    fn check_page(page: &str, format: PageFormat) -> bool {
        let rows = match import(page, format) {
            Ok(rows) => rows,
            Err(e) => {
                assert!(e.line >= 1 && e.line <= page.lines().count().max(1), "{e}");
                assert!(e.to_string().starts_with(&format!("line {}: ", e.line)));
                return false;
            }
        };
        assert!(!rows.is_empty());
        for r in &rows {
            assert!(
                r.line >= 1 && r.line <= page.lines().count().max(1),
                "{r:?}"
            );
        }
        let h = SpecHeader {
            default_status: Some(200),
            ..header()
        };
        let y = render_yaml(&rows, &h, None);
        assert_eq!(y, render_yaml(&rows, &h, None));
        let existing =
            parse_existing(&y, "r.yaml").unwrap_or_else(|d| panic!("{d}\n{y}\nfrom {page:?}"));
        assert_eq!(
            existing.errors.len() + existing.success.len(),
            group(&rows).len()
        );
        let merged = render_yaml(&rows, &h, Some(&existing));
        let again = parse_existing(&merged, "r.yaml").unwrap_or_else(|d| panic!("{d}\n{merged}"));
        assert_eq!(render_yaml(&rows, &h, Some(&again)), merged, "{page:?}");
        true
    }

    #[test]
    fn damaged_pages_never_panic() {
        let mut rng = Rng(0x1234_5678_9abc_def1);
        let mut ok = 0;
        for _ in 0..1500 {
            for &format in PageFormat::ALL {
                let page = random_page(&mut rng, format);
                for &other in PageFormat::ALL {
                    if check_page(&page, other) {
                        ok += 1;
                    }
                }
            }
        }
        assert!(ok > 1000, "only {ok} random pages imported");
    }

    #[test]
    fn garbage_pages_never_panic() {
        let mut rng = Rng(7);
        for _ in 0..3000 {
            let page: String = (0..rng.below(60)).map(|_| rng.pick(PIECES)).collect();
            for &format in PageFormat::ALL {
                check_page(&page, format);
            }
        }
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut rng = Rng(42);
        for _ in 0..2000 {
            let bytes: Vec<u8> = (0..rng.below(200))
                .map(|_| (rng.next() & 0xff) as u8)
                .collect();
            let page = String::from_utf8_lossy(&bytes);
            for &format in PageFormat::ALL {
                let _ = import(&page, format);
            }
        }
    }

    #[test]
    fn format_names() {
        for &f in PageFormat::ALL {
            assert_eq!(f.as_str().parse::<PageFormat>(), Ok(f));
        }
        assert!(
            "nope"
                .parse::<PageFormat>()
                .unwrap_err()
                .contains("huawei-vertical")
        );
    }
}
