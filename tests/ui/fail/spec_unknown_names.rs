#[errors_catalog::catalog(spec = "specs/unknown_names.yaml")]
pub enum Bad {}

fn main() {}
