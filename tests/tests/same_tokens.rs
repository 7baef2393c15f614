//! The attribute macro and the build.rs builder generate the same tokens.

use errors_codegen::macros::{MacroContext, catalog_attribute};
use errors_codegen::{FsReader, catalog_tokens, load_catalog};
use quote::ToTokens;
use std::path::Path;

#[test]
fn macro_and_builder_emit_identical_code() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let spec = "fixtures/basic.yaml";
    let catalog = load_catalog(base, spec, &FsReader).result.unwrap();
    // Both sides go through syn, which normalizes token spacing (`| |`).
    let builder: syn::File = syn::parse2(catalog_tokens(&catalog, spec)).unwrap();
    let builder = builder.to_token_stream().to_string();

    let ctx = MacroContext {
        base: base.to_path_buf(),
        fallback_base: None,
        reader: &FsReader,
    };
    let args = format!("spec = {spec:?}").parse().unwrap();
    let item = "pub enum BasicError {}".parse().unwrap();
    let from_macro: syn::File = syn::parse2(catalog_attribute(args, item, &ctx)).unwrap();

    // The macro adds `const _: &[u8] = include_bytes!(...)` items for
    // rebuild tracking; the rest must be the builder's code, token for token.
    let (tracking, rest): (Vec<_>, Vec<_>) = from_macro
        .items
        .into_iter()
        .partition(|item| matches!(item, syn::Item::Const(c) if c.ident == "_"));
    assert_eq!(tracking.len(), 1);
    assert!(
        tracking[0]
            .to_token_stream()
            .to_string()
            .contains("basic.yaml")
    );
    let rest: proc_macro2::TokenStream = rest.iter().map(ToTokens::to_token_stream).collect();
    assert!(
        rest.to_string() == builder,
        "macro and builder tokens differ"
    );
}
