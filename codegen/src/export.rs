//! Exporting a catalog as JSON, and comparing two catalogs.
//!
//! The JSON shape is documented in `specs/SCHEMA.md` ("JSON export"). Template
//! codes and their messages are written in the vendor's form when the entry
//! has a `vendor_placeholder` (`InvalidParameter.%s`), else with their
//! `{name}` placeholders.

use crate::model::{Alternate, Catalog, Entry};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

#[derive(Serialize)]
struct JsonCatalog<'a> {
    catalog: &'a str,
    vendor: &'a str,
    languages: &'a [String],
    entries: Vec<JsonEntry>,
}

#[derive(Serialize)]
struct JsonEntry {
    code: String,
    name: String,
    status: u16,
    retry: &'static str,
    messages: Messages,
    action: Messages,
    alternates: Vec<JsonAlternate>,
    note: Option<String>,
    success: bool,
}

#[derive(Serialize)]
struct JsonAlternate {
    status: Option<u16>,
    messages: Messages,
    action: Messages,
    note: Option<String>,
}

/// `(language, text)` pairs written as a JSON object, in order.
struct Messages(Vec<(String, String)>);

impl Serialize for Messages {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (lang, text) in &self.0 {
            map.serialize_entry(lang, text)?;
        }
        map.end()
    }
}

/// The catalog as pretty-printed JSON (no trailing newline): errors in spec
/// order, then the success codes (`success: true`, `name: ""`, `retry: "never"`).
pub fn export_json(catalog: &Catalog) -> String {
    let mut entries: Vec<JsonEntry> = catalog
        .entries
        .iter()
        .map(|e| JsonEntry {
            code: vendor_code(e),
            name: e.name.clone(),
            status: e.status,
            retry: e.retry.as_str(),
            messages: Messages(
                catalog
                    .languages
                    .iter()
                    .zip(&e.messages)
                    .map(|(l, m)| {
                        let text = match &e.vendor_placeholder {
                            Some(vp) => m.with_placeholder_token(vp),
                            None => m.raw.clone(),
                        };
                        (l.clone(), text)
                    })
                    .collect(),
            ),
            action: Messages(e.action.clone()),
            alternates: e
                .alternates
                .iter()
                .map(|a| JsonAlternate {
                    status: a.status,
                    messages: Messages(
                        a.messages
                            .iter()
                            .map(|(l, t)| (l.clone(), vendor_text(e, t)))
                            .collect(),
                    ),
                    action: Messages(a.action.clone()),
                    note: a.note.clone(),
                })
                .collect(),
            note: e.note.clone(),
            success: false,
        })
        .collect();
    entries.extend(catalog.success.iter().map(|s| JsonEntry {
        code: s.code.clone(),
        name: String::new(),
        status: s.status,
        retry: "never",
        messages: Messages(by_language(catalog, s.messages.iter().cloned())),
        action: Messages(s.action.clone()),
        alternates: Vec::new(),
        note: s.note.clone(),
        success: true,
    }));
    let doc = JsonCatalog {
        catalog: &catalog.name,
        vendor: catalog.vendor.as_str(),
        languages: &catalog.languages,
        entries,
    };
    serde_json::to_string_pretty(&doc)
        .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()))
}

/// `texts` (one per language, in the catalog's order) paired with their tags.
fn by_language(c: &Catalog, texts: impl Iterator<Item = String>) -> Vec<(String, String)> {
    c.languages.iter().cloned().zip(texts).collect()
}

/// The code as the vendor writes it (`{name}` form without a vendor placeholder).
pub fn vendor_code(e: &Entry) -> String {
    match &e.vendor_placeholder {
        Some(vp) => e.code.with_placeholder_token(vp),
        None => e.code.raw.clone(),
    }
}

/// A text of entry `e` (e.g. an alternate's) in the vendor's form.
pub fn vendor_text(e: &Entry, text: &str) -> String {
    let Some(vp) = &e.vendor_placeholder else {
        return text.to_owned();
    };
    if text == "-" {
        return text.to_owned();
    }
    let fields: Vec<String> = e.fields().into_iter().map(str::to_owned).collect();
    match crate::model::Template::parse_message(text, &fields) {
        Ok(t) => t.with_placeholder_token(vp),
        Err(_) => text.to_owned(),
    }
}

