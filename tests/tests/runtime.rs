//! Behaviour of a generated catalog (the `basic` fixture).

use errors_catalog::{ErrorCode, Lang, Retry};
use errors_tests::BasicError;

#[test]
fn plain_codes_round_trip_with_their_data() {
    assert_eq!(BasicError::ALL.len(), 4);
    for e in BasicError::ALL {
        assert_eq!(BasicError::from_code(&e.code()).as_ref(), Some(e));
        assert_eq!(e.code().parse::<BasicError>().as_ref(), Ok(e));
    }
    let e = BasicError::FlowControlTriggered;
    assert_eq!(e.code(), "CBC.0250");
    assert_eq!(e.http_status(), 429);
    assert_eq!(e.retry(), Retry::Throttled);
    assert_eq!(e.to_string(), "Connection request control triggered.");
    assert_eq!(e.message(Lang::Zh).to_string(), "消息流量控制。");
    assert_eq!(e.static_message(Lang::Zh), Some("消息流量控制。"));
    assert!(e.localized(Lang::Zh) == "消息流量控制。");
    assert!(e.localized(Lang::Zh) != "消息流量控制");
    assert_eq!(
        BasicError::Cbc0999.retry(),
        Retry::Transient,
        "a 500 without its own retry is transient, whatever defaults.retry says"
    );
    assert_eq!(
        BasicError::Cbc0100.message(Lang::Zh).to_string(),
        "输入参数校验失败。"
    );
}

#[test]
fn vendor_text_is_literal_not_a_format_string() {
    let e = BasicError::Cbc99003117;
    assert_eq!(
        e.to_string(),
        "Cleanup failed: more than 90% of {resources} in use."
    );
    assert_eq!(e.message(Lang::Zh).to_string(), "清理失败:{0} %s");
}

#[test]
fn template_codes_capture_and_substitute() {
    let e = BasicError::from_code("InvalidParameter.ZoneId").unwrap();
    assert_eq!(
        e,
        BasicError::InvalidParameter {
            field: "ZoneId".into()
        }
    );
    assert_eq!(e.code(), "InvalidParameter.ZoneId");
    assert_eq!(e.to_string(), "The specified field ZoneId invalid.");
    // The vendor gives no Chinese text (`-` in the spec): the English one.
    assert_eq!(
        e.message(Lang::Zh).to_string(),
        "The specified field ZoneId invalid."
    );
    assert_eq!(e.message(Lang::Zh).lang(), Lang::En);
    assert_eq!(e.message(Lang::Zh).requested(), Lang::Zh);
    assert_eq!(e.message_lang(Lang::Zh), Lang::En);
    assert_eq!(e.message_lang(Lang::En), Lang::En);
    assert_eq!(e.static_message(Lang::En), None);
    assert_eq!(BasicError::from_code("InvalidParameter."), None);

    let q = BasicError::from_code("Quota.Email.1h").unwrap();
    assert_eq!(
        q,
        BasicError::Quota {
            kind: "Email".into(),
            window: "1h".into()
        }
    );
    assert_eq!(q.message(Lang::Zh).to_string(), "1h内Email配额已用完。");
    assert_eq!(q.retry(), Retry::QuotaExhausted);
    assert_eq!(BasicError::from_code(&q.code()), Some(q));
}

#[test]
fn unknown_and_success_codes_are_not_variants() {
    for code in [
        "",
        "CBC.0000",
        "CBC.025",
        "CBC.02500",
        "cbc.0250",
        "Nope",
        "CBC.0250 ",
    ] {
        assert_eq!(BasicError::from_code(code), None, "{code:?}");
    }
    assert!(BasicError::is_success_code("CBC.0000"));
    assert!(!BasicError::is_success_code("CBC.0250"));
    let err = "Nope".parse::<BasicError>().unwrap_err();
    assert_eq!(err.code(), "Nope");
}

#[test]
fn works_through_the_object_safe_trait() {
    let errors: Vec<Box<dyn ErrorCode>> = vec![
        Box::new(BasicError::FlowControlTriggered),
        Box::new(BasicError::InvalidParameter {
            field: "Name".into(),
        }),
    ];
    let rendered: Vec<String> = errors
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {}",
                e.code(),
                e.http_status(),
                e.retry(),
                e.message(Lang::Zh)
            )
        })
        .collect();
    assert_eq!(
        rendered,
        [
            "CBC.0250 429 throttled 消息流量控制。",
            "InvalidParameter.Name 400 never The specified field Name invalid."
        ]
    );
    assert_eq!(errors[0].vendor(), errors_catalog::Vendor::Huawei);
}

