//! `from_code`: the code index over the plain codes, then the template
//! codes, most specific (longest literal text) first.

use super::plan::{Needs, Plan};
use super::tables::Tables;
use super::{binding, field_idents, le_bytes, lit_str};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// The body of `from_code(code: &str) -> Option<Self>`: small, so that it
/// inlines into the caller. The index lookup returns `Option<usize>` (in
/// registers when not inlined), so whether a code was found is known from
/// the compares alone; the variant is only then read from the index. (An
/// `Option<Self>` returned from out of line would make a caller that
/// branches on `is_some()` wait for that read.)
pub(super) fn body(needs: &Needs<'_>, tables: &Tables) -> TokenStream {
    let index_lookup = if tables.hash.is_some() && !needs.units.is_empty() {
        let variant = if needs.by_discriminant {
            // `i` comes from the generated index: always a valid position.
            quote!({
                let units = Self::__catalog_units();
                units[i.min(units.len() - 1)]
            })
        } else {
            quote!(Self::__catalog_unit(i))
        };
        quote! {
            if let ::core::option::Option::Some(i) = Self::__catalog_find(code) {
                return ::core::option::Option::Some(#variant);
            }
        }
    } else {
        quote!()
    };
    let rest = if needs.templates.is_empty() {
        quote!(let _ = code; ::core::option::Option::None)
    } else {
        quote!(Self::__catalog_from_template(code))
    };
    quote! {
        #index_lookup
        #rest
    }
}

/// The private helpers of `from_code`: every unit variant in a static
/// (also `ALL`), the index lookup, the unit variant at an index (enums with
/// template codes), the template codes.
pub(super) fn helpers(plan: &Plan<'_>, needs: &Needs<'_>, tables: &Tables) -> TokenStream {
    let private = plan.private();
    let ty = &plan.ty;
    let mut out = TokenStream::new();
    if !needs.units.is_empty() {
        let n = Literal::usize_unsuffixed(needs.units.len());
        let units = plan.paths_of(needs.units.iter().map(|(_, v)| *v));
        out.extend(quote! {
            // Every unit variant, in catalog order: `ALL`, and the variant
            // at an index of the code index. A `static`, not a constant: a
            // lint of rustc evaluates every constant a function names, and
            // each evaluation checks the value again, finding each enum
            // value's variant by a search over the variants (time quadratic
            // in their number). A static is checked once; a call to this
            // `const fn` names no constant.
            #[doc(hidden)]
            #[inline]
            const fn __catalog_units() -> &'static [Self] {
                static UNITS: [#ty; #n] = [#units];
                &UNITS
            }
        });
    }
    if let (Some(h), Some((last, rest))) = (&tables.hash, needs.units.split_last()) {
        let seed = grouped_u64(h.seed);
        let sample = Literal::u8_suffixed(h.sample);
        let controls = le_bytes(&h.controls);
        let slots = le_bytes(&h.slots);
        out.extend(quote! {
            // Out of line: `from_code` stays small enough to inline into
            // its caller, and this returns `Option<usize>` in registers.
            #[doc(hidden)]
            #[inline(never)]
            fn __catalog_find(code: &str) -> ::core::option::Option<usize> {
                static INDEX: #private::CodeIndex = #private::CodeIndex {
                    seed: #seed,
                    sample: #sample,
                    controls: #controls,
                    slots: #slots,
                    blob: #ty::__CATALOG_BLOB.as_bytes(),
                };
                INDEX.find(code)
            }
        });
        if !needs.by_discriminant {
            let arms = rest.iter().map(|(i, v)| {
                let path = plan.path_of(v);
                quote!(#i => #path,)
            });
            let last = plan.path_of(last.1);
            out.extend(quote! {
                /// The unit variant at index `i` of the code index (the last
                /// one stands in for any other value: `i` comes from the
                /// generated index, so there is none).
                #[doc(hidden)]
                #[inline]
                fn __catalog_unit(i: usize) -> Self {
                    match i {
                        #(#arms)*
                        _ => #last,
                    }
                }
            });
        }
    }
    if !needs.templates.is_empty() {
        let template_lookups = template_lookups(plan, needs);
        out.extend(quote! {
            #[doc(hidden)]
            #[inline]
            fn __catalog_from_template(code: &str) -> ::core::option::Option<Self> {
                #(#template_lookups)*
                ::core::option::Option::None
            }
        });
    }
    out
}

/// `5_871_781_006_564_002_453_u64`: digits grouped, as clippy's
/// `unreadable_literal` wants them.
fn grouped_u64(n: u64) -> Literal {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('_');
        }
        out.push(c);
    }
    out.push_str("_u64");
    // The text is a valid integer literal by construction.
    out.parse::<Literal>()
        .unwrap_or_else(|_| Literal::u64_suffixed(n))
}

fn template_lookups(plan: &Plan<'_>, needs: &Needs<'_>) -> Vec<TokenStream> {
    let private = plan.private();
    let mut by_specificity = needs.templates.clone();
    by_specificity.sort_by_key(|v| std::cmp::Reverse(plan.entry(v).code.literals().concat().len()));
    by_specificity
        .iter()
        .map(|v| {
            let e = plan.entry(v);
            let path = plan.path_of(v);
            let fields = field_idents(e);
            let bindings: Vec<Ident> = e.fields().into_iter().map(binding).collect();
            let count = fields.len();
            let lits = e.code.literals().into_iter().map(lit_str);
            quote! {
                if let ::core::option::Option::Some([#(#bindings),*]) =
                    #private::match_template::<#count>(code, &[#(#lits),*])
                {
                    return ::core::option::Option::Some(#path { #(#fields: ::std::borrow::ToOwned::to_owned(#bindings)),* });
                }
            }
        })
        .collect()
}
