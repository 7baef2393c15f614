//! The data tables of a generated catalog: pure data, laid out as
//! `errors_core::table` reads it.
//!
//! One string blob with little-endian `u32` offsets: string `i` of the
//! blob is, for `n` variants, the code of variant `i` (`0 <= i < n`), then
//! the message of variant `i` in the catalog's language `l` at
//! `n * (1 + l) + i`, then (for a table-driven `Debug`) the variant names
//! from [`Tables::names_base`], then one column of action texts per action
//! language from [`Tables::action_base`] (`""`: none). Statuses are `u16`s,
//! retry classes one byte per variant indexing [`Tables::retry_classes`],
//! and the perfect hash over the plain codes stores, per slot, the code's
//! byte range in the blob and the variant's index.

use super::phf;
use super::plan::{Needs, Plan};
use crate::model::Retry;

/// The perfect hash of the plain codes, as the runtime's `PerfectHash` holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct HashTable {
    pub seed: u64,
    /// One `u32` displacement per bucket.
    pub displacements: Vec<u8>,
    /// Per slot, three `u32`s: start and end of the code in the blob, and the
    /// variant's index; a free slot has an empty range (`1..0`).
    pub slots: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Tables {
    pub blob: String,
    /// `u32` offsets, one more than there are strings.
    pub offsets: Vec<u8>,
    /// One `u16` per variant.
    pub statuses: Vec<u8>,
    /// The classes the variants use, in order of first use.
    pub retry_classes: Vec<Retry>,
    /// One byte per variant: its class's index in `retry_classes`.
    pub retry: Vec<u8>,
    /// First string of the names (with a table-driven `Debug`).
    pub names_base: usize,
    /// First string of the action columns.
    pub action_base: usize,
    /// `None` when every code is a template.
    pub hash: Option<HashTable>,
}

/// The blob and its offsets, built string by string.
struct Strings {
    blob: String,
    ends: Vec<u32>,
}

impl Strings {
    fn push(&mut self, s: &str) {
        self.blob.push_str(s);
        // Specs are at most 16 MiB, so every offset fits in a `u32`.
        self.ends
            .push(u32::try_from(self.blob.len()).unwrap_or(u32::MAX));
    }
}

impl Tables {
    pub(super) fn new(plan: &Plan<'_>, needs: &Needs<'_>) -> Tables {
        let n = needs.n;
        let languages = plan.catalog.languages.len();
        let mut s = Strings {
            blob: String::new(),
            ends: vec![0],
        };
        for e in plan.entries() {
            s.push(&e.code.raw);
        }
        for l in 0..languages {
            for e in plan.entries() {
                s.push(e.messages.get(l).map_or("", |m| m.raw.as_str()));
            }
        }
        let names_base = n * (1 + languages);
        if needs.own_debug {
            for v in &plan.variants {
                // As `derive(Debug)` writes it: without a raw identifier's `r#`.
                let name = v.ident.to_string();
                s.push(name.strip_prefix("r#").unwrap_or(&name));
            }
        }
        let action_base = names_base + if needs.own_debug { n } else { 0 };
        for l in &needs.action_langs {
            for e in plan.entries() {
                let text = e.action.iter().find(|(al, _)| al == l);
                s.push(text.map_or("", |(_, t)| t.as_str()));
            }
        }
        let mut retry_classes: Vec<Retry> = Vec::new();
        let retry = plan
            .entries()
            .map(|e| {
                let at = retry_classes
                    .iter()
                    .position(|c| *c == e.retry)
                    .unwrap_or_else(|| {
                        retry_classes.push(e.retry);
                        retry_classes.len() - 1
                    });
                // At most six classes exist, so the position fits in a byte.
                u8::try_from(at).unwrap_or(0)
            })
            .collect();
        let hash = hash_table(needs, plan, &s.ends);
        Tables {
            offsets: s.ends.iter().flat_map(|o| o.to_le_bytes()).collect(),
            blob: s.blob,
            statuses: plan
                .entries()
                .flat_map(|e| e.status.to_le_bytes())
                .collect(),
            retry_classes,
            retry,
            names_base,
            action_base,
            hash,
        }
    }
}

