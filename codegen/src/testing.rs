//! Helpers of the unit tests.

use crate::model::Catalog;

/// Loads a spec text as `t.yaml` (no includes); panics with its problems.
pub(crate) fn catalog(text: &str) -> Catalog {
    let reader = crate::spec::load::tests::mem(&[("t.yaml", text)]);
    match crate::spec::load_catalog(std::path::Path::new("/mem"), "t.yaml", &reader).result {
        Ok(c) => c,
        Err(d) => panic!("{d}\n{text}"),
    }
}

/// The plan of enum `E` holding all of `catalog`, with default options.
pub(crate) fn plan_of(catalog: &Catalog) -> crate::expand::Plan<'_> {
    crate::expand::Plan::whole_catalog(
        catalog,
        proc_macro2::Ident::new("E", proc_macro2::Span::call_site()),
        crate::expand::Definition::default(),
        crate::expand::Options::default(),
    )
}

/// A small deterministic generator (xorshift), for fuzz-like tests.
pub(crate) struct Rng(pub u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A small Alibaba spec: a template code with an alternate, an action, a
/// success code.
pub(crate) const ENS_SPEC: &str = r#"catalog: EnsError
vendor: alibaba
source: s
languages: [en, zh]
defaults: { status: 400 }
errors:
  - code: "InvalidParameter.{field}"
    vendor_placeholder: "%s"
    en: "The specified field {field} invalid."
    zh: "-"
    alternates:
      - en: "Field {field} bad."
        note: second
  - code: Processing
    retry: transient
    en: Request is in progress.
    zh: 请求正在处理中
    action: { zh: 请稍后重试。 }
success:
  - code: OK.0
    status: 200
    en: Success.
    zh: 成功。
"#;
