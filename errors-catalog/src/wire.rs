//! Vendor wire formats: decoding error responses, rendering error bodies.
//!
//! Every generated catalog has `from_response(status, &headers, body)` (no
//! trait import needed). It returns:
//!
//! - `Ok(`[`Decoded::Success`]`)`: a 2xx without an error code, or a
//!   success code such as Huawei's `CBC.0000`;
//! - `Ok(`[`Decoded::Error`]`(`[`ErrorResponse`]`))`: the error, as
//!   [`Known::Known`] (a variant of the catalog) or [`Known::Unknown`] (a
//!   code the catalog does not have, kept verbatim, with a retry class
//!   inherited from its family or its status), with the HTTP status, the
//!   request id, the server's own message and its retry hint
//!   ([`RetryAfter`], from `Retry-After` or Alibaba's
//!   `x-ratelimit-*-timeleft`);
//! - `Err(`[`DecodeError`]`)`: the body is too large, not JSON, or not the
//!   vendor's error shape (a proxy's HTML page, say).
//!
//! `headers` is anything that implements [`Headers`]: a slice, array or
//! `Vec` of name/value pairs, or `http::HeaderMap` with the `http` feature.
//! Names are matched case-insensitively.
//!
//! Decoding never panics and never allocates more than the body size: a body
//! over [`MAX_BODY_BYTES`] is refused before parsing, and serde_json bounds
//! nesting depth.
//!
//! # Huawei Cloud
//!
//! `{"error_code", "error_msg"}` with the HTTP status of the table; the
//! request id is the `X-Request-Id` header.
//!
//! ```
//! # #[cfg(feature = "macros")] {
//! use errors_catalog::wire::{Decoded, Known};
//! use errors_catalog::{Lang, Retry};
//!
//! #[errors_catalog::catalog(spec = "doc/huawei.yaml")]
//! pub enum CbcError {}
//!
//! let body = br#"{"error_code": "CBC.0250", "error_msg": "flow control"}"#;
//! let headers = [("X-Request-Id", "req-1"), ("Retry-After", "2")];
//! let Ok(Decoded::Error(response)) = CbcError::from_response(429, &headers, body) else {
//!     panic!("an error response");
//! };
//! assert_eq!(response.error, Known::Known(CbcError::FlowControlTriggered));
//! assert_eq!(response.retry(), Retry::Throttled);
//! assert_eq!(response.request_id.as_deref(), Some("req-1"));
//! assert_eq!(
//!     response.retry_after,
//!     Some(errors_catalog::wire::RetryAfter::Delay(std::time::Duration::from_secs(2)))
//! );
//! if let Known::Known(e) = &response.error {
//!     assert_eq!(e.message(Lang::Zh).to_string(), "消息流量控制。");
//! }
//!
//! // A success code is success, whatever the status.
//! let ok = CbcError::from_response(200, &headers, br#"{"error_code": "CBC.0000"}"#);
//! assert!(matches!(ok, Ok(Decoded::Success { .. })));
//! # }
//! ```
//!
//! # Tencent Cloud (API 3.0)
//!
//! HTTP 200 with `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}`;
//! a response without `Error` is success.
//!
//! ```
//! # #[cfg(feature = "macros")] {
//! use errors_catalog::wire::{Decoded, Known};
//! use errors_catalog::Retry;
//!
//! #[errors_catalog::catalog(spec = "doc/tencent.yaml")]
//! pub enum TencentError {}
//!
//! let body = br#"{"Response": {"Error": {"Code": "RequestLimitExceeded.UinLimitExceeded",
//!     "Message": "too many requests"}, "RequestId": "c0ffee"}}"#;
//! let headers: [(&str, &str); 0] = [];
//! match TencentError::from_response(200, &headers, body) {
//!     Ok(Decoded::Error(response)) => {
//!         // Not in the catalog: kept as sent, throttled like its family.
//!         let Known::Unknown(unknown) = &response.error else { panic!() };
//!         assert_eq!(unknown.code, "RequestLimitExceeded.UinLimitExceeded");
//!         assert_eq!(response.retry(), Retry::Throttled);
//!         assert_eq!(response.request_id.as_deref(), Some("c0ffee"));
//!     }
//!     other => panic!("{other:?}"),
//! }
//! let ok = br#"{"Response": {"RequestId": "c0ffee"}}"#;
//! assert!(matches!(
//!     TencentError::from_response(200, &headers, ok),
//!     Ok(Decoded::Success { .. })
//! ));
//! # }
//! ```
//!
//! # Alibaba Cloud
//!
//! `{"RequestId", "Code", "Message", ...}` (also camelCase) with the HTTP
//! status of the table; `to_body` renders the same shape.
//!
//! ```
//! # #[cfg(feature = "macros")] {
//! use errors_catalog::wire::{DecodeError, Decoded, Known};
//! use errors_catalog::Lang;
//!
//! #[errors_catalog::catalog(spec = "doc/alibaba.yaml")]
//! pub enum EnsError {}
//!
//! let body = br#"{"RequestId": "r-9", "Code": "InvalidParameter.InstanceId",
//!     "Message": "The specified field InstanceId invalid."}"#;
//! let headers = vec![("x-ratelimit-user-api-timeleft".to_owned(), "1500".to_owned())];
//! let Ok(Decoded::Error(response)) = EnsError::from_response(400, &headers, body) else {
//!     panic!("an error response");
//! };
//! let want = EnsError::InvalidParameter { field: "InstanceId".into() };
//! assert_eq!(response.error, Known::Known(want.clone()));
//! // The vendor gives no Chinese text: English is shown, and said.
//! assert_eq!(want.message_lang(Lang::Zh), Lang::En);
//!
//! // The body a mock server would send for the same error.
//! let (status, rendered) = want.to_body(Lang::En, "r-9");
//! assert_eq!(status, 400);
//! assert!(rendered.contains(r#""Code":"InvalidParameter.InstanceId""#), "{rendered}");
//!
//! // Not the vendor's shape: an error, not a guess.
//! let html = b"<html>502 Bad Gateway</html>";
//! assert!(matches!(
//!     EnsError::from_response(502, &headers, html),
//!     Err(DecodeError::NotJson { .. })
//! ));
//! # }
//! ```

