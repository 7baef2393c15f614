#[derive(Debug, errors_catalog::ErrorCode)]
#[error_code(spec = "specs/good.yaml")]
pub enum Billing {
    #[error_code("CBC.0100")]
    Param,
    #[error_code("CBC.0100")]
    ParamAgain,
}

fn main() {}
