//! Decoding and rendering the vendors' error bodies.

use errors_catalog::wire::{DecodeError, Decoded, Known, RetryAfter};
use errors_catalog::{Catalog, Lang, Retry};
use errors_tests::{AlibabaError, BasicError, TencentError};
use std::time::Duration;

fn error<E>(d: Result<Decoded<E>, DecodeError>) -> errors_catalog::wire::ErrorResponse<E> {
    match d {
        Ok(Decoded::Error(e)) => e,
        Ok(Decoded::Success { .. }) => panic!("expected an error, got success"),
        Err(e) => panic!("expected an error, got {e}"),
    }
}

#[test]
fn huawei_known_error_with_request_id_header() {
    let body =
        br#"{"error_code": "CBC.0250", "error_msg": "Connection request control triggered."}"#;
    let headers = [("X-Request-Id", "req-1"), ("Retry-After", "3")];
    let e = error(BasicError::from_response(429, &headers, body));
    assert_eq!(e.error, Known::Known(BasicError::FlowControlTriggered));
    assert_eq!(e.request_id.as_deref(), Some("req-1"));
    assert_eq!(
        e.server_message.as_deref(),
        Some("Connection request control triggered.")
    );
    assert_eq!(e.retry(), Retry::Throttled);
    assert_eq!(
        e.retry_after,
        Some(RetryAfter::Delay(Duration::from_secs(3)))
    );
}

#[test]
fn huawei_success_code_is_success() {
    let body = br#"{"error_code": "CBC.0000", "error_msg": "Success."}"#;
    let headers = [("x-request-id", "r")];
    assert_eq!(
        BasicError::from_response(200, &headers, body),
        Ok(Decoded::Success {
            request_id: Some("r".into())
        })
    );
    let h: [(&str, &str); 0] = [];
    assert_eq!(
        BasicError::from_response(200, &h, b"{\"total\": 3}"),
        Ok(Decoded::Success { request_id: None })
    );
}

#[test]
fn tencent_errors_come_with_http_200() {
    let body = br#"{"Response": {"Error": {"Code": "FailedOperation.MemberNameUsed", "Message": "used"}, "RequestId": "abc"}}"#;
    let h: [(&str, &str); 0] = [];
    let e = error(TencentError::from_response(200, &h, body));
    assert_eq!(
        e.error,
        Known::Known(TencentError::FailedOperationMemberNameUsed)
    );
    assert_eq!(e.request_id.as_deref(), Some("abc"));
    let ok = br#"{"Response": {"RequestId": "abc", "Data": 1}}"#;
    assert_eq!(
        TencentError::from_response(200, &h, ok),
        Ok(Decoded::Success {
            request_id: Some("abc".into())
        })
    );
}

#[test]
fn unknown_codes_keep_the_server_text_and_inherit_the_family_retry() {
    let body = br#"{"Response": {"Error": {"Code": "RequestLimitExceeded.UinLimitExceeded", "Message": "slow down"}, "RequestId": "x"}}"#;
    let h: [(&str, &str); 0] = [];
    let e = error(TencentError::from_response(200, &h, body));
    match &e.error {
        Known::Unknown(u) => {
            assert_eq!(u.code, "RequestLimitExceeded.UinLimitExceeded");
            assert_eq!(u.message, "slow down");
            assert_eq!(u.retry, Retry::Throttled);
        }
        other => panic!("{other:?}"),
    }
    let body =
        br#"{"Response": {"Error": {"Code": "Brand.New", "Message": "?"}, "RequestId": "x"}}"#;
    assert_eq!(
        error(TencentError::from_response(200, &h, body)).retry(),
        Retry::Never
    );
    let body = br#"{"Code": "Brand.New", "Message": "?"}"#;
    assert_eq!(
        error(AlibabaError::from_response(503, &h, body)).retry(),
        Retry::Transient,
        "status default"
    );
}

#[test]
fn alibaba_template_codes_and_lowercase_keys() {
    let h: [(&str, &str); 0] = [];
    let body = br#"{"RequestId": "1ECC", "HostId": "ens.aliyuncs.com", "Code": "InvalidParameter.ZoneId", "Message": "bad", "Recommend": ""}"#;
    let e = error(AlibabaError::from_response(400, &h, body));
    let Known::Known(v) = &e.error else { panic!() };
    assert_eq!(
        *v,
        AlibabaError::InvalidParameter {
            field: "ZoneId".into()
        }
    );
    assert_eq!(
        v.message(Lang::En).to_string(),
        "The specified field ZoneId invalid. Please check it again."
    );
    let lower = br#"{"requestId": "r", "code": "OrderNotFound", "message": "m"}"#;
    let e = error(AlibabaError::from_response(400, &h, lower));
    assert_eq!(e.error, Known::Known(AlibabaError::OrderNotFound));
    assert_eq!(e.request_id.as_deref(), Some("r"));
}

