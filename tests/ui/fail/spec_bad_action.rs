#[errors_catalog::catalog(spec = "specs/bad_action.yaml")]
pub enum Bad {}

fn main() {}
