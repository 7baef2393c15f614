#[errors::catalog(spec = "specs/bare_dash.yaml")]
pub enum Bad {}

fn main() {}
