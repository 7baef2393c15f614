#[errors_catalog::catalog(spec = "specs/missing_language.yaml")]
pub enum Bad {}

fn main() {}
