#[errors_catalog::catalog(spec = "specs/duplicate_name.yaml")]
pub enum Bad {}

fn main() {}
