//! The proc-macro entry points, on `proc_macro2` tokens so they can be
//! tested (and compared with the builder's output) outside a compiler.
//!
//! `errors-macros` only resolves the base directory and forwards here.

use crate::expand::{self, Definition, Plan, PlanVariant};
use crate::load::SpecReader;
use crate::model::Catalog;
use crate::{diag::closest, load_catalog};
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
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

/// The `spec = "..."` argument.
fn parse_spec_arg(args: TokenStream, attr_name: &str) -> syn::Result<syn::LitStr> {
    let mut spec = None;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("spec") {
            spec = Some(meta.value()?.parse::<syn::LitStr>()?);
            Ok(())
        } else {
            Err(meta.error(format!(
                "unknown argument; expected `{attr_name}(spec = \"path/to/spec.yaml\")`"
            )))
        }
    });
    syn::parse::Parser::parse2(parser, args)?;
    spec.ok_or_else(|| {
        syn::Error::new(
            Span::call_site(),
            format!("missing spec path; write `{attr_name}(spec = \"path/to/spec.yaml\")`"),
        )
    })
}

/// One `compile_error!` per diagnostic, on the spec path literal.
fn compile_errors(diags: &crate::Diagnostics, spec: &syn::LitStr) -> TokenStream {
    diags
        .iter()
        .map(|d| {
            let text = d.body();
            quote_spanned!(spec.span()=> ::core::compile_error!{#text})
        })
        .collect()
}

fn load(ctx: &MacroContext<'_>, spec: &syn::LitStr) -> (Result<Catalog, TokenStream>, TokenStream) {
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

/// `#[errors::catalog(spec = "...")]` on `pub enum Name {}`.
pub fn catalog_attribute(
    args: TokenStream,
    item: TokenStream,
    ctx: &MacroContext<'_>,
) -> TokenStream {
    let spec = match parse_spec_arg(args, "catalog") {
        Ok(s) => s,
        Err(e) => return e.to_compile_error(),
    };
    let item: syn::ItemEnum = match syn::parse2(item.clone()) {
        Ok(i) => i,
        Err(_) => {
            let span = syn::parse2::<syn::Item>(item)
                .map(|i| first_token_span(&i))
                .unwrap_or_else(|_| Span::call_site());
            return syn::Error::new(
                span,
                "`#[errors::catalog]` applies to an empty enum: write `pub enum Name {}`",
            )
            .to_compile_error();
        }
    };
    if let Some(v) = item.variants.first() {
        return syn::Error::new_spanned(
            v,
            "`#[errors::catalog]` fills the enum from the spec: leave the body empty (`{}`); \
             for a hand-written subset use `#[derive(errors::ErrorCode)]`",
        )
        .to_compile_error();
    }
    if !item.generics.params.is_empty() || item.generics.where_clause.is_some() {
        return syn::Error::new_spanned(&item.generics, "a catalog enum cannot be generic")
            .to_compile_error();
    }
    let attrs: TokenStream = item.attrs.iter().map(ToTokens::to_token_stream).collect();
    let (result, tracked) = load(ctx, &spec);
    let (catalog, error) = match result {
        Ok(c) => (c, quote!()),
        Err(errors) => (expand::skeleton_catalog(), errors),
    };
    let mut attrs = attrs;
    if error.is_empty() {
        if !item.attrs.is_empty() {
            attrs.extend(quote!(#[doc = ""]));
        }
        attrs.extend(expand::catalog_docs(&catalog, &spec.value()));
    }
    let definition = Definition {
        attrs,
        vis: item.vis.to_token_stream(),
        user_derives: user_derives(&item.attrs),
    };
    let plan = Plan::whole_catalog(&catalog, item.ident.clone(), definition);
    let body = expand::expand(&plan);
    quote!(#error #tracked #body)
}

fn first_token_span(item: &syn::Item) -> Span {
    item.to_token_stream()
        .into_iter()
        .next()
        .map(|t| t.span())
        .unwrap_or_else(Span::call_site)
}

/// The last path segment of every trait in the item's `#[derive(...)]`s.
fn user_derives(attrs: &[syn::Attribute]) -> Vec<String> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let _ = attr.parse_nested_meta(|meta| {
            if let Some(last) = meta.path.segments.last() {
                out.push(last.ident.to_string());
            }
            Ok(())
        });
    }
    out
}

/// `#[derive(ErrorCode)]` with `#[error_code(spec = "...")]` on the enum and
/// `#[error_code("CODE")]` on every variant.
pub fn derive_error_code(input: TokenStream, ctx: &MacroContext<'_>) -> TokenStream {
    let item: syn::DeriveInput = match syn::parse2(input) {
        Ok(i) => i,
        Err(e) => return e.to_compile_error(),
    };
    let syn::Data::Enum(data) = &item.data else {
        return syn::Error::new(
            item.ident.span(),
            "`#[derive(ErrorCode)]` applies to enums only",
        )
        .to_compile_error();
    };
    if !item.generics.params.is_empty() {
        return syn::Error::new_spanned(&item.generics, "an error-code enum cannot be generic")
            .to_compile_error();
    }
    let mut spec = None;
    for attr in item
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("error_code"))
    {
        match attr
            .meta
            .require_list()
            .and_then(|l| parse_spec_arg(l.tokens.clone(), "error_code"))
        {
            Ok(s) => spec = Some(s),
            Err(e) => return e.to_compile_error(),
        }
    }
    let Some(spec) = spec else {
        return syn::Error::new(
            item.ident.span(),
            "missing `#[error_code(spec = \"path/to/spec.yaml\")]` on the enum",
        )
        .to_compile_error();
    };
    let (result, tracked) = load(ctx, &spec);
    let catalog = match result {
        Ok(c) => c,
        Err(errors) => return quote!(#errors #tracked),
    };
    match map_variants(&catalog, data, &spec) {
        Ok(variants) => {
            let plan = Plan {
                catalog: &catalog,
                ty: item.ident.clone(),
                definition: None,
                variants,
            };
            let body = expand::expand(&plan);
            quote!(#tracked #body)
        }
        Err(e) => {
            let err = e.to_compile_error();
            quote!(#err #tracked)
        }
    }
}

/// Maps every variant to its entry; all problems combined into one error.
fn map_variants(
    catalog: &Catalog,
    data: &syn::DataEnum,
    spec: &syn::LitStr,
) -> syn::Result<Vec<PlanVariant>> {
    let mut errors: Option<syn::Error> = None;
    let mut push = |e: syn::Error| match &mut errors {
        Some(all) => all.combine(e),
        None => errors = Some(e),
    };
    let mut out = Vec::new();
    let mut seen: Vec<(String, syn::Ident)> = Vec::new();
    for v in &data.variants {
        let attrs: Vec<&syn::Attribute> = v
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("error_code"))
            .collect();
        let code = match attrs.as_slice() {
            [one] => match one.parse_args::<syn::LitStr>() {
                Ok(lit) => lit,
                Err(_) => {
                    push(syn::Error::new_spanned(
                        one,
                        "expected `#[error_code(\"CODE\")]` with the code as a string literal",
                    ));
                    continue;
                }
            },
            [] => {
                push(syn::Error::new(
                    v.ident.span(),
                    format!("variant `{}` has no `#[error_code(\"CODE\")]`", v.ident),
                ));
                continue;
            }
            [_, second, ..] => {
                push(syn::Error::new_spanned(
                    second,
                    "a variant takes one `#[error_code(\"CODE\")]`",
                ));
                continue;
            }
        };
        let value = code.value();
        let Some(index) = catalog.entries.iter().position(|e| e.code.raw == value) else {
            let mut msg = format!("code `{value}` is not in `{}`", spec.value());
            if catalog.success.iter().any(|s| s.code == value) {
                msg.push_str(": it is a success code, not an error");
            } else if let Some(best) =
                closest(&value, catalog.entries.iter().map(|e| e.code.raw.as_str()))
            {
                msg.push_str(&format!("; did you mean `{best}`?"));
            }
            push(syn::Error::new(code.span(), msg));
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(c, _)| *c == value) {
            push(syn::Error::new(
                code.span(),
                format!("code `{value}` is already mapped to variant `{first}`"),
            ));
            continue;
        }
        seen.push((value.clone(), v.ident.clone()));
        let entry = &catalog.entries[index];
        let wanted: Vec<&str> = entry.fields();
        let ok = match &v.fields {
            syn::Fields::Unit => wanted.is_empty(),
            syn::Fields::Named(named) => {
                let mut have: Vec<String> = named
                    .named
                    .iter()
                    .filter_map(|f| f.ident.as_ref().map(|i| i.to_string()))
                    .collect();
                have.sort();
                let mut want: Vec<String> = wanted.iter().map(|s| s.to_string()).collect();
                want.sort();
                !wanted.is_empty() && have == want
            }
            syn::Fields::Unnamed(_) => false,
        };
        if !ok {
            let expected = if wanted.is_empty() {
                format!("a unit variant (`{}`)", v.ident)
            } else {
                let fields: Vec<String> = wanted.iter().map(|f| format!("{f}: String")).collect();
                format!("`{} {{ {} }}`", v.ident, fields.join(", "))
            };
            push(syn::Error::new(
                v.ident.span(),
                format!("code `{value}` needs {expected}"),
            ));
            continue;
        }
        out.push(PlanVariant {
            ident: v.ident.clone(),
            entry: index,
        });
    }
    match errors {
        Some(e) => Err(e),
        None => Ok(out),
    }
}
