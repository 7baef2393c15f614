//! Exporting a catalog as JSON.
//!
//! The JSON shape is documented in `specs/SCHEMA.md` ("JSON export"). Template
//! codes and their messages are written in the vendor's form when the entry
//! has a `vendor_placeholder` (`InvalidParameter.%s`), else with their
//! `{name}` placeholders.

use crate::model::Catalog;
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
            code: e.vendor_code(),
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
                            .map(|(l, t)| (l.clone(), e.vendor_text(t)))
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
        messages: Messages(catalog.by_language(s.messages.iter().cloned())),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{ENS_SPEC as SPEC, catalog as load};

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
}
