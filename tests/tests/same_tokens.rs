//! The attribute macro and the build.rs builder generate the same tokens.

use errors_codegen::__macros::Options;
use errors_codegen::__macros::{MacroContext, catalog_attribute, catalog_tokens};
use errors_codegen::{FsReader, load_catalog};
use quote::ToTokens;
use std::path::Path;

/// Expands `spec` (relative to `base`) both ways, under the catalog's own
/// type name, and compares the tokens.
fn same_tokens(base: &Path, spec: &str) {
    let loaded = load_catalog(base, spec, &FsReader);
    let files = loaded.files.len();
    let catalog = loaded.result.unwrap();
    // Both sides go through syn, which normalizes token spacing (`| |`).
    let builder: syn::File =
        syn::parse2(catalog_tokens(&catalog, spec, &Options::default())).unwrap();
    let builder = builder.to_token_stream().to_string();

    let ctx = MacroContext {
        base: base.to_path_buf(),
        fallback_base: None,
        reader: &FsReader,
    };
    let args = format!("spec = {spec:?}").parse().unwrap();
    let item = format!("pub enum {} {{}}", catalog.name).parse().unwrap();
    let from_macro: syn::File = syn::parse2(catalog_attribute(args, item, &ctx)).unwrap();

    // The macro adds `const _: &[u8] = include_bytes!(...)` items for
    // rebuild tracking; the rest must be the builder's code, token for token.
    let (tracking, rest): (Vec<_>, Vec<_>) = from_macro
        .items
        .into_iter()
        .partition(|item| matches!(item, syn::Item::Const(c) if c.ident == "_"));
    // One per file read: the spec and its includes.
    assert_eq!(tracking.len(), files, "{spec}");
    let file_name = Path::new(spec).file_name().unwrap().to_str().unwrap();
    assert!(
        tracking
            .iter()
            .any(|t| t.to_token_stream().to_string().contains(file_name)),
        "{spec}: no include_bytes! of the spec"
    );
    let rest: proc_macro2::TokenStream = rest.iter().map(ToTokens::to_token_stream).collect();
    assert!(
        rest.to_string() == builder,
        "{spec}: macro and builder tokens differ"
    );
}

#[test]
fn macro_and_builder_emit_identical_code() {
    same_tokens(Path::new(env!("CARGO_MANIFEST_DIR")), "fixtures/basic.yaml");
}

#[test]
fn macro_and_builder_agree_on_every_real_catalog() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    for spec in [
        "specs/huawei/cbc.yaml",
        "specs/alibaba/ens.yaml",
        "specs/tencent/common.yaml",
        "specs/tencent/organization.yaml",
    ] {
        same_tokens(root, spec);
    }
}
