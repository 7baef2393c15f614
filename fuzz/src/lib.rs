//! Shared code of the fuzz targets: the input layout of the decode targets
//! and the properties they assert.
//!
//! Every check panics (and so makes libFuzzer report a crash) only when a
//! documented property of `errors` or of a generated catalog is violated.

use errors_catalog::wire::{
    self, DecodeError, Decoded, ErrorResponse, Known, MAX_BODY_BYTES, RetryAfter,
};
use errors_catalog::{Catalog, ErrorCode, Lang, Localized, Retry, Vendor};
use std::time::Duration;

/// Request id sent in the `X-Request-Id` header of every decoded response.
pub const REQUEST_ID: &str = "r";

/// A decode target's input: `[status_lo, status_hi, flag, hint.., body..]`.
///
/// The low 7 bits of `flag` are the length of the retry hint (a header
/// value, used only if it is UTF-8); its high bit picks the header the hint
/// goes into: clear for `Retry-After`, set for Alibaba's
/// `x-ratelimit-user-api-timeleft`.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub status: u16,
    pub hint_header: &'static str,
    pub hint: &'a str,
    pub body: &'a [u8],
}

impl<'a> Input<'a> {
    /// Splits raw fuzzer bytes; never fails (missing bytes read as zero).
    pub fn split(data: &'a [u8]) -> Self {
        let status = match data {
            [a, b, ..] => u16::from_le_bytes([*a, *b]),
            [a] => u16::from(*a),
            [] => 0,
        };
        let rest = data.get(2..).unwrap_or(&[]);
        let (flag, rest) = match rest.split_first() {
            Some((flag, rest)) => (*flag, rest),
            None => (0, rest),
        };
        let len = usize::from(flag & 0x7f).min(rest.len());
        let (hint, body) = rest.split_at(len);
        Input {
            status,
            hint_header: if flag & 0x80 == 0 {
                "Retry-After"
            } else {
                "x-ratelimit-user-api-timeleft"
            },
            hint: std::str::from_utf8(hint).unwrap_or(""),
            body,
        }
    }

    /// The response headers: the request id and the retry hint.
    pub fn headers(&self) -> [(&'static str, &'a str); 2] {
        [("X-Request-Id", REQUEST_ID), (self.hint_header, self.hint)]
    }
}

/// `from_code` properties of one catalog on an arbitrary string.
pub fn check_code<E: Catalog + Clone + PartialEq>(input: &str) -> Option<E> {
    let v = E::from_code(input)?;
    let code = v.code();
    assert_eq!(code, input, "code() of from_code({input:?}) = {v:?}");
    assert_eq!(
        E::from_code(&code).as_ref(),
        Some(&v),
        "from_code(code()) of {v:?}"
    );
    assert!(
        !E::is_success_code(input),
        "from_code accepted the success code {input:?}"
    );
    assert_eq!(v.vendor(), E::VENDOR);
    check_messages(&v);
    roundtrip(&v, input);
    Some(v)
}

/// The message accessors agree with each other in every language.
pub fn check_messages<E: ErrorCode>(e: &E) {
    for &lang in Lang::ALL {
        let message = ErrorCode::message(e, lang);
        if let Some(s) = e.static_message(lang) {
            assert_eq!(message, s, "static_message({lang:?}) of {e:?}");
        }
        assert!(
            Localized::new(e, lang) == &*message,
            "Localized({lang:?}) of {e:?} differs from message()"
        );
    }
}

/// Decodes `data` (see [`Input`]) as a response of `E`'s vendor and checks
/// the result; known errors are re-rendered and decoded again.
pub fn check_decode<E: Catalog + Clone + PartialEq>(data: &[u8]) {
    let input = Input::split(data);
    let headers = input.headers();
    let result = E::from_response(input.status, &headers, input.body);
    assert_eq!(
        matches!(result, Err(DecodeError::TooLarge { .. })),
        input.body.len() > MAX_BODY_BYTES,
        "TooLarge must mean a body over MAX_BODY_BYTES"
    );
    if input.body.len() <= MAX_BODY_BYTES {
        check_json_like_serde_json(input.body, &result);
    }
    match result {
        Err(e) => {
            // Display must not panic either.
            let _ = e.to_string();
        }
        Ok(Decoded::Success { request_id }) => {
            if E::VENDOR == Vendor::Huawei {
                assert_eq!(request_id.as_deref(), Some(REQUEST_ID));
            }
        }
        Ok(Decoded::Error(response)) => check_response(&input, &response),
    }
}

