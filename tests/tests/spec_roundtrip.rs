//! Every catalog, fixtures and real specs: each variant carries exactly the
//! spec's code, status, retry class and text in every language, byte for
//! byte; `from_code(v.code()) == v`; `to_body` decodes back to `v`.

use errors_catalog::wire::{Decoded, Known};
use errors_catalog::{Catalog, Lang};
use errors_codegen::Part;
use std::path::Path;

fn lang(tag: &str) -> Lang {
    tag.parse().unwrap()
}

/// Checks catalog `E` against the spec it was generated from; returns the
/// number of entries checked.
fn check<E: Catalog + PartialEq + Clone + std::fmt::Debug>(base: &str, spec: &str) -> usize {
    let catalog = errors_codegen::load_catalog(Path::new(base), spec, &errors_codegen::FsReader)
        .result
        .unwrap_or_else(|d| panic!("{d}"));
    let mut checked = 0;
    for entry in &catalog.entries {
        // A wire code: templates get a sample value per placeholder.
        let wire: String = entry
            .code
            .parts
            .iter()
            .map(|p| match p {
                Part::Lit(l) => l.clone(),
                Part::Field(f) => format!("Sample{f}"),
            })
            .collect();
        let v =
            E::from_code(&wire).unwrap_or_else(|| panic!("{spec}: from_code({wire:?}) is None"));
        assert_eq!(v.code(), wire, "{spec}: code");
        if !entry.is_template() {
            // `Debug` (derived, or table-driven for fieldless catalogs)
            // writes the variant name.
            assert_eq!(format!("{v:?}"), entry.name, "{spec} {wire}: Debug");
        }
        assert_eq!(v.http_status(), entry.status, "{spec} {wire}: status");
        assert_eq!(
            v.retry().as_str(),
            entry.retry.as_str(),
            "{spec} {wire}: retry"
        );
        // The text shown in a language: its own, but for the vendor's "no
        // text" `-`: English's, else the first of Lang::ALL with a text.
        let text_of = |tag: &str| {
            catalog
                .languages
                .iter()
                .position(|l| l == tag)
                .map(|i| &entry.messages[i])
                .filter(|m| m.raw != "-")
        };
        for (tag, own) in catalog.languages.iter().zip(&entry.messages) {
            let (shown, message) = text_of(tag)
                .map(|m| (lang(tag), m))
                .or_else(|| text_of("en").map(|m| (Lang::En, m)))
                .or_else(|| {
                    Lang::ALL
                        .iter()
                        .find_map(|l| text_of(l.tag()).map(|m| (*l, m)))
                })
                .unwrap_or((lang(tag), own));
            assert_eq!(
                v.message_lang(lang(tag)),
                shown,
                "{spec} {wire}: {tag} shown"
            );
            let expected: String = message
                .parts
                .iter()
                .map(|p| match p {
                    Part::Lit(l) => l.clone(),
                    Part::Field(f) => format!("Sample{f}"),
                })
                .collect();
            assert_eq!(
                v.message(lang(tag)).to_string(),
                expected,
                "{spec} {wire}: {tag} message"
            );
            if !entry.is_template() {
                assert_eq!(v.static_message(lang(tag)), Some(message.raw.as_str()));
            }
        }
        // The action: the asked language, else English, else the first
        // language that has one.
        let action = |tag: &str| {
            entry
                .action
                .iter()
                .find(|(l, _)| l == tag)
                .map(|(_, t)| t.as_str())
        };
        for &l in Lang::ALL {
            let expected = action(l.tag())
                .or_else(|| action("en"))
                .or_else(|| Lang::ALL.iter().find_map(|o| action(o.tag())));
            assert_eq!(v.action(l), expected, "{spec} {wire}: {l} action");
        }
        for &l in Lang::ALL {
            let (status, body) = v.to_body(l, "req");
            let headers = [("X-Request-Id", "req")];
            match E::from_response(status, &headers, body.as_bytes()) {
                Ok(Decoded::Error(r)) => {
                    assert_eq!(r.error, Known::Known(v.clone()), "{spec}: {body}")
                }
                other => panic!("{spec}: {body} decoded as {other:?}"),
            }
        }
        checked += 1;
    }
    for s in &catalog.success {
        assert!(E::is_success_code(&s.code));
        assert_eq!(E::from_code(&s.code), None);
    }
    checked
}

const TESTS: &str = env!("CARGO_MANIFEST_DIR");
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

#[test]
fn fixtures_match_their_specs() {
    assert_eq!(
        check::<errors_tests::BasicError>(TESTS, "fixtures/basic.yaml"),
        6
    );
    assert_eq!(
        check::<errors_tests::TencentError>(TESTS, "fixtures/tencent.yaml"),
        4
    );
    assert_eq!(
        check::<errors_tests::AlibabaError>(TESTS, "fixtures/alibaba.yaml"),
        3
    );
    assert_eq!(
        check::<errors_tests::MultilingualError>(TESTS, "fixtures/multilingual.yaml"),
        4
    );
}

#[test]
fn hostile_text_round_trips_byte_for_byte() {
    assert_eq!(
        check::<errors_tests::HostileError>(TESTS, "fixtures/hostile.yaml"),
        9
    );
    let long = errors_tests::HostileError::from_code("Long.Message").unwrap();
    assert_eq!(long.message(Lang::En).to_string().chars().count(), 10240);
}

#[test]
fn real_catalogs_match_their_specs() {
    let ens = check::<generated_example::EnsError>(ROOT, "specs/alibaba/ens.yaml");
    assert_eq!(
        ens,
        generated_example::EnsError::ALL.len() + 1,
        "plus the template code"
    );
    let org =
        check::<generated_example::OrganizationError>(ROOT, "specs/tencent/organization.yaml");
    assert_eq!(org, generated_example::OrganizationError::ALL.len());
    let cbc = check::<generated_example::CbcError>(ROOT, "specs/huawei/cbc.yaml");
    assert_eq!(cbc, 216);
    assert_eq!(generated_example::CbcError::ALL.len(), 216);
    assert!(generated_example::CbcError::is_success_code("CBC.0000"));
    assert_eq!(generated_example::CbcError::from_code("CBC.0000"), None);
}

/// Serves one spec text for every path.
struct OneSpec(String);

impl errors_codegen::SpecReader for OneSpec {
    fn read(&self, _: &std::path::Path) -> std::io::Result<String> {
        Ok(self.0.clone())
    }
}

/// SCHEMA.md's example, copied verbatim, keeps its 429 throttled and its 5xx
/// transient.
#[test]
fn schema_example_keeps_status_classes() {
    let schema = include_str!("../../specs/SCHEMA.md");
    let start = schema
        .find("```yaml\ncatalog:")
        .expect("SCHEMA.md has a spec example");
    let body = &schema[start + "```yaml\n".len()..];
    let example = &body[..body.find("```").expect("the example ends")];
    let catalog = errors_codegen::load_catalog(
        std::path::Path::new(""),
        "schema-example.yaml",
        &OneSpec(example.to_owned()),
    )
    .result
    .unwrap_or_else(|e| panic!("{e}\n{example}"));
    for e in &catalog.entries {
        match e.status {
            429 => assert_eq!(e.retry, errors_catalog::Retry::Throttled, "{}", e.name),
            500..=599 => assert_ne!(e.retry, errors_catalog::Retry::Never, "{}", e.name),
            _ => {}
        }
    }
}
