//! `errors-codegen docs` in a real headless browser (Chromium, driven over
//! the DevTools protocol on 127.0.0.1): the page of every checked-in spec,
//! the hostile fixture and a generated script-injection spec.
//!
//! Checks: no script from a catalog runs or is even attempted (no CSP
//! violation, no exception, `window.__pwned` unset, only the generator's
//! own elements in the body, no event-handler attribute); every hostile
//! text shows verbatim; typing a query (character by character, as a
//! person would) leaves visible exactly the codes an independent oracle
//! finds (queries drawn with a fixed seed from the catalogs: codes, Chinese
//! runs, English words, two words, nothing); the language switch hides the
//! other languages; every anchor of the hostile codes targets its code;
//! the print style hides the controls. One screenshot per run:
//! `target/tmp/docs-browser/catalog.png`.
//!
//! Without a browser the test prints why and passes, unless
//! `ERRORS_BROWSER_TESTS=required` (set by `.ci/run`), which makes a
//! missing browser a failure. `CHROMIUM=/path/to/chrome` picks the browser.

#[path = "docs_browser/cdp.rs"]
mod cdp;

use errors_codegen::docs::shown_text;
use errors_codegen::{Catalog, Entry, FsReader, docs_html, load_catalog};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
        .to_path_buf()
}

fn load(base: &Path, spec: &str) -> Catalog {
    match load_catalog(base, spec, &FsReader).result {
        Ok(c) => c,
        Err(d) => panic!("{d}"),
    }
}

