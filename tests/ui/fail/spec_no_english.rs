#[errors_catalog::catalog(spec = "specs/no_english.yaml")]
pub enum Bad {}

fn main() {}
