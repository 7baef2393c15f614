#[errors_catalog::catalog(spec = "specs/good.yaml")]
pub struct Bad;

fn main() {}
