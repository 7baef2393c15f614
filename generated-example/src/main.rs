//! Demo: codes of the three vendors with status, messages and retry class,
//! then the retry loop on three scripted responses.

use errors_catalog::retry::{self, CallError, RetryOutcome, RetryPolicy};
use errors_catalog::wire::{Decoded, Known};
use errors_catalog::{Catalog, ErrorCode, Lang};
use generated_example::{BillingError, EnsError, OrganizationError};
use std::time::Instant;

fn show(vendor: &str, e: &dyn ErrorCode) {
    let retry = e.retry();
    println!(
        "[{vendor}] {}  HTTP {}  retry: {retry} (auto-retry if idempotent: {})",
        e.code(),
        e.http_status(),
        retry.is_retryable(true)
    );
    println!("    en: {}", e.message(Lang::En));
    println!("    zh: {}", e.message(Lang::Zh));
}

fn main() {
    println!("errors-codegen demo: one generator, three vendors, three ways\n");
    for code in ["CBC.0250", "CBC.99003115", "CBC.0100", "CBC.99000088"] {
        match BillingError::from_code(code) {
            Some(e) => show("huawei/derive", &e),
            None => println!("[huawei] {code}: not in the subset"),
        }
    }
    for code in [
        "RequestLimitExceeded",
        "InternalError",
        "FailedOperation.MemberNameUsed",
        "LimitExceeded.SendEmailWithinOneHourLimit",
        "AuthFailure.SignatureExpire",
    ] {
        match OrganizationError::from_code(code) {
            Some(e) => show("tencent/build.rs", &e),
            None => println!("[tencent] {code}: unknown"),
        }
    }
    for code in [
        "OrderNotFound",
        "PayInsufficientBalance",
        "OrderLatestOrderIsHandling",
        "InvalidParameter.ZoneId",
    ] {
        match EnsError::from_code(code) {
            Some(e) => show("alibaba/attribute", &e),
            None => println!("[alibaba] {code}: unknown"),
        }
    }
    println!("\ndecoding real-looking error responses:");
    let accept = "zh-CN,zh;q=0.9,en;q=0.8";
    let lang = Lang::negotiate(accept);
    println!("Accept-Language: {accept} -> {lang}");
    decode::<BillingError>(
        "huawei",
        429,
        &[("X-Request-Id", "5d2e0b5c-1a2b"), ("Retry-After", "2")],
        br#"{"error_code": "CBC.0250", "error_msg": "Connection request control triggered."}"#,
        lang,
    );
    decode::<OrganizationError>(
        "tencent",
        200,
        &[],
        br#"{"Response": {"Error": {"Code": "RequestLimitExceeded.BrandNewLimit", "Message": "Rate limit of a kind this catalog does not know yet."}, "RequestId": "b9c5c1d4"}}"#,
        lang,
    );
    decode::<EnsError>(
        "alibaba",
        400,
        &[],
        br#"{"RequestId": "1ECC937A-AE0E-4626-BE51-DED1D6D1C888", "HostId": "ens.aliyuncs.com", "Code": "InvalidParameter.EnsRegionId", "Message": "The specified field EnsRegionId invalid. Please check it again.", "Recommend": ""}"#,
        lang,
    );
    let (status, body) = EnsError::OrderNotFound.to_body(Lang::En, "req-1");
    println!("to_body(OrderNotFound) -> HTTP {status} {body}");
    println!(
        "\ncatalog sizes: huawei subset {}, tencent {} (+ templates), alibaba {} (+ templates)",
        BillingError::ALL.len(),
        OrganizationError::ALL.len(),
        EnsError::ALL.len()
    );
    retry_demo();
}

/// A scripted reply: status, headers, body.
type Reply = (u16, Vec<(&'static str, &'static str)>, &'static [u8]);

/// A scripted server: answers `(status, headers, body)` in order, then the
/// last one again.
fn scripted<E: Catalog>(
    mut replies: Vec<Reply>,
) -> impl FnMut() -> Result<Option<String>, CallError<E>> {
    replies.reverse();
    move || {
        let (status, headers, body) = if replies.len() > 1 {
            replies.pop().unwrap_or((500, vec![], b""))
        } else {
            replies.last().cloned().unwrap_or((500, vec![], b""))
        };
        retry::check_response::<E, _>(status, headers.as_slice(), body)
    }
}

fn retry_demo() {
    println!(
        "\nretrying with RetryPolicy::default() (3 attempts, full jitter from 100 ms, capped at 20 s, the server's hint honoured):"
    );
    let policy = RetryPolicy::default();

    let start = Instant::now();
    let out = retry::retry(
        &policy,
        false,
        scripted::<BillingError>(vec![
            (
                429,
                vec![("X-Request-Id", "5d2e0b5c-1a2b"), ("Retry-After", "1")],
                br#"{"error_code": "CBC.0250", "error_msg": "Connection request control triggered."}"#,
            ),
            (200, vec![], br#"{"error_code": "CBC.0000"}"#),
        ]),
    );
    report(
        "huawei",
        "CBC.0250 throttled, Retry-After: 1, not idempotent",
        &out,
        start,
    );

    let start = Instant::now();
    let out = retry::retry(
        &policy,
        true,
        scripted::<EnsError>(vec![(
            400,
            vec![],
            br#"{"RequestId": "7A1C", "Code": "OrderNotFound", "Message": "The specified order information is not found."}"#,
        )]),
    );
    report("alibaba", "OrderNotFound never, idempotent", &out, start);

    let start = Instant::now();
    let out = retry::retry(
        &policy,
        false,
        scripted::<OrganizationError>(vec![(
            200,
            vec![],
            br#"{"Response": {"Error": {"Code": "InternalError", "Message": "Internal error."}, "RequestId": "b9c5"}}"#,
        )]),
    );
    report(
        "tencent",
        "InternalError transient, not idempotent (a create)",
        &out,
        start,
    );
}

fn report<E: ErrorCode>(
    vendor: &str,
    what: &str,
    out: &RetryOutcome<Option<String>, CallError<E>>,
    start: Instant,
) {
    let end = match (&out.result, out.gave_up) {
        (Ok(_), _) => "success".to_owned(),
        (Err(e), Some(why)) => format!("surfaced ({why}): {e}"),
        (Err(e), None) => format!("surfaced: {e}"),
    };
    println!(
        "[{vendor}] {what} -> {end}; {} attempt(s), waited {:.2?} (elapsed {:.2?})",
        out.attempts,
        out.waited,
        start.elapsed()
    );
}

fn decode<E: Catalog>(
    vendor: &str,
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
    lang: Lang,
) {
    match E::from_response(status, headers, body) {
        Ok(Decoded::Success { request_id }) => {
            println!("[{vendor}] success (request {request_id:?})")
        }
        Ok(Decoded::Error(r)) => {
            let what = match &r.error {
                Known::Known(e) => format!("known {} -> {}", e.code(), e.message(lang)),
                Known::Unknown(u) => format!("unknown {} (server: {:?})", u.code, u.message),
            };
            println!(
                "[{vendor}] HTTP {} {what}; retry: {}; request id: {:?}; server hint: {:?}",
                r.status,
                r.retry(),
                r.request_id,
                r.retry_after
            );
        }
        Err(e) => println!("[{vendor}] not a vendor error: {e}"),
    }
}
