#[errors_catalog::catalog(spec = "specs/invalid_status.yaml")]
pub enum Bad {}

fn main() {}
