#[errors_catalog::catalog(spec = "specs/invalid_ident.yaml")]
pub enum Bad {}

fn main() {}
