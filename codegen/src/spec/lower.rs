//! Lower stage: validated, [`Parsed`] spec files to the [`Catalog`] model.
//!
//! Runs only after [`crate::spec::valid::validate`] found nothing; it uses the same
//! resolvers, and falls back to neutral values instead of panicking should it
//! ever see something validation let through.

use crate::model::{Alternate, Catalog, Entry, Retry, Success, Template, Vendor};
use crate::spec::ast::{At, SpecFile, language_tags};
use crate::spec::load::Parsed;
use crate::spec::valid::{resolve_code, resolve_name, resolve_retry_name, resolve_status};

/// Builds the model of a validated catalog.
pub fn lower(parsed: &Parsed) -> Catalog {
    let root = parsed.root();
    let text = |v: &Option<At<String>>| v.as_ref().map(|a| a.value.clone());
    let languages: Vec<String> = match root {
        Some(r) => {
            let mut l: Vec<String> = r.languages.iter().map(|l| l.value.clone()).collect();
            // English first: it is the fallback and table column 0.
            l.sort_by_key(|t| t != "en");
            l
        }
        None => vec!["en".to_owned()],
    };
    let mut catalog = Catalog {
        name: root
            .and_then(|r| text(&r.catalog))
            .unwrap_or_else(|| "Catalog".to_owned()),
        vendor: root
            .and_then(|r| r.vendor.as_ref())
            .and_then(|v| Vendor::from_name(&v.value))
            .unwrap_or(Vendor::Huawei),
        source: root.and_then(|r| text(&r.source)).unwrap_or_default(),
        languages,
        entries: Vec::new(),
        success: Vec::new(),
        note: root.and_then(|r| text(&r.note)),
    };
    for (index, file) in parsed.specs.iter().enumerate() {
        let default_retry = file
            .default_retry
            .as_ref()
            .and_then(|r| resolve_retry_name(r).ok());
        for e in &file.errors {
            let Some(code) = &e.code else { continue };
            if parsed.is_overridden(index, &code.value) {
                continue;
            }
            let code_t = resolve_code(code).unwrap_or_else(|_| Template::literal(&code.value));
            let fields: Vec<String> = code_t.fields().into_iter().map(str::to_owned).collect();
            let status = resolve_status(file, e).unwrap_or(500);
            let explicit = e.retry.as_ref().and_then(|r| resolve_retry_name(r).ok());
            let retry = retry_class(explicit, default_retry, status);
            let messages = catalog
                .languages
                .iter()
                .map(|lang| {
                    let raw = message(file, &e.messages, lang);
                    if fields.is_empty() || raw == "-" {
                        Template::literal(&raw)
                    } else {
                        Template::parse_message(&raw, &fields)
                            .unwrap_or_else(|_| Template::literal(&raw))
                    }
                })
                .collect();
            catalog.entries.push(Entry {
                name: resolve_name(e, code)
                    .map(|(n, _)| n)
                    .unwrap_or_else(|_| format!("Invalid{}", catalog.entries.len())),
                code: code_t,
                status,
                retry,
                messages,
                note: text(&e.note),
                source: text(&e.source),
                vendor_placeholder: text(&e.vendor_placeholder),
                action: action(&e.action),
                alternates: e
                    .alternates
                    .iter()
                    .map(|a| Alternate {
                        status: a.status.as_ref().and_then(|s| u16::try_from(s.value).ok()),
                        messages: a
                            .messages
                            .iter()
                            .map(|(l, t)| (l.value.clone(), t.value.clone()))
                            .collect(),
                        action: action(&a.action),
                        note: text(&a.note),
                    })
                    .collect(),
                file: file.file.clone(),
            });
        }
        for e in &file.success {
            let Some(code) = &e.code else { continue };
            if parsed.is_overridden(index, &code.value) {
                continue;
            }
            catalog.success.push(Success {
                code: code.value.clone(),
                status: resolve_status(file, e).unwrap_or(200),
                messages: catalog
                    .languages
                    .iter()
                    .map(|lang| message(file, &e.messages, lang))
                    .collect(),
                action: action(&e.action),
                note: text(&e.note),
            });
        }
    }
    catalog
}

fn message(_file: &SpecFile, messages: &[(At<String>, At<String>)], lang: &str) -> String {
    messages
        .iter()
        .find(|(l, _)| l.value == lang)
        .or_else(|| messages.iter().find(|(l, _)| l.value == "en"))
        .map(|(_, t)| t.value.clone())
        .unwrap_or_default()
}

/// An entry's action texts in the order of `Lang::ALL`.
fn action(written: &[(At<String>, At<String>)]) -> Vec<(String, String)> {
    language_tags()
        .into_iter()
        .filter_map(|lang| {
            written
                .iter()
                .find(|(l, _)| l.value == lang)
                .map(|(l, t)| (l.value.clone(), t.value.clone()))
        })
        .collect()
}

/// The retry class of an entry: its own `retry:`, else the class its status
/// implies for 429 and 5xx (`defaults.retry` never overrides those: a
/// spec-wide default cannot silently make a 503 `never`), else
/// `defaults.retry`, else the status-derived class.
fn retry_class(explicit: Option<Retry>, default: Option<Retry>, status: u16) -> Retry {
    let derived = Retry::from_status(status);
    explicit
        .or_else(|| (derived != Retry::Never).then_some(derived))
        .or(default)
        .unwrap_or(derived)
}
