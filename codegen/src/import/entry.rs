//! The spec written: its top-level keys and entries, as data, and their
//! canonical YAML text (keys in a fixed order, scalars through
//! `spec::yaml::write`).

use super::options::SpecHeader;
use super::rows::ImportedRow;
use crate::spec::ast::{self, At, SpecFile};
use crate::spec::yaml::write::{flow_scalar, push_flow_list, push_flow_map, push_kv, scalar};

/// The spec's top-level keys.
pub(crate) struct Top {
    pub catalog: String,
    pub vendor: String,
    pub source: String,
    pub languages: Vec<String>,
    pub default_status: Option<i128>,
    pub default_retry: Option<String>,
    pub include: Vec<String>,
    pub note: Option<String>,
}

impl Top {
    pub(crate) fn from_header(h: &SpecHeader, rows: &[ImportedRow]) -> Top {
        let mut languages = h.languages.clone();
        if languages.is_empty() {
            for r in rows {
                for (lang, text) in &r.messages {
                    if !text.is_empty() && !languages.contains(lang) {
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

    pub(crate) fn from_existing(s: &SpecFile) -> Top {
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

    pub(crate) fn write(&self, y: &mut String) {
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
pub(crate) struct OutEntry {
    pub code: String,
    pub name: Option<String>,
    pub status: Option<i128>,
    pub retry: Option<String>,
    pub vendor_placeholder: Option<String>,
    /// `(language, text)`; written in `languages` order, others after.
    pub messages: Vec<(String, String)>,
    pub action: Vec<(String, String)>,
    pub note: Option<String>,
    pub source: Option<String>,
    pub alternates: Vec<OutAlt>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct OutAlt {
    pub status: Option<i128>,
    pub messages: Vec<(String, String)>,
    pub action: Vec<(String, String)>,
    pub note: Option<String>,
}

fn pairs(texts: &[(At<String>, At<String>)]) -> Vec<(String, String)> {
    texts
        .iter()
        .map(|(l, t)| (l.value.clone(), t.value.clone()))
        .collect()
}

impl OutEntry {
    pub(crate) fn from_ast(e: &ast::Entry) -> OutEntry {
        let text = |v: &Option<At<String>>| v.as_ref().map(|a| a.value.clone());
        OutEntry {
            code: text(&e.code).unwrap_or_default(),
            name: text(&e.name),
            status: e.status.as_ref().map(|s| s.value),
            retry: text(&e.retry),
            vendor_placeholder: text(&e.vendor_placeholder),
            messages: pairs(&e.messages),
            action: pairs(&e.action),
            note: text(&e.note),
            source: text(&e.source),
            alternates: e
                .alternates
                .iter()
                .map(|a| OutAlt {
                    status: a.status.as_ref().map(|s| s.value),
                    messages: pairs(&a.messages),
                    action: pairs(&a.action),
                    note: text(&a.note),
                })
                .collect(),
        }
    }

    pub(crate) fn message(&self, lang: &str) -> Option<&str> {
        self.messages
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, t)| t.as_str())
    }

    pub(crate) fn write(&self, y: &mut String, languages: &[String]) {
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
        for (l, t) in ordered(&self.messages, languages) {
            push_kv(y, ind, l, t);
        }
        if !self.action.is_empty() {
            y.push_str(ind);
            y.push_str("action: ");
            push_flow_map(y, &self.action);
            y.push('\n');
        }
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
                a.write(y, languages);
            }
        }
    }
}

impl OutAlt {
    fn write(&self, y: &mut String, languages: &[String]) {
        let mut first = true;
        let mut lead = |y: &mut String| {
            y.push_str(if first { "      - " } else { "        " });
            first = false;
        };
        if let Some(s) = self.status {
            lead(y);
            y.push_str(&format!("status: {s}\n"));
        }
        for (l, t) in ordered(&self.messages, languages) {
            lead(y);
            push_kv(y, "", l, t);
        }
        if !self.action.is_empty() {
            lead(y);
            y.push_str("action: ");
            push_flow_map(y, &self.action);
            y.push('\n');
        }
        if let Some(n) = &self.note {
            lead(y);
            push_kv(y, "", "note", n);
        }
        if first {
            y.push_str("      - {}\n");
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

/// The whole spec: the top-level keys, `errors`, `success`.
pub(crate) fn spec_text(top: &Top, errors: &[&OutEntry], success: &[&OutEntry]) -> String {
    let mut y = String::new();
    top.write(&mut y);
    if errors.is_empty() {
        y.push_str("errors: []\n");
    } else {
        y.push_str("errors:\n");
        for e in errors {
            e.write(&mut y, &top.languages);
        }
    }
    if !success.is_empty() {
        y.push_str("success:\n");
        for e in success {
            e.write(&mut y, &top.languages);
        }
    }
    y
}