/// What a code looks like in one catalog, for [`diff`].
struct Item {
    code: String,
    success: bool,
    status: u16,
    messages: Vec<(String, String)>,
    action: Vec<(String, String)>,
    alternates: Vec<Alternate>,
}

fn items(c: &Catalog) -> Vec<Item> {
    let mut out: Vec<Item> = c
        .entries
        .iter()
        .map(|e| Item {
            code: e.code.raw.clone(),
            success: false,
            status: e.status,
            messages: by_language(c, e.messages.iter().map(|m| m.raw.clone())),
            action: e.action.clone(),
            alternates: e.alternates.clone(),
        })
        .collect();
    out.extend(c.success.iter().map(|s| Item {
        code: s.code.clone(),
        success: true,
        status: s.status,
        messages: by_language(c, s.messages.iter().cloned()),
        action: s.action.clone(),
        alternates: Vec::new(),
    }));
    out
}

/// One line per language whose text differs between `old` and `new`
/// (`~ CODE: <what> <lang> "old" -> "new"`, `(none)` for no text).
fn text_changes(
    code: &str,
    what: &str,
    old: &[(String, String)],
    new: &[(String, String)],
    out: &mut Vec<String>,
) {
    let mut langs: Vec<&str> = old.iter().map(|(l, _)| l.as_str()).collect();
    for (l, _) in new {
        if !langs.contains(&l.as_str()) {
            langs.push(l);
        }
    }
    for lang in langs {
        let get = |texts: &[(String, String)]| {
            texts
                .iter()
                .find(|(l, _)| l == lang)
                .map(|(_, t)| t.clone())
        };
        let (a, b) = (get(old), get(new));
        if a != b {
            let show = |t: Option<String>| t.map_or("(none)".to_owned(), |t| format!("{t:?}"));
            out.push(format!("~ {code}: {what}{lang} {} -> {}", show(a), show(b)));
        }
    }
}

