#[errors_catalog::catalog(spec = "specs/include_missing.yaml")]
pub enum Bad {}

fn main() {}
