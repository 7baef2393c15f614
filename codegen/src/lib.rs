//! Generates Rust error enums from YAML error-code catalogs.
//!
//! One pipeline serves the proc-macro (`errors-macros`), the `build.rs`
//! [`Builder`] and the `errors-codegen` CLI, so all three produce the same
//! code:
//!
//! ```text
//! load (yaml, ast) -> validate -> lower (model) -> expand (tokens)
//! ```
//!
//! Every stage collects all problems of a spec; each [`Diagnostic`] names
//! `file:line:col`, what is wrong and how to fix it.

pub mod ast;
pub mod diag;
pub mod expand;
#[cfg(feature = "cli")]
pub mod export;
#[cfg(feature = "import")]
pub mod import;
pub mod load;
pub mod lower;
pub mod model;
mod phf;
#[cfg(test)]
mod testing;
pub mod valid;
pub mod yaml;

pub use diag::{Diagnostic, Diagnostics, Pos};
pub use load::{FsReader, SpecReader};
pub use model::Catalog;

use std::path::{Path, PathBuf};

/// A loaded catalog, or its problems, plus every file read.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub result: Result<Catalog, Diagnostics>,
    /// Every spec file read or tried (absolute when `base` is).
    pub files: Vec<PathBuf>,
}

/// Runs load, validate and lower on `spec` (relative to `base`).
pub fn load_catalog(base: &Path, spec: &str, reader: &dyn SpecReader) -> Loaded {
    let mut diags = Diagnostics::default();
    let loaded = load::load(base, spec, reader, &mut diags);
    // Validation runs on whatever parsed, so one run reports every problem.
    diags.0.extend(valid::validate(&loaded).0);
    let result = diags.into_result().map(|()| lower::lower(&loaded));
    Loaded {
        result,
        files: loaded.paths,
    }
}

mod builder;
pub mod macros;

pub use builder::{BuildError, Builder, catalog_tokens, format_tokens, generate, output_name};
