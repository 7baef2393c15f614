#[errors_catalog::catalog(path = "specs/good.yaml")]
pub enum Bad {}

#[errors_catalog::catalog]
pub enum AlsoBad {}

fn main() {}
