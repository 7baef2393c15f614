//! The common calls need no `use` of a runtime trait: decoding a response,
//! rendering a body, code, status, retry, messages, for the attribute and
//! the derive.
#![deny(warnings)]

#[errors_catalog::catalog(spec = "specs/good.yaml")]
pub enum Whole {}

#[derive(Debug, Clone, PartialEq, errors_catalog::ErrorCode)]
#[error_code(spec = "specs/good.yaml")]
pub enum Subset {
    #[error_code("CBC.0250")]
    Throttled,
}

fn main() {
    let body = br#"{"error_code": "CBC.0250", "error_msg": "slow down"}"#;
    let headers = [("X-Request-Id", "r")];
    let decoded = Whole::from_response(429, &headers, body);
    assert!(matches!(decoded, Ok(errors_catalog::wire::Decoded::Error(_))));
    let (status, _) = Whole::Cbc0250.to_body(errors_catalog::Lang::En, "r");
    assert_eq!(status, 400, "the status of specs/good.yaml");

    let decoded = Subset::from_response(429, &headers, body);
    let Ok(errors_catalog::wire::Decoded::Error(r)) = decoded else {
        panic!("an error")
    };
    assert_eq!(r.error, errors_catalog::wire::Known::Known(Subset::Throttled));
    let e = Subset::Throttled;
    let _ = (e.code(), e.http_status(), e.retry(), e.message(errors_catalog::Lang::Zh));
    let (status, _) = e.to_body(errors_catalog::Lang::Zh, "r");
    assert_eq!(status, 400, "the status of specs/good.yaml");
}