#[test]
fn messages_in_every_declared_language_and_english_otherwise() {
    use errors_tests::MultilingualError as M;
    assert_eq!(
        M::LANGUAGES,
        &[Lang::En, Lang::Zh, Lang::Ja, Lang::Ko],
        "the spec's languages, in its order"
    );
    let e = M::InternalError;
    assert_eq!(e.message(Lang::Ja).to_string(), "内部エラーです。");
    assert_eq!(e.message(Lang::Ko).to_string(), "내부 오류입니다.");
    assert_eq!(e.static_message(Lang::Zh), Some("内部错误。"));
    // `-` is the vendor's "no text": never shown; English instead, else the
    // first language of Lang::ALL with a text.
    let s = M::AuthFailureSignatureExpire;
    assert_eq!(s.message(Lang::Ko).to_string(), "Signature expired.");
    assert_eq!(s.static_message(Lang::Ko), Some("Signature expired."));
    assert_eq!(s.message_lang(Lang::Ko), Lang::En);
    assert_eq!(s.message_lang(Lang::Ja), Lang::Ja);
    let r = M::ResourceNotFound;
    assert_eq!(
        r.to_string(),
        "リソースが見つかりません。",
        "Display (English) shows the Japanese"
    );
    assert_eq!(r.message(Lang::Zh).lang(), Lang::Ja);
    assert_eq!(
        r.message(Lang::Ko).to_string(),
        "리소스를 찾을 수 없습니다."
    );
    assert_eq!(r.message_lang(Lang::Ko), Lang::Ko);
    let dynamic: &dyn errors_catalog::ErrorCode = &r;
    assert_eq!(dynamic.message_lang(Lang::En), Lang::Ja);
    assert_eq!(dynamic.message(Lang::En), "リソースが見つかりません。");
    for e in M::ALL {
        for &lang in Lang::ALL {
            assert_ne!(e.message(lang).to_string(), "-", "{e:?} in {lang:?}");
        }
    }
    // A catalog without Japanese or Korean answers in English.
    let b = BasicError::FlowControlTriggered;
    assert_eq!(b.message(Lang::Ja).to_string(), b.to_string());
    assert_eq!(b.message(Lang::Ko).to_string(), b.to_string());
    assert_eq!(Lang::negotiate("ja-JP,en;q=0.5"), Lang::Ja);
}

#[test]
fn actions_fall_back_to_english_then_to_any_language() {
    use errors_tests::MultilingualError as M;
    let e = M::InternalError;
    assert_eq!(
        e.action(Lang::Ja),
        Some("しばらくしてから再試行してください。")
    );
    assert_eq!(e.action(Lang::Zh), Some("请稍后重试。"));
    assert_eq!(
        e.action(Lang::En),
        Some("请稍后重试。"),
        "no English: the first language of Lang::ALL that has one"
    );
    assert_eq!(e.action(Lang::Ko), Some("请稍后重试。"));
    let q = M::LimitExceeded;
    assert_eq!(q.action(Lang::Ko), Some("할당량을 늘리십시오."));
    assert_eq!(
        q.action(Lang::Zh),
        Some("Raise the quota."),
        "English first"
    );
    assert_eq!(M::AuthFailureSignatureExpire.action(Lang::En), None);
    // Through the trait, and on a catalog with templates.
    let dynamic: &dyn ErrorCode = &q;
    assert_eq!(dynamic.action(Lang::Ko), Some("할당량을 늘리십시오."));
    assert_eq!(
        BasicError::FlowControlTriggered.action(Lang::En),
        Some("Retry later.")
    );
    assert_eq!(BasicError::Cbc0100.action(Lang::En), Some("请检查参数。"));
    let t = BasicError::from_code("InvalidParameter.ZoneId").unwrap();
    assert_eq!(
        t.action(Lang::Zh),
        Some("{field} を確認してください。"),
        "action text is literal, and may be in a language the messages lack"
    );
    assert_eq!(BasicError::Cbc0999.action(Lang::Zh), None);
}
