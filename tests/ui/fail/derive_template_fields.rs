#[derive(Debug, errors_catalog::ErrorCode)]
#[error_code(spec = "specs/good.yaml")]
pub enum Billing {
    #[error_code("InvalidParameter.{field}")]
    Invalid { name: String },
    #[error_code("CBC.0250")]
    Flow { extra: String },
}

fn main() {}
