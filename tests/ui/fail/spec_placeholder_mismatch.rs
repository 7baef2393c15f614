#[errors_catalog::catalog(spec = "specs/placeholder_mismatch.yaml")]
pub enum Bad {}

fn main() {}