/// xorshift64: the fixed-seed generator of the queries and payloads.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A YAML double-quoted string.
fn q(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Texts that would run script, load something or restyle the page if
/// they were written as markup. Each sets `window.__pwned` if it runs.
const PAYLOADS: &[&str] = &[
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=\"window.__pwned=2\">",
    "\"><svg onload=window.__pwned=3>",
    "'><body onload='window.__pwned=4'>",
    "</bdi></dd></dl></article><script>window.__pwned=5</script>",
    "</style><style>body{display:none}</style>",
    "</script><script>window.__pwned=6</script>",
    "<iframe srcdoc=\"<script>parent.__pwned=7</script>\"></iframe>",
    "<a href=\"javascript:window.__pwned=8\">click</a>",
    "<!-- unclosed comment",
    "&lt;script&gt;window.__pwned=9&lt;/script&gt;",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=10>",
];

/// A spec whose codes, messages, actions, alternates and notes are
/// payloads (fixed ones, then fixed-seed mixtures of them).
fn injection_spec() -> String {
    let mut rng = Rng(0x00c0_ffee_d0c5);
    let mut s = String::from(
        "catalog: InjectionError\nvendor: alibaba\nsource: \"<script>window.__pwned=11</script>\"\n\
         languages: [en, zh]\ndefaults: { status: 400 }\n\
         note: \"</details><script>window.__pwned=12</script>\"\nerrors:\n",
    );
    let code_payloads = [
        "<script>window.__pwned=13</script>",
        "<img/src=x/onerror=window.__pwned=14>",
        "\"/onmouseover=\"window.__pwned=15",
        "a'b\"c<d>e&f",
    ];
    for i in 0..24 {
        let pick = |rng: &mut Rng| {
            let n = 1 + rng.below(3);
            (0..n)
                .map(|_| PAYLOADS[rng.below(PAYLOADS.len())])
                .collect::<Vec<_>>()
                .join(" 中文 ")
        };
        let code = format!("Inj{i}.{}", code_payloads[i % code_payloads.len()]);
        let _ = write!(
            s,
            "  - code: {}\n    name: Injection{i}\n    en: {}\n    zh: {}\n    action: {{ en: {}, zh: {} }}\n    note: {}\n",
            q(&code),
            q(&pick(&mut rng)),
            q(if i % 5 == 0 {
                "-"
            } else {
                PAYLOADS[i % PAYLOADS.len()]
            }),
            q(&pick(&mut rng)),
            q(&pick(&mut rng)),
            q(&pick(&mut rng)),
        );
        if i % 4 == 0 {
            let _ = write!(
                s,
                "    alternates:\n      - en: {}\n        note: {}\n",
                q(&pick(&mut rng)),
                q(&pick(&mut rng))
            );
        }
    }
    s.push_str("success:\n  - code: \"<b>OK</b>\"\n    status: 200\n    en: \"<script>window.__pwned=16</script>\"\n    zh: \"成功<br>\"\n");
    s
}

/// Everything the page shows of a code that came from the spec: the
/// oracle's haystack (independent of the page's markup and labels).
fn code_texts(c: &Catalog, e: &Entry) -> Vec<String> {
    let mut t = vec![e.vendor_code(), format!("{}::{}", c.name, e.name)];
    t.extend(e.messages.iter().map(|m| e.vendor_text(&m.raw)));
    t.extend(e.action.iter().map(|(_, a)| a.clone()));
    for a in &e.alternates {
        t.extend(a.messages.iter().map(|(_, m)| e.vendor_text(m)));
        t.extend(a.action.iter().map(|(_, m)| m.clone()));
        t.extend(a.note.clone());
    }
    t.extend(e.note.clone());
    t.extend(e.source.clone());
    t
}

/// Every code of the page, in page order, as the oracle's haystacks.
fn haystacks(catalogs: &[Catalog]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for c in catalogs {
        out.extend(c.entries.iter().map(|e| code_texts(c, e)));
        for s in &c.success {
            let mut t = vec![s.code.clone()];
            t.extend(s.messages.iter().cloned());
            t.extend(s.action.iter().map(|(_, a)| a.clone()));
            t.extend(s.note.clone());
            out.push(t);
        }
    }
    out
}

/// The page's own words (labels, badges): an English query term inside
/// them would match every code, so the query generator avoids them.
const LABELS: &str = "# http retry: never throttled transient quota_exhausted after_refresh \
    after_state_change success code action en zh ja ko note: source: also documented \
    no text from the vendor; shown in :";

/// Queries drawn with a fixed seed from the catalogs' texts.
fn queries(catalogs: &[Catalog]) -> Vec<String> {
    let mut rng = Rng(0x5ea7_c4e5);
    let entries: Vec<(&Catalog, &Entry)> = catalogs
        .iter()
        .filter(|c| c.name != "HostileError" && c.name != "InjectionError")
        .flat_map(|c| c.entries.iter().map(move |e| (c, e)))
        .collect();
    let mut out = vec!["CBC.99003115".to_owned()];
    let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let mut han = Vec::new();
    let mut words = Vec::new();
    let mut guard = 0;
    while (han.len() < 4 || words.len() < 3) && guard < 10_000 {
        guard += 1;
        let (_, e) = entries[rng.below(entries.len())];
        for m in &e.messages {
            let chars: Vec<char> = m.raw.chars().collect();
            // A run of 2 or 3 Chinese characters.
            if han.len() < 4 && chars.len() > 3 {
                let at = rng.below(chars.len() - 2);
                let len = 2 + rng.below(2);
                let run: String = chars.iter().skip(at).take(len).collect();
                if run.chars().count() == len && run.chars().all(is_han) && !han.contains(&run) {
                    han.push(run);
                }
            }
            // An English word of 5 letters or more, not one of the page's labels.
            let ws: Vec<String> = m
                .raw
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() >= 5)
                .map(str::to_lowercase)
                .filter(|w| !LABELS.contains(w.as_str()))
                .collect();
            if words.len() < 3 && !ws.is_empty() {
                let w = ws[rng.below(ws.len())].clone();
                if !words.contains(&w) {
                    words.push(w);
                }
            }
        }
    }
    let (_, e) = entries[rng.below(entries.len())];
    out.push(e.vendor_code());
    // Upper case: the search ignores case.
    out.push(words[0].to_uppercase());
    out.extend(han.iter().cloned());
    out.extend(words.iter().skip(1).cloned());
    // Two terms, both must match: a code's first segment and a word.
    let prefix = e.vendor_code().split('.').next().unwrap_or("").to_owned();
    out.push(format!("{prefix} {}", words[1]));
    out.push(format!("{} {}", han[0], han[1]));
    out.push("zzqqxx-matches-nothing".to_owned());
    out
}

/// The oracle: codes (indices in page order) with every term of `query`
/// in one of their texts, case-insensitively.
fn expected(hay: &[Vec<String>], query: &str) -> BTreeSet<usize> {
    let terms: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    hay.iter()
        .enumerate()
        .filter(|(_, texts)| {
            let all = texts.join("\u{1}").to_lowercase();
            terms.iter().all(|t| all.contains(t.as_str()))
        })
        .map(|(i, _)| i)
        .collect()
}

