#![deny(warnings)]

#[derive(Debug, Clone, PartialEq, errors_catalog::ErrorCode)]
#[error_code(spec = "specs/good.yaml")]
pub enum Billing {
    #[error_code("CBC.0250")]
    Throttled,
    #[error_code("InvalidParameter.{field}")]
    BadField { field: String },
}

fn main() {
    assert_eq!(Billing::from_code("CBC.0250"), Some(Billing::Throttled));
    assert_eq!(Billing::from_code("CBC.0100"), None, "not in the subset");
    let b = Billing::from_code("InvalidParameter.Zone").unwrap();
    assert_eq!(b, Billing::BadField { field: "Zone".into() });
    assert_eq!(b.code(), "InvalidParameter.Zone");
    assert_eq!(Billing::Throttled.message(errors_catalog::Lang::Zh).to_string(), "流控。");
    assert_eq!(Billing::ALL, &[Billing::Throttled]);
}
