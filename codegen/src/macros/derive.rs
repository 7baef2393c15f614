//! `#[derive(ErrorCode)]`: a hand-written subset of a catalog, variants
//! mapped to codes by `#[error_code("CODE")]`.

use super::{MacroArgs, MacroContext, load, parse_args};
use crate::diag::closest;
use crate::expand::{self, Plan, PlanVariant};
use crate::model::Catalog;
use proc_macro2::TokenStream;
use quote::quote;

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
            .and_then(|l| parse_args(l.tokens.clone(), "error_code"))
        {
            Ok(s) => spec = Some(s),
            Err(e) => return e.to_compile_error(),
        }
    }
    let Some(MacroArgs { spec, options }) = spec else {
        return syn::Error::new(
            item.ident.span(),
            "missing `#[error_code(spec = \"path/to/spec.yaml\")]` on the enum",
        )
        .to_compile_error();
    };
    let (result, tracked) = load(ctx, &spec);
    let mapped = result.and_then(|catalog| match map_variants(&catalog, data, &spec) {
        Ok(variants) => Ok((catalog, variants)),
        Err(e) => Err(e.to_compile_error()),
    });
    match mapped {
        Ok((catalog, variants)) => {
            let plan = Plan {
                catalog: &catalog,
                ty: item.ident.clone(),
                definition: None,
                variants,
                options,
                skeleton: false,
            };
            let body = expand::expand(&plan);
            quote!(#tracked #body)
        }
        Err(errors) => {
            // The methods and impls still exist, so uses of the enum
            // elsewhere compile and this is the only error.
            let catalog = expand::skeleton_catalog();
            let plan = Plan::derive_skeleton(&catalog, item.ident.clone(), options);
            let body = expand::expand(&plan);
            quote!(#errors #tracked #body)
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