/// The runtime's JSON reader calls a body JSON exactly when serde_json
/// does, but for numbers out of an `f64`'s range, which it does not read
/// (documented in `wire`).
fn check_json_like_serde_json<T>(body: &[u8], result: &Result<T, DecodeError>) {
    let reference = serde_json::from_slice::<serde_json::Value>(body);
    let out_of_range = matches!(&reference, Err(e) if e.to_string().starts_with("number out of range"));
    if !out_of_range {
        assert_eq!(
            matches!(result, Err(DecodeError::NotJson { .. })),
            reference.is_err(),
            "NotJson must mean what serde_json says: {reference:?}, body {:?}",
            String::from_utf8_lossy(body)
        );
    }
}

fn check_response<E: Catalog + Clone + PartialEq>(input: &Input<'_>, response: &ErrorResponse<E>) {
    assert_eq!(response.status, input.status);
    if E::VENDOR == Vendor::Huawei {
        assert_eq!(response.request_id.as_deref(), Some(REQUEST_ID));
    }
    let code = response.code().into_owned();
    assert!(!code.is_empty(), "an error response with an empty code");
    assert!(
        !E::is_success_code(&code),
        "success code {code:?} decoded as an error"
    );
    match &response.error {
        Known::Known(e) => {
            assert_eq!(response.retry(), e.retry());
            assert_eq!(
                E::from_code(&code).as_ref(),
                Some(e),
                "from_code(code()) of {e:?}"
            );
            check_messages(e);
            roundtrip(e, response.request_id.as_deref().unwrap_or(""));
        }
        Known::Unknown(u) => {
            assert!(
                E::from_code(&u.code).is_none(),
                "known code {:?} decoded as unknown",
                u.code
            );
            let expected = wire::family_retry::<E>(&u.code)
                .unwrap_or_else(|| Retry::from_status(input.status));
            assert_eq!(u.retry, expected, "retry of unknown code {:?}", u.code);
            assert_eq!(
                u.message,
                response.server_message.as_deref().unwrap_or(""),
                "message of unknown code {:?}",
                u.code
            );
        }
    }
    check_retry_after(input, response.retry_after);
}

/// The retry hint decoded is the one the header carried.
fn check_retry_after(input: &Input<'_>, got: Option<RetryAfter>) {
    let v = input.hint.trim();
    if input.hint_header == "Retry-After" {
        if let Ok(secs) = v.parse::<u64>() {
            assert_eq!(got, Some(RetryAfter::Delay(Duration::from_secs(secs))));
        } else {
            match wire::parse_http_date(v) {
                None => assert_eq!(got, None, "Retry-After {v:?}"),
                Some(t) => assert!(
                    matches!(got, Some(RetryAfter::Delay(Duration::ZERO)))
                        || got == Some(RetryAfter::At(t)),
                    "Retry-After {v:?} gave {got:?}"
                ),
            }
        }
    } else {
        let expected = v
            .parse::<u64>()
            .ok()
            .map(|ms| RetryAfter::Delay(Duration::from_millis(ms)));
        assert_eq!(got, expected, "x-ratelimit-user-api-timeleft {v:?}");
    }
}

