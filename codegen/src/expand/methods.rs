//! The inherent impl: constants, accessors, `from_code`, and the private
//! helpers that read the tables.

use super::plan::{Needs, Plan};
use super::tables::Tables;
use super::{
    binding_pattern, from_code, lang_variant, le_bytes, lit_str, rust_name, template_args,
};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

pub(super) fn inherent_impl(plan: &Plan<'_>, needs: &Needs<'_>, tables: &Tables) -> TokenStream {
    let ty = &plan.ty;
    let constants = constants(plan, needs);
    let accessors = accessors(plan, needs, tables);
    let helpers = helpers(plan, needs, tables);
    let docs = if plan.definition.is_none() && !plan.skeleton {
        super::definition::derive_table_docs(plan)
    } else {
        TokenStream::new()
    };
    quote! {
        #docs
        // A catalog need not use every accessor; its tables and arms are as
        // long as the vendor's table.
        #[allow(
            dead_code,
            clippy::too_many_lines,
            clippy::missing_const_for_fn,
            clippy::unused_self,
            clippy::use_self,
            clippy::trivially_copy_pass_by_ref
        )]
        impl #ty {
            #constants
            #accessors
            #helpers
        }
    }
}

fn constants(plan: &Plan<'_>, needs: &Needs<'_>) -> TokenStream {
    let rt = plan.rt();
    let catalog = plan.catalog;
    let vendor = format_ident!("{}", rust_name(catalog.vendor));
    let success: Vec<Literal> = catalog.success.iter().map(|s| lit_str(&s.code)).collect();
    // Every unit variant in a `static` (see `from_code::helpers`), or none.
    let all = if needs.units.is_empty() {
        quote!(&[])
    } else {
        quote!(Self::__catalog_units())
    };
    let lang_names: Vec<Ident> = catalog.languages.iter().map(|l| lang_variant(l)).collect();
    quote! {
        /// Every variant without fields, in catalog order.
        pub const ALL: &'static [Self] = #all;
        /// The wire format of the vendor.
        pub const VENDOR: #rt::Vendor = #rt::Vendor::#vendor;
        /// The languages messages exist in (others fall back to English).
        pub const LANGUAGES: &'static [#rt::Lang] = &[#(#rt::Lang::#lang_names),*];
        /// Codes that mean success, not an error.
        pub const SUCCESS_CODES: &'static [&'static str] = &[#(#success),*];
    }
}

fn accessors(plan: &Plan<'_>, needs: &Needs<'_>, tables: &Tables) -> TokenStream {
    let rt = plan.rt();
    let code_body = code_body(plan, needs);
    let status_body = status_body(plan, needs, tables);
    let retry_body = retry_body(plan, needs, tables);
    let static_message_body = static_message_body(plan, needs);
    let message_lang_body = message_lang_body(plan, needs, tables);
    let action_body = action_body(plan, needs, tables);
    let from_code_body = from_code::body(needs, tables);
    quote! {
        /// The wire code (template codes with their captured fields).
        #[must_use]
        #[inline]
        pub fn code(&self) -> ::std::borrow::Cow<'static, str> {
            #code_body
        }

        /// The HTTP status the vendor documents for the code.
        #[must_use]
        #[inline]
        pub fn http_status(&self) -> u16 {
            #status_body
        }

        /// How a client should react.
        #[must_use]
        #[inline]
        pub fn retry(&self) -> #rt::Retry {
            #retry_body
        }

        /// The message in `lang`, formatted without allocating; where the
        /// vendor gives no text in `lang`, the one [`message_lang`](Self::message_lang) names.
        #[must_use]
        #[inline]
        pub fn message(&self, lang: #rt::Lang) -> #rt::Localized<'_, Self> {
            #rt::Localized::new(self, lang)
        }

        /// The language [`message`](Self::message) writes for `lang`:
        /// `lang` if the vendor gives a text in it, else English, else the
        /// first language of `Lang::ALL` with a text.
        #[must_use]
        #[inline]
        pub fn message_lang(&self, lang: #rt::Lang) -> #rt::Lang {
            #message_lang_body
        }

        /// Adapter whose `Display` writes the message in `lang`.
        #[must_use]
        #[inline]
        pub fn localized(&self, lang: #rt::Lang) -> #rt::Localized<'_, Self> {
            #rt::Localized::new(self, lang)
        }

        /// The message in `lang` as a static string, for variants without
        /// fields (`None` for template codes).
        #[must_use]
        #[inline]
        pub fn static_message(&self, lang: #rt::Lang) -> ::core::option::Option<&'static str> {
            #static_message_body
        }

        /// What the vendor says to do about the error, in `lang` (else in
        /// English, else in another language that has it); `None` when
        /// the vendor documents no action for the code.
        #[must_use]
        #[inline]
        pub fn action(&self, lang: #rt::Lang) -> ::core::option::Option<&'static str> {
            #action_body
        }

        /// Parses a wire code; `None` for unknown and success codes.
        #[must_use]
        #[inline]
        pub fn from_code(code: &str) -> ::core::option::Option<Self> {
            #from_code_body
        }

        /// Whether `code` is one of the vendor's success codes.
        #[must_use]
        #[inline]
        pub fn is_success_code(code: &str) -> bool {
            Self::SUCCESS_CODES.contains(&code)
        }

        /// Decodes an HTTP response of the vendor: `Ok(Decoded::Success)`
        /// for a success body, `Ok(Decoded::Error(ErrorResponse))` with the
        /// error (`Known` variant or `Unknown` code), its message, request
        /// id and the server's retry hint; `Err(DecodeError)` when the body
        /// is not the vendor's error shape. `headers`: anything that
        /// implements `wire::Headers`: `[(&str, &str)]`, arrays and `Vec`s
        /// of pairs, `http::HeaderMap` with the runtime's `http` feature.
        ///
        /// # Errors
        ///
        /// `wire::DecodeError` when the body is not JSON
        /// or not the vendor's error shape.
        pub fn from_response<H: #rt::wire::Headers + ?Sized>(
            status: u16,
            headers: &H,
            body: &[u8],
        ) -> ::core::result::Result<#rt::wire::Decoded<Self>, #rt::wire::DecodeError> {
            <Self as #rt::Catalog>::from_response(status, headers, body)
        }

        /// The vendor's error body for this error in `lang`, as
        /// `(HTTP status, JSON body)`: what the vendor's server would send.
        #[must_use]
        #[inline]
        pub fn to_body(&self, lang: #rt::Lang, request_id: &str) -> (u16, ::std::string::String) {
            #rt::wire::to_body(self, lang, request_id)
        }
    }
}

