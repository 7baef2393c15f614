#![deny(warnings)]

/// User docs are kept.
#[errors_catalog::catalog(spec = "specs/good.yaml")]
#[derive(Debug)]
pub enum Good {}

fn main() {
    let e = Good::from_code("CBC.0250").unwrap();
    assert_eq!(e.http_status(), 400);
    assert_eq!(e.to_string(), "Flow control.");
    let t = Good::from_code("InvalidParameter.Name").unwrap();
    assert_eq!(t, Good::InvalidParameter { field: "Name".into() });
    assert_eq!(t.message(errors_catalog::Lang::Zh).to_string(), "字段Name无效。");
    assert!(Good::is_success_code("CBC.0000"));
    assert_eq!(Good::ALL.len(), 2);
}
