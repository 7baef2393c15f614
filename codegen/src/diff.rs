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
