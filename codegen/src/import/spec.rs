//! Rows to a spec: entries, names, notes, and the canonical YAML text.
//!
//! Rows with the same code are one entry: the first row is the primary
//! text, each later row with other content an alternate holding what
//! differs. Every cell lands somewhere: extra columns and what the importer
//! inferred go to the note (see `specs/SCHEMA.md`, "Importing").

use super::entry::{OutAlt, OutEntry, Top};
use super::group::{distinct_later, group, page_texts, row_notes, status_alternates};
use super::merge::{self, Existing};
use super::options::{MergeMode, SpecHeader};
use super::rows::ImportedRow;
use super::script::text_language;
use crate::diag::Pos;
use crate::model::Template;
use crate::spec::ast::{self, At, SpecFile};
use crate::spec::valid;
use heck::ToUpperCamelCase;
use std::collections::{HashMap, HashSet};

/// Writes a spec for `rows`, or merges them into `merge`.
pub fn render_yaml(rows: &[ImportedRow], header: &SpecHeader, merge: Option<&SpecFile>) -> String {
    render_yaml_report(rows, header, merge, MergeMode::Update).0
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
    let mut top = match merge {
        Some(spec) => Top::from_existing(spec),
        None => Top::from_header(header, rows),
    };
    add_languages(&mut top, rows);
    let existing = merge.map(Existing::new);
    let mut spec = Written::default();
    let matched = spec.add_page(rows, &top, header, existing.as_ref(), mode, &mut notices);
    if let Some(x) = &existing {
        spec.keep_unmatched(x, &matched, mode, &mut notices);
    }
    if let Some(text) = spec.fill_missing_languages(&top.languages) {
        if merge.is_none() {
            top.note = Some(text);
        } else {
            notices.push(text);
        }
    }
    (spec.yaml(&top, mode), notices)
}

/// The page's languages the spec lacks, and English (the fallback: a page
/// without it gets "-").
fn add_languages(top: &mut Top, rows: &[ImportedRow]) {
    for r in rows {
        for (lang, text) in &r.messages {
            if !text.is_empty() && !top.languages.contains(lang) {
                top.languages.push(lang.clone());
            }
        }
    }
    if !top.languages.iter().any(|l| l == "en") {
        top.languages.insert(0, "en".to_owned());
    }
}

/// The entries written, each with the index of the existing entry it is
/// (`None`, or `usize::MAX` for a success code: new).
#[derive(Default)]
struct Written {
    errors: Vec<(Option<usize>, OutEntry)>,
    success: Vec<(usize, OutEntry)>,
}

impl Written {
    /// An entry per code of the page; returns the existing entries matched.
    fn add_page(
        &mut self,
        rows: &[ImportedRow],
        top: &Top,
        header: &SpecHeader,
        existing: Option<&Existing<'_>>,
        mode: MergeMode,
        notices: &mut Vec<String>,
    ) -> HashSet<usize> {
        let default_status = top.default_status;
        let mut names = Names::new(existing.map(Existing::names).unwrap_or_default());
        let several_tables = rows.iter().any(|r| r.table != rows[0].table);
        let mut matched: HashSet<usize> = HashSet::new();
        for g in &group(rows) {
            let first = g[0];
            let found = existing
                .and_then(|x| x.find(first).map(|i| (i, x)))
                .filter(|(i, _)| !matched.contains(i));
            let Some((i, x)) = found else {
                let mut out = fresh_entry(g, default_status, several_tables);
                if header.success.contains(&first.code) {
                    out.name = None;
                    fold_alternates_into_note(&mut out);
                    self.success.push((usize::MAX, out));
                } else {
                    out.name = names.pick(&out.code);
                    self.errors.push((None, out));
                }
                continue;
            };
            matched.insert(i);
            let (is_success, e) = x.entries[i];
            let mut out = merge::merged_entry(g, e, default_status, mode, &header.source, notices);
            if !is_success {
                self.errors.push((Some(i), out));
                continue;
            }
            if out.alternates.len() > e.alternates.len() {
                let texts: Vec<String> = out.alternates[e.alternates.len()..]
                    .iter()
                    .filter_map(|a| a.note.clone())
                    .collect();
                notices.push(format!(
                    "{}: a success code has no alternates; the page's other texts of it are not written: {}",
                    out.code,
                    texts.join(" ")
                ));
            }
            out.alternates = OutEntry::from_ast(e).alternates;
            self.success.push((i, out));
        }
        matched
    }

