#[errors_catalog::catalog(spec = "specs/yaml_syntax.yaml")]
pub enum Bad {}

fn main() {}