#[test]
fn bodies_that_are_not_vendor_errors_are_typed_errors() {
    let h: [(&str, &str); 0] = [];
    assert!(matches!(
        BasicError::from_response(500, &h, b"<html>"),
        Err(DecodeError::NotJson { .. })
    ));
    assert!(matches!(
        BasicError::from_response(500, &h, b"{\"error_code\": \"CBC"),
        Err(DecodeError::NotJson { .. })
    ));
    assert!(matches!(
        BasicError::from_response(500, &h, b"[1, 2]"),
        Err(DecodeError::WrongShape { .. })
    ));
    assert!(matches!(
        BasicError::from_response(500, &h, b"{\"error_code\": 5}"),
        Err(DecodeError::WrongShape { .. })
    ));
    assert!(matches!(
        TencentError::from_response(200, &h, b"{}"),
        Err(DecodeError::WrongShape { .. })
    ));
    assert!(matches!(
        BasicError::from_response(500, &h, b"{}"),
        Err(DecodeError::WrongShape { .. })
    ));
    let huge = vec![b' '; errors_catalog::wire::MAX_BODY_BYTES + 1];
    assert!(matches!(
        BasicError::from_response(500, &h, &huge),
        Err(DecodeError::TooLarge { .. })
    ));
    let deep = "[".repeat(100_000);
    assert!(BasicError::from_response(500, &h, deep.as_bytes()).is_err());
}

#[test]
fn to_body_round_trips_through_from_response() {
    fn round_trip<E: Catalog + PartialEq + std::fmt::Debug + Clone>(all: &[E]) {
        for e in all {
            for lang in [Lang::En, Lang::Zh] {
                let (status, body) = e.to_body(lang, "req-9");
                let headers = [("X-Request-Id", "req-9")];
                let back = error(E::from_response(status, &headers, body.as_bytes()));
                assert_eq!(back.error, Known::Known(e.clone()), "{body}");
                assert_eq!(back.request_id.as_deref(), Some("req-9"));
                assert_eq!(back.server_message.as_deref(), Some(&*e.message(lang)));
            }
        }
    }
    round_trip(BasicError::ALL);
    round_trip(&[BasicError::InvalidParameter {
        field: "a.b".into(),
    }]);
    round_trip(TencentError::ALL);
    round_trip(AlibabaError::ALL);
    round_trip(&[AlibabaError::InvalidParameter {
        field: "ZoneId".into(),
    }]);
    let (status, _) = TencentError::InternalError.to_body(Lang::En, "r");
    assert_eq!(status, 200);
}

/// `to_body` writes what serde_json's `json!` wrote before the runtime had
/// its own writer, byte for byte: every variant of the three vendors' test
/// catalogs in both languages, request ids and template fields with quotes,
/// backslashes, control characters and non-ASCII text.
#[test]
fn to_body_renders_what_serde_json_renders() {
    use errors_catalog::{ErrorCode, Vendor};
    let ids = [
        "req-9",
        "",
        "a\"b\\c",
        "\u{0}\u{1f}\n\t\u{7f}",
        "请求 😀 \u{2028}",
    ];
    fn reference(e: &dyn ErrorCode, lang: Lang, id: &str) -> String {
        let (code, message) = (e.code(), e.message(lang));
        match e.vendor() {
            Vendor::Huawei => serde_json::json!({ "error_code": code, "error_msg": message }),
            Vendor::Tencent => serde_json::json!({ "Response": { "Error": { "Code": code, "Message": message }, "RequestId": id } }),
            _ => serde_json::json!({ "RequestId": id, "HostId": "", "Code": code, "Message": message, "Recommend": "" }),
        }
        .to_string()
    }
    let mut values: Vec<Box<dyn ErrorCode>> = Vec::new();
    values.extend(
        BasicError::ALL
            .iter()
            .map(|e| Box::new(e.clone()) as Box<dyn ErrorCode>),
    );
    values.extend(
        TencentError::ALL
            .iter()
            .map(|e| Box::new(*e) as Box<dyn ErrorCode>),
    );
    values.extend(
        AlibabaError::ALL
            .iter()
            .map(|e| Box::new(e.clone()) as Box<dyn ErrorCode>),
    );
    for field in ids {
        values.push(Box::new(BasicError::InvalidParameter {
            field: field.into(),
        }));
        values.push(Box::new(AlibabaError::InvalidParameter {
            field: field.into(),
        }));
    }
    let vendors: std::collections::BTreeSet<String> =
        values.iter().map(|e| format!("{:?}", e.vendor())).collect();
    assert_eq!(vendors.len(), 3, "{vendors:?}");
    for e in &values {
        for lang in [Lang::En, Lang::Zh] {
            for id in ids {
                let (_, body) = errors_catalog::wire::to_body(e.as_ref(), lang, id);
                assert_eq!(body, reference(e.as_ref(), lang, id));
            }
        }
    }
}
