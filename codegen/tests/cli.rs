//! The `errors-codegen` binary: exit codes, the same diagnostics text as the
//! library, `expand` byte-identical to what build.rs writes, stable imports.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    // codegen/ -> the workspace root.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errors-codegen"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the binary runs")
}

#[test]
fn check_accepts_the_real_specs() {
    let out = run(&[
        "check",
        "specs/huawei/cbc.yaml",
        "specs/alibaba/ens.yaml",
        "specs/tencent/organization.yaml",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("specs/huawei/cbc.yaml: ok (216 codes"),
        "{stdout}"
    );
}

#[test]
fn check_reports_every_problem_with_its_position_and_exits_1() {
    let spec = "tests/ui/specs/many_problems.yaml";
    let out = run(&["check", spec]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    // The same text the library (and so build.rs and the macro) produces.
    let expected = errors_codegen::load_catalog(&root(), spec, &errors_codegen::FsReader)
        .result
        .unwrap_err()
        .to_string();
    assert!(stderr.contains(&expected), "{stderr}\n---\n{expected}");
    assert!(stderr.contains(&format!("{spec}:1:1")), "{stderr}");
    assert!(stderr.matches("error:").count() >= 3, "{stderr}");
}

#[test]
fn expand_prints_exactly_what_the_builder_writes() {
    let spec = "specs/alibaba/ens.yaml";
    let out = run(&["expand", spec]);
    assert!(out.status.success());
    let expected = errors_codegen::generate(&root(), spec).0.unwrap();
    assert!(String::from_utf8(out.stdout).unwrap() == expected);
}

#[test]
fn import_is_stable_and_merge_reproduces_the_spec() {
    let page = "specs/sources/002_5904f100538517ad.txt";
    let a = run(&[
        "import",
        "--format",
        "pipe-table",
        "--catalog",
        "EnsError",
        page,
    ]);
    let b = run(&[
        "import",
        "--format",
        "pipe-table",
        "--catalog",
        "EnsError",
        page,
    ]);
    assert!(a.status.success() && a.stdout == b.stdout && !a.stdout.is_empty());
    let merged = run(&[
        "import",
        "--format",
        "pipe-table",
        "--merge",
        "specs/alibaba/ens.yaml",
        page,
    ]);
    assert!(merged.status.success());
    let spec = std::fs::read(root().join("specs/alibaba/ens.yaml")).unwrap();
    assert!(merged.stdout == spec, "merge changed the spec");
}

#[test]
fn a_page_in_another_layout_is_refused_naming_the_line() {
    let out = run(&[
        "import",
        "--format",
        "huawei-vertical",
        "--catalog",
        "X",
        "specs/sources/002_5904f100538517ad.txt",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("error: no table found in the page (140 lines searched, this is its end)\n  --> specs/sources/002_5904f100538517ad.txt:140:1\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("check `--format` (huawei-vertical)"),
        "{stderr}"
    );
}
