//! Expand stage: a [`Plan`] (a catalog and the enum it fills) to Rust tokens.
//!
//! Pure and infallible. [`plan`] says what to generate and what the catalog
//! needs; [`tables`] lays out the data (one string blob plus offsets, byte
//! strings for numbers, the code index: the byte contract with
//! `errors_core::table`); the other files each emit one part: the enum and
//! its docs ([`definition`]), the inherent methods ([`methods`]),
//! `from_code` ([`from_code`]), the trait impls ([`traits`]), and the empty
//! skeleton expanded beside a spec error ([`skeleton`]). Vendor text only
//! ever appears as string literals.
//!
//! Every generated function is `#[inline]` (but the code index lookup,
//! kept out of line on purpose, see [`from_code`]): like a generic
//! function, an inline one is compiled into the crates that call it, and
//! only if they do, so a catalog's crate does not pay code generation for
//! the accessors nobody calls (most of them, in most crates).

mod code_index;
mod definition;
mod from_code;
mod lex;
mod methods;
mod plan;
mod skeleton;
mod tables;
mod traits;

pub use definition::catalog_docs;
pub use plan::{Definition, Options, Plan, PlanVariant};
pub use skeleton::skeleton_catalog;

use crate::model::{Entry, Lang, Part, Template};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

/// Generates the enum (if planned) and all its impls.
pub fn expand(plan: &Plan<'_>) -> TokenStream {
    let needs = plan.needs();
    let tables = tables::Tables::new(plan, &needs);
    let definition = plan
        .definition
        .as_ref()
        .map(|d| definition::definition(plan, d));
    let methods = methods::inherent_impl(plan, &needs, &tables);
    let traits = traits::trait_impls(plan, &needs, &tables);
    quote! {
        #definition
        #methods
        #traits
    }
}

fn lit_str(s: &str) -> Literal {
    Literal::string(s)
}

/// A byte-string literal of a table: one token however large the catalog.
fn le_bytes(bytes: &[u8]) -> Literal {
    Literal::byte_string(bytes)
}

/// The field identifiers of a template entry's variant.
fn field_idents(e: &Entry) -> Vec<Ident> {
    e.fields()
        .into_iter()
        .map(|f| format_ident!("{}", f))
        .collect()
}

/// Local names fields are bound to: prefixed, so a field named like a
/// parameter (`lang`, `out`, `code`) cannot shadow it, and an unused one
/// (a message of "-") does not warn.
fn binding(field: &str) -> Ident {
    format_ident!("__f_{}", field)
}

/// `Enum::Variant { a: __f_a, b: __f_b }`.
fn binding_pattern(plan: &Plan<'_>, v: &PlanVariant, e: &Entry) -> TokenStream {
    let path = plan.path_of(v);
    let fields = field_idents(e);
    let bindings = e.fields().into_iter().map(binding);
    quote!(#path { #(#fields: #bindings),* })
}

/// Literal pieces and value expressions of a template whose fields are
/// bound as local variables of the same names.
fn template_args(t: &Template) -> (Vec<Literal>, Vec<TokenStream>) {
    let lits = t.literals().into_iter().map(lit_str).collect();
    let values = t
        .parts
        .iter()
        .filter_map(|p| match p {
            Part::Field(f) => {
                let id = binding(f);
                Some(quote!(#id.as_str()))
            }
            Part::Lit(_) => None,
        })
        .collect();
    (lits, values)
}

/// The `errors_catalog::Lang` variant of a spec language tag (validated: known).
fn lang_variant(tag: &str) -> Ident {
    format_ident!("{}", rust_name(Lang::from_tag(tag).unwrap_or_default()))
}

/// The variant name of a `Lang`, `Retry` or `Vendor` value, as the
/// generated code names it (`errors_catalog::Retry::Throttled`): their derived
/// `Debug` writes exactly that.
fn rust_name(value: impl std::fmt::Debug) -> String {
    format!("{value:?}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{Rng, catalog, plan_of};
    use proc_macro2::TokenTree;
    use std::collections::HashSet;
    use std::fmt::Write as _;

    /// Every `Self :: Name` in `tokens` (groups included) whose `Name` is in
    /// `names`.
    fn self_paths(tokens: TokenStream, names: &HashSet<String>, found: &mut Vec<String>) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        for (i, t) in tokens.iter().enumerate() {
            if let TokenTree::Group(g) = t {
                self_paths(g.stream(), names, found);
            }
            if let [
                TokenTree::Ident(s),
                TokenTree::Punct(a),
                TokenTree::Punct(b),
                TokenTree::Ident(name),
            ] = &tokens[i..tokens.len().min(i + 4)]
                && s == "Self"
                && a.as_char() == ':'
                && b.as_char() == ':'
                && names.contains(&name.to_string())
            {
                found.push(name.to_string());
            }
        }
    }

    /// rustc resolves `Self::Variant` by a linear search of the variants
    /// while type checking, so code naming every variant that way compiles
    /// in time quadratic in the catalog's size. On generated catalogs
    /// (plain and template codes, any mix), the expansion names variants
    /// only as `Enum::Variant`; the test sees the `Enum::Variant` paths,
    /// so it is not vacuous.
    #[test]
    fn paths_lexed_from_text_are_the_paths_built_token_by_token() {
        let mut rng = Rng(0x5e1f_0002);
        for round in 0..40 {
            let name = rng.pick(&["E", "Catalog", "CbcError", "E2", "HttpErrors"]);
            let mut spec = format!(
                "catalog: {name}\nvendor: huawei\nsource: s\nlanguages: [en]\ndefaults: {{ status: 400 }}\nerrors:\n"
            );
            for i in 0..1 + rng.below(30) {
                let code = match rng.below(3) {
                    0 => format!("CBC.{i:04}"),
                    1 => format!("FailedOperation.Name{i}Used"),
                    _ => format!("x{i}"),
                };
                let _ = writeln!(spec, "  - code: \"{code}\"\n    en: \"m {round}\"");
            }
            let c = catalog(&spec);
            let plan = plan_of(&c);
            let by_text = plan.paths_of(plan.variants.iter()).to_string();
            let paths = plan.variants.iter().map(|v| plan.path_of(v));
            assert_eq!(by_text, quote::quote!(#(#paths,)*).to_string(), "{spec}");
        }
    }

    #[test]
    fn variants_are_named_by_the_enum_never_by_self() {
        let mut rng = Rng(0x5e1f_0001);
        for round in 0..60 {
            let mut spec = String::from(
                "catalog: E\nvendor: alibaba\nsource: s\nlanguages: [en]\ndefaults: { status: 400 }\nerrors:\n",
            );
            let n = 1 + rng.below(40);
            for i in 0..n {
                let template = round % 3 == 1 && rng.below(3) == 0;
                let (code, en) = if template {
                    (format!("T{i}.{{field}}"), "bad {field}".to_owned())
                } else {
                    (format!("C{i}.X"), format!("message {i}"))
                };
                let _ = writeln!(spec, "  - code: \"{code}\"\n    en: \"{en}\"");
            }
            let c = catalog(&spec);
            let plan = plan_of(&c);
            let names: HashSet<String> =
                plan.variants.iter().map(|v| v.ident.to_string()).collect();
            let tokens = expand(&plan);
            let mut found = Vec::new();
            self_paths(tokens.clone(), &names, &mut found);
            assert!(found.is_empty(), "{found:?} named through Self in\n{spec}");
            let text = tokens.to_string();
            let named = names
                .iter()
                .filter(|v| text.contains(&format!("E :: {v}")))
                .count();
            assert_eq!(named, names.len(), "{text}");
        }
    }
}
