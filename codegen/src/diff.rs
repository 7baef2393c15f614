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

/// `text` with each placeholder of the entry's code written by position
/// (`{field}` as `{#0}`): a renamed field is not another message.
fn neutral(e: &crate::model::Entry, text: &str) -> String {
    let mut out = text.to_owned();
    for (i, f) in e.fields().iter().enumerate() {
        out = out.replace(&format!("{{{f}}}"), &format!("{{#{i}}}"));
    }
    out
}

/// The entry's alternates with their messages [`neutral`].
fn neutral_alternates(e: &crate::model::Entry) -> Vec<Alternate> {
    e.alternates
        .iter()
        .map(|a| Alternate {
            messages: a
                .messages
                .iter()
                .map(|(l, t)| (l.clone(), neutral(e, t)))
                .collect(),
            ..a.clone()
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
            c.by_language(e.messages.iter().map(|m| neutral(e, &m.raw)))
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
        if neutral_alternates(o) != neutral_alternates(n) {
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
    use crate::testing::{ENS_SPEC as SPEC, Rng, catalog as load};
    use std::fmt::Write as _;

    /// One spec entry of the generated specs.
    #[derive(Clone)]
    struct Row {
        code: String,
        field: Option<String>,
        name: String,
        status: u16,
        retry: &'static str,
        en: String,
        zh: String,
        action: Option<String>,
    }

    impl Row {
        fn code(&self) -> String {
            match &self.field {
                Some(f) => format!("{}.{{{f}}}", self.code),
                None => self.code.clone(),
            }
        }
    }

    const RETRIES: &[&str] = &["never", "throttled", "transient", "after_refresh"];

    fn spec(rows: &[Row], success: &[String]) -> String {
        let mut s = String::from(
            "catalog: GenError\nvendor: huawei\nsource: s\nlanguages: [en, zh]\nerrors:\n",
        );
        for r in rows {
            let field = r
                .field
                .as_ref()
                .map(|f| format!(" {{{f}}}"))
                .unwrap_or_default();
            let _ = write!(
                s,
                "  - code: \"{}\"\n    name: {}\n    status: {}\n    retry: {}\n    en: \"{}{field}\"\n    zh: \"{}{field}\"\n",
                r.code(),
                r.name,
                r.status,
                r.retry,
                r.en,
                r.zh
            );
            if let Some(a) = &r.action {
                let _ = writeln!(s, "    action: {{ en: \"{a}\" }}");
            }
        }
        if !success.is_empty() {
            s.push_str("success:\n");
            for c in success {
                let _ = write!(
                    s,
                    "  - code: {c}\n    status: 200\n    en: Ok.\n    zh: 成功。\n"
                );
            }
        }
        s
    }

    fn rows(rng: &mut Rng, n: usize) -> Vec<Row> {
        (0..n)
            .map(|i| Row {
                code: format!("Gen.{i}"),
                field: (rng.below(4) == 0).then(|| "field".to_owned()),
                name: format!("Gen{i}"),
                status: [400, 403, 404, 429, 500][rng.below(5)],
                retry: RETRIES[rng.below(RETRIES.len())],
                en: format!("Error number {i}."),
                zh: format!("错误{i}。"),
                action: (rng.below(2) == 0).then(|| format!("Fix {i}.")),
            })
            .collect()
    }

    /// Generated pairs of specs: a random spec and one with random
    /// mutations, each on its own entry, whose impact is known (the
    /// oracle); the classification must find exactly those.
    #[test]
    fn classifies_generated_mutations_like_the_oracle() {
        let mut rng = Rng(0x0d1f_f5e7);
        let mut seen = std::collections::HashSet::new();
        for round in 0..150 {
            let n = 8 + rng.below(8);
            let old_rows = rows(&mut rng, n);
            let old_success = vec!["OK.0".to_owned(), "OK.1".to_owned()];
            let mut new_rows = old_rows.clone();
            let mut new_success = old_success.clone();
            let mut oracle: Vec<(String, Impact)> = Vec::new();
            let mut removed = Vec::new();
            let mutations = rng.below(6);
            let mut touched = std::collections::HashSet::new();
            for _ in 0..mutations {
                let i = rng.below(n);
                if !touched.insert(i) {
                    continue;
                }
                let code = old_rows[i].code();
                let kind = rng.below(11);
                let r = &mut new_rows[i];
                let impact = match kind {
                    0 => {
                        removed.push(i);
                        Impact::Breaking
                    }
                    1 => {
                        r.name = format!("Renamed{i}");
                        Impact::Breaking
                    }
                    2 if r.field.is_some() => {
                        r.field = Some("other".into());
                        Impact::Breaking
                    }
                    3 => {
                        r.status = if r.status == 400 { 409 } else { 400 };
                        Impact::Behaviour
                    }
                    4 => {
                        r.retry =
                            RETRIES[(RETRIES.iter().position(|x| *x == r.retry).unwrap_or(0) + 1)
                                % RETRIES.len()];
                        Impact::Behaviour
                    }
                    5 => {
                        r.en.push_str(" Changed.");
                        Impact::Behaviour
                    }
                    6 => {
                        r.zh.push('！');
                        Impact::Behaviour
                    }
                    7 => {
                        r.action = match &r.action {
                            Some(_) => None,
                            None => Some("New action.".into()),
                        };
                        Impact::Behaviour
                    }
                    8 if r.field.is_none() => {
                        // The error becomes a success code: its variant goes.
                        removed.push(i);
                        new_success.push(code.clone());
                        Impact::Breaking
                    }
                    _ => continue,
                };
                seen.insert(kind);
                oracle.push((code, impact));
            }
            // Added errors and success-code changes.
            for k in 0..rng.below(3) {
                let code = format!("New.{round}.{k}");
                new_rows.push(Row {
                    code: code.clone(),
                    field: None,
                    name: format!("New{k}"),
                    status: 400,
                    retry: "never",
                    en: "New.".into(),
                    zh: "新。".into(),
                    action: None,
                });
                oracle.push((code, Impact::Additive));
                seen.insert(20);
            }
            if rng.below(4) == 0 {
                new_success.retain(|c| c != "OK.1");
                oracle.push(("OK.1".into(), Impact::Behaviour));
                seen.insert(21);
            }
            if rng.below(4) == 0 {
                new_success.push("OK.9".into());
                oracle.push(("OK.9".into(), Impact::Behaviour));
                seen.insert(22);
            }
            removed.sort_unstable();
            for i in removed.into_iter().rev() {
                new_rows.remove(i);
            }
            if rng.below(3) == 0 {
                // Reordering changes nothing of the API.
                new_rows.reverse();
            }
            let old = load(&spec(&old_rows, &old_success));
            let new = load(&spec(&new_rows, &new_success));
            let report = classify(&old, &new);
            let mut got: Vec<(String, Impact)> = report
                .changes
                .iter()
                .map(|c| (c.code.clone(), c.impact))
                .collect();
            got.sort();
            oracle.sort();
            assert_eq!(got, oracle, "round {round}:\n{}", report.text());
            let count = |i: Impact| oracle.iter().filter(|(_, x)| *x == i).count();
            let verdict = if count(Impact::Breaking) > 0 {
                Verdict::Major
            } else if count(Impact::Additive) > 0 {
                Verdict::Minor
            } else if count(Impact::Behaviour) > 0 {
                Verdict::Patch
            } else {
                Verdict::None
            };
            assert_eq!(report.verdict(), verdict, "round {round}");
            assert!(report.summary().starts_with(&format!(
                "breaking: {}, additive: {}, behaviour: {} -> ",
                count(Impact::Breaking),
                count(Impact::Additive),
                count(Impact::Behaviour)
            )));
            // The old line form lists the same differences (renames aside).
            let lines = diff(&old, &new);
            for c in report
                .changes
                .iter()
                .filter(|c| c.line.starts_with(['+', '-']))
            {
                assert!(
                    lines
                        .iter()
                        .any(|l| l.starts_with(&c.line[..2]) && l.contains(&c.code)),
                    "{c:?} {lines:?}"
                );
            }
        }
        assert_eq!(
            seen.len(),
            12,
            "every kind of mutation was generated: {seen:?}"
        );
    }

    #[test]
    fn summary_line_and_json() {
        let old = load(SPEC);
        let same = classify(&old, &old);
        assert!(same.changes.is_empty());
        assert_eq!(
            same.summary(),
            "breaking: 0, additive: 0, behaviour: 0 -> no change"
        );
        let new = load(
            &SPEC
                .replace(
                    "  - code: Processing\n",
                    "  - code: Processing\n    status: 500\n",
                )
                .replace("{field}", "{name}")
                .replace("OK.0", "Fresh.Error"),
        );
        let r = classify(&old, &new);
        assert_eq!(
            r.summary(),
            "breaking: 1, additive: 0, behaviour: 3 -> needs a major version",
            "{}",
            r.text()
        );
        let v: serde_json::Value = serde_json::from_str(&r.json()).unwrap();
        assert_eq!(v["verdict"], "major");
        assert_eq!(v["summary"]["breaking"], 1);
        assert_eq!(v["changes"].as_array().unwrap().len(), r.changes.len());
        assert_eq!(v["changes"][0]["impact"], "breaking");
        assert!(
            v["changes"][0]["meaning"]
                .as_str()
                .unwrap()
                .contains("{field} -> {name}")
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
