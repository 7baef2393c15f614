//! `from_code`: the code index over the plain codes, then the template
//! codes, most specific (longest literal text) first.

use super::plan::{Needs, Plan};
use super::tables::Tables;
use super::{binding, field_idents, le_bytes, lit_str};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// The body of `from_code(code: &str) -> Option<Self>`.
pub(super) fn body(plan: &Plan<'_>, needs: &Needs<'_>, tables: &Tables) -> TokenStream {
    let hash_lookup = hash_lookup(plan, needs, tables);
    let template_lookups = template_lookups(plan, needs);
    quote! {
        #hash_lookup
        #(#template_lookups)*
        let _ = code;
        ::core::option::Option::None
    }
}

fn hash_lookup(plan: &Plan<'_>, needs: &Needs<'_>, tables: &Tables) -> TokenStream {
    let private = plan.private();
    let Some(h) = &tables.hash else {
        return quote!();
    };
    let ty = &plan.ty;
    let seed = grouped_u64(h.seed);
    let groups = le_bytes(&h.groups);
    let slots = le_bytes(&h.slots);
    let from_index = if needs.by_discriminant {
        quote!(Self::ALL.get(i).copied())
    } else {
        let arms = needs.units.iter().map(|(i, v)| {
            let ident = &v.ident;
            quote!(#i => ::core::option::Option::Some(Self::#ident),)
        });
        quote!(match i {
            #(#arms)*
            _ => ::core::option::Option::None,
        })
    };
    quote! {
        static INDEX: #private::CodeIndex = #private::CodeIndex {
            seed: #seed,
            groups: #groups,
            slots: #slots,
            blob: #ty::__CATALOG_BLOB.as_bytes(),
        };
        if let ::core::option::Option::Some(i) = INDEX.find(code) {
            return #from_index;
        }
    }
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
            let ident = &v.ident;
            let fields = field_idents(e);
            let bindings: Vec<Ident> = e.fields().into_iter().map(binding).collect();
            let count = fields.len();
            let lits = e.code.literals().into_iter().map(lit_str);
            quote! {
                if let ::core::option::Option::Some([#(#bindings),*]) =
                    #private::match_template::<#count>(code, &[#(#lits),*])
                {
                    return ::core::option::Option::Some(Self::#ident { #(#fields: ::std::borrow::ToOwned::to_owned(#bindings)),* });
                }
            }
        })
        .collect()
}
