#[errors_catalog::catalog(spec = "specs/good.yaml")]
pub enum Bad {
    Mine,
}

fn main() {}
