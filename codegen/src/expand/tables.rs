//! The data tables of a generated catalog: pure data, laid out as
//! `errors_core::table` reads it.
//!
//! One string blob with little-endian `u32` offsets: string `i` of the
//! blob is, for `n` variants, the code of variant `i` (`0 <= i < n`), then
//! the message of variant `i` in the catalog's language `l` at
//! `n * (1 + l) + i` (the text shown in `l`: another language's where the
//! spec has the no-text marker), then (for a table-driven `Debug`) the variant names
//! from [`Tables::names_base`], then one column of action texts per action
//! language from [`Tables::action_base`] (`""`: none). Statuses are `u16`s,
//! retry classes one byte per variant indexing [`Tables::retry_classes`],
//! and the code index over the plain codes stores, per slot, the code's
//! byte range in the blob and the variant's index.

use super::code_index;
use super::plan::{Needs, Plan};
use crate::model::Retry;
use errors_core::table::slot_word;

/// The index of the plain codes, as the runtime's `CodeIndex` holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct HashTable {
    pub seed: u64,
    /// How the hash reads a code (`errors_core::table::hash`).
    pub sample: u8,
    /// Per group, its control word (tags and control byte).
    pub controls: Vec<u8>,
    /// Per group, per slot the code's place in the blob, its length and the
    /// variant's index (`errors_core::table::slot_word`; 0 for a free slot).
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
    /// Per language `l`, per variant `i` (byte `n * l + i`): the language
    /// whose text string `n * (1 + l) + i` is (it differs where the spec's
    /// text is the no-text marker); `None` when every text is its own.
    pub message_langs: Option<Vec<u8>>,
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
        let langs = plan.catalog.langs();
        let shown: Vec<Vec<usize>> = plan.entries().map(|e| e.shown_languages(&langs)).collect();
        for l in 0..languages {
            for (e, shown) in plan.entries().zip(&shown) {
                let m = e.messages.get(shown[l]);
                s.push(m.map_or("", |m| m.raw.as_str()));
            }
        }
        let message_langs = shown
            .iter()
            .any(|sh| sh.iter().enumerate().any(|(l, &k)| l != k))
            .then(|| {
                (0..languages)
                    .flat_map(|l| {
                        // At most four languages exist: the index fits a byte.
                        shown.iter().map(move |sh| u8::try_from(sh[l]).unwrap_or(0))
                    })
                    .collect()
            });
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
            offsets: le_bytes_of(&s.ends, u32::to_le_bytes),
            blob: s.blob,
            statuses: le_bytes_of(
                &plan.entries().map(|e| e.status).collect::<Vec<u16>>(),
                u16::to_le_bytes,
            ),
            retry_classes,
            retry,
            names_base,
            action_base,
            message_langs,
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
    let p = code_index::build(&keys, &values);
    // A free slot, or one the validator's limits (code length, entry
    // count) would have kept out, is 0: it matches nothing.
    let slot = |v: u32| {
        let i = usize::try_from(v).ok().filter(|_| v != code_index::EMPTY)?;
        let (start, end) = (*ends.get(i)?, *ends.get(i + 1)?);
        slot_word(start, usize::try_from(end.checked_sub(start)?).ok()?, i)
    };
    Some(HashTable {
        seed: p.seed,
        sample: p.sample,
        controls: le_bytes_of(&p.groups, u64::to_le_bytes),
        slots: le_bytes_of(
            &p.slots
                .iter()
                .map(|&v| slot(v).unwrap_or(0))
                .collect::<Vec<u64>>(),
            u64::to_le_bytes,
        ),
    })
}