use crate::{Catalog, ErrorCode, Lang, Retry, Vendor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;
use std::time::{Duration, SystemTime};

/// Largest body decoded, in bytes.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// Read access to response headers, case-insensitive by name.
pub trait Headers {
    /// The first value of `name`, if any (and valid UTF-8).
    fn header(&self, name: &str) -> Option<&str>;
}

impl Headers for [(&str, &str)] {
    fn header(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }
}

impl<const N: usize> Headers for [(&str, &str); N] {
    fn header(&self, name: &str) -> Option<&str> {
        self.as_slice().header(name)
    }
}

impl Headers for [(String, String)] {
    fn header(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Headers for Vec<(String, String)> {
    fn header(&self, name: &str) -> Option<&str> {
        self.as_slice().header(name)
    }
}

#[cfg(feature = "http")]
impl Headers for http::HeaderMap {
    fn header(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(|v| v.to_str().ok())
    }
}

/// What a response meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded<E> {
    /// No error object, or a success code (e.g. Huawei `CBC.0000`).
    Success {
        /// The request id, if the vendor sent one.
        request_id: Option<String>,
    },
    /// An error response.
    Error(ErrorResponse<E>),
}

/// An error response: the code (known or not) and its metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorResponse<E> {
    pub error: Known<E>,
    /// The HTTP status of the response.
    pub status: u16,
    pub request_id: Option<String>,
    /// The server's own message text.
    pub server_message: Option<String>,
    /// When the server said to retry, if it did.
    pub retry_after: Option<RetryAfter>,
}

impl<E: Catalog> ErrorResponse<E> {
    /// The retry class: the catalog's, or the inherited one of an unknown code.
    pub fn retry(&self) -> Retry {
        match &self.error {
            Known::Known(e) => e.retry(),
            Known::Unknown(u) => u.retry,
        }
    }

    /// The wire code.
    pub fn code(&self) -> Cow<'_, str> {
        match &self.error {
            Known::Known(e) => Cow::Owned(e.code().into_owned()),
            Known::Unknown(u) => Cow::Borrowed(&u.code),
        }
    }
}

