//! The spec pipeline: a spec file (and what it includes) to a validated
//! [`Catalog`], or every problem found.
//!
//! ```text
//! load (yaml, ast) -> validate -> lower (model)
//! ```
//!
//! [`yaml`] is the only module that knows the YAML library; [`ast`] checks
//! shapes, [`valid`] meaning, [`lower`] builds the model from what
//! validation accepted. Front ends (the macros, the builder, the CLI, the
//! importer's self-check) call [`load_catalog`] and nothing below it.

pub(crate) mod ast;
pub(crate) mod load;
pub(crate) mod lower;
pub(crate) mod valid;
pub(crate) mod yaml;

pub use load::{FsReader, SpecReader};
pub use yaml::readers_agree as yaml_readers_agree;

use crate::diag::Diagnostics;
use crate::model::Catalog;
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
    let parsed = load::load(base, spec, reader, &mut diags);
    // Validation runs on whatever parsed, so one run reports every problem.
    diags.0.extend(valid::validate(&parsed).0);
    let result = diags.into_result().map(|()| lower::lower(&parsed));
    Loaded {
        result,
        files: parsed.files,
    }
}
