#[derive(Debug, errors::ErrorCode)]
pub enum Billing {
    #[error_code("CBC.0100")]
    Param,
}

fn main() {}