/// A code the catalog has, or one it does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known<E> {
    Known(E),
    Unknown(UnknownError),
}

/// A code not in the catalog, kept as the server sent it (compare
/// smithy-rs `Unhandled`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownError {
    pub code: String,
    pub message: String,
    /// Inherited from the longest known family prefix (`RequestLimitExceeded.Foo`
    /// -> `RequestLimitExceeded`), else from the HTTP status.
    pub retry: Retry,
}

/// A server's hint of when to retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryAfter {
    /// Wait this long (`Retry-After: 120`, Alibaba `x-ratelimit-*-timeleft`).
    Delay(Duration),
    /// Retry at this time (`Retry-After: <HTTP date>`).
    At(SystemTime),
}

/// Why a body is not a vendor error response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The body is larger than [`MAX_BODY_BYTES`].
    TooLarge { len: usize },
    /// Not JSON (or truncated JSON).
    NotJson { reason: String },
    /// JSON, but not the vendor's error shape.
    WrongShape { expected: &'static str },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::TooLarge { len } => write!(
                f,
                "body of {len} bytes exceeds the {MAX_BODY_BYTES}-byte limit"
            ),
            DecodeError::NotJson { reason } => write!(f, "body is not JSON: {reason}"),
            DecodeError::WrongShape { expected } => {
                write!(f, "body is not a vendor error: expected {expected}")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

#[derive(Deserialize)]
struct HuaweiBody<'a> {
    #[serde(borrow, default)]
    error_code: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    error_msg: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct TencentBody<'a> {
    #[serde(rename = "Response", borrow)]
    response: Option<TencentResponse<'a>>,
}

#[derive(Deserialize)]
struct TencentResponse<'a> {
    #[serde(rename = "Error", borrow, default)]
    error: Option<TencentError<'a>>,
    #[serde(rename = "RequestId", borrow, default)]
    request_id: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct TencentError<'a> {
    #[serde(rename = "Code", borrow, default)]
    code: Option<Cow<'a, str>>,
    #[serde(rename = "Message", borrow, default)]
    message: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct AlibabaBody<'a> {
    #[serde(rename = "Code", alias = "code", borrow, default)]
    code: Option<Cow<'a, str>>,
    #[serde(rename = "Message", alias = "message", borrow, default)]
    message: Option<Cow<'a, str>>,
    #[serde(rename = "RequestId", alias = "requestId", borrow, default)]
    request_id: Option<Cow<'a, str>>,
}

/// The vendor-independent parts of a body.
struct RawError {
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
}

fn parse<'a, T: Deserialize<'a>>(body: &'a [u8], expected: &'static str) -> Result<T, DecodeError> {
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| DecodeError::NotJson {
            reason: e.to_string(),
        })?;
    if !value.is_object() {
        return Err(DecodeError::WrongShape { expected });
    }
    serde_json::from_slice(body).map_err(|_| DecodeError::WrongShape { expected })
}

