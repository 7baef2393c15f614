#[errors_catalog::catalog(spec = "specs/duplicate_code.yaml")]
pub enum Bad {}

fn main() {}