fn hash_table(needs: &Needs<'_>, plan: &Plan<'_>, ends: &[u32]) -> Option<HashTable> {
    if needs.units.is_empty() {
        return None;
    }
    let keys: Vec<&str> = needs
        .units
        .iter()
        .map(|(_, v)| plan.entry(v).code.raw.as_str())
        .collect();
    let values: Vec<u32> = needs
        .units
        .iter()
        .map(|(i, _)| u32::try_from(*i).unwrap_or(u32::MAX))
        .collect();
    let p = phf::build(&keys, &values);
    let slots = p
        .slots
        .iter()
        .flat_map(|&v| {
            let range = usize::try_from(v)
                .ok()
                .filter(|_| v != phf::EMPTY)
                .and_then(|i| Some((*ends.get(i)?, *ends.get(i + 1)?)));
            let (start, end, value) = match range {
                Some((start, end)) => (start, end, v),
                None => (1, 0, 0),
            };
            [start, end, value].into_iter().flat_map(u32::to_le_bytes)
        })
        .collect();
    Some(HashTable {
        seed: p.seed,
        displacements: p
            .displacements
            .iter()
            .flat_map(|d| d.to_le_bytes())
            .collect(),
        slots,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expand::{Definition, Options, Plan};
    use crate::testing::catalog;
    use errors_core::table::{PerfectHash, StrTable, u16_at};
    use proc_macro2::{Ident, Span};

    fn leak<T: ?Sized>(b: Box<T>) -> &'static T {
        Box::leak(b)
    }

    /// Reads every entry back through the runtime's readers.
    fn check(spec: &str, user_debug: bool) {
        let c = catalog(spec);
        let def = Definition {
            user_derives: if user_debug {
                vec!["Debug".into()]
            } else {
                Vec::new()
            },
            ..Definition::default()
        };
        let plan = Plan::whole_catalog(
            &c,
            Ident::new("T", Span::call_site()),
            def,
            Options::default(),
        );
        let needs = plan.needs();
        let t = Tables::new(&plan, &needs);
        let blob: &'static str = leak(t.blob.clone().into_boxed_str());
        let strings = StrTable {
            blob,
            offsets: leak(t.offsets.clone().into_boxed_slice()),
        };
        let n = c.entries.len();
        for (i, e) in c.entries.iter().enumerate() {
            assert_eq!(strings.get(i), e.code.raw);
            for (l, m) in e.messages.iter().enumerate() {
                assert_eq!(strings.get(n * (1 + l) + i), m.raw);
            }
            if needs.own_debug {
                assert_eq!(strings.get(t.names_base + i), e.name);
            }
            for (k, lang) in needs.action_langs.iter().enumerate() {
                let want = e
                    .action
                    .iter()
                    .find(|(l, _)| l == lang)
                    .map_or("", |(_, a)| a);
                assert_eq!(strings.get(t.action_base + k * n + i), want);
            }
            assert_eq!(u16_at(&t.statuses, i), e.status);
            assert_eq!(t.retry_classes[usize::from(t.retry[i])], e.retry);
        }
        assert_eq!(
            strings.get(t.action_base + needs.action_langs.len() * n),
            ""
        );
        match &t.hash {
            None => assert!(c.entries.iter().all(|e| e.is_template())),
            Some(h) => {
                let ph = PerfectHash {
                    seed: h.seed,
                    displacements: leak(h.displacements.clone().into_boxed_slice()),
                    slots: leak(h.slots.clone().into_boxed_slice()),
                    blob: blob.as_bytes(),
                };
                for (i, e) in c.entries.iter().enumerate() {
                    let found = ph.find(&e.code.raw);
                    if e.is_template() {
                        assert_eq!(found, None, "{}", e.code.raw);
                    } else {
                        assert_eq!(found, Some(i), "{}", e.code.raw);
                    }
                }
                for miss in [
                    "",
                    "X",
                    "CBC.025",
                    "CBC.02500",
                    "cbc.0250",
                    "InvalidParameter.Zone",
                ] {
                    assert_eq!(ph.find(miss), None, "{miss}");
                }
            }
        }
    }

    const SPEC: &str = "catalog: T\nvendor: huawei\nsource: s\nlanguages: [en, zh]\ndefaults: { status: 400 }\nerrors:\n  - code: CBC.0250\n    status: 429\n    en: Flow control.\n    zh: 流控。\n    action: { zh: 稍后重试 }\n  - code: \"InvalidParameter.{field}\"\n    en: \"Field {field}.\"\n    zh: \"-\"\n    action: { ja: 確認 }\n  - code: CBC.0100\n    retry: transient\n    en: Invalid.\n    zh: 无效。\n";

    #[test]
    fn every_entry_reads_back_through_the_runtime() {
        check(SPEC, false);
        // Fieldless: the table-driven Debug's names, with and without a
        // user's derive.
        let fieldless = SPEC.replace(
            "  - code: \"InvalidParameter.{field}\"\n    en: \"Field {field}.\"\n",
            "  - code: InvalidParameter\n    en: Field.\n",
        );
        check(&fieldless, false);
        check(&fieldless, true);
        let many: String = (0..500)
            .map(|i| format!("  - code: A.{i}\n    en: e{i}\n    zh: z{i}\n"))
            .collect();
        let head = &SPEC[..SPEC.find("errors:\n").map_or(0, |i| i + 8)];
        check(&format!("{head}{many}"), false);
    }
}
