#[errors_catalog::catalog(spec = "specs/cycle_a.yaml")]
pub enum Bad {}

fn main() {}
