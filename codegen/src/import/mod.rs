//! Importing vendor error-code pages: page -> tables -> rows -> spec YAML.
//!
//! A dialect reader finds the tables of a page ([`Dialect`]: Markdown pipe
//! tables, vertical one-cell-a-line tables, HTML `<table>`s, Tencent's
//! code-description lines, Huawei's inline snippets; `auto` runs them all);
//! [`roles`] gives each column its meaning from its header words and its
//! texts; [`rows`] turns table rows into [`ImportedRow`]s; [`spec`] writes
//! them as a spec and [`merge`] into an existing one. [`import`] does all of
//! it and checks the result as `errors-codegen check` would, so it never
//! returns a spec that `check` rejects. No input makes it panic; every
//! problem is a [`Diagnostic`] naming the page line.

mod code_description;
mod html;
mod inline;
mod markdown;
mod merge;
mod roles;
mod rows;
mod script;
mod spec;
mod table;
mod vertical;

pub use merge::parse_existing;
pub use roles::Role;
pub use rows::ImportedRow;
pub use spec::{MergeMode, SpecHeader, render_yaml, render_yaml_report};
pub use table::Dialect;

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::model::Vendor;
use crate::spec::ast::SpecFile;
use crate::spec::load::{SpecReader, normalize};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use table::Table;

/// A table and the roles of its columns.
type Found = (Table, Vec<Role>);

/// Largest page read, in bytes.
pub const MAX_PAGE_BYTES: u64 = 32 * 1024 * 1024;

/// The layout of a page, as `--format` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PageFormat {
    /// Every dialect; the tables found are read in page order.
    #[default]
    Auto,
    /// One dialect.
    Dialect(Dialect),
    /// `huawei-vertical`: [`Dialect::Vertical`], vendor `huawei`.
    HuaweiVertical,
    /// `pipe-table`: [`Dialect::Markdown`], vendor `alibaba`.
    PipeTable,
    /// `code-description`: [`Dialect::CodeDescription`], vendor `tencent`.
    CodeDescription,
    /// `huawei-inline`: [`Dialect::Inline`], vendor `huawei`.
    HuaweiInline,
}

impl PageFormat {
    /// Every format, as listed by `--help`.
    pub const ALL: &'static [PageFormat] = &[
        PageFormat::Auto,
        PageFormat::Dialect(Dialect::Markdown),
        PageFormat::Dialect(Dialect::Vertical),
        PageFormat::Dialect(Dialect::Html),
        PageFormat::CodeDescription,
        PageFormat::Dialect(Dialect::Inline),
        PageFormat::HuaweiVertical,
        PageFormat::PipeTable,
        PageFormat::HuaweiInline,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            PageFormat::Auto => "auto",
            PageFormat::Dialect(d) => d.as_str(),
            PageFormat::HuaweiVertical => "huawei-vertical",
            PageFormat::PipeTable => "pipe-table",
            PageFormat::CodeDescription => "code-description",
            PageFormat::HuaweiInline => "huawei-inline",
        }
    }

    pub fn from_name(name: &str) -> Option<PageFormat> {
        PageFormat::ALL.iter().copied().find(|f| f.as_str() == name)
    }

    /// The one dialect read, `None` for `auto`.
    pub fn dialect(self) -> Option<Dialect> {
        match self {
            PageFormat::Auto => None,
            PageFormat::Dialect(d) => Some(d),
            PageFormat::HuaweiVertical => Some(Dialect::Vertical),
            PageFormat::PipeTable => Some(Dialect::Markdown),
            PageFormat::CodeDescription => Some(Dialect::CodeDescription),
            PageFormat::HuaweiInline => Some(Dialect::Inline),
        }
    }

    /// The vendor the format's name implies (the default `vendor:` of a
    /// new spec), for the names of the vendors' page layouts.
    pub fn vendor(self) -> Option<&'static str> {
        match self {
            PageFormat::HuaweiVertical | PageFormat::HuaweiInline => Some("huawei"),
            PageFormat::PipeTable => Some("alibaba"),
            PageFormat::CodeDescription => Some("tencent"),
            PageFormat::Auto | PageFormat::Dialect(_) => None,
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

/// What to import and how to write it: the `errors-codegen import` options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    pub format: PageFormat,
    /// Only the N-th (1-based) error table of the page.
    pub table: Option<usize>,
    /// Only the rows under this heading.
    pub section: Option<String>,
    /// An existing spec to update (a path for the [`SpecReader`]).
    pub merge: Option<String>,
    pub mode: MergeMode,
    /// `catalog:` of a new spec (required without `merge`).
    pub catalog: Option<String>,
    /// `vendor:` of a new spec (required without `merge`, unless the format
    /// names a vendor).
    pub vendor: Option<String>,
    /// `source:` of a new spec (default: names the page).
    pub source: Option<String>,
    /// `defaults.status` of a new spec (needed when rows have no status;
    /// 200 for `tencent`).
    pub default_status: Option<u16>,
    /// Codes written under `success:`.
    pub success: Vec<String>,
}