/// The hidden helpers reading the tables.
fn helpers(plan: &Plan<'_>, needs: &Needs<'_>, tables: &Tables) -> TokenStream {
    let rt = plan.rt();
    let private = plan.private();
    let ty = &plan.ty;
    let blob_lit = super::lex::string_literal(&tables.blob);
    let offsets_lit = le_bytes(&tables.offsets);
    let index_body = index_body(plan, needs);
    let write_body = write_body(plan, needs);
    let from_code_helpers = from_code::helpers(plan, needs, tables);
    quote! {
        #from_code_helpers

        #[doc(hidden)]
        const __CATALOG_BLOB: &'static str = #blob_lit;

        #[doc(hidden)]
        #[inline]
        fn __catalog_strings() -> &'static #private::StrTable {
            static STRINGS: #private::StrTable = #private::StrTable {
                blob: #ty::__CATALOG_BLOB,
                offsets: #offsets_lit,
            };
            &STRINGS
        }

        #[doc(hidden)]
        #[inline]
        fn __catalog_index(&self) -> usize {
            #index_body
        }

        #[doc(hidden)]
        #[inline]
        fn __catalog_write_message(&self, lang: #rt::Lang, out: &mut dyn ::core::fmt::Write) -> ::core::fmt::Result {
            #write_body
        }
    }
}

/// The body of a method of an enum without planned variants: an empty
/// match (the enum has none), or for a skeleton the `neutral` value.
fn no_variants(needs: &Needs<'_>, neutral: TokenStream) -> TokenStream {
    if needs.skeleton {
        quote!({
            let _ = self;
            #neutral
        })
    } else {
        quote!(match *self {})
    }
}

