//! Every spec and fixture in the repository is read by the simple YAML
//! reader (the fast path of the proc-macro), and read exactly as the general
//! YAML parser reads it: same values, same types, same positions.

use std::path::{Path, PathBuf};

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

#[test]
fn every_spec_in_the_repository_takes_the_simple_reader_and_reads_the_same() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in [
        "specs",
        "tencent-catalogs/specs",
        "tests/fixtures",
        "generated-example",
    ] {
        yaml_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 300, "{} files", files.len());
    let mut left = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        match errors_codegen::__fuzz::yaml_readers_agree(&text) {
            Ok(true) => {}
            Ok(false) => left.push(file.display().to_string()),
            Err(e) => panic!("{}: {e}", file.display()),
        }
    }
    // Fixtures written to test the general parser's errors are left to it.
    let left_specs: Vec<_> = left.iter().filter(|f| !f.contains("fixtures")).collect();
    assert!(
        left_specs.is_empty(),
        "left to the general parser: {left_specs:#?}"
    );
}