/// One error table of a page, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableInfo {
    /// 1-based number among the page's error tables (`--table N`).
    pub number: usize,
    pub dialect: Dialect,
    /// 1-based line of its header.
    pub line: usize,
    pub headers: Vec<String>,
    /// The role of each column.
    pub roles: Vec<Role>,
    pub rows: usize,
    pub heading: Option<String>,
}

impl fmt::Display for TableInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "table {} at line {} ({}, {} rows",
            self.number, self.line, self.dialect, self.rows
        )?;
        if let Some(h) = &self.heading {
            write!(f, ", under {h:?}")?;
        }
        let cols: Vec<String> = self
            .headers
            .iter()
            .zip(&self.roles)
            .map(|(h, r)| format!("{h} = {}", r.describe()))
            .collect();
        write!(f, "): {}", cols.join(" | "))
    }
}

/// The error tables of a page and their rows, in page order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// The tables read (all error tables, or the one `--table` picked).
    pub tables: Vec<TableInfo>,
    pub rows: Vec<ImportedRow>,
}

/// An imported spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub yaml: String,
    /// What the merge kept or could not express, and what was read.
    pub notices: Vec<String>,
    pub page: Page,
}

fn at(file: &str, line: usize) -> Pos {
    Pos::new(file, u32::try_from(line.max(1)).unwrap_or(u32::MAX), 1)
}

fn failed(d: Diagnostic) -> Diagnostics {
    let mut diags = Diagnostics::default();
    diags.push(d);
    diags
}

/// Reads the error tables of `text`, a saved page named `file` in
/// diagnostics. `table` picks one error table (1-based), `section` the rows
/// under one heading.
pub fn read_page(
    text: &str,
    file: &str,
    format: PageFormat,
    table: Option<usize>,
    section: Option<&str>,
) -> Result<Page, Diagnostics> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    let found = find_tables(text, &lines, format).map_err(|(line, message)| {
        failed(
            Diagnostic::new(at(file, line), message)
                .help("save the page as text or Markdown, or pass `--format` with another layout"),
        )
    })?;
    let error_tables: Vec<&Found> = found
        .iter()
        .filter(|(t, roles)| roles.contains(&Role::Code) && !t.rows.is_empty())
        .collect();
    if error_tables.is_empty() {
        return Err(failed(no_error_table(&found, &lines, file, format)));
    }
    let picked: Vec<(usize, &Found)> = match table {
        None => error_tables.iter().copied().enumerate().collect(),
        Some(n) => match error_tables.get(n.wrapping_sub(1)) {
            Some(t) => vec![(n - 1, *t)],
            None => {
                let list: Vec<String> = error_tables
                    .iter()
                    .enumerate()
                    .map(|(i, (t, r))| info(i + 1, t, r).to_string())
                    .collect();
                return Err(failed(
                    Diagnostic::new(
                        at(file, 1),
                        format!(
                            "there is no error table {n}: the page has {}",
                            error_tables.len()
                        ),
                    )
                    .help(format!("pass `--table` with one of:\n{}", list.join("\n"))),
                ));
            }
        },
    };
    let mut diags = Diagnostics::default();
    let mut page = Page::default();
    for (i, (t, roles)) in picked {
        for (line, message) in &t.problems {
            diags.push(
                Diagnostic::new(at(file, *line), message.clone())
                    .help("fix the table in the saved page (every row has one cell per column)"),
            );
        }
        page.rows
            .extend(rows::table_rows(t, roles, i + 1, file, &mut diags));
        page.tables.push(info(i + 1, t, roles));
    }
    if let Some(section) = section {
        let mut sections: Vec<&str> = Vec::new();
        for r in &page.rows {
            if let Some(s) = &r.section
                && !sections.contains(&s.as_str())
            {
                sections.push(s);
            }
        }
        let list = if sections.is_empty() {
            "(none)".to_owned()
        } else {
            sections
                .iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let before = page.rows.len();
        page.rows.retain(|r| r.section.as_deref() == Some(section));
        if page.rows.is_empty() && before > 0 {
            diags.push(
                Diagnostic::new(
                    at(file, 1),
                    format!("no rows under the heading {section:?}"),
                )
                .help(format!("the page's headings are: {list}")),
            );
        }
    }
    diags.into_result().map(|()| page)
}

