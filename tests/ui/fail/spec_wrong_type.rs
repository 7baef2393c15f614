#[errors_catalog::catalog(spec = "specs/wrong_type.yaml")]
pub enum Bad {}

fn main() {}