/// Renders `e` in every language and decodes the body again: the same
/// variant, status, request id and message must come back.
pub fn roundtrip<E: Catalog + Clone + PartialEq>(e: &E, request_id: &str) {
    for &lang in Lang::ALL {
        let (status, body) = e.to_body(lang, request_id);
        let expected_status = match E::VENDOR {
            Vendor::Tencent => 200,
            _ => e.http_status(),
        };
        assert_eq!(status, expected_status, "to_body status of {e:?}");
        let headers = [("X-Request-Id", request_id)];
        match E::from_response(status, &headers, body.as_bytes()) {
            Ok(Decoded::Error(r)) => {
                assert_eq!(r.error, Known::Known(e.clone()), "body {body}");
                assert_eq!(r.status, status);
                assert_eq!(r.request_id.as_deref(), Some(request_id), "body {body}");
                assert_eq!(
                    r.server_message.as_deref(),
                    Some(&*ErrorCode::message(e, lang)),
                    "body {body}"
                );
                assert_eq!(r.retry_after, None);
            }
            other => panic!("to_body({lang:?}) of {e:?} = {body} decoded as {other:?}"),
        }
    }
}

/// Serves no file: an imported spec has no `include`.
struct NoFiles;

impl errors_codegen::SpecReader for NoFiles {
    fn read(&self, _: &std::path::Path) -> std::io::Result<String> {
        Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no files",
        ))
    }
}

/// Imports `data` (as UTF-8, invalid bytes replaced) as a page in `format`:
/// never panics; when the page reads, every row's line is in the page, the
/// spec is written, it passes `check`, and merging the page into it changes
/// nothing.
pub fn check_import(data: &[u8], format: errors_codegen::import::PageFormat) {
    use errors_codegen::import::{self, ImportOptions, SpecHeader};
    let text = String::from_utf8_lossy(data);
    let Ok(page) = import::read_page(&text, "page", format, None, None) else {
        return;
    };
    let lines = text
        .strip_prefix('\u{feff}')
        .unwrap_or(&text)
        .lines()
        .count()
        .max(1);
    for row in &page.rows {
        assert!(
            row.line >= 1 && row.line <= lines,
            "row line {} of {lines}",
            row.line
        );
    }
    let opts = ImportOptions {
        format,
        catalog: Some("FuzzError".to_owned()),
        // Tencent: rows without a status get the default 200.
        vendor: Some("tencent".to_owned()),
        ..ImportOptions::default()
    };
    let written = import::write_spec(&page, "page", &opts, None)
        .unwrap_or_else(|d| panic!("rows were read but no spec written:\n{d}"));
    if let Err(d) = import::check_spec(&written.yaml, "imported.yaml", &NoFiles) {
        panic!(
            "the importer wrote a spec `check` rejects:\n{d}\n{}",
            written.yaml
        );
    }
    let existing =
        import::parse_existing(&written.yaml, "imported.yaml").unwrap_or_else(|d| panic!("{d}"));
    let merged = import::render_yaml(&page.rows, &SpecHeader::default(), Some(&existing));
    assert!(
        merged == written.yaml,
        "merging the page into its own spec changed it"
    );
}

/// Serves `data` as the root spec; every include is missing.
struct OneSpec<'a>(&'a str);

impl errors_codegen::SpecReader for OneSpec<'_> {
    fn read(&self, path: &std::path::Path) -> std::io::Result<String> {
        if path == std::path::Path::new("fuzz.yaml") {
            Ok(self.0.to_owned())
        } else {
            Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no such file",
            ))
        }
    }
}

/// The spec pipeline on `data` as a spec (UTF-8, invalid bytes replaced):
/// load, validate and lower never panic; a spec that passes `check`
/// expands to code that parses as a Rust file and holds no character rustc
/// refuses anywhere (bidi controls, CR, other control characters but the
/// newline: vendor text is escaped in literals and docs alike).
pub fn check_spec_pipeline(data: &[u8]) {
    use errors_codegen::__macros::{Options, catalog_tokens, format_tokens};
    let text = String::from_utf8_lossy(data);
    let loaded =
        errors_codegen::load_catalog(std::path::Path::new(""), "fuzz.yaml", &OneSpec(&text));
    let Ok(catalog) = loaded.result else { return };
    let code = format_tokens(catalog_tokens(&catalog, "fuzz.yaml", &Options::default()));
    if let Err(e) = syn::parse_file(&code) {
        panic!("a spec that passes check expanded to code that does not parse: {e}\n{text}");
    }
    for (i, line) in code.lines().enumerate() {
        for c in line.chars() {
            let refused = c.is_control()
                || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            assert!(
                !refused,
                "U+{:04X} on line {} of the expansion: {line}",
                u32::from(c),
                i + 1
            );
        }
    }
}

