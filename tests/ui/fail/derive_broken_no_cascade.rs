// One mistake in a derive (a code not in the spec): that one error, not
// one more for every use of the enum.
#[derive(Debug, Clone, PartialEq, errors_catalog::ErrorCode)]
#[error_code(spec = "specs/good.yaml")]
pub enum Billing {
    #[error_code("CBC.0250")]
    Throttled,
    #[error_code("CBC.9999")]
    Missing,
}

fn main() {
    let _ = Billing::from_code("CBC.0250");
    let _ = Billing::Throttled.code();
    let _ = <Billing as errors_catalog::Catalog>::from_response(400, &[("x", "y")][..], b"{}");
    let _ = Billing::Missing.message(errors_catalog::Lang::Zh).to_string();
}
