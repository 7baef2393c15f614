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
//! over [`MAX_BODY_BYTES`] is refused before parsing, and nesting is
//! bounded (127 arrays and objects deep, as serde_json bounds it). The JSON
//! reader is the crate's own, made for these bodies: it checks the whole
//! body as strictly as serde_json does (numbers against the grammar only)
//! and keeps only the members it looks for.
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
use std::borrow::Cow;
use std::fmt;
use std::time::{Duration, SystemTime};

mod json;

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

// The bodies are read by `json`, a reader made for them (serde_json and its
// dependencies would be in the build of every catalog's crate): each
// vendor's shape names the members kept, which must be strings (or null,
// or absent); any other member is checked and skipped. A member of another
// type, or given twice, makes the body the wrong shape.

/// Slots of [`json::Fields::text`].
const CODE: usize = 0;
const MESSAGE: usize = 1;
const REQUEST_ID: usize = 2;

/// Bits of [`json::Fields::objects`]: Tencent's `Response`.
const RESPONSE: u32 = 0;

static HUAWEI: json::Shape = json::Shape {
    members: &[
        (&["error_code"], json::Member::Text(CODE)),
        (&["error_msg"], json::Member::Text(MESSAGE)),
    ],
};

static TENCENT: json::Shape = json::Shape {
    members: &[(
        &["Response"],
        json::Member::Object(&TENCENT_RESPONSE, RESPONSE),
    )],
};

static TENCENT_RESPONSE: json::Shape = json::Shape {
    members: &[
        (
            &["Error"],
            json::Member::Object(&TENCENT_ERROR, RESPONSE + 1),
        ),
        (&["RequestId"], json::Member::Text(REQUEST_ID)),
    ],
};

static TENCENT_ERROR: json::Shape = json::Shape {
    members: &[
        (&["Code"], json::Member::Text(CODE)),
        (&["Message"], json::Member::Text(MESSAGE)),
    ],
};

static ALIBABA: json::Shape = json::Shape {
    members: &[
        (&["Code", "code"], json::Member::Text(CODE)),
        (&["Message", "message"], json::Member::Text(MESSAGE)),
        (&["RequestId", "requestId"], json::Member::Text(REQUEST_ID)),
    ],
};

/// The vendor-independent parts of a body (the code borrowed from it when
/// it has no escapes: a known code is never copied).
struct RawError<'a> {
    code: Option<Cow<'a, str>>,
    message: Option<String>,
    request_id: Option<String>,
}

/// `body` read as `shape`: `NotJson` when it is not JSON at all (every
/// member is checked, also those the shape skips), `WrongShape` when it is
/// JSON but not an object of the shape.
fn parse<'a>(
    body: &'a [u8],
    shape: &'static json::Shape,
    expected: &'static str,
) -> Result<json::Fields<'a>, DecodeError> {
    json::read(body, shape).map_err(|e| match e {
        json::Error::Syntax(reason) => DecodeError::NotJson { reason },
        json::Error::Shape => DecodeError::WrongShape { expected },
    })
}

fn raw<'a>(
    vendor: Vendor,
    headers: &dyn Headers,
    body: &'a [u8],
) -> Result<RawError<'a>, DecodeError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(DecodeError::TooLarge { len: body.len() });
    }
    let (shape, expected) = match vendor {
        Vendor::Huawei => (&HUAWEI, "{\"error_code\": ..., \"error_msg\": ...}"),
        Vendor::Tencent => (
            &TENCENT,
            "{\"Response\": {\"Error\": {\"Code\", \"Message\"}, \"RequestId\"}}",
        ),
        Vendor::Alibaba => (&ALIBABA, "{\"RequestId\", \"Code\", \"Message\", ...}"),
        // `Vendor` is non-exhaustive; this runtime and `errors-core` are
        // released together (exact version requirements), so a vendor
        // without a wire format here cannot reach this point.
        _ => {
            return Err(DecodeError::WrongShape {
                expected: "the error body of a vendor this runtime knows",
            });
        }
    };
    let fields = parse(body, shape, expected)?;
    if vendor == Vendor::Tencent && fields.objects & 1 << RESPONSE == 0 {
        return Err(DecodeError::WrongShape { expected });
    }
    let [code, message, request_id] = fields.text;
    Ok(RawError {
        code,
        message: message.map(Cow::into_owned),
        request_id: match vendor {
            Vendor::Huawei => headers.header("X-Request-Id").map(str::to_owned),
            _ => request_id.map(Cow::into_owned),
        },
    })
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
                code: code.into_owned(),
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
        retry_after: retry_hint(headers, SystemTime::now),
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
    retry_hint(headers, || now)
}

