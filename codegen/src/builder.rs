//! The `build.rs` API: writes formatted catalogs to `OUT_DIR`.

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::expand::{self, Definition, Options, Plan};
use crate::model::Catalog;
use crate::spec::{FsReader, load_catalog};
use heck::ToSnakeCase;
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
/// // lib.rs: errors_catalog::include_catalog!("organization");
/// ```
///
/// Spec paths are relative to `CARGO_MANIFEST_DIR` (or [`Builder::base`]).
/// Each spec is written to `OUT_DIR/<stem>.rs`, named after the spec file
/// (`organization.rs` for `specs/tencent/organization.yaml`; another name
/// with [`Builder::spec_as`]), formatted, with an `@generated` header, only
/// when its content changed; `cargo:rerun-if-changed` is printed for every
/// file read. `include_catalog!` takes that name or the catalog's own name
/// in snake case (`organization_error` for `catalog: OrganizationError`);
/// any other name is a compile error listing the catalogs written.
#[derive(Debug, Clone, Default)]
pub struct Builder {
    specs: Vec<(String, Option<String>)>,
    base: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    cargo_directives: bool,
    options: Options,
    /// A `runtime_path` that is no Rust path, reported by `compile`.
    bad_runtime: Option<String>,
}

/// Why [`Builder::compile`] failed. `Display` and `Debug` both write the
/// full diagnostic text, as the macro and the CLI show it, so that
/// `fn main() -> Result<(), BuildError>` prints it readably.
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
            BuildError::Io(e) => write!(f, "error: {e}"),
        }
    }
}

impl fmt::Debug for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `main` returning `Err` prints `Error: {:?}`: the diagnostics, on
        // a line of their own.
        write!(f, "\n{self}")
    }
}

impl std::error::Error for BuildError {}

/// The name of the file (in `OUT_DIR`) listing the catalogs a builder wrote.
pub const INDEX_FILE: &str = "errors_catalog_index.txt";

impl Builder {
    /// A builder with no specs; prints cargo directives.
    pub fn new() -> Builder {
        Builder {
            cargo_directives: true,
            ..Builder::default()
        }
    }

    /// Adds a spec, written to `OUT_DIR/<spec file stem>.rs`.
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

    /// The runtime's path in the crate that includes the catalogs, when its
    /// `Cargo.toml` renames it (`foo = { package = "errors-catalog", ... }`:
    /// `runtime_path("foo")`). Default: `errors_catalog`.
    pub fn runtime_path(mut self, path: &str) -> Builder {
        match syn::parse_str::<syn::Path>(path) {
            Ok(p) => {
                self.options.runtime_path(&p);
                self.bad_runtime = None;
            }
            Err(_) => self.bad_runtime = Some(path.to_owned()),
        }
        self
    }

    /// `serde::Serialize`/`Deserialize` (as the code string) on every
    /// catalog; needs the runtime's `serde` feature.
    pub fn serde(mut self, on: bool) -> Builder {
        self.options.serde = on;
        self
    }

    /// `status_code() -> http::StatusCode` on every catalog; needs the
    /// runtime's `http` feature.
    pub fn http(mut self, on: bool) -> Builder {
        self.options.http = on;
        self
    }

    /// Generates every spec; all specs are tried, and the problems of all of
    /// them are returned together.
    pub fn compile(self) -> Result<(), BuildError> {
        if let Some(path) = &self.bad_runtime {
            return Err(BuildError::Io(format!(
                "`runtime_path({path:?})` is not a Rust path: give the name the runtime has in your Cargo.toml, e.g. `errors_catalog`"
            )));
        }
        let base = match self.base {
            Some(b) => b,
            None => env_dir("CARGO_MANIFEST_DIR")?,
        };
        let out_dir = match self.out_dir {
            Some(o) => o,
            None => env_dir("OUT_DIR")?,
        };
        let mut all = Diagnostics::default();
        // (file name, catalog's snake-case name, spec)
        let mut written: Vec<(String, String, String)> = Vec::new();
        for (spec, name) in &self.specs {
            let loaded = load_catalog(&base, spec, &FsReader);
            if self.cargo_directives {
                for f in &loaded.files {
                    println!("cargo:rerun-if-changed={}", f.display());
                }
            }
            let catalog = match loaded.result {
                Ok(c) => c,
                Err(d) => {
                    all.0.extend(d.0);
                    continue;
                }
            };
            let name = name.clone().unwrap_or_else(|| output_name(spec));
            if let Some((_, _, other)) = written.iter().find(|(n, _, _)| *n == name) {
                all.push(
                    Diagnostic::new(
                        Pos::new(spec, 0, 0),
                        format!(
                            "two specs would be written to `{name}.rs`: `{other}` and `{spec}`"
                        ),
                    )
                    .help("name one with `Builder::spec_as(path, name)`"),
                );
                continue;
            }
            let code = file_text(&catalog, spec, &self.options);
            write_if_changed(&out_dir.join(format!("{name}.rs")), &code)?;
            written.push((name, catalog.name.to_snake_case(), spec.clone()));
        }
        if !all.is_empty() {
            return Err(BuildError::Spec(all));
        }
        write_if_changed(&out_dir.join(INDEX_FILE), &index_text(&written))
    }
}

