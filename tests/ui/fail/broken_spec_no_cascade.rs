// A broken spec yields one error: the skeleton enum keeps the methods, so
// code using them does not add errors of its own.
#[errors_catalog::catalog(spec = "specs/invalid_status.yaml")]
pub enum Bad {}

fn main() {
    let parsed = Bad::from_code("A.1");
    let _ = parsed.map(|e| (e.code(), e.http_status(), e.retry(), e.to_string()));
    let _ = Bad::ALL.len();
}