fn raw(vendor: Vendor, headers: &dyn Headers, body: &[u8]) -> Result<RawError, DecodeError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(DecodeError::TooLarge { len: body.len() });
    }
    let own = |c: Option<Cow<'_, str>>| c.map(Cow::into_owned);
    match vendor {
        Vendor::Huawei => {
            let b: HuaweiBody<'_> = parse(body, "{\"error_code\": ..., \"error_msg\": ...}")?;
            Ok(RawError {
                code: own(b.error_code),
                message: own(b.error_msg),
                request_id: headers.header("X-Request-Id").map(str::to_owned),
            })
        }
        Vendor::Tencent => {
            let expected = "{\"Response\": {\"Error\": {\"Code\", \"Message\"}, \"RequestId\"}}";
            let b: TencentBody<'_> = parse(body, expected)?;
            let r = b.response.ok_or(DecodeError::WrongShape { expected })?;
            let (code, message) = match r.error {
                Some(e) => (own(e.code), own(e.message)),
                None => (None, None),
            };
            Ok(RawError {
                code,
                message,
                request_id: own(r.request_id),
            })
        }
        Vendor::Alibaba => {
            let b: AlibabaBody<'_> = parse(body, "{\"RequestId\", \"Code\", \"Message\", ...}")?;
            Ok(RawError {
                code: own(b.code),
                message: own(b.message),
                request_id: own(b.request_id),
            })
        }
        // `Vendor` is non-exhaustive; this runtime and `errors-core` are
        // released together (exact version requirements), so a vendor
        // without a wire format here cannot reach this point.
        _ => Err(DecodeError::WrongShape {
            expected: "the error body of a vendor this runtime knows",
        }),
    }
}

/// Decodes a response of `E`'s vendor. Used through [`Catalog::from_response`].
pub fn decode<E: Catalog>(
    status: u16,
    headers: &dyn Headers,
    body: &[u8],
) -> Result<Decoded<E>, DecodeError> {
    let raw = raw(E::VENDOR, headers, body)?;
    let Some(code) = raw.code.filter(|c| !c.is_empty()) else {
        if (200..300).contains(&status) {
            return Ok(Decoded::Success {
                request_id: raw.request_id,
            });
        }
        return Err(DecodeError::WrongShape {
            expected: "an error code in an error response",
        });
    };
    if E::is_success_code(&code) {
        return Ok(Decoded::Success {
            request_id: raw.request_id,
        });
    }
    let error = match E::from_code(&code) {
        Some(e) => Known::Known(e),
        None => {
            let retry = family_retry::<E>(&code).unwrap_or_else(|| Retry::from_status(status));
            Known::Unknown(UnknownError {
                code,
                message: raw.message.clone().unwrap_or_default(),
                retry,
            })
        }
    };
    Ok(Decoded::Error(ErrorResponse {
        error,
        status,
        request_id: raw.request_id,
        server_message: raw.message,
        retry_after: retry_after(headers, SystemTime::now()),
    }))
}

/// The retry class of the longest known prefix of `code` ending before a `.`.
pub fn family_retry<E: Catalog>(code: &str) -> Option<Retry> {
    let mut prefix = code;
    while let Some(dot) = prefix.rfind('.') {
        prefix = &prefix[..dot];
        if let Some(e) = E::from_code(prefix) {
            return Some(e.retry());
        }
    }
    None
}

/// The server's retry hint: `Retry-After` (seconds or HTTP date), else an
/// Alibaba `x-ratelimit-*-timeleft` header (milliseconds).
pub fn retry_after(headers: &dyn Headers, now: SystemTime) -> Option<RetryAfter> {
    if let Some(v) = headers.header("Retry-After") {
        let v = v.trim();
        if let Ok(secs) = v.parse::<u64>() {
            return Some(RetryAfter::Delay(Duration::from_secs(secs)));
        }
        return parse_http_date(v).map(|t| {
            if t <= now {
                RetryAfter::Delay(Duration::ZERO)
            } else {
                RetryAfter::At(t)
            }
        });
    }
    for name in [
        "x-ratelimit-user-api-timeleft",
        "x-ratelimit-api-timeleft",
        "x-ratelimit-timeleft",
    ] {
        if let Some(ms) = headers
            .header(name)
            .and_then(|v| v.trim().parse::<u64>().ok())
        {
            return Some(RetryAfter::Delay(Duration::from_millis(ms)));
        }
    }
    None
}

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form RFC 9110 requires.
pub fn parse_http_date(s: &str) -> Option<SystemTime> {
    let rest = s.split_once(", ")?.1;
    let mut parts = rest.split(' ');
    let day: u64 = parts.next()?.parse().ok()?;
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| Some(*m) == parts.clone().next())? as u64
        + 1;
    parts.next();
    let year: u64 = parts.next()?.parse().ok()?;
    let mut hms = parts.next()?.split(':');
    let (h, m, sec): (u64, u64, u64) = (
        hms.next()?.parse().ok()?,
        hms.next()?.parse().ok()?,
        hms.next()?.parse().ok()?,
    );
    // RFC 9110 years have four digits; bounding them keeps the arithmetic
    // below far from overflow whatever the server sends.
    if parts.next()? != "GMT"
        || parts.next().is_some()
        || !(1..=31).contains(&day)
        || !(1970..=9999).contains(&year)
        || h > 23
        || m > 59
        || sec > 60
    {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let (y, mo) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * mo + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = (era * 146_097 + doe).checked_sub(719_468)?;
    SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(days * 86_400 + h * 3600 + m * 60 + sec))
}