/// The differences between two catalogs, one line each: codes removed
/// (`- code`), changed (`~ code: ...`: status, a message, success or error,
/// alternates) and added (`+ code`). Empty when they agree on all of these.
pub fn diff(old: &Catalog, new: &Catalog) -> Vec<String> {
    let old_items = items(old);
    let new_items = items(new);
    let mut out = Vec::new();
    let kind = |s: bool| if s { "success code" } else { "error" };
    for o in &old_items {
        let Some(n) = new_items.iter().find(|n| n.code == o.code) else {
            out.push(format!("- {} ({}, removed)", o.code, kind(o.success)));
            continue;
        };
        if o.success != n.success {
            out.push(format!(
                "~ {}: was {}, now {}",
                o.code,
                kind(o.success),
                kind(n.success)
            ));
        }
        if o.status != n.status {
            out.push(format!("~ {}: status {} -> {}", o.code, o.status, n.status));
        }
        text_changes(&o.code, "", &o.messages, &n.messages, &mut out);
        text_changes(&o.code, "action ", &o.action, &n.action, &mut out);
        if o.alternates != n.alternates {
            out.push(format!(
                "~ {}: alternates changed ({} -> {})",
                o.code,
                o.alternates.len(),
                n.alternates.len()
            ));
        }
    }
    for n in &new_items {
        if !old_items.iter().any(|o| o.code == n.code) {
            out.push(format!("+ {} ({}, added)", n.code, kind(n.success)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SpecReader, load_catalog};
    use std::path::Path;

    struct Mem(Vec<(&'static str, String)>);

    impl SpecReader for Mem {
        fn read(&self, path: &Path) -> std::io::Result<String> {
            self.0
                .iter()
                .find(|(p, _)| path == Path::new(p))
                .map(|(_, t)| t.clone())
                .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no such spec"))
        }
    }

    fn load(text: &str) -> Catalog {
        let reader = Mem(vec![("t.yaml", text.to_owned())]);
        match load_catalog(Path::new(""), "t.yaml", &reader).result {
            Ok(c) => c,
            Err(d) => panic!("{d}"),
        }
    }

    const SPEC: &str = r#"catalog: EnsError
vendor: alibaba
source: s
languages: [en, zh]
defaults: { status: 400 }
errors:
  - code: "InvalidParameter.{field}"
    vendor_placeholder: "%s"
    en: "The specified field {field} invalid."
    zh: "-"
    alternates:
      - en: "Field {field} bad."
        note: second
  - code: Processing
    retry: transient
    en: Request is in progress.
    zh: 请求正在处理中
    action: { zh: 请稍后重试。 }
success:
  - code: OK.0
    status: 200
    en: Success.
    zh: 成功。
"#;

    #[test]
    fn exports_the_documented_shape() {
        let json = export_json(&load(SPEC));
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["catalog"], "EnsError");
        assert_eq!(v["vendor"], "alibaba");
        assert_eq!(v["languages"], serde_json::json!(["en", "zh"]));
        let e = &v["entries"];
        assert_eq!(e.as_array().unwrap().len(), 3);
        assert_eq!(e[0]["code"], "InvalidParameter.%s");
        assert_eq!(e[0]["name"], "InvalidParameter");
        assert_eq!(e[0]["status"], 400);
        assert_eq!(e[0]["retry"], "never");
        assert_eq!(e[0]["messages"]["en"], "The specified field %s invalid.");
        assert_eq!(e[0]["messages"]["zh"], "-");
        assert_eq!(e[0]["alternates"][0]["status"], serde_json::Value::Null);
        assert_eq!(e[0]["alternates"][0]["messages"]["en"], "Field %s bad.");
        assert_eq!(e[0]["alternates"][0]["note"], "second");
        assert_eq!(e[0]["note"], serde_json::Value::Null);
        assert_eq!(e[0]["success"], false);
        assert_eq!(e[0]["action"], serde_json::json!({}));
        assert_eq!(e[0]["alternates"][0]["action"], serde_json::json!({}));
        assert_eq!(e[1]["retry"], "transient");
        assert_eq!(e[1]["action"], serde_json::json!({"zh": "请稍后重试。"}));
        assert_eq!(e[2]["code"], "OK.0");
        assert_eq!(e[2]["name"], "");
        assert_eq!(e[2]["retry"], "never");
        assert_eq!(e[2]["success"], true);
        assert_eq!(e[2]["status"], 200);
        // Keys in the documented order.
        let keys: Vec<&str> = [
            "\"code\"",
            "\"name\"",
            "\"status\"",
            "\"retry\"",
            "\"messages\"",
            "\"action\"",
            "\"alternates\"",
            "\"note\"",
            "\"success\"",
        ]
        .to_vec();
        let first = &json[json.find("\"entries\"").unwrap()..];
        let mut at = 0;
        for k in keys {
            let i = first[at..]
                .find(k)
                .unwrap_or_else(|| panic!("{k} missing or out of order"));
            at += i;
        }
        assert!(json.find("\"catalog\"") < json.find("\"vendor\""));
        assert!(json.find("\"languages\"") < json.find("\"entries\""));
    }

    #[test]
    fn template_without_vendor_placeholder_keeps_braces() {
        let spec = SPEC.replace("    vendor_placeholder: \"%s\"\n", "");
        let v: serde_json::Value = serde_json::from_str(&export_json(&load(&spec))).unwrap();
        assert_eq!(v["entries"][0]["code"], "InvalidParameter.{field}");
        assert_eq!(
            v["entries"][0]["messages"]["en"],
            "The specified field {field} invalid."
        );
    }

    #[test]
    fn diff_reports_each_kind_of_change() {
        let old = load(SPEC);
        assert!(diff(&old, &old).is_empty());
        let new = load(
            &SPEC
                .replace("Request is in progress.", "Request is in progress!")
                .replace(
                    "  - code: Processing\n",
                    "  - code: Processing\n    status: 500\n",
                )
                .replace("OK.0", "OK.1")
                .replace(
                    "{ zh: 请稍后重试。 }",
                    "{ zh: 请稍后重试。, en: Retry later. }",
                ),
        );
        let d = diff(&old, &new);
        assert!(
            d.contains(&"~ Processing: status 400 -> 500".to_owned()),
            "{d:?}"
        );
        assert!(
            d.contains(
                &"~ Processing: en \"Request is in progress.\" -> \"Request is in progress!\""
                    .to_owned()
            ),
            "{d:?}"
        );
        assert!(
            d.contains(&"- OK.0 (success code, removed)".to_owned()),
            "{d:?}"
        );
        assert!(
            d.contains(&"+ OK.1 (success code, added)".to_owned()),
            "{d:?}"
        );
        assert!(
            d.contains(&"~ Processing: action en (none) -> \"Retry later.\"".to_owned()),
            "{d:?}"
        );
        assert_eq!(d.len(), 5, "{d:?}");
    }
}
