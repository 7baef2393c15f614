#![deny(warnings)]
#![warn(clippy::pedantic)]

// Catalogs declared inside a function: the generated statics name the enum,
// which must resolve from the items nested in its impl.
fn main() {
    #[errors_catalog::catalog(spec = "specs/plain.yaml")]
    enum Local {}

    #[errors_catalog::catalog(spec = "specs/good.yaml")]
    enum WithTemplates {}

    assert_eq!(Local::ALL.len(), 3);
    for (i, e) in Local::ALL.iter().enumerate() {
        assert_eq!(Local::from_code(&e.code()), Some(*e), "ALL[{i}]");
    }
    assert_eq!(Local::from_code("CBC.0250").map(|e| e.http_status()), Some(429));
    assert_eq!(Local::from_code("CBC.0251"), None);
    assert_eq!(WithTemplates::ALL.len(), 2);
    assert_eq!(
        WithTemplates::from_code("CBC.0250"),
        Some(WithTemplates::ALL[1].clone())
    );
}
