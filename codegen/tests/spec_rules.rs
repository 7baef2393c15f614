//! Rules a spec author relies on, checked over every input they vary over
//! (statuses, retry classes, where a tab sits), not over our fixtures.

use std::path::Path;

use errors_codegen::{Catalog, Retry, SpecReader, load_catalog};

/// Serves one spec text for every path.
struct One(String);

impl SpecReader for One {
    fn read(&self, _: &Path) -> std::io::Result<String> {
        Ok(self.0.clone())
    }
}

fn load(yaml: &str) -> Result<Catalog, String> {
    load_catalog(Path::new(""), "spec.yaml", &One(yaml.to_owned()))
        .result
        .map_err(|d| d.to_string())
}

/// Every status 100..=599, with and without `defaults.retry` of every class,
/// with and without the entry's own `retry`: the entry's class wins; else a
/// 429 or 5xx keeps the class its status implies (a spec-wide default never
/// silently turns a 503 into `never`); else the default; else the status.
#[test]
fn defaults_retry_never_overrides_what_429_and_5xx_imply() {
    let defaults: Vec<Option<Retry>> = std::iter::once(None)
        .chain(Retry::ALL.iter().copied().map(Some))
        .collect();
    for default in &defaults {
        for own in [None, Some(Retry::AfterRefresh), Some(Retry::Never)] {
            let mut yaml =
                String::from("catalog: RuleError\nvendor: huawei\nsource: test\nlanguages: [en]\n");
            if let Some(d) = default {
                yaml.push_str(&format!("defaults: {{ retry: {} }}\n", d.as_str()));
            }
            yaml.push_str("errors:\n");
            for status in 100..=599u16 {
                yaml.push_str(&format!(
                    "  - code: E.{status}\n    status: {status}\n    en: Status {status}.\n"
                ));
                if let Some(r) = own {
                    yaml.push_str(&format!("    retry: {}\n", r.as_str()));
                }
            }
            let catalog = load(&yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
            assert_eq!(catalog.entries.len(), 500);
            for (entry, status) in catalog.entries.iter().zip(100..=599u16) {
                let want = match (own, default) {
                    (Some(r), _) => r,
                    (None, _) if status == 429 => Retry::Throttled,
                    (None, _) if (500..=599).contains(&status) => Retry::Transient,
                    (None, Some(d)) => *d,
                    (None, None) => Retry::Never,
                };
                assert_eq!(
                    entry.retry, want,
                    "status {status}, defaults.retry {default:?}, own {own:?}"
                );
            }
        }
    }
}

/// A spec of `n` entries whose keys vary (quoted and plain values, notes,
/// templates), one key per line.
fn varied_spec(n: usize) -> String {
    let mut yaml =
        String::from("catalog: TabError\nvendor: tencent\nsource: test\nlanguages: [en, zh]\n");
    yaml.push_str("defaults: { status: 400 }\nerrors:\n");
    for i in 0..n {
        match i % 4 {
            0 => yaml.push_str(&format!("  - code: A.{i}\n    en: Plain {i}.\n    zh: 平。\n")),
            1 => yaml.push_str(&format!(
                "  - code: \"B.{i}\"\n    status: 500\n    en: \"Quoted: {i}\"\n    zh: 引号。\n"
            )),
            2 => yaml.push_str(&format!(
                "  - code: C.{i}.{{field}}\n    en: Field {{field}} is wrong.\n    zh: \"-\"\n    note: A note.\n"
            )),
            _ => yaml.push_str(&format!(
                "  - code: D.{i}\n    retry: throttled\n    en: 'Single {i}'\n    zh: 单。\n"
            )),
        }
    }
    yaml
}

/// A tab put in the indentation of any key line of a valid spec (instead of
/// the spaces, before them or after them) is reported on that line, at the
/// tab's column, with the fix; never at the line before, never as the YAML
/// library's words.
#[test]
fn a_tab_in_any_indentation_is_reported_where_it_is() {
    let yaml = varied_spec(12);
    load(&yaml).expect("the spec without tabs is valid");
    let lines: Vec<&str> = yaml.lines().collect();
    let mut reported = 0;
    for (i, line) in lines.iter().enumerate() {
        let indent = line.len() - line.trim_start().len();
        if indent == 0 {
            continue;
        }
        for (variant, col) in [
            (format!("\t{}", line.trim_start()), 1),
            (format!("\t{line}"), 1),
            (
                format!("{}\t{}", &line[..indent], line.trim_start()),
                indent + 1,
            ),
        ] {
            let mut edited = lines.clone();
            edited[i] = &variant;
            let text = edited.join("\n") + "\n";
            let Err(err) = load(&text) else { continue };
            let first = err.lines().take(3).collect::<Vec<_>>().join("\n");
            assert_eq!(
                first,
                format!(
                    "error: a tab in the indentation: YAML indents with spaces only\n  --> spec.yaml:{}:{col}\n   = help: replace the tab with spaces, as many as the lines around it use",
                    i + 1
                ),
                "tab on line {}:\n{text}",
                i + 1
            );
            reported += 1;
        }
    }
    // Most edits break the YAML (a tab after a key's spaces can be legal).
    assert!(reported >= 60, "only {reported} edits were errors");
}