/// The common spec the `import_tencent_sdk` target includes.
const FUZZ_COMMON: &str = "catalog: C\nvendor: tencent\nsource: s\nlanguages: [en, zh]\ndefaults: { status: 200 }\nerrors:\n  - code: InternalError\n    retry: transient\n    en: Internal error.\n    zh: 内部错误。\n  - code: RequestLimitExceeded\n    retry: throttled\n    en: Too many requests.\n    zh: 请求的次数超过了频率限制。\n";

/// Serves [`FUZZ_COMMON`] as `common.yaml`.
struct CommonOnly;

impl errors_codegen::SpecReader for CommonOnly {
    fn read(&self, path: &std::path::Path) -> std::io::Result<String> {
        if path == std::path::Path::new("common.yaml") {
            Ok(FUZZ_COMMON.to_owned())
        } else {
            Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no such file",
            ))
        }
    }
}

/// The Tencent SDK importer on arbitrary `errors.go` pairs: the input (as
/// UTF-8, invalid bytes replaced) up to its first NUL is the Chinese file,
/// the rest (if any) the English one. Never panics; a constant is read only
/// from a line of the file; when both files read, the import succeeds
/// (every code of a well-formed file is importable), its spec passes
/// `check` with the common spec included (the importer checks it), has
/// every Chinese code, and names exactly the English-only codes.
pub fn check_tencent_sdk(data: &[u8]) {
    use errors_codegen::import::tencent_sdk::{
        SdkInput, TencentSdkOptions, import_tencent_sdk, parse_errors_go,
    };
    let text = String::from_utf8_lossy(data);
    let (zh, en) = match text.split_once('\0') {
        Some((zh, en)) => (zh, Some(en)),
        None => (&*text, None),
    };
    let zh_file = parse_errors_go(zh, "zh/p/v1/errors.go");
    let en_file = en.map(|en| parse_errors_go(en, "en/p/v1/errors.go"));
    if let Ok(f) = &zh_file {
        let lines = zh.split('\n').count();
        assert!(f.codes.iter().all(|c| c.line >= 1 && c.line <= lines));
    }
    let opts = TencentSdkOptions {
        catalog: Some("FuzzError".to_owned()),
        include: vec!["common.yaml".to_owned()],
        spec_path: Some("imported.yaml".to_owned()),
        ..TencentSdkOptions::default()
    };
    let result = import_tencent_sdk(
        SdkInput {
            text: zh,
            file: "zh/p/v1/errors.go",
        },
        en.map(|text| SdkInput {
            text,
            file: "en/p/v1/errors.go",
        }),
        &opts,
        &CommonOnly,
    );
    match (&zh_file, &en_file, result) {
        (Ok(z), None | Some(Ok(_)), Ok(imported)) => {
            assert_eq!(imported.codes, z.codes.len(), "codes dropped");
            let english_only: Vec<String> = match &en_file {
                Some(Ok(e)) => e
                    .codes
                    .iter()
                    .filter(|c| !z.codes.iter().any(|z| z.code == c.code))
                    .map(|c| c.code.clone())
                    .collect(),
                _ => Vec::new(),
            };
            assert_eq!(imported.english_only, english_only);
        }
        (Ok(_), None | Some(Ok(_)), Err(d)) => {
            panic!("well-formed SDK files that do not import:\n{d}")
        }
        (_, _, Ok(_)) => panic!("a malformed SDK file imported"),
        (_, _, Err(_)) => {}
    }
}

/// The simple YAML reader on `data` (UTF-8, invalid bytes replaced): it
/// either leaves the text to the general parser or reads exactly the tree
/// (values, types, positions) the general parser reads.
pub fn check_yaml_readers_agree(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Err(e) = errors_codegen::__fuzz::yaml_readers_agree(&text) {
        panic!("{e}");
    }
}
