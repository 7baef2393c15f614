#[errors::catalog(spec = "specs/reserved_ident.yaml")]
pub enum Bad {}

fn main() {}
