// A broken spec under a derive: the spec's error, and the enum still usable.
#[derive(Debug, errors_catalog::ErrorCode)]
#[error_code(spec = "specs/unknown_key.yaml")]
pub enum Billing {
    #[error_code("A.1")]
    One,
}

fn main() {
    let _ = Billing::from_code("A.1");
    let _ = Billing::One.http_status();
    let _ = Billing::One.retry().is_retryable(true);
}
