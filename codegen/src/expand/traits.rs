//! The trait impls: `Debug` (table-driven, for fieldless catalogs),
//! `Display`, `Error`, `FromStr`, the runtime's `Catalog` and `ErrorCode`,
//! and the runtime's feature-gated serde and http impls.

use super::plan::{Needs, Plan};
use super::rust_name;
use super::tables::Tables;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub(super) fn trait_impls(plan: &Plan<'_>, needs: &Needs<'_>, tables: &Tables) -> TokenStream {
    let private = plan.private();
    let ty = &plan.ty;
    let vendor = format_ident!("{}", rust_name(plan.catalog.vendor));
    let debug_impl = if needs.own_debug {
        let names_base = tables.names_base;
        quote! {
            #[automatically_derived]
        #[allow(clippy::use_self)]
            impl ::core::fmt::Debug for #ty {
                #[inline]
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(Self::__catalog_strings().get(#names_base + self.__catalog_index()))
                }
            }
        }
    } else {
        quote!()
    };
    let serde = plan
        .options
        .serde
        .then(|| quote!(#private::impl_serde!(#ty);));
    let http = plan
        .options
        .http
        .then(|| quote!(#private::impl_http!(#ty);));
    let std_impls = std_impls(plan);
    let runtime_impls = runtime_impls(plan, &vendor);
    quote! {
        #debug_impl
        #std_impls
        #runtime_impls
        #serde
        #http
    }
}

/// `Display` (the English message), `Error`, `FromStr`.
fn std_impls(plan: &Plan<'_>) -> TokenStream {
    let rt = plan.rt();
    let ty = &plan.ty;
    quote! {
        #[automatically_derived]
        #[allow(clippy::use_self)]
        impl ::core::fmt::Display for #ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                self.__catalog_write_message(#rt::Lang::En, f)
            }
        }

        #[automatically_derived]
        #[allow(clippy::use_self)]
        impl ::std::error::Error for #ty {}

        #[automatically_derived]
        #[allow(clippy::use_self)]
        impl ::core::str::FromStr for #ty {
            type Err = #rt::UnknownCode;

            #[inline]
            fn from_str(s: &str) -> ::core::result::Result<Self, #rt::UnknownCode> {
                Self::from_code(s).ok_or_else(|| #rt::UnknownCode::new(s))
            }
        }
    }
}

/// The runtime's `Catalog` and `ErrorCode`, forwarding to the inherent methods.
fn runtime_impls(plan: &Plan<'_>, vendor: &proc_macro2::Ident) -> TokenStream {
    let rt = plan.rt();
    let ty = &plan.ty;
    quote! {
        #[automatically_derived]
        #[allow(clippy::use_self)]
        impl #rt::Catalog for #ty {
            const VENDOR: #rt::Vendor = #rt::Vendor::#vendor;

            #[inline]
            fn from_code(code: &str) -> ::core::option::Option<Self> {
                #ty::from_code(code)
            }

            #[inline]
            fn is_success_code(code: &str) -> bool {
                #ty::is_success_code(code)
            }
        }

        #[automatically_derived]
        #[allow(clippy::use_self)]
        impl #rt::ErrorCode for #ty {
            #[inline]
            fn code(&self) -> ::std::borrow::Cow<'static, str> {
                #ty::code(self)
            }
            #[inline]
            fn http_status(&self) -> u16 {
                #ty::http_status(self)
            }
            #[inline]
            fn retry(&self) -> #rt::Retry {
                #ty::retry(self)
            }
            #[inline]
            fn vendor(&self) -> #rt::Vendor {
                Self::VENDOR
            }
            #[inline]
            fn static_message(&self, lang: #rt::Lang) -> ::core::option::Option<&'static str> {
                #ty::static_message(self, lang)
            }
            #[inline]
            fn write_message(&self, lang: #rt::Lang, out: &mut dyn ::core::fmt::Write) -> ::core::fmt::Result {
                self.__catalog_write_message(lang, out)
            }
            #[inline]
            fn action(&self, lang: #rt::Lang) -> ::core::option::Option<&'static str> {
                #ty::action(self, lang)
            }
            #[inline]
            fn message_lang(&self, lang: #rt::Lang) -> #rt::Lang {
                #ty::message_lang(self, lang)
            }
        }
    }
}