/// What a hostile code must show, in page order: `(dt label, text)` of
/// each message and action, then its notes.
fn shown_rows(c: &Catalog, e: &Entry) -> Value {
    let langs = c.langs();
    let shown = e.shown_languages(&langs);
    let mut rows = Vec::new();
    for (i, l) in c.languages.iter().enumerate() {
        let from = if e.messages[i].raw == "-" {
            shown[i]
        } else {
            i
        };
        let raw = &e.messages[from].raw;
        let text = (raw != "-").then(|| shown_text(&e.vendor_text(raw)));
        rows.push(json!([l, text]));
    }
    for (l, a) in &e.action {
        rows.push(json!([format!("action {l}"), shown_text(a)]));
    }
    let notes: Vec<String> = e.note.iter().map(|n| shown_text(n)).collect();
    json!({ "code": shown_text(&e.vendor_code()), "rows": rows, "notes": notes })
}

const PAGE_ROWS: &str = r#"(() => {
  const out = {};
  for (const a of document.querySelectorAll("article.code")) {
    const rows = [...a.querySelectorAll(":scope > dl.texts > div[data-l]")].map(d => {
      const t = d.querySelector("dd > .t");
      return [d.querySelector("dt").textContent, t ? t.textContent : null];
    });
    const notes = [...a.querySelectorAll(":scope > p.note > .t")].map(n => n.textContent);
    out[a.id] = { code: a.querySelector("h3 > .c").textContent, rows, notes };
  }
  return out;
})()"#;

const VISIBLE: &str = r#"[...document.querySelectorAll("article.code")].map((a, i) => a.getClientRects().length > 0 ? i : -1).filter(i => i >= 0)"#;

const ALLOWED_TAGS: &[&str] = &[
    "header", "h1", "p", "ul", "li", "a", "div", "input", "select", "option", "span", "main",
    "section", "h2", "details", "summary", "bdi", "article", "h3", "code", "dl", "dt", "dd", "h4",
    "footer", "script",
];

