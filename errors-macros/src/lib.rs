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

/// Includes a catalog written by `errors_codegen::Builder` in `build.rs`:
/// `include_catalog!("organization")`, by the spec's file name (or the
/// `spec_as` name), or by the catalog's name in snake case. Any other name
/// is an error listing the catalogs the builder wrote.
#[proc_macro]
pub fn include_catalog(input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    let name: syn::LitStr = match syn::parse2(input) {
        Ok(n) => n,
        Err(_) => {
            return quote::quote!(::core::compile_error!(
                "expected the catalog's name: `include_catalog!(\"organization\")`"
            ))
            .into();
        }
    };
    let index = std::env::var_os("OUT_DIR")
        .map(|d| PathBuf::from(d).join(macros::INDEX_FILE))
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default();
    match macros::resolve_include(&index, &name.value()) {
        Ok(file) => {
            let file = format!("/{file}");
            quote::quote!(::core::include!(::core::concat!(::core::env!("OUT_DIR"), #file));).into()
        }
        Err(message) => syn::Error::new(name.span(), message)
            .to_compile_error()
            .into(),
    }
}
