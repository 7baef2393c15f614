//! What to generate, and what the catalog needs of the generated code.

use crate::model::{Catalog, Entry};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// What to generate: which enum, which entries as which variants.
#[derive(Debug, Clone)]
pub struct Plan<'a> {
    pub catalog: &'a Catalog,
    /// The enum's name.
    pub ty: Ident,
    /// `Some` to emit the enum definition (attribute macro, builder); `None`
    /// when the user wrote it (derive).
    pub definition: Option<Definition>,
    /// The variants, in the order of the tables.
    pub variants: Vec<PlanVariant>,
    pub options: Options,
    /// Methods and impls that compile whatever the enum's variants, reading
    /// no table: what a derive whose spec or mapping failed expands to, so
    /// that the user sees that one error and not one per use of the enum.
    pub skeleton: bool,
}

/// What the user asks of the generated code, beyond the catalog.
#[derive(Debug, Clone)]
pub struct Options {
    /// The path of the runtime crate in the user's crate: `::errors_catalog`,
    /// or the name the user's `Cargo.toml` gives it (`crate = "foo"`).
    pub runtime: TokenStream,
    /// `serde::Serialize` and `Deserialize` as the code string (needs the
    /// runtime's `serde` feature).
    pub serde: bool,
    /// `status_code() -> http::StatusCode` (needs the runtime's `http` feature).
    pub http: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            runtime: quote!(::errors_catalog),
            serde: false,
            http: false,
        }
    }
}