/// The little-endian bytes of `values`, one copy per value (a `flat_map`
/// over each byte costs ten times that in an unoptimised proc-macro).
fn le_bytes_of<T: Copy, const N: usize>(values: &[T], to_le: fn(T) -> [u8; N]) -> Vec<u8> {
    let mut out = Vec::with_capacity(values.len() * N);
    for &v in values {
        out.extend_from_slice(&to_le(v));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expand::{Definition, Options, Plan};
    use crate::testing::catalog;
    use errors_core::table::{CONTROL_BYTES, CodeIndex, SLOTS_BYTES, StrTable, u16_at};
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
            // Independently of `shown_languages`: own text, else English's,
            // else the first of en, zh, ja, ko with a text, else own.
            let has = |tag: &str| {
                c.languages
                    .iter()
                    .position(|t| t == tag)
                    .filter(|&k| e.messages[k].raw != "-")
            };
            let shown: Vec<usize> = (0..e.messages.len())
                .map(|l| {
                    has(&c.languages[l])
                        .or_else(|| has("en"))
                        .or_else(|| ["en", "zh", "ja", "ko"].iter().find_map(|t| has(t)))
                        .unwrap_or(l)
                })
                .collect();
            for l in 0..e.messages.len() {
                let from = t
                    .message_langs
                    .as_ref()
                    .map_or(l, |m| usize::from(m[n * l + i]));
                assert_eq!(from, shown[l]);
                assert_eq!(strings.get(n * (1 + l) + i), e.messages[from].raw);
                assert!(e.messages[l].raw == "-" || from == l, "{}", e.code.raw);
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
                let groups = h.controls.len() / CONTROL_BYTES;
                assert_eq!(h.controls.len(), groups * CONTROL_BYTES);
                assert!(groups.is_power_of_two());
                assert_eq!(h.slots.len(), groups * SLOTS_BYTES);
                let ph = CodeIndex {
                    seed: h.seed,
                    sample: h.sample,
                    controls: leak(h.controls.clone().into_boxed_slice()),
                    slots: leak(h.slots.clone().into_boxed_slice()),
                    blob: blob.as_bytes(),
                };
                for (i, e) in c.entries.iter().enumerate() {
                    let found = ph.find(&e.code.raw);
                    assert_eq!(found, ph.find_general(e.code.raw.as_bytes()));
                    if e.is_template() {
                        assert_eq!(found, None, "{}", e.code.raw);
                    } else {
                        assert_eq!(found, Some(i), "{}", e.code.raw);
                    }
                }
                let codes: std::collections::HashSet<&str> =
                    c.entries.iter().map(|e| e.code.raw.as_str()).collect();
                let near = c.entries.iter().flat_map(|e| {
                    let code = &e.code.raw;
                    let mut chars = code.chars();
                    chars.next_back();
                    let shorter = chars.as_str().to_owned();
                    let mut first = code.chars();
                    let changed = first.next().map_or_else(String::new, |c0| {
                        let other = if c0 == 'Q' { 'R' } else { 'Q' };
                        format!("{other}{}", first.as_str())
                    });
                    // The same length, one character different: first,
                    // middle, last.
                    let swapped = |k: usize| -> String {
                        code.chars()
                            .enumerate()
                            .map(|(j, ch)| match (j == k, ch) {
                                (true, 'Q') => 'R',
                                (true, _) => 'Q',
                                _ => ch,
                            })
                            .collect()
                    };
                    let count = code.chars().count();
                    [
                        format!("{code}X"),
                        shorter,
                        changed,
                        code.to_lowercase(),
                        swapped(count / 2),
                        swapped(count.saturating_sub(1)),
                    ]
                });
                let fixed = [
                    "",
                    "X",
                    "CBC.025",
                    "CBC.02500",
                    "cbc.0250",
                    "InvalidParameter.Zone",
                ];
                for miss in fixed.iter().map(|m| (*m).to_owned()).chain(near) {
                    if !codes.contains(miss.as_str()) {
                        assert_eq!(ph.find(&miss), None, "{miss}");
                        assert_eq!(ph.find_general(miss.as_bytes()), None, "{miss}");
                    }
                }
            }
        }
    }

    const SPEC: &str = "catalog: T\nvendor: huawei\nsource: s\nlanguages: [en, zh]\ndefaults: { status: 400 }\nerrors:\n  - code: CBC.0250\n    status: 429\n    en: Flow control.\n    zh: 流控。\n    action: { zh: 稍后重试 }\n  - code: \"InvalidParameter.{field}\"\n    en: \"Field {field}.\"\n    zh: \"-\"\n    action: { ja: 確認 }\n  - code: CBC.0100\n    retry: transient\n    en: Invalid.\n    zh: 无效。\n";

    /// A fixed-seed generator (xorshift64) of numbers below its argument.
    fn below(mut state: u64) -> impl FnMut(usize) -> usize {
        move |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % bound as u64).unwrap_or(0)
        }
    }

    /// Specs in 1..=4 languages in any order, each text the no-text marker
    /// or not at random (fixed seed): the text each language shows, and
    /// the language it is in, read back as the fallback order says.
    #[test]
    fn no_text_markers_fall_back_in_every_placement() {
        let mut next = below(0x9E37_79B9_7F4A_7C15);
        for _ in 0..300 {
            // English is required; the others in any number and order.
            let mut langs = vec!["zh", "ja", "ko"];
            let count = next(4);
            let mut picked = Vec::new();
            for _ in 0..count {
                picked.push(langs.remove(next(langs.len())));
            }
            picked.insert(next(picked.len() + 1), "en");
            let mut spec = format!(
                "catalog: T\nvendor: tencent\nsource: s\nlanguages: [{}]\ndefaults: {{ status: 400 }}\nerrors:\n",
                picked.join(", ")
            );
            for i in 0..1 + next(6) {
                let template = next(3) == 0;
                if template {
                    spec.push_str(&format!("  - code: \"T{i}.{{f}}\"\n"));
                } else {
                    spec.push_str(&format!("  - code: C.{i}\n"));
                }
                for l in &picked {
                    if next(2) == 0 {
                        spec.push_str(&format!("    {l}: \"-\"\n"));
                    } else if template {
                        spec.push_str(&format!("    {l}: \"{l} {i} {{f}}\"\n"));
                    } else {
                        spec.push_str(&format!("    {l}: {l} {i}\n"));
                    }
                }
            }
            check(&spec, false);
        }
    }

    /// Catalogs of 1 to 3,000 codes of every length a code may have (1 to
    /// 255 bytes, lengths around the hash's and compare's 8, 16, 32 and 64
    /// byte steps weighted up), of ASCII and multibyte characters, with
    /// shared prefixes and suffixes (fixed seed): every code is found, its near misses
    /// (one more, one fewer, one changed character, lower case) are not.
    #[test]
    fn codes_of_every_length_and_alphabet_are_found() {
        let mut next = below(0x2545_F491_4F6C_DD1D);
        let alphabet: Vec<char> = "ABCXYZabcxyz0189._-:/%|#ÄéЖ错误码🦀".chars().collect();
        let steps = [
            1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 128, 255,
        ];
        for round in 0..40 {
            let n = 1 + next(if round % 4 == 0 { 3_000 } else { 60 });
            let prefix: String = (0..next(40)).map(|_| alphabet[next(12)]).collect();
            // Every third round, a suffix shared too: codes that differ in
            // the middle only.
            let suffix: String = (0..next(30)).map(|_| alphabet[next(12)]).collect();
            let mut codes = std::collections::BTreeSet::new();
            while codes.len() < n {
                let want = if next(2) == 0 {
                    steps[next(steps.len())]
                } else {
                    1 + next(255)
                };
                let mut code = if next(2) == 0 {
                    prefix.clone()
                } else {
                    String::new()
                };
                while code.len() < want {
                    code.push(alphabet[next(alphabet.len())]);
                }
                while code.len() > want || code.len() > errors_core::table::MAX_CODE_BYTES {
                    code.pop();
                }
                if round % 3 == 1 {
                    code.push_str(&suffix);
                    while code.len() > errors_core::table::MAX_CODE_BYTES {
                        code.remove(0);
                    }
                }
                if !code.is_empty() {
                    codes.insert(code);
                }
            }
            let entries: String = codes
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    format!("  - code: \"{c}\"\n    name: V{i}\n    en: e{i}\n    zh: z{i}\n")
                })
                .collect();
            let head = &SPEC[..SPEC.find("errors:\n").map_or(0, |i| i + 8)];
            check(&format!("{head}{entries}"), false);
        }
    }

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
