//! Comparing two catalogs: codes added, removed and changed.

use crate::model::{Alternate, Catalog};

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
            messages: c.by_language(e.messages.iter().map(|m| m.raw.clone())),
            action: e.action.clone(),
            alternates: e.alternates.clone(),
        })
        .collect();
    out.extend(c.success.iter().map(|s| Item {
        code: s.code.clone(),
        success: true,
        status: s.status,
        messages: c.by_language(s.messages.iter().cloned()),
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

/// What a change means for the generated Rust API under semver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Impact {
    /// Code using the old enum may stop compiling: a variant removed or
    /// renamed, a template field renamed, the catalog's type renamed.
    Breaking,
    /// A new variant: code compiles as before (the enums are
    /// `#[non_exhaustive]`, so matches already have a `_` arm).
    Additive,
    /// Same API, other behaviour: a status, retry class, message, action,
    /// alternate, language, vendor or success code changed.
    Behaviour,
}

impl Impact {
    /// `breaking`, `additive`, `behaviour`.
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Breaking => "breaking",
            Impact::Additive => "additive",
            Impact::Behaviour => "behaviour",
        }
    }
}

/// One difference between two catalogs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The code (as written in the spec; the old spec's for a changed code).
    pub code: String,
    /// `added`, `removed` or `changed`.
    pub kind: &'static str,
    pub impact: Impact,
    /// The change in [`diff`]'s line form (`~ CODE: status 400 -> 500`).
    pub line: String,
    /// What it means for the generated API (`variant CbcError::X removed`).
    pub meaning: String,
}

/// The semver verdict of a set of changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// No difference.
    None,
    /// Only behaviour changes: the API is the same.
    Patch,
    /// New variants, no breaking change.
    Minor,
    /// At least one breaking change.
    Major,
}

impl Verdict {
    /// `none`, `patch`, `minor`, `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::None => "none",
            Verdict::Patch => "patch",
            Verdict::Minor => "minor",
            Verdict::Major => "major",
        }
    }
}

/// Every change between two catalogs, classified ([`classify`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffReport {
    pub changes: Vec<Change>,
}

impl DiffReport {
    /// How many changes have `impact`.
    pub fn count(&self, impact: Impact) -> usize {
        self.changes.iter().filter(|c| c.impact == impact).count()
    }

    pub fn verdict(&self) -> Verdict {
        if self.count(Impact::Breaking) > 0 {
            Verdict::Major
        } else if self.count(Impact::Additive) > 0 {
            Verdict::Minor
        } else if self.count(Impact::Behaviour) > 0 {
            Verdict::Patch
        } else {
            Verdict::None
        }
    }

    /// `breaking: 2, additive: 5, behaviour: 3 -> needs a major version`.
    pub fn summary(&self) -> String {
        let needs = match self.verdict() {
            Verdict::None => "no change",
            Verdict::Patch => "same API, behaviour changed: at least a patch version",
            Verdict::Minor => "needs a minor version",
            Verdict::Major => "needs a major version",
        };
        format!(
            "breaking: {}, additive: {}, behaviour: {} -> {needs}",
            self.count(Impact::Breaking),
            self.count(Impact::Additive),
            self.count(Impact::Behaviour)
        )
    }

    /// The report as text: one line per change (`breaking   - CODE ...:
    /// meaning`), then the summary line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for c in &self.changes {
            out.push_str(&format!(
                "{:<10} {}: {}\n",
                c.impact.as_str(),
                c.line,
                c.meaning
            ));
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// The report as JSON (the shape is in specs/SCHEMA.md, "Diff").
    #[cfg(feature = "export")]
    pub fn json(&self) -> String {
        let changes: Vec<serde_json::Value> = self
            .changes
            .iter()
            .map(|c| {
                serde_json::json!({
                    "code": c.code,
                    "kind": c.kind,
                    "impact": c.impact.as_str(),
                    "change": c.line,
                    "meaning": c.meaning,
                })
            })
            .collect();
        let doc = serde_json::json!({
            "changes": changes,
            "summary": {
                "breaking": self.count(Impact::Breaking),
                "additive": self.count(Impact::Additive),
                "behaviour": self.count(Impact::Behaviour),
            },
            "verdict": self.verdict().as_str(),
            "text": self.summary(),
        });
        serde_json::to_string_pretty(&doc)
            .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()))
    }
}

/// A code with its placeholders blanked (`InvalidParameter.{}`): the key
/// that matches a template entry whose field was renamed.
fn skeleton(e: &crate::model::Entry) -> String {
    e.code
        .parts
        .iter()
        .map(|p| match p {
            crate::model::Part::Lit(l) => l.as_str(),
            crate::model::Part::Field(_) => "{}",
        })
        .collect()
}