/// [`retry_after`], reading the clock only for a `Retry-After` date.
fn retry_hint(headers: &dyn Headers, now: impl FnOnce() -> SystemTime) -> Option<RetryAfter> {
    if let Some(v) = headers.header("Retry-After") {
        let v = v.trim();
        if let Ok(secs) = v.parse::<u64>() {
            return Some(RetryAfter::Delay(Duration::from_secs(secs)));
        }
        return parse_http_date(v).map(|t| {
            if t <= now() {
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
    let mut body = String::with_capacity(96 + code.len() + message.len() + request_id.len());
    // Members in the order serde_json's `json!` rendered them (by name).
    let status = match error.vendor() {
        Vendor::Huawei => {
            json::write_object(&mut body, &[("error_code", &code), ("error_msg", &message)]);
            error.http_status()
        }
        Vendor::Tencent => {
            body.push_str("{\"Response\":{\"Error\":");
            json::write_object(&mut body, &[("Code", &code), ("Message", &message)]);
            body.push(',');
            json::write_string(&mut body, "RequestId");
            body.push(':');
            json::write_string(&mut body, request_id);
            body.push_str("}}");
            200
        }
        Vendor::Alibaba => {
            json::write_object(
                &mut body,
                &[
                    ("Code", &code),
                    ("HostId", ""),
                    ("Message", &message),
                    ("Recommend", ""),
                    ("RequestId", request_id),
                ],
            );
            error.http_status()
        }
        // See `raw`: every vendor of `errors-core` has its arm above.
        _ => {
            json::write_object(
                &mut body,
                &[
                    ("Code", &code),
                    ("Message", &message),
                    ("RequestId", request_id),
                ],
            );
            error.http_status()
        }
    };
    (status, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bodies' shapes as `#[derive(Deserialize)]` read them before the
    /// impls were written by hand.
    mod derived {
        use std::borrow::Cow;

        #[derive(serde::Deserialize)]
        pub struct HuaweiBody<'a> {
            #[serde(borrow, default)]
            pub error_code: Option<Cow<'a, str>>,
            #[serde(borrow, default)]
            pub error_msg: Option<Cow<'a, str>>,
        }

        #[derive(serde::Deserialize)]
        pub struct TencentBody<'a> {
            #[serde(rename = "Response", borrow)]
            pub response: Option<TencentResponse<'a>>,
        }

        #[derive(serde::Deserialize)]
        pub struct TencentResponse<'a> {
            #[serde(rename = "Error", borrow, default)]
            pub error: Option<TencentError<'a>>,
            #[serde(rename = "RequestId", borrow, default)]
            pub request_id: Option<Cow<'a, str>>,
        }

        #[derive(serde::Deserialize)]
        pub struct TencentError<'a> {
            #[serde(rename = "Code", borrow, default)]
            pub code: Option<Cow<'a, str>>,
            #[serde(rename = "Message", borrow, default)]
            pub message: Option<Cow<'a, str>>,
        }

        #[derive(serde::Deserialize)]
        pub struct AlibabaBody<'a> {
            #[serde(rename = "Code", alias = "code", borrow, default)]
            pub code: Option<Cow<'a, str>>,
            #[serde(rename = "Message", alias = "message", borrow, default)]
            pub message: Option<Cow<'a, str>>,
            #[serde(rename = "RequestId", alias = "requestId", borrow, default)]
            pub request_id: Option<Cow<'a, str>>,
        }
    }

    type Fields = (Option<String>, Option<String>, Option<String>);

    /// What the derived shapes made of `body` (the request id from the
    /// body only: no headers here).
    fn derived_fields(vendor: Vendor, body: &[u8]) -> Result<Fields, DecodeError> {
        let value: serde_json::Value =
            serde_json::from_slice(body).map_err(|e| DecodeError::NotJson {
                reason: e.to_string(),
            })?;
        let wrong = |expected| DecodeError::WrongShape { expected };
        if !value.is_object() {
            return Err(wrong("?"));
        }
        let own = |c: Option<Cow<'_, str>>| c.map(Cow::into_owned);
        match vendor {
            Vendor::Huawei => {
                let b: derived::HuaweiBody<'_> =
                    serde_json::from_slice(body).map_err(|_| wrong("?"))?;
                Ok((own(b.error_code), own(b.error_msg), None))
            }
            Vendor::Tencent => {
                let b: derived::TencentBody<'_> =
                    serde_json::from_slice(body).map_err(|_| wrong("?"))?;
                let r = b.response.ok_or(wrong("?"))?;
                let (c, m) = r
                    .error
                    .map_or((None, None), |e| (own(e.code), own(e.message)));
                Ok((c, m, own(r.request_id)))
            }
            _ => {
                let b: derived::AlibabaBody<'_> =
                    serde_json::from_slice(body).map_err(|_| wrong("?"))?;
                Ok((own(b.code), own(b.message), own(b.request_id)))
            }
        }
    }

    fn fields(vendor: Vendor, body: &[u8]) -> Result<Fields, DecodeError> {
        let no_headers: [(&str, &str); 0] = [];
        raw(vendor, &no_headers, body)
            .map(|r| (r.code.map(Cow::into_owned), r.message, r.request_id))
    }

    /// A small deterministic generator (xorshift).
    pub(super) struct Rng(pub(super) u64);

    impl Rng {
        pub(super) fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    const KEYS: &[&str] = &[
        "Code",
        "code",
        "Message",
        "message",
        "RequestId",
        "requestId",
        "Response",
        "Error",
        "error_code",
        "error_msg",
        "Other",
        "CODE",
        "C\\u006fde",
        "",
    ];
    const STRINGS: &[&str] = &[
        "\"InvalidParameter\"",
        "\"\"",
        "\"a\\\"b\"",
        "\"\\u00e9\\n\"",
        "\"参数错误\"",
        "\"\\ud800\"",
    ];

    /// A JSON value (or, now and then, something that is not JSON) of the
    /// pieces a vendor body has, nested `depth` more levels at most.
    fn value(rng: &mut Rng, depth: usize, out: &mut String) {
        match rng.below(if depth == 0 { 6 } else { 9 }) {
            0 | 1 => out.push_str(STRINGS[rng.below(STRINGS.len())]),
            2 => out.push_str("null"),
            3 => out.push_str(["0", "-1.5e3", "true", "false"][rng.below(4)]),
            4 => out.push_str("[\"x\", 1]"),
            5 => out.push_str(["", "{", "nul", "\"open", "}"][rng.below(5)]),
            _ => object(rng, depth - 1, out),
        }
    }

    fn object(rng: &mut Rng, depth: usize, out: &mut String) {
        out.push('{');
        for i in 0..rng.below(5) {
            if i > 0 {
                out.push(',');
            }
            out.push('"');
            out.push_str(KEYS[rng.below(KEYS.len())]);
            out.push_str("\":");
            value(rng, depth, out);
        }
        out.push('}');
    }

    /// The runtime's reader reads every body as serde's derived shapes do:
    /// the same fields, the same kind of error. Generated bodies: objects of the members the
    /// vendors use (under every spelling, repeated, null, of other types,
    /// nested), other members, escapes, and bodies that are not objects or
    /// not JSON.
    #[test]
    fn bodies_read_as_the_derived_shapes_read_them() {
        let mut rng = Rng(0x00b0_d1e5);
        let mut outcomes = [0usize; 3];
        for _ in 0..30_000 {
            let mut body = String::new();
            if rng.below(10) == 0 {
                value(&mut rng, 3, &mut body);
            } else {
                object(&mut rng, 3, &mut body);
            }
            for vendor in [Vendor::Huawei, Vendor::Tencent, Vendor::Alibaba] {
                let want = derived_fields(vendor, body.as_bytes());
                let got = fields(vendor, body.as_bytes());
                match (&want, &got) {
                    (Ok(w), Ok(g)) => {
                        assert_eq!(w, g, "{vendor:?} {body}");
                        outcomes[0] += 1;
                    }
                    // The reasons are worded by each reader.
                    (Err(DecodeError::NotJson { .. }), Err(DecodeError::NotJson { .. })) => {
                        outcomes[1] += 1;
                    }
                    (Err(DecodeError::WrongShape { .. }), Err(DecodeError::WrongShape { .. })) => {
                        outcomes[2] += 1;
                    }
                    _ => panic!("{vendor:?} {body}: derived {want:?}, hand-written {got:?}"),
                }
            }
        }
        // Each outcome is exercised, so the comparison is not vacuous.
        assert!(outcomes.iter().all(|&n| n > 3_000), "{outcomes:?}");
    }

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
