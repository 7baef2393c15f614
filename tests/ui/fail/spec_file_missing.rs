#[errors_catalog::catalog(spec = "specs/does_not_exist.yaml")]
pub enum Bad {}

fn main() {}
