//! The proc-macro entry points, on `proc_macro2` tokens so they can be
//! tested (and compared with the builder's output) outside a compiler:
//! [`attr`] for `#[catalog]`, [`derive`] for `#[derive(ErrorCode)]`; this
//! module holds what both do (read the spec, track its files, report its
//! problems on the path literal). `errors-macros` only resolves the base
//! directory and forwards here.

mod attr;
mod derive;

pub use attr::catalog_attribute;
pub use derive::derive_error_code;

use crate::expand::Options;
use crate::model::Catalog;
use crate::spec::{SpecReader, load_catalog};
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use std::cell::RefCell;
use std::path::{Path, PathBuf};

/// Where the macros find spec files.
pub struct MacroContext<'a> {
    /// Relative spec paths are resolved against this directory.
    pub base: PathBuf,
    /// Tried when the spec is not found under `base` (test harnesses).
    pub fallback_base: Option<PathBuf>,
    pub reader: &'a dyn SpecReader,
}

/// Records the files that were read successfully.
struct Tracking<'a> {
    inner: &'a dyn SpecReader,
    read: RefCell<Vec<PathBuf>>,
}

impl SpecReader for Tracking<'_> {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        let text = self.inner.read(path)?;
        self.read.borrow_mut().push(path.to_path_buf());
        Ok(text)
    }

    fn identity(&self, path: &Path) -> Option<PathBuf> {
        self.inner.identity(path)
    }
}

/// `include_bytes!` of every file read, so editing one rebuilds the crate.
fn track(files: &[PathBuf]) -> TokenStream {
    files
        .iter()
        .filter(|p| p.is_absolute())
        .map(|p| {
            let p = p.to_string_lossy();
            quote!(
                const _: &[u8] = ::core::include_bytes!(#p);
            )
        })
        .collect()
}

/// The arguments of `#[catalog(...)]` and `#[error_code(...)]` on the enum.
pub(super) struct MacroArgs {
    pub spec: syn::LitStr,
    pub options: Options,
}

/// `spec = "path"` (required), `crate = "path::to::runtime"`, `serde`, `http`.
pub(super) fn parse_args(args: TokenStream, attr_name: &str) -> syn::Result<MacroArgs> {
    let mut spec = None;
    let mut options = Options::default();
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("spec") {
            spec = Some(meta.value()?.parse::<syn::LitStr>()?);
        } else if meta.path.is_ident("crate") {
            let lit: syn::LitStr = meta.value()?.parse()?;
            let path: syn::Path = lit.parse().map_err(|_| {
                syn::Error::new(lit.span(), "expected the path of the runtime crate, e.g. `crate = \"errors_catalog\"` or the name your Cargo.toml gives it")
            })?;
            options.runtime_path(&path);
        } else if meta.path.is_ident("serde") {
            options.serde = true;
        } else if meta.path.is_ident("http") {
            options.http = true;
        } else {
            return Err(meta.error(format!(
                "unknown argument; expected `{attr_name}(spec = \"path/to/spec.yaml\")`, optionally with `crate = \"...\"`, `serde`, `http`"
            )));
        }
        Ok(())
    });
    syn::parse::Parser::parse2(parser, args)?;
    let spec = spec.ok_or_else(|| {
        syn::Error::new(
            Span::call_site(),
            format!("missing spec path; write `{attr_name}(spec = \"path/to/spec.yaml\")`"),
        )
    })?;
    Ok(MacroArgs { spec, options })
}

/// One `compile_error!` per diagnostic, on the spec path literal.
fn compile_errors(diags: &crate::diag::Diagnostics, spec: &syn::LitStr) -> TokenStream {
    diags
        .iter()
        .map(|d| {
            let text = d.body();
            quote_spanned!(spec.span()=> ::core::compile_error!{#text})
        })
        .collect()
}

pub(super) fn load(
    ctx: &MacroContext<'_>,
    spec: &syn::LitStr,
) -> (Result<Catalog, TokenStream>, TokenStream) {
    let tracking = Tracking {
        inner: ctx.reader,
        read: RefCell::new(Vec::new()),
    };
    let name = spec.value();
    let base = match &ctx.fallback_base {
        Some(fallback) if !ctx.base.join(&name).exists() && fallback.join(&name).exists() => {
            fallback
        }
        _ => &ctx.base,
    };
    let loaded = load_catalog(base, &name, &tracking);
    let tracked = track(&tracking.read.borrow());
    (loaded.result.map_err(|d| compile_errors(&d, spec)), tracked)
}
