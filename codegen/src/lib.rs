//! Generates Rust error enums from YAML error-code catalogs.
//!
//! One pipeline serves the proc-macro (`errors-macros`), the `build.rs`
//! [`Builder`] and the `errors-codegen` CLI, so all three produce the same
//! code:
//!
//! ```text
//! spec (yaml, ast, load, valid, lower) -> model -> expand (tokens)
//! ```
//!
//! Every stage collects all problems of a spec; each [`Diagnostic`] names
//! `file:line:col`, what is wrong and how to fix it.
//!
//! The public API: [`Builder`] (build scripts), [`generate`] (the text a
//! builder writes), [`load_catalog`] and the [`Catalog`] model, the
//! [`Diagnostics`], [`import`] (vendor pages to specs, feature `import`),
//! [`export_json`] (feature `export`), [`diff`] and [`docs_html`] (the
//! catalog as one HTML page). The macro entry points
//! are `__macros`, for `errors-macros` only.

mod builder;
mod diag;
mod diff;
pub mod docs;
mod expand;
#[cfg(feature = "export")]
mod export;
#[cfg(feature = "import")]
pub mod import;
mod macros;
mod model;
mod spec;
#[cfg(test)]
mod testing;

pub use builder::{BuildError, Builder, generate, output_name};
pub use diag::{Diagnostic, Diagnostics, Pos};
pub use diff::{Change, DiffReport, Impact, Verdict, classify, diff};
pub use docs::docs_html;
#[cfg(feature = "export")]
pub use export::export_json;
pub use model::{
    Alternate, Catalog, Entry, Lang, Part, Retry, Success, Template, Vendor, vendor_code,
    vendor_message,
};
pub use spec::{FsReader, Loaded, SpecReader, load_catalog};

/// The proc-macro entry points (used by `errors-macros`), and the token
/// helpers the tests compare them with. Not a stable API.
#[doc(hidden)]
pub mod __macros {
    pub use crate::builder::{INDEX_FILE, catalog_tokens, format_tokens, resolve_include};
    pub use crate::expand::Options;
    pub use crate::macros::{MacroContext, catalog_attribute, derive_error_code};
}

/// Checks the fuzz targets and the tests share. Not a stable API.
#[doc(hidden)]
pub mod __fuzz {
    pub use crate::spec::yaml_readers_agree;
}
