#[derive(Debug, errors_catalog::ErrorCode)]
pub enum Billing {
    #[error_code("CBC.0100")]
    Param,
}

fn main() {}