/// Every difference between `old` and `new`, classified by what it means
/// for the generated enum (see [`Impact`]). Codes are matched by code
/// (template codes by their literal text, so a renamed field is one
/// change); success codes by code.
pub fn classify(old: &Catalog, new: &Catalog) -> DiffReport {
    let mut changes = Vec::new();
    let mut push =
        |code: &str, kind: &'static str, impact: Impact, line: String, meaning: String| {
            changes.push(Change {
                code: code.to_owned(),
                kind,
                impact,
                line,
                meaning,
            });
        };
    if old.name != new.name {
        push(
            "",
            "changed",
            Impact::Breaking,
            format!("~ catalog: name {} -> {}", old.name, new.name),
            "the enum's default type name changed (build.rs output, include_catalog! names)".into(),
        );
    }
    if old.vendor != new.vendor {
        push(
            "",
            "changed",
            Impact::Behaviour,
            format!(
                "~ catalog: vendor {} -> {}",
                old.vendor.as_str(),
                new.vendor.as_str()
            ),
            "from_response and to_body use another wire format".into(),
        );
    }
    if old.languages != new.languages {
        push(
            "",
            "changed",
            Impact::Behaviour,
            format!(
                "~ catalog: languages [{}] -> [{}]",
                old.languages.join(", "),
                new.languages.join(", ")
            ),
            "message(Lang) answers other languages or falls back differently".into(),
        );
    }
    let old_lines_items = items(old);
    let new_lines_items = items(new);
    let v = |c: &Catalog, name: &str| format!("variant {}::{name}", c.name);
    for o in &old.entries {
        let key = skeleton(o);
        let Some(n) = new.entries.iter().find(|n| skeleton(n) == key) else {
            let now_success = new.success.iter().any(|s| s.code == o.code.raw);
            let line = if now_success {
                format!("~ {}: was error, now success code", o.code.raw)
            } else {
                format!("- {} (error, removed)", o.code.raw)
            };
            push(
                &o.code.raw,
                if now_success { "changed" } else { "removed" },
                Impact::Breaking,
                line,
                format!("{} removed", v(old, &o.name)),
            );
            continue;
        };
        let code = &o.code.raw;
        if o.name != n.name {
            push(
                code,
                "changed",
                Impact::Breaking,
                format!("~ {code}: name {} -> {}", o.name, n.name),
                format!("{} renamed to {}", v(old, &o.name), n.name),
            );
        }
        if o.fields() != n.fields() {
            push(
                code,
                "changed",
                Impact::Breaking,
                format!("~ {code}: code {} -> {}", o.code.raw, n.code.raw),
                format!(
                    "fields of {} renamed: {{{}}} -> {{{}}}",
                    v(old, &o.name),
                    o.fields().join(", "),
                    n.fields().join(", ")
                ),
            );
        }
        if o.status != n.status {
            push(
                code,
                "changed",
                Impact::Behaviour,
                format!("~ {code}: status {} -> {}", o.status, n.status),
                "http_status() returns another status".into(),
            );
        }
        if o.retry != n.retry {
            push(
                code,
                "changed",
                Impact::Behaviour,
                format!(
                    "~ {code}: retry {} -> {}",
                    o.retry.as_str(),
                    n.retry.as_str()
                ),
                "retry() returns another class".into(),
            );
        }
        let texts = |c: &Catalog, e: &crate::model::Entry| {
            c.by_language(e.messages.iter().map(|m| m.raw.clone()))
        };
        let mut lines = Vec::new();
        text_changes(code, "", &texts(old, o), &texts(new, n), &mut lines);
        for line in lines.drain(..) {
            push(
                code,
                "changed",
                Impact::Behaviour,
                line,
                "message(Lang) returns another text".into(),
            );
        }
        text_changes(code, "action ", &o.action, &n.action, &mut lines);
        for line in lines.drain(..) {
            push(
                code,
                "changed",
                Impact::Behaviour,
                line,
                "action(Lang) returns another text".into(),
            );
        }
        if o.alternates != n.alternates {
            push(
                code,
                "changed",
                Impact::Behaviour,
                format!(
                    "~ {code}: alternates changed ({} -> {})",
                    o.alternates.len(),
                    n.alternates.len()
                ),
                "other documented texts (rustdoc, decoding of the alternates' statuses)".into(),
            );
        }
    }
    for n in &new.entries {
        let key = skeleton(n);
        if old.entries.iter().any(|o| skeleton(o) == key) {
            continue;
        }
        let was_success = old.success.iter().any(|s| s.code == n.code.raw);
        push(
            &n.code.raw,
            if was_success { "changed" } else { "added" },
            Impact::Additive,
            if was_success {
                format!("~ {}: was success code, now error", n.code.raw)
            } else {
                format!("+ {} (error, added)", n.code.raw)
            },
            format!("{} added", v(new, &n.name)),
        );
    }
    // Success codes: not variants; what from_response treats as success.
    for o in old_lines_items.iter().filter(|i| i.success) {
        let Some(n) = new_lines_items.iter().find(|n| n.code == o.code) else {
            if !new.entries.iter().any(|e| e.code.raw == o.code) {
                push(
                    &o.code,
                    "removed",
                    Impact::Behaviour,
                    format!("- {} (success code, removed)", o.code),
                    "from_response no longer reads it as success".into(),
                );
            }
            continue;
        };
        if !n.success {
            continue;
        }
        let mut lines = Vec::new();
        if o.status != n.status {
            lines.push(format!("~ {}: status {} -> {}", o.code, o.status, n.status));
        }
        text_changes(&o.code, "", &o.messages, &n.messages, &mut lines);
        text_changes(&o.code, "action ", &o.action, &n.action, &mut lines);
        for line in lines {
            push(
                &o.code,
                "changed",
                Impact::Behaviour,
                line,
                "the success code's documented data changed".into(),
            );
        }
    }
    for n in new_lines_items.iter().filter(|i| i.success) {
        if !old_lines_items.iter().any(|o| o.code == n.code) {
            push(
                &n.code,
                "added",
                Impact::Behaviour,
                format!("+ {} (success code, added)", n.code),
                "from_response reads it as success".into(),
            );
        }
    }
    DiffReport { changes }
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
    use crate::testing::{ENS_SPEC as SPEC, catalog as load};

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
