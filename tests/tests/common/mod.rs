//! Helpers of the tests that build a scratch crate outside the workspace.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
        .to_path_buf()
}

/// Writes `text` to `path`, creating its directory.
pub fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

/// Runs cargo in `dir`; a failure fails the test with cargo's stderr.
pub fn cargo(dir: &Path, args: &[&str], env: &[(&str, &str)]) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .envs(env.iter().copied())
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo {} failed:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `cargo doc --no-deps` in `dir` with rustdoc warnings as errors.
pub fn cargo_doc(dir: &Path, target: &str) {
    cargo(
        dir,
        &["doc", "--no-deps", "-q"],
        &[
            ("CARGO_TARGET_DIR", target),
            ("RUSTDOCFLAGS", "-D warnings"),
        ],
    );
}
