#[errors_catalog::catalog(spec = "specs/unknown_key.yaml")]
pub enum Bad {}

fn main() {}
