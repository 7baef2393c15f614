//! Variant names like the associated items and prelude types the generated
//! impls use (`Err`, `Output`, `Ok`, `Some`, `Error`), fields named like its
//! parameters (`lang`, `out`), a bidi control and a CR in a message: the
//! expansion compiles without a warning, with the attribute and the derive.
#![deny(warnings)]

#[errors_catalog::catalog(spec = "specs/item_names.yaml")]
pub enum ItemNames {}

#[derive(Debug, Clone, PartialEq, errors_catalog::ErrorCode)]
#[error_code(spec = "specs/item_names.yaml")]
pub enum Picked {
    #[error_code("N.Err")]
    Err,
    #[error_code("N.{lang}.{out}")]
    Error { lang: String, out: String },
}

fn main() {
    let e: ItemNames = "N.Err".parse().unwrap();
    assert_eq!(e, ItemNames::Err);
    assert_eq!(ItemNames::from_code("N.Output"), Some(ItemNames::Output));
    let t = Picked::from_code("N.en.x").unwrap();
    assert_eq!(t.to_string(), "en x");
    assert!("N.Nope".parse::<ItemNames>().is_err());
}
