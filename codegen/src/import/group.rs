//! The rows of one code: grouped, compared, and what they say besides
//! their texts.

use super::entry::OutAlt;
use super::rows::ImportedRow;
use std::collections::HashMap;

/// Rows grouped by code, groups in order of first appearance.
pub(crate) fn group(rows: &[ImportedRow]) -> Vec<Vec<&ImportedRow>> {
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

/// What a row says besides its code, status and texts, one line each:
/// extra columns (`<header>: <text>`), then the importer's notes.
pub(crate) fn row_notes(row: &ImportedRow) -> Vec<String> {
    row.extra
        .iter()
        .filter(|(_, t)| !t.trim().is_empty())
        .map(|(h, t)| format!("{h}: {t}"))
        .chain(row.notes.iter().cloned())
        .collect()
}

/// The page's texts of a row: empty cells are no text.
pub(crate) fn page_texts(texts: &[(String, String)]) -> Vec<(String, String)> {
    texts
        .iter()
        .filter(|(_, t)| !t.is_empty())
        .cloned()
        .collect()
}

/// Whether two rows of a code say the same (a repeated row adds nothing).
pub(crate) fn same_content(a: &ImportedRow, b: &ImportedRow) -> bool {
    a.status == b.status
        && a.other_statuses == b.other_statuses
        && a.messages == b.messages
        && a.action == b.action
        && row_notes(a) == row_notes(b)
}

/// Later rows of a group that differ from the first and from each other.
pub(crate) fn distinct_later<'a>(g: &[&'a ImportedRow]) -> Vec<&'a ImportedRow> {
    let mut out: Vec<&ImportedRow> = Vec::new();
    for r in &g[1..] {
        if !same_content(r, g[0]) && !out.iter().any(|o| same_content(o, r)) {
            out.push(r);
        }
    }
    out
}

/// The alternates of a row's further statuses (`400/404`: 404).
pub(crate) fn status_alternates(row: &ImportedRow, where_: &str) -> Vec<OutAlt> {
    row.other_statuses
        .iter()
        .map(|s| OutAlt {
            status: Some(i128::from(*s)),
            note: Some(format!(
                "The page gives this code several statuses{where_}: {}.",
                row.status
                    .iter()
                    .chain(&row.other_statuses)
                    .map(u16::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            ..OutAlt::default()
        })
        .collect()
}
