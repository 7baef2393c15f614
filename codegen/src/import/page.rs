//! Reading a page: every dialect's tables, the error tables among them,
//! their rows; or the diagnostic saying what the page lacks.

use super::options::{Page, PageFormat, TableInfo};
use super::roles::{self, Role};
use super::table::{Dialect, Table};
use super::{code_description, html, inline, markdown, rows, vertical};
use crate::diag::{Diagnostic, Diagnostics, Pos};

/// A table and the roles of its columns.
type Found = (Table, Vec<Role>);

/// Line `line` of the page `file`, for diagnostics.
pub(super) fn at(file: &str, line: usize) -> Pos {
    Pos::new(file, u32::try_from(line.max(1)).unwrap_or(u32::MAX), 1)
}

/// One diagnostic as the whole result.
pub(super) fn failed(d: Diagnostic) -> Diagnostics {
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
