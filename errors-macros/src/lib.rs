//! Proc-macro shim of `errors-codegen`; use it through the `errors` crate.
//!
//! Spec paths are relative to the crate's `CARGO_MANIFEST_DIR`. A spec not
//! found there is looked up under `ERRORS_CODEGEN_SPEC_DIR` when that
//! environment variable is set at compile time: test harnesses such as
//! trybuild compile cases in a generated crate under `target/`, and point
//! this variable at their fixtures.

use errors_codegen::__macros::{self as macros, MacroContext};
use errors_codegen::FsReader;
use proc_macro::TokenStream;
use std::path::PathBuf;

fn context() -> MacroContext<'static> {
    let base = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    let fallback_base = std::env::var_os("ERRORS_CODEGEN_SPEC_DIR").map(PathBuf::from);
    MacroContext {
        base,
        fallback_base,
        reader: &FsReader,
    }
}

/// Fills an empty enum with a catalog: `#[errors_catalog::catalog(spec = "specs/x.yaml")] pub enum X {}`.
#[proc_macro_attribute]
pub fn catalog(args: TokenStream, item: TokenStream) -> TokenStream {
    macros::catalog_attribute(args.into(), item.into(), &context()).into()
}

/// Implements a catalog's methods for a hand-written subset:
/// `#[error_code(spec = "...")]` on the enum, `#[error_code("CODE")]` on each variant.
#[proc_macro_derive(ErrorCode, attributes(error_code))]
pub fn derive_error_code(input: TokenStream) -> TokenStream {
    macros::derive_error_code(input.into(), &context()).into()
}