#[test]
fn docs_page_in_a_headless_browser() {
    let Some(browser) = cdp::find_browser() else {
        let msg =
            "no Chromium found (install the `chromium` package or set CHROMIUM=/path/to/chrome)";
        if std::env::var("ERRORS_BROWSER_TESTS").as_deref() == Ok("required") {
            panic!("{msg}; ERRORS_BROWSER_TESTS=required");
        }
        eprintln!("SKIPPED docs_page_in_a_headless_browser: {msg}");
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("docs-browser");
    let _ = std::fs::remove_dir_all(dir.join("profile"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("injection.yaml"), injection_spec()).unwrap();
    let root = workspace();
    let mut catalogs: Vec<Catalog> = [
        "specs/huawei/cbc.yaml",
        "specs/tencent/common.yaml",
        "specs/tencent/organization.yaml",
        "specs/alibaba/ens.yaml",
        "tests/fixtures/hostile.yaml",
    ]
    .iter()
    .map(|s| load(&root, s))
    .collect();
    catalogs.push(load(&dir, "injection.yaml"));
    let page = dir.join("catalog.html");
    std::fs::write(&page, docs_html(&catalogs)).unwrap();
    let url = format!("file://{}", page.display());
    let hay = haystacks(&catalogs);

    let mut b = cdp::Browser::launch(&browser, &dir.join("profile"));
    b.open_page();
    b.call("Page.enable", json!({}));
    b.call("Runtime.enable", json!({}));
    // Records every CSP violation: any attempt of a catalog text to run
    // script or load something (this script is CDP's, so CSP allows it).
    b.call(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample));" }),
    );
    b.call("Page.navigate", json!({ "url": url }));
    b.wait_event("Page.loadEventFired");

    // 1. Nothing from a catalog ran, or tried to.
    assert_eq!(b.eval("typeof window.__pwned"), json!("undefined"));
    assert_eq!(b.eval("window.__violations"), json!([]), "CSP violations");
    assert_eq!(b.eval("document.scripts.length"), json!(1));
    let tags =
        b.eval("[...new Set([...document.body.querySelectorAll('*')].map(e => e.localName))]");
    for t in tags.as_array().unwrap() {
        assert!(
            ALLOWED_TAGS.contains(&t.as_str().unwrap()),
            "element <{t}> on the page"
        );
    }
    assert_eq!(
        b.eval("[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on'))"),
        json!([]),
        "event-handler attributes"
    );
    assert_eq!(
        b.eval("getComputedStyle(document.body).display"),
        json!("block")
    );
    let total = hay.len();
    assert_eq!(
        b.eval("document.querySelectorAll('article.code').length"),
        json!(total)
    );

    // 2. Hostile texts show verbatim.
    let page_rows = b.eval(PAGE_ROWS);
    let ids: Vec<String> = b
        .eval("[...document.querySelectorAll('article.code')].map(a => a.id)")
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    let mut index = 0;
    let mut hostile_ids = Vec::new();
    for c in &catalogs {
        for e in &c.entries {
            if c.name == "HostileError" || c.name == "InjectionError" {
                let id = &ids[index];
                assert_eq!(page_rows[id], shown_rows(c, e), "code {id}");
                hostile_ids.push(id.clone());
            }
            index += 1;
        }
        index += c.success.len();
    }
    assert_eq!(hostile_ids.len(), 9 + 24);

    // 3. Typing a query shows exactly the matching codes.
    let queries = queries(&catalogs);
    for query in &queries {
        b.eval("(() => { const q = document.getElementById('q'); q.value = ''; q.dispatchEvent(new Event('input')); q.focus(); })()");
        for ch in query.chars() {
            b.call("Input.insertText", json!({ "text": ch.to_string() }));
        }
        assert_eq!(b.eval("document.getElementById('q').value"), json!(query));
        let visible: BTreeSet<usize> = b
            .eval(VISIBLE)
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        let want = expected(&hay, query);
        let names = |s: &BTreeSet<usize>| s.iter().map(|&i| ids[i].clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&visible),
            names(&want),
            "query {query:?}: visible codes"
        );
        assert_eq!(
            b.eval("document.getElementById('count').textContent"),
            json!(format!("{} of {total} codes shown", want.len()))
        );
        eprintln!("query {query:?}: {} of {total} codes", want.len());
    }
    assert!(
        queries
            .iter()
            .any(|q| expected(&hay, q).len() > 1 && q.chars().any(|c| c > '\u{2e80}')),
        "a Chinese query with several matches"
    );
    assert_eq!(
        b.eval("[...document.querySelectorAll('section.catalog')].filter(s => s.getClientRects().length > 0).length"),
        json!(0),
        "no section shown when nothing matches"
    );

    // 4. Language switch.
    b.eval("(() => { const q = document.getElementById('q'); q.value = ''; q.dispatchEvent(new Event('input')); const l = document.getElementById('lang'); l.value = 'zh'; l.dispatchEvent(new Event('change')); })()");
    let lang_shown = "(l) => document.querySelector('#CBC\\\\.99003115 div[data-l=' + l + '] > dd').getClientRects().length > 0";
    assert_eq!(b.eval(&format!("({lang_shown})('zh')")), json!(true));
    assert_eq!(b.eval(&format!("({lang_shown})('en')")), json!(false));
    b.eval("(() => { const l = document.getElementById('lang'); l.value = ''; l.dispatchEvent(new Event('change')); })()");
    assert_eq!(b.eval(&format!("({lang_shown})('en')")), json!(true));

    // 5. Every hostile code's anchor targets it.
    let bad = b.eval(&format!(
        "{}.filter(id => {{ const a = document.getElementById(id); a.querySelector('a.anchor').click(); return document.querySelector(':target') !== a; }})",
        serde_json::to_string(&hostile_ids).unwrap()
    ));
    assert_eq!(bad, json!([]), "anchors that do not target their code");

    // 6. Print hides the controls.
    b.call("Emulation.setEmulatedMedia", json!({ "media": "print" }));
    assert_eq!(
        b.eval("getComputedStyle(document.getElementById('controls')).display"),
        json!("none")
    );
    b.call("Emulation.setEmulatedMedia", json!({ "media": "" }));

    // Still nothing ran, no exception anywhere.
    assert_eq!(b.eval("typeof window.__pwned"), json!("undefined"));
    assert_eq!(b.eval("window.__violations"), json!([]));
    let exceptions: Vec<&Value> = b
        .events
        .iter()
        .filter(|(m, _)| m == "Runtime.exceptionThrown")
        .map(|(_, p)| p)
        .collect();
    assert!(exceptions.is_empty(), "{exceptions:?}");

    // One screenshot for a person: the search for `<script>` (payloads
    // shown as text).
    b.eval("(() => { const q = document.getElementById('q'); q.value = '<script> 中文'; q.dispatchEvent(new Event('input')); })()");
    let shot = b.call("Page.captureScreenshot", json!({ "format": "png" }));
    let png = cdp::base64_decode(shot["data"].as_str().unwrap());
    assert!(png.starts_with(b"\x89PNG"));
    std::fs::write(dir.join("catalog.png"), &png).unwrap();
    eprintln!(
        "screenshot: {} ({} bytes)",
        dir.join("catalog.png").display(),
        png.len()
    );
}
