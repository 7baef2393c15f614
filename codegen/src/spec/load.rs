//! Reading spec files and resolving `include`s.
//!
//! Files are read through [`SpecReader`], so the proc-macro can record every
//! file it read (to make the crate rebuild when one changes) and tests can
//! serve files from memory. Paths are shown relative to the resolution base
//! (the directory specs are named from), so diagnostics are stable.

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::spec::ast::{self, SpecFile};
use crate::spec::yaml;
use std::path::{Component, Path, PathBuf};

/// Where spec text comes from.
pub trait SpecReader {
    /// Reads a whole file as UTF-8.
    fn read(&self, path: &Path) -> std::io::Result<String>;
}

/// Reads from the file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct FsReader;

impl SpecReader for FsReader {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        std::fs::read_to_string(path)
    }
}

/// A catalog's spec files, parsed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Parsed {
    /// Included specs first (depth first, in include order), the root last.
    pub specs: Vec<SpecFile>,
    /// Every file read (or tried), as `base.join(name)`, in reading order.
    pub files: Vec<PathBuf>,
}

impl Parsed {
    /// The root spec (the one named by the user), if it could be read.
    pub fn root(&self) -> Option<&SpecFile> {
        self.specs.last()
    }
}

/// Loads `name` (relative to `base`, or absolute) and everything it includes.
pub fn load(base: &Path, name: &str, reader: &dyn SpecReader, diags: &mut Diagnostics) -> Parsed {
    let mut loaded = Parsed::default();
    let mut stack = Vec::new();
    let display = normalize(Path::new(name));
    load_file(base, &display, None, reader, diags, &mut loaded, &mut stack);
    loaded
}

fn load_file(
    base: &Path,
    display: &Path,
    included_at: Option<&Pos>,
    reader: &dyn SpecReader,
    diags: &mut Diagnostics,
    loaded: &mut Parsed,
    stack: &mut Vec<PathBuf>,
) {
    let shown = display.to_string_lossy().replace('\\', "/");
    let full = base.join(display);
    if loaded.files.contains(&full) {
        return;
    }
    loaded.files.push(full.clone());
    let text = match reader.read(&full) {
        Ok(text) => text,
        Err(err) => {
            let pos = included_at
                .cloned()
                .unwrap_or_else(|| Pos::new(&shown, 0, 0));
            let what = if included_at.is_some() {
                "included spec"
            } else {
                "spec"
            };
            diags.push(
                Diagnostic::new(pos, format!("cannot read {what} `{shown}`: {err}")).help(format!(
                    "check the path; it is resolved to `{}`",
                    full.display()
                )),
            );
            return;
        }
    };
    let node = match yaml::parse(&text, &shown) {
        Ok(node) => node,
        Err(d) => {
            diags.push(d);
            return;
        }
    };
    let spec = ast::parse_spec(&node, &shown, diags);
    stack.push(display.to_path_buf());
    let dir = display.parent().unwrap_or(Path::new(""));
    for include in &spec.includes {
        let target = normalize(&dir.join(&include.value));
        if let Some(start) = stack.iter().position(|p| *p == target) {
            let cycle: Vec<String> = stack[start..]
                .iter()
                .chain(std::iter::once(&target))
                .map(|p| format!("`{}`", p.display()))
                .collect();
            diags.push(
                Diagnostic::new(include.pos.clone(), format!("include cycle: {}", cycle.join(" -> ")))
                    .help("remove one of the includes; shared codes belong in a file that includes nothing"),
            );
            continue;
        }
        load_file(
            base,
            &target,
            Some(&include.pos),
            reader,
            diags,
            loaded,
            stack,
        );
    }
    stack.pop();
    loaded.specs.push(spec);
}

/// Lexical normalization (`a/./b/../c` -> `a/c`); no file system access.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() || out.as_os_str().is_empty() && path.is_absolute() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Files served from memory, keyed by path relative to `/mem`.
    pub(crate) struct MemReader(pub HashMap<String, String>);

    impl SpecReader for MemReader {
        fn read(&self, path: &Path) -> std::io::Result<String> {
            let key = path
                .strip_prefix("/mem")
                .unwrap_or(path)
                .to_string_lossy()
                .into_owned();
            self.0.get(&key).cloned().ok_or_else(|| {
                std::io::Error::new(std::io::ErrorKind::NotFound, "No such file or directory")
            })
        }
    }

    pub(crate) fn mem(files: &[(&str, &str)]) -> MemReader {
        MemReader(
            files
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    const HEAD: &str = "catalog: X\nvendor: tencent\nsource: s\nlanguages: [en]\n";

    #[test]
    fn includes_come_first_and_cycles_are_reported() {
        let reader = mem(&[
            (
                "a/root.yaml",
                &format!("{HEAD}include: [../common/c.yaml]\nerrors: []\n"),
            ),
            (
                "common/c.yaml",
                &format!("{HEAD}include: [../a/root.yaml]\nerrors: []\n"),
            ),
        ]);
        let mut diags = Diagnostics::default();
        let loaded = load(Path::new("/mem"), "a/root.yaml", &reader, &mut diags);
        assert_eq!(loaded.specs.len(), 2);
        assert_eq!(loaded.specs[0].file, "common/c.yaml");
        assert_eq!(loaded.root().unwrap().file, "a/root.yaml");
        let text = diags.to_string();
        assert!(
            text.contains("include cycle: `a/root.yaml` -> `common/c.yaml` -> `a/root.yaml`"),
            "{text}"
        );
        assert!(text.contains("common/c.yaml:5:11"), "{text}");
    }

    #[test]
    fn missing_include_points_at_the_include() {
        let reader = mem(&[(
            "r.yaml",
            &format!("{HEAD}include:\n  - nope.yaml\nerrors: []\n"),
        )]);
        let mut diags = Diagnostics::default();
        let loaded = load(Path::new("/mem"), "r.yaml", &reader, &mut diags);
        assert_eq!(loaded.files.len(), 2);
        let text = diags.to_string();
        assert!(
            text.contains("cannot read included spec `nope.yaml`") && text.contains("r.yaml:6:5"),
            "{text}"
        );
    }

    #[test]
    fn normalizes_lexically() {
        assert_eq!(
            normalize(Path::new("a/./b/../c.yaml")),
            PathBuf::from("a/c.yaml")
        );
        assert_eq!(
            normalize(Path::new("../x.yaml")),
            PathBuf::from("../x.yaml")
        );
    }
}
