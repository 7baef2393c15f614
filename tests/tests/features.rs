//! The optional features of the runtime as seen by catalogs that ask for
//! them (`serde`, `http`): a value is its code string, `http::StatusCode`,
//! `HeaderMap`; through the attribute, the derive and the builder, with the
//! runtime under another name.

use errors_catalog::Catalog;
use errors_tests::built::TencentError as OrganizationError;
use errors_tests::{SerdeBilling as BillingError, SerdeEns as EnsError};

#[test]
fn serde_writes_and_reads_the_code_string() {
    let e = EnsError::OrderNotFound;
    assert_eq!(serde_json::to_string(&e).unwrap(), r#""OrderNotFound""#);
    assert_eq!(
        serde_json::from_str::<EnsError>(r#""OrderNotFound""#).unwrap(),
        e
    );
    // Template codes carry their field through the string.
    let t = EnsError::from_code("InvalidParameter.ZoneId").unwrap();
    let json = serde_json::to_string(&t).unwrap();
    assert_eq!(json, r#""InvalidParameter.ZoneId""#);
    assert_eq!(serde_json::from_str::<EnsError>(&json).unwrap(), t);
    // Derived subsets too; a code outside the subset is refused.
    assert_eq!(
        serde_json::from_str::<BillingError>(r#""CBC.0250""#).unwrap(),
        BillingError::FlowControl
    );
    let err = serde_json::from_str::<BillingError>(r#""CBC.0100X""#).unwrap_err();
    assert!(
        err.to_string().contains("CBC.0100X") && err.to_string().contains("error code"),
        "{err}"
    );
    // Not a string at all.
    assert!(serde_json::from_str::<EnsError>("42").is_err());
}

#[test]
fn serde_round_trips_every_variant_of_every_catalog() {
    fn all<E>(values: &[E])
    where
        E: Catalog + serde::Serialize + serde::de::DeserializeOwned + PartialEq + Clone,
    {
        for v in values {
            let json = serde_json::to_string(v).unwrap();
            assert_eq!(json, serde_json::to_string(&*v.code()).unwrap());
            assert!(serde_json::from_str::<E>(&json).unwrap() == *v, "{json}");
        }
    }
    all(EnsError::ALL);
    all(OrganizationError::ALL);
    all(BillingError::ALL);
}

#[test]
fn http_status_code_accessor_and_header_map() {
    assert_eq!(
        BillingError::FlowControl.status_code(),
        http::StatusCode::TOO_MANY_REQUESTS
    );
    for v in OrganizationError::ALL {
        assert_eq!(v.status_code().as_u16(), v.http_status());
    }
    let mut headers = http::HeaderMap::new();
    headers.insert("x-request-id", "req-1".parse().unwrap());
    headers.insert("retry-after", "3".parse().unwrap());
    let body = br#"{"error_code":"CBC.0250","error_msg":"flow control"}"#;
    let decoded = BillingError::from_response(429, &headers, body).unwrap();
    let errors_catalog::wire::Decoded::Error(resp) = decoded else {
        panic!("expected an error, got {decoded:?}");
    };
    assert_eq!(resp.request_id.as_deref(), Some("req-1"));
    assert_eq!(
        resp.retry_after,
        Some(errors_catalog::wire::RetryAfter::Delay(
            std::time::Duration::from_secs(3)
        ))
    );
}
