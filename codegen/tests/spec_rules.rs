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

/// A spec header that passes check, for the reading tests.
const HEAD: &str = "catalog: ReadError\nvendor: huawei\nsource: test\nlanguages: [en]\ndefaults: { status: 400 }\n";

/// A fresh directory under the test's temporary directory.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("errors-spec-rules-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `load_catalog` on the file system with a deadline: a hang is a
/// failure, not a stuck test run.
fn load_fs(base: &Path, spec: &str) -> Result<Catalog, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    let (base, spec) = (base.to_path_buf(), spec.to_owned());
    std::thread::spawn(move || {
        let r = load_catalog(&base, &spec, &errors_codegen::FsReader)
            .result
            .map_err(|d| d.to_string());
        let _ = tx.send(r);
    });
    rx.recv_timeout(std::time::Duration::from_secs(20))
        .expect("loading the spec finishes within 20 s")
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_refused_not_read() {
    let dir = scratch("fifo");
    let status = std::process::Command::new("mkfifo")
        .arg(dir.join("pipe.yaml"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    std::fs::write(
        dir.join("root.yaml"),
        format!("{HEAD}include: [pipe.yaml]\nerrors:\n  - code: A.1\n    en: One.\n"),
    )
    .unwrap();
    let err = load_fs(&dir, "root.yaml").unwrap_err();
    assert!(
        err.contains("cannot read included spec `pipe.yaml`: not a regular file"),
        "{err}"
    );
    // Named directly (a root spec may be anywhere): refused, not read.
    for device in ["/dev/zero", "/dev/urandom"] {
        let err = load_fs(Path::new(""), device).unwrap_err();
        assert!(err.contains("not a regular file"), "{err}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(unix)]
#[test]
fn symlinked_directories_cannot_multiply_the_include_tree() {
    let dir = scratch("symlinks");
    std::os::unix::fs::symlink(".", dir.join("a")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("b")).unwrap();
    std::fs::write(
        dir.join("x.yaml"),
        format!("{HEAD}include: [a/x.yaml, b/x.yaml]\nerrors:\n  - code: X.1\n    en: One.\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("root.yaml"),
        format!("{HEAD}include: [a/x.yaml, b/x.yaml, a/b/a/x.yaml]\nerrors:\n  - code: R.1\n    en: Root.\n"),
    )
    .unwrap();
    let err = load_fs(&dir, "root.yaml").unwrap_err();
    // x.yaml is one file however it is spelled: read once, its includes of
    // itself are cycles.
    assert!(err.contains("include cycle"), "{err}");
    assert!(!err.contains("duplicate code"), "x.yaml read twice:\n{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn includes_stay_inside_the_root_specs_directory() {
    let dir = scratch("outside");
    std::fs::create_dir_all(dir.join("specs/vendor")).unwrap();
    std::fs::write(dir.join("secret.yaml"), format!("{HEAD}errors: []\n")).unwrap();
    std::fs::write(
        dir.join("specs/vendor/common.yaml"),
        format!("{HEAD}errors:\n  - code: C.1\n    en: Common.\n"),
    )
    .unwrap();
    for (include, refusal) in [
        ("/etc/passwd", "is an absolute path"),
        ("../secret.yaml", "leads outside the root spec's directory"),
        (
            "vendor/../../secret.yaml",
            "leads outside the root spec's directory",
        ),
    ] {
        std::fs::write(
            dir.join("specs/root.yaml"),
            format!("{HEAD}include: [{include:?}]\nerrors:\n  - code: R.1\n    en: Root.\n"),
        )
        .unwrap();
        let err = load_fs(&dir, "specs/root.yaml").unwrap_err();
        assert!(
            err.contains(&format!("include `{include}` {refusal}")),
            "{err}"
        );
        assert!(!err.contains("root:"), "the file was read:\n{err}");
    }
    // Inside, through `..` that stays inside: read. The root spec itself
    // may be named through `..` (a crate naming the workspace's specs).
    std::fs::write(
        dir.join("specs/root.yaml"),
        format!(
            "{HEAD}include: [vendor/../vendor/common.yaml]\nerrors:\n  - code: R.1\n    en: Root.\n"
        ),
    )
    .unwrap();
    let catalog = load_fs(&dir.join("specs/vendor"), "../root.yaml").unwrap();
    assert_eq!(catalog.entries.len(), 2);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_bad_byte_is_named_at_its_line_and_column() {
    let dir = scratch("utf8");
    let mut bytes = format!("{HEAD}errors:\n  - code: A.1\n    en: Caf").into_bytes();
    bytes.extend([0xE9, b'\n']);
    std::fs::write(dir.join("latin1.yaml"), bytes).unwrap();
    let err = load_fs(&dir, "latin1.yaml").unwrap_err();
    let line = HEAD.lines().count() + 3;
    assert!(
        err.starts_with("error: spec `latin1.yaml` is not UTF-8\n"),
        "{err}"
    );
    assert!(err.contains(&format!("--> latin1.yaml:{line}:12")), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Specs of every size up to well past 36,000 entries load (the YAML
/// budgets follow the file's size).
#[test]
fn large_specs_within_the_size_limit_load() {
    for n in [1, 35_000, 36_000, 60_000] {
        let mut yaml = String::from(HEAD);
        yaml.push_str("errors:\n");
        for i in 0..n {
            yaml.push_str(&format!("  - code: A.{i}\n    en: Text {i}.\n"));
        }
        let catalog = load(&yaml).unwrap_or_else(|e| panic!("{n} entries: {e}"));
        assert_eq!(catalog.entries.len(), n);
    }
}

/// The YAML library's advice to its API users never reaches a spec author.
#[test]
fn yaml_problems_are_said_in_the_spec_authors_words() {
    for (yaml, want) in [
        (
            format!("{HEAD}errors:\n  - code: A.1\n    en: One.\n    en: Two.\n"),
            "key `en` appears twice in the same mapping",
        ),
        (
            format!("{HEAD}errors: []\n---\n{HEAD}errors: []\n"),
            "the file holds more than one YAML document",
        ),
    ] {
        let err = load(&yaml).unwrap_err();
        assert!(err.contains(want), "{err}");
        for api in ["DuplicateKeyPolicy", "Options", "from_str", "budget"] {
            assert!(!err.contains(api), "{api} in:\n{err}");
        }
    }
}
