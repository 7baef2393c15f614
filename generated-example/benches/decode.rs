//! `from_response` (the runtime's own JSON reader) against what a user
//! decoding the bodies by hand writes: serde's derive on borrowed fields,
//! `serde_json::from_slice`, then `from_code`. Small vendor bodies, and a
//! Tencent body carrying 4 KiB of other members (arrays, nested objects,
//! escapes) that both must check and skip.
//! Run: `cargo bench -p generated-example --bench decode`.

use criterion::{Criterion, criterion_group, criterion_main};
use errors_catalog::wire::{Decoded, Known};
use generated_example::{CbcError, EnsError, OrganizationError};
use serde::Deserialize;
use std::borrow::Cow;
use std::hint::black_box;

#[derive(Deserialize)]
struct TencentBody<'a> {
    #[serde(rename = "Response", borrow)]
    response: TencentResponse<'a>,
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
    #[serde(rename = "Code", borrow)]
    code: Cow<'a, str>,
    #[serde(rename = "Message", borrow, default)]
    message: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct HuaweiBody<'a> {
    #[serde(borrow)]
    error_code: Cow<'a, str>,
    #[serde(borrow, default)]
    error_msg: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct AlibabaBody<'a> {
    #[serde(rename = "Code", borrow)]
    code: Cow<'a, str>,
    #[serde(rename = "Message", borrow, default)]
    message: Option<Cow<'a, str>>,
    #[serde(rename = "RequestId", borrow, default)]
    request_id: Option<Cow<'a, str>>,
}

/// The by-hand decode's result: the variant, the message and the request
/// id, owned as `from_response` returns them.
type Fields<E> = (Option<E>, Option<String>, Option<String>);

fn by_hand_tencent(body: &[u8]) -> Option<Fields<OrganizationError>> {
    let b: TencentBody<'_> = serde_json::from_slice(body).ok()?;
    let e = b.response.error?;
    Some((
        OrganizationError::from_code(&e.code),
        e.message.map(Cow::into_owned),
        b.response.request_id.map(Cow::into_owned),
    ))
}

fn by_hand_huawei(body: &[u8]) -> Option<Fields<CbcError>> {
    let b: HuaweiBody<'_> = serde_json::from_slice(body).ok()?;
    Some((
        CbcError::from_code(&b.error_code),
        b.error_msg.map(Cow::into_owned),
        None,
    ))
}

fn by_hand_alibaba(body: &[u8]) -> Option<Fields<EnsError>> {
    let b: AlibabaBody<'_> = serde_json::from_slice(body).ok()?;
    Some((
        EnsError::from_code(&b.code),
        b.message.map(Cow::into_owned),
        b.request_id.map(Cow::into_owned),
    ))
}

/// A Tencent error body with `extra` bytes of other members first.
fn tencent_body(extra: usize) -> Vec<u8> {
    let mut other = String::new();
    let mut i = 0;
    while other.len() < extra {
        other.push_str(&format!(
            r#""Item{i}": {{"Ids": [1, 2.5e3, -7, true, null], "Name": "a \"quoted\" name\n\u00e9 参数 {i}"}}, "#
        ));
        i += 1;
    }
    format!(
        r#"{{"Response": {{{other}"Error": {{"Code": "FailedOperation.MemberNameUsed", "Message": "The name is used."}}, "RequestId": "c0ffee-1234"}}}}"#
    )
    .into_bytes()
}

/// One body decoded both ways, in one group.
fn compare(c: &mut Criterion, name: &str, ours: impl Fn() -> bool, by_hand: impl Fn() -> bool) {
    let mut g = c.benchmark_group(format!("decode/{name}"));
    g.bench_function("from_response", |b| b.iter(&ours));
    g.bench_function("serde_json_derive", |b| b.iter(&by_hand));
    g.finish();
}

fn decode(c: &mut Criterion) {
    let none: [(&str, &str); 0] = [];
    let huawei = br#"{"error_code": "CBC.0250", "error_msg": "Flow control triggered."}"#.to_vec();
    let alibaba = br#"{"RequestId": "5E0F1A2B", "HostId": "ens.aliyuncs.com", "Code": "OrderNotFound", "Message": "The order does not exist.", "Recommend": "https://api.aliyun.com/troubleshoot?q=OrderNotFound"}"#.to_vec();
    for (name, body) in [
        ("tencent_small", tencent_body(0)),
        ("tencent_4k", tencent_body(4096)),
    ] {
        // Both read the same error from the body.
        let Ok(Decoded::Error(ours)) = OrganizationError::from_response(200, &none, &body) else {
            panic!("{name}: an error response");
        };
        let hand = by_hand_tencent(&body).expect(name);
        assert!(
            matches!(ours.error, Known::Known(e) if Some(e) == hand.0),
            "{name}"
        );
        compare(
            c,
            name,
            || OrganizationError::from_response(200, &none, black_box(&body)).is_ok(),
            || by_hand_tencent(black_box(&body)).is_some(),
        );
    }
    compare(
        c,
        "huawei_small",
        || CbcError::from_response(429, &none, black_box(&huawei)).is_ok(),
        || by_hand_huawei(black_box(&huawei)).is_some(),
    );
    compare(
        c,
        "alibaba_small",
        || EnsError::from_response(404, &none, black_box(&alibaba)).is_ok(),
        || by_hand_alibaba(black_box(&alibaba)).is_some(),
    );
}

criterion_group!(benches, decode);
criterion_main!(benches);
