#[errors::catalog(path = "specs/good.yaml")]
pub enum Bad {}

#[errors::catalog]
pub enum AlsoBad {}

fn main() {}
