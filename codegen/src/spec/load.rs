//! Reading spec files and resolving `include`s.
//!
//! Files are read through [`SpecReader`], so the proc-macro can record every
//! file it read (to make the crate rebuild when one changes) and tests can
//! serve files from memory. Paths are shown relative to the resolution base
//! (the directory specs are named from), so diagnostics are stable.

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::spec::ast::{self, SpecFile};
use crate::spec::yaml::{self, MAX_SPEC_BYTES};
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

/// Where spec text comes from.
pub trait SpecReader {
    /// Reads a whole file as UTF-8.
    fn read(&self, path: &Path) -> std::io::Result<String>;

    /// What makes two paths the same file (the canonical path on a file
    /// system), so include cycles and repeats are found whatever the
    /// spelling (symlinks, `a/../a`); `None` when unknown.
    fn identity(&self, path: &Path) -> Option<PathBuf> {
        let _ = path;
        None
    }
}

/// Reads from the file system: regular files only (a FIFO or a device is
/// refused before it is opened), at most 16 MiB read.
#[derive(Debug, Clone, Copy, Default)]
pub struct FsReader;

impl SpecReader for FsReader {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        use std::io::{Error, ErrorKind, Read};
        // `metadata` follows symlinks and does not open: a FIFO cannot block.
        if !std::fs::metadata(path)?.is_file() {
            return Err(Error::new(ErrorKind::InvalidInput, "not a regular file"));
        }
        let file = std::fs::File::open(path)?;
        let mut bytes = Vec::new();
        let limit = u64::try_from(MAX_SPEC_BYTES).unwrap_or(u64::MAX);
        file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
        if bytes.len() > MAX_SPEC_BYTES {
            return Err(Error::new(
                ErrorKind::InvalidData,
                format!("larger than the limit of {MAX_SPEC_BYTES} bytes"),
            ));
        }
        String::from_utf8(bytes).map_err(|e| {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            Error::new(ErrorKind::InvalidData, NotUtf8::at(good))
        })
    }

    fn identity(&self, path: &Path) -> Option<PathBuf> {
        std::fs::canonicalize(path).ok()
    }
}

/// A file that is not UTF-8: where its first bad byte is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotUtf8 {
    pub line: u32,
    pub col: u32,
}

impl NotUtf8 {
    /// The position after `good`, the valid UTF-8 before the bad byte.
    fn at(good: &[u8]) -> NotUtf8 {
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // Valid UTF-8 up to here: count characters, not bytes.
        let col = String::from_utf8_lossy(&good[start..]).chars().count() + 1;
        NotUtf8 {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
        }
    }
}

impl std::fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "not UTF-8: an invalid byte at line {}, column {}",
            self.line, self.col
        )
    }
}

impl std::error::Error for NotUtf8 {}

/// A catalog's spec files, parsed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Parsed {
    /// Included specs first (depth first, in include order), the root last.
    pub specs: Vec<SpecFile>,
    /// Every file read (or tried), as `base.join(name)`, in reading order.
    pub files: Vec<PathBuf>,
    /// The codes the root spec lists (`errors` and `success`).
    root_codes: HashSet<String>,
}

impl Parsed {
    /// The root spec (the one named by the user), if it could be read.
    pub fn root(&self) -> Option<&SpecFile> {
        self.specs.last()
    }

    /// The override rule of `include`: an entry of an included spec (`file`
    /// is its index in [`Parsed::specs`]) whose code the root spec also
    /// lists, in `errors` or `success`, is not part of the catalog; the
    /// root's entry wins (a product's own wording of a common code). Two
    /// included specs listing one code, or one file listing it twice,
    /// stay duplicate-code errors.
    pub fn is_overridden(&self, file: usize, code: &str) -> bool {
        file + 1 < self.specs.len() && self.root_codes.contains(code)
    }
}

/// Loads `name` (relative to `base`, or absolute) and everything it includes.
pub fn load(base: &Path, name: &str, reader: &dyn SpecReader, diags: &mut Diagnostics) -> Parsed {
    let mut loader = Loader {
        base,
        reader,
        diags,
        loaded: Parsed::default(),
        identities: Vec::new(),
        stack: Vec::new(),
    };
    let display = normalize(Path::new(name));
    let root = display.parent().unwrap_or(Path::new("")).to_path_buf();
    loader.file(&display, &root, None);
    let mut parsed = loader.loaded;
    // Only entries of included files are looked up (`is_overridden`).
    if let [_, .., root] = parsed.specs.as_slice() {
        parsed.root_codes = root
            .errors
            .iter()
            .chain(&root.success)
            .filter_map(|e| e.code.as_ref().map(|c| c.value.clone()))
            .collect();
    }
    parsed
}

/// The state of one load: what was read, and the chain of includes.
struct Loader<'a> {
    base: &'a Path,
    reader: &'a dyn SpecReader,
    diags: &'a mut Diagnostics,
    loaded: Parsed,
    /// The identity of every file read (see [`SpecReader::identity`]).
    identities: Vec<PathBuf>,
    /// The includes being read, outermost first: shown path and identity.
    stack: Vec<(PathBuf, Option<PathBuf>)>,
}