fn info(number: usize, t: &Table, roles: &[Role]) -> TableInfo {
    TableInfo {
        number,
        dialect: t.dialect,
        line: t.line,
        headers: t.headers.clone(),
        roles: roles.to_vec(),
        rows: t.rows.len(),
        heading: t.heading.clone(),
    }
}

/// Every table the format's dialects find, with its column roles, in page
/// order. Where tables of two dialects share lines (`auto`), the one with a
/// code column and more rows is kept.
fn find_tables(
    text: &str,
    lines: &[&str],
    format: PageFormat,
) -> Result<Vec<Found>, (usize, String)> {
    let dialects: Vec<Dialect> = match format.dialect() {
        Some(d) => vec![d],
        None => Dialect::ALL.to_vec(),
    };
    let mut all: Vec<Found> = Vec::new();
    for d in dialects {
        let tables = match d {
            Dialect::Html if format.dialect().is_some() || has_table_tag(text) => {
                html::tables(text)?
            }
            Dialect::Html => Vec::new(),
            Dialect::Markdown => markdown::tables(lines),
            Dialect::Vertical => vertical::tables(lines),
            Dialect::CodeDescription => code_description::tables(lines),
            Dialect::Inline => inline::tables(lines),
        };
        for mut t in tables {
            if t.heading.is_none() && t.dialect == Dialect::Html {
                // An HTML table in a Markdown page: the Markdown heading.
                t.heading = lines[..t.line.saturating_sub(1).min(lines.len())]
                    .iter()
                    .rev()
                    .find_map(|l| markdown::atx_heading(l));
                for r in &mut t.rows {
                    if r.section.is_none() {
                        r.section.clone_from(&t.heading);
                    }
                }
            }
            let columns: Vec<Vec<&str>> = (0..t.headers.len()).map(|i| t.column(i)).collect();
            let roles = roles::roles(&t.headers, &columns);
            all.push((t, roles));
        }
    }
    let score = |(t, roles): &Found| (roles.contains(&Role::Code), t.rows.len());
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(score(&all[i])));
    let mut kept: Vec<usize> = Vec::new();
    for i in order {
        let (t, _) = &all[i];
        let overlaps = kept.iter().any(|&k| {
            let (o, _) = &all[k];
            o.dialect != t.dialect && o.line <= t.end_line && t.line <= o.end_line
        });
        if !overlaps {
            kept.push(i);
        }
    }
    kept.sort_by_key(|&i| (all[i].0.line, i));
    let mut taken: Vec<Option<Found>> = all.into_iter().map(Some).collect();
    Ok(kept.into_iter().filter_map(|i| taken[i].take()).collect())
}

fn has_table_tag(text: &str) -> bool {
    text.as_bytes()
        .windows(6)
        .any(|w| w.eq_ignore_ascii_case(b"<table"))
}

