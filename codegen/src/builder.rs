//! The `build.rs` API: writes formatted catalogs to `OUT_DIR`.

use crate::diag::Diagnostics;
use crate::expand::{self, Definition, Plan};
use crate::spec::{FsReader, load_catalog};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::fmt;
use std::path::{Path, PathBuf};

/// Generates catalogs from `build.rs`.
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), errors_codegen::BuildError> {
///     errors_codegen::Builder::new()
///         .spec("specs/tencent/organization.yaml")
///         .compile()
/// }
/// // lib.rs: errors_catalog::include_catalog!("tencent_organization");
/// ```
///
/// Spec paths are relative to `CARGO_MANIFEST_DIR` (or [`Builder::base`]).
/// Each spec is written to `OUT_DIR/<dir>_<stem>.rs` (`tencent_organization.rs`
/// for `specs/tencent/organization.yaml`), formatted, with an `@generated`
/// header, only when its content changed; `cargo:rerun-if-changed` is printed
/// for every file read.
#[derive(Debug, Clone, Default)]
pub struct Builder {
    specs: Vec<(String, Option<String>)>,
    base: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    cargo_directives: bool,
}

/// Why [`Builder::compile`] failed. Its `Display` is the full diagnostic text.
#[derive(Debug)]
pub enum BuildError {
    /// A spec has problems.
    Spec(Diagnostics),
    /// `OUT_DIR` / `CARGO_MANIFEST_DIR` missing, or writing failed.
    Io(String),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Spec(d) => write!(f, "{d}"),
            BuildError::Io(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for BuildError {}

impl Builder {
    /// A builder with no specs; prints cargo directives.
    pub fn new() -> Builder {
        Builder {
            cargo_directives: true,
            ..Builder::default()
        }
    }

    /// Adds a spec (output named after its directory and stem).
    pub fn spec(mut self, path: impl Into<String>) -> Builder {
        self.specs.push((path.into(), None));
        self
    }

    /// Adds a spec written to `OUT_DIR/<name>.rs`.
    pub fn spec_as(mut self, path: impl Into<String>, name: impl Into<String>) -> Builder {
        self.specs.push((path.into(), Some(name.into())));
        self
    }

    /// Directory spec paths are relative to (default: `CARGO_MANIFEST_DIR`).
    pub fn base(mut self, dir: impl Into<PathBuf>) -> Builder {
        self.base = Some(dir.into());
        self
    }

    /// Output directory (default: `OUT_DIR`).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Builder {
        self.out_dir = Some(dir.into());
        self
    }

    /// Whether to print `cargo:rerun-if-changed` lines (default: yes).
    pub fn cargo_directives(mut self, on: bool) -> Builder {
        self.cargo_directives = on;
        self
    }

    /// Generates every spec; all specs are tried, and the problems of all of
    /// them are returned together.
    pub fn compile(self) -> Result<(), BuildError> {
        let base = match self.base {
            Some(b) => b,
            None => env_dir("CARGO_MANIFEST_DIR")?,
        };
        let out_dir = match self.out_dir {
            Some(o) => o,
            None => env_dir("OUT_DIR")?,
        };
        let mut all = Diagnostics::default();
        for (spec, name) in &self.specs {
            let (result, files) = generate(&base, spec);
            if self.cargo_directives {
                for f in &files {
                    println!("cargo:rerun-if-changed={}", f.display());
                }
            }
            match result {
                Ok(code) => {
                    let name = name.clone().unwrap_or_else(|| output_name(spec));
                    write_if_changed(&out_dir.join(format!("{name}.rs")), &code)?;
                }
                Err(d) => all.0.extend(d.0),
            }
        }
        if all.is_empty() {
            Ok(())
        } else {
            Err(BuildError::Spec(all))
        }
    }
}

fn env_dir(var: &str) -> Result<PathBuf, BuildError> {
    std::env::var_os(var)
        .map(PathBuf::from)
        .ok_or_else(|| BuildError::Io(format!("{var} is not set: call Builder::compile from build.rs, or set Builder::base / Builder::out_dir")))
}

fn write_if_changed(path: &Path, code: &str) -> Result<(), BuildError> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == code) {
        return Ok(());
    }
    std::fs::write(path, code)
        .map_err(|e| BuildError::Io(format!("cannot write {}: {e}", path.display())))
}

/// `specs/tencent/organization.yaml` -> `tencent_organization`.
pub fn output_name(spec: &str) -> String {
    let path = Path::new(spec);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = path
        .parent()
        .and_then(|p| p.file_name())
        .map(|s| s.to_string_lossy().into_owned());
    let raw = match dir {
        Some(d) if !d.is_empty() => format!("{d}_{stem}"),
        _ => stem,
    };
    raw.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// The tokens the builder (and the attribute macro on `pub enum <catalog> {}`)
/// generates for a catalog.
pub fn catalog_tokens(catalog: &crate::model::Catalog, spec: &str) -> TokenStream {
    let definition = Definition {
        attrs: expand::catalog_docs(catalog, spec),
        vis: quote!(pub),
        user_derives: Vec::new(),
    };
    let plan = Plan::whole_catalog(
        catalog,
        Ident::new(&catalog.name, Span::call_site()),
        definition,
    );
    expand::expand(&plan)
}

/// The file the builder writes (and `errors-codegen expand` prints) for
/// `spec`, and every file read.
pub fn generate(base: &Path, spec: &str) -> (Result<String, Diagnostics>, Vec<PathBuf>) {
    let loaded = load_catalog(base, spec, &FsReader);
    let result = loaded.result.map(|catalog| {
        let tokens = catalog_tokens(&catalog, spec);
        let header = format!(
            "// @generated by errors-codegen {} from `{spec}`. Do not edit: edit the spec.\n\n",
            env!("CARGO_PKG_VERSION")
        );
        header + &format_tokens(tokens)
    });
    (result, loaded.files)
}

/// prettyplease formatting (the raw tokens if they do not parse as a file,
/// which would be a generator bug).
pub fn format_tokens(tokens: TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(_) => tokens.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names() {
        assert_eq!(
            output_name("specs/tencent/organization.yaml"),
            "tencent_organization"
        );
        assert_eq!(output_name("cbc.yaml"), "cbc");
        assert_eq!(output_name("a/b-c/x.y.yaml"), "b_c_x_y");
    }
}
