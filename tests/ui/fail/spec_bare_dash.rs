#[errors_catalog::catalog(spec = "specs/bare_dash.yaml")]
pub enum Bad {}

fn main() {}