/// The diagnostic of a page without an error table: the nearest table
/// found and what it lacks, or what was looked for.
fn no_error_table(found: &[Found], lines: &[&str], file: &str, format: PageFormat) -> Diagnostic {
    if let Some((t, _)) = found
        .iter()
        .find(|(t, roles)| roles.contains(&Role::Code) && t.rows.is_empty())
    {
        if let Some((line, message)) = t.problems.first() {
            return Diagnostic::new(at(file, *line), message.clone())
                .help("fix the table in the saved page (every row has one cell per column)");
        }
        return Diagnostic::new(
            at(file, t.line),
            format!(
                "a {} table header naming an error-code column is here (`{}`), but no row follows it",
                t.dialect,
                t.header_line()
            ),
        )
        .help(expected_rows(t.dialect));
    }
    let nearest = found.iter().max_by_key(|(t, roles)| {
        (
            roles.iter().filter(|r| **r != Role::Extra).count(),
            t.rows.len(),
            std::cmp::Reverse(t.line),
        )
    });
    match nearest {
        Some((t, roles)) => {
            let named: Vec<String> = t
                .headers
                .iter()
                .zip(roles)
                .filter(|(_, r)| **r != Role::Extra)
                .map(|(h, r)| format!("`{h}` ({})", r.describe()))
                .collect();
            let has = if named.is_empty() {
                "no column it could name".to_owned()
            } else {
                format!("columns {}", named.join(", "))
            };
            Diagnostic::new(
                at(file, t.line),
                format!(
                    "no error table found: the nearest is the {} table here (`{}`, {} rows), with {has} but no error-code column",
                    t.dialect,
                    t.header_line(),
                    t.rows.len()
                ),
            )
            .help(roles::code_header_help())
        }
        None => {
            let looked = match format.dialect() {
                Some(d) => expected_rows(d).to_owned(),
                None => "a Markdown table (`| 错误码 | 错误信息 |`), a vertical table (cells on lines ending in ` |`), an HTML `<table>`, `Error Code Description` lines, or an `HTTP状态码 错误码 描述 ...` snippet".to_owned(),
            };
            Diagnostic::new(
                at(file, lines.len()),
                format!(
                    "no table found in the page ({} lines searched, this is its end)",
                    lines.len()
                ),
            )
            .help(format!("expected {looked}; check `--format` ({format})"))
        }
    }
}

fn expected_rows(d: Dialect) -> &'static str {
    match d {
        Dialect::Markdown => {
            "rows of cells separated by `|` on the lines right after the header (after an optional `|---|---|` line)"
        }
        Dialect::Vertical => {
            "after the header cells, the rows one cell a line, each line ending in ` |`"
        }
        Dialect::Html => "`<tr>` rows of `<td>` cells after the header row",
        Dialect::CodeDescription => {
            "lines `<Code> <description>` right after the header line (code: `A.B` or `CamelCase`)"
        }
        Dialect::Inline => "`<status> <code> <description>` after the header, on the same line",
    }
}

/// Writes the spec for a page's rows: a new one from `opts`, or `existing`
/// updated. The result is not checked; [`import`] checks it.
pub fn write_spec(
    page: &Page,
    file: &str,
    opts: &ImportOptions,
    existing: Option<&SpecFile>,
) -> Result<Imported, Diagnostics> {
    let mut diags = Diagnostics::default();
    let start = at(file, 1);
    let mut header = SpecHeader {
        success: opts.success.clone(),
        ..SpecHeader::default()
    };
    let file_name = Path::new(file)
        .file_name()
        .map_or_else(|| file.to_owned(), |n| n.to_string_lossy().into_owned());
    if existing.is_none() {
        match opts.catalog.as_deref() {
            Some(c) => match crate::spec::valid::check_ident(c, &start, "catalog name") {
                Ok(()) => header.catalog = c.to_owned(),
                Err(d) => diags.push(d),
            },
            None => diags.push(
                Diagnostic::new(start.clone(), "a new spec needs a catalog name").help(
                    "pass `--catalog <Name>` (the Rust type name), or `--merge <existing.yaml>`",
                ),
            ),
        }
        let names: Vec<&str> = Vendor::ALL.iter().map(|v| v.as_str()).collect();
        match opts.vendor.as_deref().or(opts.format.vendor()) {
            Some(v) if Vendor::from_name(v).is_some() => header.vendor = v.to_owned(),
            Some(v) => diags.push(
                Diagnostic::new(start.clone(), format!("unknown vendor `{v}`"))
                    .help(format!("pass `--vendor` with one of {}", names.join(", "))),
            ),
            None => diags.push(
                Diagnostic::new(
                    start.clone(),
                    "a new spec needs a vendor (it selects the wire format)",
                )
                .help(format!("pass `--vendor` with one of {}", names.join(", "))),
            ),
        }
        header.default_status = opts.default_status;
        if header.default_status.is_none() && page.rows.iter().any(|r| r.status.is_none()) {
            if header.vendor == "tencent" {
                header.default_status = Some(200);
            } else if !header.vendor.is_empty() {
                let line = page
                    .rows
                    .iter()
                    .find(|r| r.status.is_none())
                    .map_or(1, |r| r.line);
                diags.push(
                    Diagnostic::new(at(file, line), "rows without an HTTP status (the page has no status column, or an empty cell)")
                        .help("pass `--default-status <STATUS>` (the status the vendor answers errors with)"),
                );
            }
        }
        let dialects: Vec<&str> =
            page.tables
                .iter()
                .map(|t| t.dialect.as_str())
                .fold(Vec::new(), |mut v, d| {
                    if !v.contains(&d) {
                        v.push(d);
                    }
                    v
                });
        header.source = opts
            .source
            .clone()
            .unwrap_or_else(|| format!("Imported from {file_name} ({} page)", dialects.join(", ")));
    } else {
        header.source = opts.source.clone().unwrap_or(file_name);
    }
    let mut unmatched = Vec::new();
    for code in &opts.success {
        let rows: Vec<&ImportedRow> = page
            .rows
            .iter()
            .filter(|r| r.code == *code || r.vendor_code() == *code)
            .collect();
        match rows.iter().find(|r| !r.fields().is_empty()) {
            Some(r) => diags.push(
                Diagnostic::new(at(file, r.line), format!("`--success {code}`: a success code cannot be a template code (it has a placeholder)"))
                    .help("name an exact code with `--success`; a template code stays an error"),
            ),
            None if rows.is_empty() => unmatched.push(code.as_str()),
            None => {}
        }
    }
    diags.into_result()?;
    header.success = opts
        .success
        .iter()
        .flat_map(|c| {
            page.rows
                .iter()
                .filter(move |r| r.code == *c || r.vendor_code() == *c)
                .map(|r| r.code.clone())
        })
        .collect();
    let (yaml, merge_notices) = render_yaml_report(&page.rows, &header, existing, opts.mode);
    let mut notices: Vec<String> = page.tables.iter().map(|t| format!("read {t}")).collect();
    if !unmatched.is_empty() {
        notices.push(format!(
            "no row has the code given with `--success`: {}",
            unmatched.join(", ")
        ));
    }
    notices.extend(merge_notices);
    Ok(Imported {
        yaml,
        notices,
        page: page.clone(),
    })
}

