//! `#[catalog(spec = "...")]`: fills an empty enum with a whole catalog.

use super::{MacroArgs, MacroContext, load, parse_args};
use crate::expand::{self, Definition, Plan};
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};

/// `#[errors_catalog::catalog(spec = "...")]` on `pub enum Name {}`.
pub fn catalog_attribute(
    args: TokenStream,
    item: TokenStream,
    ctx: &MacroContext<'_>,
) -> TokenStream {
    let MacroArgs { spec, options } = match parse_args(args, "catalog") {
        Ok(a) => a,
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
                "`#[errors_catalog::catalog]` applies to an empty enum: write `pub enum Name {}`",
            )
            .to_compile_error();
        }
    };
    if let Some(v) = item.variants.first() {
        return syn::Error::new_spanned(
            v,
            "`#[errors_catalog::catalog]` fills the enum from the spec: leave the body empty (`{}`); \
             for a hand-written subset use `#[derive(errors_catalog::ErrorCode)]`",
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
    let plan = Plan::whole_catalog(&catalog, item.ident.clone(), definition, options);
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
