#[errors_catalog::catalog(spec = "specs/many_problems.yaml")]
pub enum Bad {}

fn main() {}