impl Loader<'_> {
    fn file(&mut self, display: &Path, root: &Path, included_at: Option<&Pos>) {
        let shown = display.to_string_lossy().replace('\\', "/");
        let full = self.base.join(display);
        // Without an identity from the reader, the normalized path is one.
        let identity = Some(
            self.reader
                .identity(&full)
                .unwrap_or_else(|| normalize(&full)),
        );
        if let Some(id) = &identity
            && let Some(start) = self.stack.iter().position(|(_, i)| i.as_ref() == Some(id))
            && let Some(pos) = included_at
        {
            let cycle: Vec<String> = self.stack[start..]
                .iter()
                .map(|(p, _)| p)
                .chain(std::iter::once(&display.to_path_buf()))
                .map(|p| format!("`{}`", p.display()))
                .collect();
            self.diags.push(
                Diagnostic::new(pos.clone(), format!("include cycle: {}", cycle.join(" -> ")))
                    .help("remove one of the includes; shared codes belong in a file that includes nothing"),
            );
            return;
        }
        // A file included twice (by spelling or by identity) is read once.
        if self.loaded.files.contains(&full)
            || identity
                .as_ref()
                .is_some_and(|id| self.identities.contains(id))
        {
            return;
        }
        self.loaded.files.push(full.clone());
        self.identities.extend(identity.clone());
        let text = match self.reader.read(&full) {
            Ok(text) => text,
            Err(err) => {
                self.unreadable(&shown, &full, included_at, &err);
                return;
            }
        };
        let node = match yaml::parse(&text, &shown) {
            Ok(node) => node,
            Err(d) => {
                self.diags.push(d);
                return;
            }
        };
        let spec = ast::parse_spec(&node, &shown, self.diags);
        self.stack.push((display.to_path_buf(), identity));
        let dir = display.parent().unwrap_or(Path::new("")).to_path_buf();
        for include in &spec.includes {
            match include_path(&dir, root, &include.value) {
                Ok(target) => self.file(&target, root, Some(&include.pos)),
                Err(why) => self.diags.push(
                    Diagnostic::new(include.pos.clone(), format!("include `{}` {why}", include.value))
                        .help("includes are paths relative to the including file, inside the root spec's directory"),
                ),
            }
        }
        self.stack.pop();
        self.loaded.specs.push(spec);
    }

    fn unreadable(
        &mut self,
        shown: &str,
        full: &Path,
        included_at: Option<&Pos>,
        err: &std::io::Error,
    ) {
        let what = if included_at.is_some() {
            "included spec"
        } else {
            "spec"
        };
        if let Some(bad) = err.get_ref().and_then(|e| e.downcast_ref::<NotUtf8>()) {
            self.diags.push(
                Diagnostic::new(
                    Pos::new(shown, bad.line, bad.col),
                    format!("{what} `{shown}` is not UTF-8"),
                )
                .help("save the file as UTF-8 (the byte here is not)"),
            );
            return;
        }
        let pos = included_at
            .cloned()
            .unwrap_or_else(|| Pos::new(shown, 0, 0));
        self.diags.push(
            Diagnostic::new(pos, format!("cannot read {what} `{shown}`: {err}")).help(format!(
                "check the path; it is resolved to `{}`",
                full.display()
            )),
        );
    }
}

/// Where an include of the file in `dir` leads, if it stays inside `root`
/// (the root spec's directory): a spec never reads a file its author did
/// not put beside it (`/etc/passwd`, `../../secrets.yaml`).
fn include_path(dir: &Path, root: &Path, include: &str) -> Result<PathBuf, &'static str> {
    let path = Path::new(include);
    if path.has_root() || path.components().any(|c| matches!(c, Component::Prefix(_))) {
        return Err("is an absolute path");
    }
    let target = normalize(&dir.join(path));
    // Both are normalized (`..` only leads), so a prefix test is exact.
    let inside = target
        .strip_prefix(normalize(root))
        .is_ok_and(|rest| !rest.starts_with(".."));
    if !inside {
        return Err("leads outside the root spec's directory");
    }
    Ok(target)
}

/// Lexical normalization (`a/./b/../c` -> `a/c`); no file system access.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                // `..` removes a name; it stays where there is none (a
                // leading `..`, or after others), and `/..` is `/`.
                let last = out.components().next_back();
                match last {
                    Some(Component::Normal(_)) => {
                        out.pop();
                    }
                    Some(Component::RootDir | Component::Prefix(_)) => {}
                    Some(Component::ParentDir | Component::CurDir) | None => out.push(".."),
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
                &format!("{HEAD}include: [common/c.yaml]\nerrors: []\n"),
            ),
            (
                "a/common/c.yaml",
                &format!("{HEAD}include: [../root.yaml]\nerrors: []\n"),
            ),
        ]);
        let mut diags = Diagnostics::default();
        let loaded = load(Path::new("/mem"), "a/root.yaml", &reader, &mut diags);
        assert_eq!(loaded.specs.len(), 2);
        assert_eq!(loaded.specs[0].file, "a/common/c.yaml");
        assert_eq!(loaded.root().unwrap().file, "a/root.yaml");
        let text = diags.to_string();
        assert!(
            text.contains("include cycle: `a/root.yaml` -> `a/common/c.yaml` -> `a/root.yaml`"),
            "{text}"
        );
        assert!(text.contains("a/common/c.yaml:5:11"), "{text}");
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
        for (path, want) in [
            ("../x.yaml", "../x.yaml"),
            ("../../a/b.yaml", "../../a/b.yaml"),
            ("a/../../b.yaml", "../b.yaml"),
            ("a/b/../../../c/./d.yaml", "../c/d.yaml"),
            ("/../x.yaml", "/x.yaml"),
            ("./a/./b.yaml", "a/b.yaml"),
        ] {
            assert_eq!(normalize(Path::new(path)), PathBuf::from(want), "{path}");
        }
    }
}
