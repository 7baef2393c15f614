//! The `errors-codegen` binary: exit codes, the same diagnostics text as the
//! library, `expand` byte-identical to what build.rs writes, stable imports.

use std::path::PathBuf;
use std::process::{Command, Output};

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary in the crate's directory: every path below is the
/// crate's own (`tests/data`, `tests/pages`), so the tests pass from the
/// packaged crate too.
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errors-codegen"))
        .args(args)
        .current_dir(crate_dir())
        .output()
        .expect("the binary runs")
}

#[test]
fn check_accepts_valid_specs_and_counts_in_english() {
    let out = run(&[
        "check",
        "tests/data/one_each.yaml",
        "tests/data/templates.yaml",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "tests/data/one_each.yaml: ok (1 code, 1 success code, languages en, zh)\n\
         tests/data/templates.yaml: ok (4 codes, 1 success code, languages en, zh)\n"
    );
}

#[test]
fn check_reports_every_problem_with_its_position_and_exits_1() {
    let spec = "tests/data/many_problems.yaml";
    let out = run(&["check", spec]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    // The same text the library (and so build.rs and the macro) produces.
    let expected = errors_codegen::load_catalog(&crate_dir(), spec, &errors_codegen::FsReader)
        .result
        .unwrap_err()
        .to_string();
    assert!(stderr.contains(&expected), "{stderr}\n---\n{expected}");
    assert!(stderr.contains(&format!("{spec}:1:1")), "{stderr}");
    assert!(stderr.matches("error:").count() >= 3, "{stderr}");
}

#[test]
fn expand_prints_exactly_what_the_builder_writes() {
    let spec = "tests/data/templates.yaml";
    let out = run(&["expand", spec]);
    assert!(out.status.success());
    let expected = errors_codegen::generate(&crate_dir(), spec).0.unwrap();
    assert!(String::from_utf8(out.stdout).unwrap() == expected);
}

#[test]
fn import_is_stable_and_merge_reproduces_the_spec() {
    let page = "tests/pages/alibaba_ecs_errors.md";
    let args = [
        "import",
        "--catalog",
        "EcsError",
        "--vendor",
        "alibaba",
        page,
    ];
    let a = run(&args);
    let b = run(&args);
    assert!(a.status.success() && a.stdout == b.stdout && !a.stdout.is_empty());
    let dir = std::env::temp_dir().join(format!("errors-codegen-merge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("ecs.yaml");
    std::fs::write(&spec, &a.stdout).unwrap();
    let merged = run(&["import", "--merge", spec.to_str().unwrap(), page]);
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    assert!(merged.stdout == a.stdout, "merge changed the spec");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_page_in_another_layout_is_refused_naming_the_line() {
    let page = "tests/pages/tencent_cvm_errors_ko.md";
    let lines = std::fs::read_to_string(crate_dir().join(page))
        .unwrap()
        .lines()
        .count();
    let out = run(&[
        "import",
        "--format",
        "huawei-vertical",
        "--catalog",
        "X",
        page,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!(
            "error: no table found in the page ({lines} lines searched, this is its end)\n  --> {page}:{lines}:1\n"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("check `--format` (huawei-vertical)"),
        "{stderr}"
    );
}

/// One page of every dialect (`tests/pages/`), imported with the default
/// `--format auto`: the spec printed passes `check`, the tables read are
/// named on stderr.
#[test]
fn import_reads_a_page_of_every_dialect() {
    let pages = crate_dir().join("tests/pages");
    let cases = [
        (
            "alibaba_ecs_errors.md",
            "alibaba",
            &["(markdown, 9 rows", "(html, 4 rows"][..],
            13,
        ),
        ("huawei_iam_errors.txt", "huawei", &["(vertical, 7 rows"], 7),
        (
            "alibaba_product_errors.html",
            "alibaba",
            &["(html, 5 rows", "(html, 2 rows"],
            7,
        ),
        (
            "tencent_cvm_errors_ja.txt",
            "tencent",
            &["(code-description, 5 rows", "(code-description, 4 rows"],
            9,
        ),
        (
            "huawei_ecs_snippets.txt",
            "huawei",
            &["(inline, 3 rows", "(inline, 2 rows"],
            4,
        ),
        (
            "tencent_cvm_errors_ko.md",
            "tencent",
            &["(markdown, 3 rows"],
            3,
        ),
    ];
    let dir = std::env::temp_dir().join(format!("errors-codegen-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (page, vendor, tables, codes) in cases {
        let path = pages.join(page);
        let path = path.to_str().unwrap();
        let out = run(&["import", "--catalog", "PageError", "--vendor", vendor, path]);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{page}: {stderr}");
        for t in tables {
            assert!(stderr.contains(t), "{page}: {stderr}");
        }
        let spec = dir.join(format!("{page}.yaml"));
        std::fs::write(&spec, &out.stdout).unwrap();
        let check = run(&["check", spec.to_str().unwrap()]);
        let stdout = String::from_utf8_lossy(&check.stdout).into_owned();
        assert!(
            check.status.success(),
            "{page}: {}",
            String::from_utf8_lossy(&check.stderr)
        );
        assert!(
            stdout.contains(&format!(": ok ({codes} codes")),
            "{page}: {stdout}"
        );
    }
    // One table of a page, and a table that is not there.
    let md = pages.join("alibaba_ecs_errors.md");
    let md = md.to_str().unwrap();
    let out = run(&[
        "import",
        "--table",
        "2",
        "--catalog",
        "E",
        "--vendor",
        "alibaba",
        md,
    ]);
    let yaml = String::from_utf8(out.stdout).unwrap();
    assert!(
        yaml.contains("  - code: MissingParameter\n") && !yaml.contains("Zone.NotOnSale"),
        "{yaml}"
    );
    let out = run(&[
        "import",
        "--table",
        "3",
        "--catalog",
        "E",
        "--vendor",
        "alibaba",
        md,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("there is no error table 3: the page has 2")
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A file of the crate's own test data.
fn data(name: &str) -> String {
    format!("tests/data/{name}")
}

#[test]
fn a_tab_in_the_indentation_is_named_on_its_line_with_the_fix() {
    let spec = data("tab_indent.yaml");
    let out = run(&["check", &spec]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "error: a tab in the indentation: YAML indents with spaces only\n  --> {spec}:10:1\n   = help: replace the tab with spaces, as many as the lines around it use\n\n"
        )
    );
}

/// A page whose spec would exceed the spec size limit is refused with the
/// limit named and a way out, not written as a spec `check` rejects.
#[test]
fn a_page_too_large_for_one_spec_is_refused_with_a_way_out() {
    let dir = std::env::temp_dir().join(format!("errors-codegen-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut page = String::from("| 错误码 | 错误信息 |\n|---|---|\n");
    let long = "word ".repeat(1800);
    for i in 0..2000 {
        page.push_str(&format!("| Big.{i} | {long}{i}. |\n"));
    }
    let path = dir.join("big.md");
    std::fs::write(&path, &page).unwrap();
    let out = run(&[
        "import",
        "--catalog",
        "BigError",
        "--vendor",
        "tencent",
        "--default-status",
        "400",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("(2000 rows), more than the 16777216 bytes a spec may have"),
        "{stderr}"
    );
    assert!(stderr.contains("`--table N`, `--section NAME`"), "{stderr}");
    assert!(!stderr.contains("a bug of the importer"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

/// `diff`: one spec pair per exit status (0 no change, 1 non-breaking, 3
/// breaking, 2 error), the report's summary line and its JSON form.
#[test]
fn diff_exit_statuses_summary_and_json() {
    let dir = std::env::temp_dir().join(format!("errors-codegen-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let base = std::fs::read_to_string(crate_dir().join("tests/data/templates.yaml")).unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    };
    let old = write("old.yaml", &base);
    // Non-breaking: one added error (additive) and one changed message (behaviour).
    let added = base.replacen(
        "errors:\n",
        "errors:\n  - code: Brand.New\n    en: New.\n    zh: 新。\n",
        1,
    );
    let additive = write("additive.yaml", &added);
    // Breaking: the first error removed.
    let first = base.find("  - code:").unwrap();
    let second = first + 3 + base[first + 3..].find("  - code:").unwrap();
    let removed = format!("{}{}", &base[..first], &base[second..]);
    let breaking = write("breaking.yaml", &removed);

    let same = run(&["diff", &old, &old]);
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(same.stdout).unwrap(),
        "breaking: 0, additive: 0, behaviour: 0 -> no change\n"
    );

    let out = run(&["diff", &old, &additive]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("additive   + Brand.New (error, added): variant "),
        "{text}"
    );
    assert!(
        text.ends_with("breaking: 0, additive: 1, behaviour: 0 -> needs a minor version\n"),
        "{text}"
    );

    let out = run(&["diff", &old, &breaking]);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("breaking   - "), "{text}");
    assert!(
        text.trim_end().ends_with("-> needs a major version"),
        "{text}"
    );

    let out = run(&["diff", "--json", &old, &breaking]);
    assert_eq!(out.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verdict"], "major");
    assert_eq!(v["summary"]["breaking"], 1);
    assert_eq!(v["changes"][0]["kind"], "removed");

    let out = run(&["diff", &old, "tests/data/no-such-spec.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("no-such-spec.yaml")
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// `docs`: the page is written, every code of every spec is on it, and a
/// spec with problems fails with its diagnostics and writes nothing.
#[test]
fn docs_writes_one_page_for_several_specs() {
    let dir = std::env::temp_dir().join(format!("errors-codegen-docs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("catalog.html");
    let specs = ["tests/data/one_each.yaml", "tests/data/templates.yaml"];
    let out = run(&["docs", specs[0], specs[1], "-o", page.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let html = std::fs::read_to_string(&page).unwrap();
    for spec in specs {
        let c = errors_codegen::load_catalog(&crate_dir(), spec, &errors_codegen::FsReader)
            .result
            .unwrap();
        assert!(html.contains(&format!("<h2>{}</h2>", c.name)));
        for e in &c.entries {
            assert!(html.contains(&format!(
                "id=\"{}\"",
                errors_codegen::docs::escape(&e.vendor_code())
            )));
        }
    }
    let bad = dir.join("bad.html");
    let out = run(&[
        "docs",
        "tests/data/many_problems.yaml",
        "-o",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!bad.exists());
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("many_problems.yaml:1:1")
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// `import --format tencent-sdk-go`: the SDK's Chinese and English files of
/// a package and the common spec give a spec that `check` accepts, with
/// the product's codes, English where the English file has it, and the
/// include; another Go file is refused naming its line; page options are
/// refused with this format, `--en` without it.
#[test]
fn import_reads_a_tencent_sdk_errors_go() {
    let dir = "tests/data/tencent-sdk";
    let zh = format!("{dir}/zh/organization/v20181225/errors.go");
    let en = format!("{dir}/en/organization/v20181225/errors.go");
    let common = format!("{dir}/common.yaml");
    let out = run(&[
        "import",
        "--format",
        "tencent-sdk-go",
        "--en",
        &en,
        "--include",
        &common,
        &zh,
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let yaml = String::from_utf8(out.stdout).unwrap();
    assert!(
        yaml.starts_with("catalog: OrganizationV20181225Error\nvendor: tencent\n"),
        "{yaml}"
    );
    assert!(yaml.contains(&format!("include: [{common}]\n")), "{yaml}");
    assert!(yaml.contains("defaults: { status: 200 }\n"), "{yaml}");
    let zh_text = std::fs::read_to_string(crate_dir().join(&zh)).unwrap();
    let sdk = errors_codegen::import::tencent_sdk::parse_errors_go(&zh_text, &zh).unwrap();
    for c in &sdk.codes {
        assert!(
            yaml.contains(&format!("  - code: {}\n", c.code)),
            "{}",
            c.code
        );
    }
    assert!(
        stderr.contains(&format!("note: {} codes", sdk.codes.len())),
        "{stderr}"
    );
    // The same bytes again.
    let again = run(&[
        "import",
        "--format",
        "tencent-sdk-go",
        "--en",
        &en,
        "--include",
        &common,
        &zh,
    ]);
    assert_eq!(again.stdout, yaml.as_bytes());

    let bad = format!("{dir}/not-errors.go");
    let out = run(&[
        "import",
        "--format",
        "tencent-sdk-go",
        "--catalog",
        "X",
        &bad,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{bad}:3:1")) && stderr.contains("outside a `const (` block"),
        "{stderr}"
    );

    let out = run(&["import", "--format", "tencent-sdk-go", "--table", "1", &zh]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`--table` is not an option"));
    let out = run(&["import", "--en", &en, &zh]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("options of `--format tencent-sdk-go`"));
}