impl Options {
    /// The runtime at `path` (`foo`, `::foo`, `crate::reexported::errors`).
    pub fn runtime_path(&mut self, path: &syn::Path) {
        self.runtime = quote!(#path);
    }
}

/// The name of the runtime's support module for generated code; it changes
/// whenever what generated code calls in it changes, so that code generated
/// by one release and a runtime of another fail to build at once, naming it.
pub(super) const PRIVATE_MODULE: &str = "__private_v1";

/// The enum definition's outer parts.
#[derive(Debug, Clone, Default)]
pub struct Definition {
    /// Outer attributes to keep (the user's docs, derives, cfgs).
    pub attrs: TokenStream,
    pub vis: TokenStream,
    /// Traits the user already derives (not derived again).
    pub user_derives: Vec<String>,
}

/// One variant: its name and the catalog entry it stands for.
#[derive(Debug, Clone)]
pub struct PlanVariant {
    pub ident: Ident,
    /// Index into `catalog.entries`.
    pub entry: usize,
}

/// What the variants need, decided once for all the parts.
pub(super) struct Needs<'p> {
    /// Number of variants (rows of every table).
    pub n: usize,
    /// Variants of template codes (with fields).
    pub templates: Vec<&'p PlanVariant>,
    /// Variants without fields, with their table index.
    pub units: Vec<(usize, &'p PlanVariant)>,
    /// An enum this expansion defines with unit variants only: variant `i`
    /// is entry `i`, its discriminant is `i` and `ALL[i]` is that variant,
    /// so the per-variant `match`es (index, from_code, Debug) become table
    /// reads, which keeps compile time linear and small for large catalogs.
    pub by_discriminant: bool,
    /// `Debug` from a table of names (instead of a derive).
    pub own_debug: bool,
    /// The languages some variant has an action text in, in `Lang` order.
    pub action_langs: Vec<&'static str>,
    /// See [`Plan::skeleton`].
    pub skeleton: bool,
}

impl<'a> Plan<'a> {
    /// Every entry of the catalog as a variant named by the spec.
    pub fn whole_catalog(
        catalog: &'a Catalog,
        ty: Ident,
        definition: Definition,
        options: Options,
    ) -> Plan<'a> {
        let variants = catalog
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| PlanVariant {
                ident: Ident::new(&e.name, Span::call_site()),
                entry: i,
            })
            .collect();
        Plan {
            catalog,
            ty,
            definition: Some(definition),
            variants,
            options,
            skeleton: false,
        }
    }

    /// The skeleton of a derive on `ty` (see [`Plan::skeleton`]), with the
    /// empty `catalog` of `skeleton_catalog`.
    pub fn derive_skeleton(catalog: &'a Catalog, ty: Ident, options: Options) -> Plan<'a> {
        Plan {
            catalog,
            ty,
            definition: None,
            variants: Vec::new(),
            options,
            skeleton: true,
        }
    }

    /// The runtime's path in the user's crate.
    pub(super) fn rt(&self) -> &TokenStream {
        &self.options.runtime
    }

    /// The runtime's support module (`::errors_catalog::__private_v1`).
    pub(super) fn private(&self) -> TokenStream {
        let rt = self.rt();
        let module = proc_macro2::Ident::new(PRIVATE_MODULE, proc_macro2::Span::call_site());
        quote!(#rt::#module)
    }

    pub(super) fn entry(&self, v: &PlanVariant) -> &'a Entry {
        &self.catalog.entries[v.entry]
    }

    /// The entries of the variants, in table order.
    pub(super) fn entries(&self) -> impl Iterator<Item = &'a Entry> + '_ {
        self.variants.iter().map(|v| self.entry(v))
    }

    /// Whether the user derives `name` on the enum this expansion defines.
    pub(super) fn user_derives(&self, name: &str) -> bool {
        self.definition
            .as_ref()
            .is_some_and(|d| d.user_derives.iter().any(|u| u == name))
    }

    pub(super) fn needs(&self) -> Needs<'_> {
        let templates: Vec<&PlanVariant> = self
            .variants
            .iter()
            .filter(|v| self.entry(v).is_template())
            .collect();
        let units: Vec<(usize, &PlanVariant)> = self
            .variants
            .iter()
            .enumerate()
            .filter(|(_, v)| !self.entry(v).is_template())
            .collect();
        let n = self.variants.len();
        let by_discriminant = self.definition.is_some() && templates.is_empty() && n > 0;
        let action_langs = crate::spec::ast::language_tags()
            .into_iter()
            .filter(|l| {
                self.entries()
                    .any(|e| e.action.iter().any(|(al, _)| al == l))
            })
            .collect();
        Needs {
            n,
            templates,
            units,
            by_discriminant,
            own_debug: by_discriminant && !self.user_derives("Debug"),
            action_langs,
            skeleton: self.skeleton,
        }
    }

    /// The path of variant `v`: `Enum::Variant`, never `Self::Variant`.
    /// rustc resolves `Self::Variant` while type checking, by a linear
    /// search of the enum's variants, so a list naming every variant that
    /// way costs time quadratic in the catalog's size (at 1,000 codes,
    /// type checking took 115.7 M of the 528 M instructions of a dev build,
    /// 24.8 M with `Enum::Variant`, which is resolved by name, before type
    /// checking; see BENCHMARKS.md).
    pub(super) fn path_of(&self, v: &PlanVariant) -> TokenStream {
        let ty = &self.ty;
        let ident = &v.ident;
        quote!(#ty::#ident)
    }

    /// `Enum::A, Enum::B, ...`: [`path_of`](Self::path_of) of each variant,
    /// written as text and lexed in one call (a path built token by token
    /// costs four calls across the proc-macro bridge).
    pub(super) fn paths_of<'v>(&self, vs: impl Iterator<Item = &'v PlanVariant>) -> TokenStream {
        let vs: Vec<&PlanVariant> = vs.collect();
        let ty = self.ty.to_string();
        let mut text = String::with_capacity(vs.len() * (ty.len() + 12));
        for v in &vs {
            text.push_str(&ty);
            text.push_str("::");
            text.push_str(&v.ident.to_string());
            text.push(',');
        }
        // Identifiers and punctuation always lex; should they not, the
        // same tokens are built one by one.
        super::lex::tokens(&text).unwrap_or_else(|| {
            let paths = vs.iter().map(|v| self.path_of(v));
            quote!(#(#paths,)*)
        })
    }

    /// A pattern matching variant `v` whatever its fields.
    pub(super) fn pattern(&self, v: &PlanVariant) -> TokenStream {
        let path = self.path_of(v);
        if self.entry(v).is_template() {
            quote!(#path { .. })
        } else {
            path
        }
    }
}