/// Serves one spec text from memory, every other file through `inner`.
struct Overlay<'a> {
    path: PathBuf,
    text: &'a str,
    inner: &'a dyn SpecReader,
}

impl SpecReader for Overlay<'_> {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        if path == self.path {
            Ok(self.text.to_owned())
        } else {
            self.inner.read(path)
        }
    }
}

/// Checks a written spec as `errors-codegen check` would, as if it were the
/// file `spec` (its includes read through `reader`).
pub fn check_spec(yaml: &str, spec: &str, reader: &dyn SpecReader) -> Result<(), Diagnostics> {
    let overlay = Overlay {
        path: normalize(Path::new(spec)),
        text: yaml,
        inner: reader,
    };
    crate::load_catalog(Path::new(""), spec, &overlay)
        .result
        .map(|_| ())
}

/// Imports a page: reads its error tables, writes the spec (merged into
/// `opts.merge`, read through `reader`) and checks it.
pub fn import(
    text: &str,
    file: &str,
    opts: &ImportOptions,
    reader: &dyn SpecReader,
) -> Result<Imported, Diagnostics> {
    let page = read_page(text, file, opts.format, opts.table, opts.section.as_deref())?;
    let existing = match &opts.merge {
        Some(path) => {
            let text = reader.read(Path::new(path)).map_err(|e| {
                failed(
                    Diagnostic::new(
                        Pos::new(path, 0, 0),
                        format!("cannot read the spec to merge into: {e}"),
                    )
                    .help("check the path given to `--merge`"),
                )
            })?;
            Some(parse_existing(&text, path)?)
        }
        None => None,
    };
    let imported = write_spec(&page, file, opts, existing.as_ref())?;
    let spec = opts.merge.as_deref().unwrap_or("imported.yaml");
    check_spec(&imported.yaml, spec, reader).map_err(|d| {
        let mut all = failed(
            Diagnostic::new(at(file, 1), "the spec written from the page does not pass `check` (a bug of the importer: please report it with the page)")
                .help("the problems follow; the spec is not written"),
        );
        all.0.extend(d.0);
        all
    })?;
    Ok(imported)
}

/// Reads a saved page: a regular file of at most [`MAX_PAGE_BYTES`], as
/// UTF-8 (invalid bytes replaced).
pub fn read_page_file(path: &Path) -> std::io::Result<String> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than {MAX_PAGE_BYTES} bytes"),
        ));
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests;