/// Renders `error`'s body as its vendor would send it, for servers imitating
/// the API. Returns `(status, body)`; Tencent answers errors with HTTP 200.
///
/// Takes a `&dyn ErrorCode`, so that one copy serves every catalog.
pub fn to_body(error: &dyn ErrorCode, lang: Lang, request_id: &str) -> (u16, String) {
    let code = error.code();
    let message = error.message(lang);
    let (status, body) = match error.vendor() {
        Vendor::Huawei => (
            error.http_status(),
            serde_json::json!({ "error_code": code, "error_msg": message }),
        ),
        Vendor::Tencent => (
            200,
            serde_json::json!({ "Response": { "Error": { "Code": code, "Message": message }, "RequestId": request_id } }),
        ),
        Vendor::Alibaba => (
            error.http_status(),
            serde_json::json!({ "RequestId": request_id, "HostId": "", "Code": code, "Message": message, "Recommend": "" }),
        ),
        // See `raw`: every vendor of `errors-core` has its arm above.
        _ => (
            error.http_status(),
            serde_json::json!({ "Code": code, "Message": message, "RequestId": request_id }),
        ),
    };
    (status, body.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates() {
        let t = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(
            t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs(),
            784_111_777
        );
        assert_eq!(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("garbage"), None);
        assert_eq!(parse_http_date(""), None);
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT trailing"),
            None
        );
    }

    /// Found by the `decode_alibaba` fuzz target's review: huge years used
    /// to overflow (`attempt to multiply with overflow`, then `overflow when
    /// adding duration to instant` in release builds).
    #[test]
    fn http_dates_with_huge_years_are_refused_without_panicking() {
        for year in [
            "10000",
            "300000000000",
            "999999999999",
            "18446744073709551615",
        ] {
            let date = format!("Sun, 06 Nov {year} 08:49:37 GMT");
            assert_eq!(parse_http_date(&date), None, "{date}");
            let headers = [("Retry-After", date.as_str())];
            assert_eq!(retry_after(&headers, SystemTime::UNIX_EPOCH), None);
        }
        let last = parse_http_date("Fri, 31 Dec 9999 23:59:59 GMT").unwrap();
        assert_eq!(
            last.duration_since(SystemTime::UNIX_EPOCH)
                .unwrap()
                .as_secs(),
            253_402_300_799
        );
    }

    #[test]
    fn retry_after_hints() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_700);
        let h = [("retry-after", "120")];
        assert_eq!(
            retry_after(&h, now),
            Some(RetryAfter::Delay(Duration::from_secs(120)))
        );
        let h = [("Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT")];
        assert!(matches!(retry_after(&h, now), Some(RetryAfter::At(_))));
        let h = [("x-ratelimit-user-api-timeleft", "1500")];
        assert_eq!(
            retry_after(&h, now),
            Some(RetryAfter::Delay(Duration::from_millis(1500)))
        );
        let h: [(&str, &str); 0] = [];
        assert_eq!(retry_after(&h, now), None);
    }
}