    /// Entries of the existing spec that are not on the page: kept unchanged.
    fn keep_unmatched(
        &mut self,
        existing: &Existing<'_>,
        matched: &HashSet<usize>,
        mode: MergeMode,
        notices: &mut Vec<String>,
    ) {
        let mut kept = Vec::new();
        for (i, (is_success, e)) in existing.entries.iter().enumerate() {
            if matched.contains(&i) {
                continue;
            }
            let out = OutEntry::from_ast(e);
            if *is_success {
                self.success.push((i, out));
            } else {
                kept.push(out.code.clone());
                self.errors.push((Some(i), out));
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
    }

    /// Writes "-" in every language an entry has no text in; the note
    /// counting them, if any.
    fn fill_missing_languages(&mut self, languages: &[String]) -> Option<String> {
        let mut filled: Vec<(String, usize)> = Vec::new();
        let entries = self
            .errors
            .iter_mut()
            .map(|(_, e)| e)
            .chain(self.success.iter_mut().map(|(_, e)| e));
        for e in entries {
            for lang in languages {
                if e.message(lang).is_none() {
                    e.messages.push((lang.clone(), "-".to_owned()));
                    match filled.iter_mut().find(|(l, _)| l == lang) {
                        Some((_, n)) => *n += 1,
                        None => filled.push((lang.clone(), 1)),
                    }
                }
            }
        }
        if filled.is_empty() {
            return None;
        }
        let what: Vec<String> = filled
            .iter()
            .map(|(l, n)| format!("`{l}` in {n} entr{}", if *n == 1 { "y" } else { "ies" }))
            .collect();
        Some(format!(
            "The page gives no text in {}: written \"-\" (no text).",
            what.join(", ")
        ))
    }

    /// The spec text. Success codes: the existing spec's order, then new ones
    /// in page order; errors too for a secondary page (it does not reorder
    /// the spec).
    fn yaml(mut self, top: &Top, mode: MergeMode) -> String {
        self.success.sort_by_key(|(i, _)| *i);
        if mode == MergeMode::AlternatesOnly {
            self.errors.sort_by_key(|(i, _)| i.unwrap_or(usize::MAX));
        }
        let errors: Vec<&OutEntry> = self.errors.iter().map(|(_, e)| e).collect();
        let success: Vec<&OutEntry> = self.success.iter().map(|(_, e)| e).collect();
        super::entry::spec_text(top, &errors, &success)
    }
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

/// Variant names taken, and the next suffix to try for each base name (so
/// that many codes deriving one name take linear time, not quadratic).
#[derive(Default)]
pub(crate) struct Names {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Names {
    pub(crate) fn new(used: HashSet<String>) -> Names {
        Names {
            used,
            next: HashMap::new(),
        }
    }

    /// `None` when the name derived from `code` is usable and free (it is
    /// then taken); otherwise an explicit name to write.
    pub(crate) fn pick(&mut self, code: &str) -> Option<String> {
        let at = At {
            value: code.to_owned(),
            pos: Pos::default(),
        };
        let derived = valid::resolve_name(&ast::Entry::default(), &at)
            .ok()
            .map(|(n, _)| n);
        if let Some(d) = &derived
            && self.used.insert(d.clone())
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
        let next = self.next.entry(base.clone()).or_insert(1);
        loop {
            let candidate = if *next == 1 {
                base.clone()
            } else {
                format!("{base}{next}")
            };
            *next += 1;
            if ident_ok(&candidate) && self.used.insert(candidate.clone()) {
                return Some(candidate);
            }
        }
    }
}

/// Texts of `row` that differ from the entry's primary ones, as an alternate.
fn alternate_of(row: &ImportedRow, primary: &OutEntry, primary_status: Option<u16>) -> OutAlt {
    let mut notes = vec![format!("Also listed on the page at line {}.", row.line)];
    notes.extend(row_notes(row));
    OutAlt {
        status: row
            .status
            .filter(|s| Some(*s) != primary_status)
            .map(i128::from),
        messages: page_texts(&row.messages)
            .into_iter()
            .filter(|(l, t)| primary.message(l) != Some(t.as_str()))
            .collect(),
        action: row
            .action
            .iter()
            .filter(|a| !primary.action.contains(a))
            .cloned()
            .collect(),
        note: Some(notes.join("\n")),
    }
}

/// An entry written from the page alone: the first row's texts, and for a
/// language the first row has no text in, the first later row's.
fn fresh_entry(g: &[&ImportedRow], default_status: Option<i128>, several_tables: bool) -> OutEntry {
    let first = g[0];
    let mut notes = row_notes(first);
    if several_tables {
        notes.push(format!(
            "From table {} of the page{}.",
            first.table,
            first
                .section
                .as_ref()
                .map(|s| format!(" (under {s:?})"))
                .unwrap_or_default()
        ));
    }
    let messages = page_texts(&first.messages);
    for (l1, t1) in &messages {
        for (l2, t2) in &messages {
            if l1 < l2
                && text_language(t1) == Some(l2.as_str())
                && text_language(t2) == Some(l1.as_str())
            {
                notes.push(format!(
                    "Check: the page's `{l1}` column holds `{l2}` text and its `{l2}` column `{l1}` text (columns swapped on the page?)."
                ));
            }
        }
    }
    let mut out = OutEntry {
        code: first.code.clone(),
        status: first
            .status
            .map(i128::from)
            .filter(|s| Some(*s) != default_status),
        vendor_placeholder: first.vendor_placeholder.clone(),
        messages,
        action: first.action.clone(),
        ..OutEntry::default()
    };
    let mut filled_from: Vec<usize> = Vec::new();
    for r in &g[1..] {
        for (l, t) in page_texts(&r.messages) {
            if out.message(&l).is_none() {
                out.messages.push((l.clone(), t));
                filled_from.push(r.line);
            }
        }
    }
    filled_from.dedup();
    for line in filled_from {
        notes.push(format!("Texts the first row lacks are from line {line}."));
    }
    let mut alternates = status_alternates(first, "");
    alternates.extend(distinct_later(g).into_iter().filter_map(|r| {
        let mut alt = alternate_of(r, &out, first.status);
        if alt.status.is_none() && alt.messages.is_empty() && alt.action.is_empty() {
            // Nothing the entry lacks: an alternate only for other notes.
            if row_notes(r).is_empty() {
                return None;
            }
            alt.status = r.status.or(first.status).map(i128::from).or(default_status);
        }
        Some(alt)
    }));
    alternates.retain(|a| a.status.is_some() || !a.messages.is_empty() || !a.action.is_empty());
    out.note = (!notes.is_empty()).then(|| notes.join("\n"));
    out.alternates = alternates;
    out
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
        for (l, t) in &a.action {
            parts.push(format!("action {l} {t:?}"));
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