/// The index `include_catalog!` reads: a line `<name>\t<file>` for each
/// name a catalog can be included by (its file name, and its catalog's name
/// in snake case when no other catalog has that name).
fn index_text(written: &[(String, String, String)]) -> String {
    let mut out = String::new();
    for (file, catalog, _) in written {
        out.push_str(&format!("{file}\t{file}\n"));
        if catalog != file && !written.iter().any(|(f, _, _)| f == catalog) {
            out.push_str(&format!("{catalog}\t{file}\n"));
        }
    }
    out
}

/// What `include_catalog!(name)` includes: the file for `name` of the
/// index text, or the error listing the names there are.
pub fn resolve_include(index: &str, name: &str) -> Result<String, String> {
    let entries: Vec<(&str, &str)> = index.lines().filter_map(|l| l.split_once('\t')).collect();
    if let Some((_, file)) = entries.iter().find(|(n, _)| *n == name) {
        return Ok(format!("{file}.rs"));
    }
    let mut names: Vec<String> = Vec::new();
    for (n, file) in &entries {
        if n == file {
            names.push(format!("`{n}`"));
        } else if let Some(last) = names.last_mut() {
            last.push_str(&format!(" (or `{n}`)"));
        }
    }
    Err(if names.is_empty() {
        format!(
            "`include_catalog!({name:?})`: build.rs wrote no catalog; add the spec with `errors_codegen::Builder::spec`"
        )
    } else {
        format!(
            "`include_catalog!({name:?})`: build.rs wrote no catalog of that name; it wrote {}",
            names.join(", ")
        )
    })
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

/// `specs/tencent/organization.yaml` -> `organization`: the spec file's
/// stem, as a Rust-identifier-like file name.
pub fn output_name(spec: &str) -> String {
    let stem = Path::new(spec)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    stem.chars()
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
pub fn catalog_tokens(catalog: &Catalog, spec: &str, options: &Options) -> TokenStream {
    let definition = Definition {
        attrs: expand::catalog_docs(catalog, spec),
        vis: quote!(pub),
        user_derives: Vec::new(),
    };
    let plan = Plan::whole_catalog(
        catalog,
        Ident::new(&catalog.name, Span::call_site()),
        definition,
        options.clone(),
    );
    expand::expand(&plan)
}

/// The formatted file for a catalog, with its `@generated` header.
fn file_text(catalog: &Catalog, spec: &str, options: &Options) -> String {
    let header = format!(
        "// @generated by errors-codegen {} from `{spec}`. Do not edit: edit the spec.\n\n",
        env!("CARGO_PKG_VERSION")
    );
    header + &format_tokens(catalog_tokens(catalog, spec, options))
}

/// The file the builder writes (and `errors-codegen expand` prints) for
/// `spec` with the default options, and every file read.
pub fn generate(base: &Path, spec: &str) -> (Result<String, Diagnostics>, Vec<PathBuf>) {
    let loaded = load_catalog(base, spec, &FsReader);
    let result = loaded
        .result
        .map(|catalog| file_text(&catalog, spec, &Options::default()));
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
            "organization"
        );
        assert_eq!(output_name("cbc.yaml"), "cbc");
        assert_eq!(output_name("a/b-c/x.y.yaml"), "x_y");
    }

    #[test]
    fn index_maps_both_names_and_lists_them_for_a_wrong_one() {
        let written = vec![
            (
                "organization".to_owned(),
                "organization_error".to_owned(),
                "specs/o.yaml".to_owned(),
            ),
            (
                "cbc".to_owned(),
                "cbc".to_owned(),
                "specs/cbc.yaml".to_owned(),
            ),
        ];
        let index = index_text(&written);
        assert_eq!(
            index,
            "organization\torganization\norganization_error\torganization\ncbc\tcbc\n"
        );
        assert_eq!(
            resolve_include(&index, "organization"),
            Ok("organization.rs".into())
        );
        assert_eq!(
            resolve_include(&index, "organization_error"),
            Ok("organization.rs".into())
        );
        assert_eq!(
            resolve_include(&index, "tencent_organization"),
            Err("`include_catalog!(\"tencent_organization\")`: build.rs wrote no catalog of that name; it wrote `organization` (or `organization_error`), `cbc`".into())
        );
        assert!(
            resolve_include("", "x")
                .unwrap_err()
                .contains("wrote no catalog;")
        );
    }

    #[test]
    fn errors_print_as_diagnostics_in_debug_too() {
        let e = BuildError::Io("OUT_DIR is not set".into());
        assert_eq!(format!("{e:?}"), "\nerror: OUT_DIR is not set");
        assert_eq!(e.to_string(), "error: OUT_DIR is not set");
    }
}
