#[errors_catalog::catalog(spec = "specs/reserved_ident.yaml")]
pub enum Bad {}

fn main() {}