/// A method body: `unit_expr` for variants without fields, one arm per
/// template variant, or an empty match for an enum without variants.
fn guard(
    needs: &Needs<'_>,
    unit_expr: TokenStream,
    template_arms: Vec<TokenStream>,
    neutral: TokenStream,
) -> TokenStream {
    if needs.n == 0 {
        no_variants(needs, neutral)
    } else if template_arms.is_empty() {
        unit_expr
    } else if needs.units.is_empty() {
        quote!(match self { #(#template_arms)* })
    } else {
        quote!(match self { #(#template_arms)* _ => #unit_expr, })
    }
}

fn code_body(plan: &Plan<'_>, needs: &Needs<'_>) -> TokenStream {
    let private = plan.private();
    let arms = needs
        .templates
        .iter()
        .map(|v| {
            let e = plan.entry(v);
            let pat = binding_pattern(plan, v, e);
            let (lits, values) = template_args(&e.code);
            quote! {
                #pat => ::std::borrow::Cow::Owned(
                    #private::render_template(&[#(#lits),*], &[#(#values),*])
                ),
            }
        })
        .collect();
    guard(
        needs,
        quote!(::std::borrow::Cow::Borrowed(
            Self::__catalog_strings().get(self.__catalog_index())
        )),
        arms,
        quote!(::std::borrow::Cow::Borrowed("")),
    )
}

fn static_message_body(plan: &Plan<'_>, needs: &Needs<'_>) -> TokenStream {
    let n = needs.n;
    let arms = needs
        .templates
        .iter()
        .map(|v| {
            let pat = plan.pattern(v);
            quote!(#pat => ::core::option::Option::None,)
        })
        .collect();
    let private = plan.private();
    guard(
        needs,
        quote!(::core::option::Option::Some(#private::message(
            Self::__catalog_strings(),
            Self::LANGUAGES,
            #n,
            self.__catalog_index(),
            lang,
        ))),
        arms,
        quote! {
            let _ = lang;
            ::core::option::Option::None
        },
    )
}

fn write_body(plan: &Plan<'_>, needs: &Needs<'_>) -> TokenStream {
    let private = plan.private();
    let n = needs.n;
    let langs = plan.catalog.langs();
    let arms = needs
        .templates
        .iter()
        .map(|v| {
            let e = plan.entry(v);
            let pat = binding_pattern(plan, v, e);
            // One arm per text shown: languages that fall back to the same
            // text share it (identical arms would trip clippy).
            let shown = e.shown_languages(&langs);
            let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
            for (i, &from) in shown.iter().enumerate() {
                match groups.iter_mut().find(|(f, _)| *f == from) {
                    Some((_, langs)) => langs.push(i),
                    None => groups.push((from, vec![i])),
                }
            }
            let write = |from: usize| {
                let (lits, values) = template_args(&e.messages[from]);
                quote!(#private::write_template(out, &[#(#lits),*], &[#(#values),*]))
            };
            if let [(from, _)] = groups.as_slice() {
                let write = write(*from);
                return quote!(#pat => { let _ = lang; #write },);
            }
            let last = groups.len().saturating_sub(1);
            let arms = groups.iter().enumerate().map(|(g, (from, langs))| {
                let pat = if g == last {
                    quote!(_)
                } else {
                    quote!(#(#langs)|*)
                };
                (pat, write(*from))
            });
            let arms = arms.map(|(p, w)| quote!(#p => #w,));
            quote! {
                #pat => match #private::column(Self::LANGUAGES, lang) { #(#arms)* },
            }
        })
        .collect();
    guard(
        needs,
        quote!(out.write_str(#private::message(
            Self::__catalog_strings(),
            Self::LANGUAGES,
            #n,
            self.__catalog_index(),
            lang,
        ))),
        arms,
        quote! {
            let _ = (lang, out);
            ::core::result::Result::Ok(())
        },
    )
}

fn action_body(plan: &Plan<'_>, needs: &Needs<'_>, tables: &Tables) -> TokenStream {
    let rt = plan.rt();
    let private = plan.private();
    if needs.n == 0 {
        return no_variants(
            needs,
            quote! {
                let _ = lang;
                ::core::option::Option::None
            },
        );
    }
    if needs.action_langs.is_empty() {
        return quote!({
            let _ = lang;
            ::core::option::Option::None
        });
    }
    let (base, n) = (tables.action_base, needs.n);
    let columns = needs.action_langs.iter().map(|l| lang_variant(l));
    quote! {
        #private::action(
            Self::__catalog_strings(),
            #base,
            #n,
            self.__catalog_index(),
            &[#(#rt::Lang::#columns),*],
            lang,
        )
    }
}

fn status_body(plan: &Plan<'_>, needs: &Needs<'_>, tables: &Tables) -> TokenStream {
    let private = plan.private();
    if needs.n == 0 {
        return no_variants(needs, quote!(500));
    }
    let statuses = le_bytes(&tables.statuses);
    quote! {
        #private::u16_at(#statuses, self.__catalog_index())
    }
}

fn retry_body(plan: &Plan<'_>, needs: &Needs<'_>, tables: &Tables) -> TokenStream {
    let rt = plan.rt();
    let private = plan.private();
    if needs.n == 0 {
        return no_variants(needs, quote!(#rt::Retry::Never));
    }
    let classes = tables
        .retry_classes
        .iter()
        .map(|c| format_ident!("{}", rust_name(*c)));
    let bytes = le_bytes(&tables.retry);
    quote! {
        #private::retry_at(#bytes, &[#(#rt::Retry::#classes),*], self.__catalog_index())
    }
}

fn message_lang_body(plan: &Plan<'_>, needs: &Needs<'_>, tables: &Tables) -> TokenStream {
    let rt = plan.rt();
    if needs.n == 0 {
        return no_variants(
            needs,
            quote! {
                let _ = lang;
                #rt::Lang::En
            },
        );
    }
    let private = plan.private();
    let n = needs.n;
    // No table when every entry has a text in every language.
    let fallbacks = le_bytes(tables.message_langs.as_deref().unwrap_or_default());
    quote! {
        #private::message_lang(Self::LANGUAGES, #fallbacks, #n, self.__catalog_index(), lang)
    }
}

/// `self` to its table index.
fn index_body(plan: &Plan<'_>, needs: &Needs<'_>) -> TokenStream {
    if needs.n == 0 {
        return no_variants(needs, quote!(0));
    }
    if needs.by_discriminant {
        return quote!(*self as usize);
    }
    let arms = plan.variants.iter().enumerate().map(|(i, v)| {
        let pat = plan.pattern(v);
        quote!(#pat => #i,)
    });
    quote!(match self { #(#arms)* })
}
