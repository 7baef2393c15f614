//! Merging page rows into an existing spec (`import --merge`).
//!
//! Rows are matched to entries by code (a template code also by its vendor
//! form). From the page: the code, the status and the messages and action
//! in the page's languages; kept from the entry: everything else (see
//! `specs/SCHEMA.md`, "Merging into an existing spec").

use super::entry::{OutAlt, OutEntry};
use super::group::{distinct_later, page_texts, status_alternates};
use super::options::MergeMode;
use super::rows::ImportedRow;
use crate::diag::Diagnostics;
use crate::model::Template;
use crate::spec::ast::{self, SpecFile};
use crate::spec::{valid, yaml};
use std::collections::{HashMap, HashSet};

/// Parses an existing spec file for the merge (shapes only, no validation;
/// the file's `include`s are not read).
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

/// The entries of the existing spec, found by code and by vendor form.
pub(crate) struct Existing<'a> {
    /// `(is a success code, entry)`, errors first.
    pub entries: Vec<(bool, &'a ast::Entry)>,
    by_code: HashMap<String, usize>,
    by_vendor: HashMap<String, usize>,
}

impl<'a> Existing<'a> {
    pub(crate) fn new(spec: &'a SpecFile) -> Existing<'a> {
        let entries: Vec<(bool, &ast::Entry)> = spec
            .errors
            .iter()
            .map(|e| (false, e))
            .chain(spec.success.iter().map(|e| (true, e)))
            .collect();
        let mut by_code = HashMap::new();
        let mut by_vendor = HashMap::new();
        for (i, (_, e)) in entries.iter().enumerate() {
            if let Some(code) = &e.code {
                by_code.entry(code.value.clone()).or_insert(i);
                by_vendor.entry(vendor_code(e)).or_insert(i);
            }
        }
        Existing {
            entries,
            by_code,
            by_vendor,
        }
    }

    /// The variant names the spec's errors take.
    pub(crate) fn names(&self) -> HashSet<String> {
        self.entries
            .iter()
            .filter(|(success, _)| !success)
            .filter_map(|(_, e)| entry_name(e))
            .collect()
    }

    /// The entry a row stands for.
    pub(crate) fn find(&self, row: &ImportedRow) -> Option<usize> {
        self.by_code
            .get(&row.code)
            .or_else(|| self.by_vendor.get(&row.vendor_code()))
            .copied()
    }
}

fn vendor_code(e: &ast::Entry) -> String {
    let vp = e.vendor_placeholder.as_ref().map(|v| v.value.as_str());
    e.code
        .as_ref()
        .map(|c| crate::model::vendor_code(&c.value, vp))
        .unwrap_or_default()
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

/// Renames the page's placeholders to the spec's (same count, other names).
struct Rename {
    page: Vec<String>,
    spec: Vec<String>,
}

impl Rename {
    fn apply(&self, text: &str) -> String {
        if self.spec.len() != self.page.len() || self.spec == self.page {
            return text.to_owned();
        }
        let mut t = text.to_owned();
        // Two passes, through names that cannot clash.
        for (k, f) in self.page.iter().enumerate() {
            t = t.replace(&format!("{{{f}}}"), &format!("{{\u{0}{k}}}"));
        }
        for (k, f) in self.spec.iter().enumerate() {
            t = t.replace(&format!("{{\u{0}{k}}}"), &format!("{{{f}}}"));
        }
        t
    }
}

/// Sets `(language, text)` pairs from the page into `into`.
fn update(into: &mut Vec<(String, String)>, page: Vec<(String, String)>) {
    for (l, t) in page {
        match into.iter_mut().find(|(ol, _)| *ol == l) {
            Some(slot) => slot.1 = t,
            None => into.push((l, t)),
        }
    }
}

/// The page's rows of one code merged into its existing entry.
pub(crate) fn merged_entry(
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
    let rename = Rename {
        page: first.fields(),
        spec: Template::parse_code(&out.code)
            .map(|t| t.fields().into_iter().map(str::to_owned).collect())
            .unwrap_or_default(),
    };
    if !secondary {
        if rename.spec.len() != rename.page.len() {
            out.code = first.code.clone();
        }
        if first.vendor_placeholder.is_some() {
            out.vendor_placeholder = first.vendor_placeholder.clone();
        }
        if let Some(s) = first.status.map(i128::from) {
            let write = e.status.is_some() || Some(s) != default_status;
            out.status = write.then_some(s);
        }
        update_texts(&mut out, first, &rename, notices);
    }
    // Later texts of the code on the page (every text, for a secondary
    // page): alternates unless already there.
    let status = out
        .status
        .or(e.status.as_ref().map(|s| s.value))
        .or(default_status);
    let candidates = if secondary {
        let mut all = vec![first];
        all.extend(distinct_later(g));
        all
    } else {
        let where_ = if page_source.is_empty() {
            String::new()
        } else {
            format!(" ({page_source})")
        };
        for alt in status_alternates(first, &where_) {
            if !out.alternates.iter().any(|a| a.status == alt.status) {
                out.alternates.push(alt);
            }
        }
        distinct_later(g)
    };
    for r in candidates {
        if let Some(alt) = new_alternate(&out, r, status, &rename, page_source) {
            out.alternates.push(alt);
        }
    }
    out
}

/// The page's non-empty texts, with the spec's placeholder names.
fn renamed(texts: &[(String, String)], rename: &Rename) -> Vec<(String, String)> {
    page_texts(texts)
        .into_iter()
        .map(|(l, t)| (l, rename.apply(&t)))
        .collect()
}

/// The first row's messages and action into the entry, unless the page
/// holds the entry's texts in other languages (swapped there, fixed in the
/// spec): then the spec's placement stays.
fn update_texts(
    out: &mut OutEntry,
    first: &ImportedRow,
    rename: &Rename,
    notices: &mut Vec<String>,
) {
    let page = renamed(&first.messages, rename);
    let old: Vec<Option<&str>> = page.iter().map(|(l, _)| out.message(l)).collect();
    let new: Vec<Option<&str>> = page.iter().map(|(_, t)| Some(t.as_str())).collect();
    let swapped = page.len() >= 2 && old != new && {
        let mut a = old.clone();
        let mut b = new.clone();
        a.sort();
        b.sort();
        a == b
    };
    if swapped {
        notices.push(format!(
            "{}: the page has the spec's texts in other languages; the spec's placement is kept",
            first.code
        ));
    } else {
        update(&mut out.messages, page);
        update(&mut out.action, first.action.clone());
    }
}

/// Row `r` as a new alternate of the entry, unless the primary text or an
/// alternate already says what it says.
fn new_alternate(
    out: &OutEntry,
    r: &ImportedRow,
    status: Option<i128>,
    rename: &Rename,
    page_source: &str,
) -> Option<OutAlt> {
    let r_status = r.status.map(i128::from).or(status);
    let r_messages = renamed(&r.messages, rename);
    let has = |a: &OutAlt| {
        a.status.or(status) == r_status
            && r_messages.iter().all(|(l, t)| {
                a.messages
                    .iter()
                    .find(|(al, _)| al == l)
                    .map(|(_, at)| at.as_str())
                    .or(out.message(l))
                    == Some(t.as_str())
            })
            && r.action
                .iter()
                .all(|x| a.action.contains(x) || out.action.contains(x))
    };
    let is_primary = r_status == status
        && r_messages
            .iter()
            .all(|(l, t)| out.message(l) == Some(t.as_str()))
        && r.action.iter().all(|x| out.action.contains(x));
    if is_primary || out.alternates.iter().any(has) {
        return None;
    }
    let mut alt = OutAlt {
        status: r.status.map(i128::from).filter(|s| Some(*s) != status),
        messages: r_messages
            .into_iter()
            .filter(|(l, t)| out.message(l) != Some(t.as_str()))
            .collect(),
        action: r
            .action
            .iter()
            .filter(|x| !out.action.contains(x))
            .cloned()
            .collect(),
        note: Some(if page_source.is_empty() {
            format!("Also listed on the page at line {}.", r.line)
        } else {
            format!("Also listed at line {} of: {page_source}", r.line)
        }),
    };
    if alt.status.is_none() && alt.messages.is_empty() && alt.action.is_empty() {
        alt.status = r_status;
    }
    Some(alt)
}
