//! `errors-codegen docs`: catalogs as one self-contained HTML page.
//!
//! The page is built from the lowered [`Catalog`] model (the same one the
//! code generator expands), so what it shows is what the generated enums
//! do: the code as the vendor writes it, the variant, the status, the retry
//! class, every message (and, where the vendor gives none, the text
//! `message(Lang)` falls back to), the action, the alternates and the notes.
//!
//! Self-contained: one file, inline CSS and one small inline script, no
//! network, no font, no image. A `Content-Security-Policy` meta tag allows
//! that one script only (by its SHA-256 hash) and nothing else to load, as a
//! second line of defence: every vendor text is escaped ([`escape`]) and
//! never becomes markup. Without JavaScript the page shows every code; with
//! it, a search box filters as you type (over codes, variants and every text
//! in every language, NFKC-folded and case-folded, all words must match) and
//! a language switch shows one language. Each code has an anchor
//! (`catalog.html#CBC.99003115`). Printing prints what is shown.

use crate::model::{Catalog, Entry, Lang, NO_TEXT};
use std::collections::HashSet;
use std::fmt::Write as _;

/// The search and language-switch script (its hash is in the page's CSP).
const SCRIPT: &str = r#"(function () {
  "use strict";
  var q = document.getElementById("q");
  var lang = document.getElementById("lang");
  var count = document.getElementById("count");
  var rows = Array.prototype.slice.call(document.querySelectorAll("article.code"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.catalog"));
  function norm(s) { return s.normalize("NFKC").toLowerCase(); }
  var hay = rows.map(function (r) { return norm(r.textContent); });
  function filter() {
    var terms = norm(q.value).split(/\s+/).filter(function (t) { return t.length > 0; });
    var shown = 0;
    rows.forEach(function (r, i) {
      var ok = terms.every(function (t) { return hay[i].indexOf(t) >= 0; });
      r.hidden = !ok;
      if (ok) { shown += 1; }
    });
    sections.forEach(function (s) {
      s.hidden = terms.length > 0 && s.querySelector("article.code:not([hidden])") === null;
    });
    count.textContent = shown + " of " + rows.length + " codes shown";
  }
  function switchLang() { document.body.setAttribute("data-show", lang.value); }
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target && target.hidden) { q.value = ""; filter(); target.scrollIntoView(); }
  }
  q.addEventListener("input", filter);
  lang.addEventListener("change", switchLang);
  window.addEventListener("hashchange", reveal);
  document.getElementById("controls").hidden = false;
  filter();
  switchLang();
})();
"#;

const STYLE: &str = r#"
:root { --fg: #1b1f24; --muted: #59636e; --line: #d0d7de; --bg: #ffffff; --soft: #f6f8fa; --hl: #fff8c5; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 1rem 1.5rem .5rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
#controls { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; padding: .6rem 1.5rem; background: var(--soft); border-bottom: 1px solid var(--line); }
#q { flex: 1 1 22rem; font: inherit; padding: .35rem .6rem; border: 1px solid var(--line); border-radius: 6px; }
#lang { font: inherit; padding: .3rem; }
#count { color: var(--muted); }
main { padding: 0 1.5rem 2rem; }
section.catalog > h2 { font-size: 1.25rem; margin: 1.4rem 0 .2rem; }
.meta { color: var(--muted); margin: 0 0 .6rem; }
.toc { margin: .3rem 0 .6rem; padding-left: 1.2rem; }
article.code { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .8rem; margin: .5rem 0; }
article.code:target { background: var(--hl); }
article.code > h3 { font-size: 1rem; margin: 0 0 .3rem; display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
.c { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-weight: 600; overflow-wrap: anywhere; }
.anchor { color: var(--muted); text-decoration: none; }
.badge { font-size: .8rem; font-weight: 500; padding: 0 .45rem; border-radius: 1rem; border: 1px solid var(--line); background: var(--soft); white-space: nowrap; }
.r-throttled, .r-transient { background: #ddf4ff; }
.r-quota_exhausted, .r-after_refresh, .r-after_state_change { background: #fff1e5; }
.s-success { background: #dafbe1; }
.variant { color: var(--muted); font-weight: 400; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85rem; overflow-wrap: anywhere; }
dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; column-gap: .8rem; row-gap: .15rem; }
dl > div { display: contents; }
dt { color: var(--muted); font-size: .85rem; }
dd { margin: 0; }
.t { white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: isolate; }
.none { color: var(--muted); font-style: italic; }
.alts, .note, .src { margin: .35rem 0 0; font-size: .9rem; }
.alts > h4 { font-size: .85rem; margin: .2rem 0; color: var(--muted); font-weight: 600; }
.alt { border-left: 3px solid var(--line); padding-left: .6rem; margin: .2rem 0; }
.note, .src { color: var(--muted); }
footer { color: var(--muted); padding: 1rem 1.5rem; border-top: 1px solid var(--line); font-size: .85rem; }
[hidden] { display: none !important; }
@media print {
  #controls, .anchor { display: none !important; }
  body { font-size: 10.5pt; }
  header, main, footer { padding-left: 0; padding-right: 0; }
  article.code { break-inside: avoid; border-color: #999; }
  article.code:target { background: none; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// Escapes `text` for HTML text and (double- or single-quoted) attribute
/// values: `&`, `<`, `>`, `"` and `'` become character references, and the
/// characters HTML cannot carry verbatim are shown as the Unicode control
/// pictures (`U+0000` as `␀`, CR as `␍`, DEL as `␡`, ...; tab and line feed
/// are kept). No other character is changed, so what the vendor wrote is
/// what the page shows.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            _ => out.push(shown_char(c)),
        }
    }
    out
}

/// `c` as the page shows it: C0 controls (but tab and line feed) and DEL
/// as their control pictures, C1 controls as U+FFFD; anything else itself.
fn shown_char(c: char) -> char {
    match c {
        '\0'..='\x1f' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\x7f' => '\u{2421}',
        '\u{80}'..='\u{9f}' => '\u{fffd}',
        _ => c,
    }
}

/// The text a vendor string shows as on the page (what [`escape`] makes of
/// it, once the browser has read the character references back): for
/// tests that compare a page's text with the spec.
pub fn shown_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' => c,
            _ => shown_char(c),
        })
        .collect()
}

/// `text` percent-encoded for a URL fragment: every byte but ASCII letters,
/// digits and `-._~` as `%XX`. The browser decodes it back to the element id.
fn fragment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Unique element ids: the wanted id if free, else `prefix:wanted`, then
/// with `-2`, `-3`, ... White space (never in a valid code) becomes `_`.
struct Ids(HashSet<String>);

impl Ids {
    fn take(&mut self, wanted: &str, prefix: &str) -> String {
        let wanted: String = wanted
            .chars()
            .map(|c| if c.is_whitespace() { '_' } else { c })
            .collect();
        let wanted = if wanted.is_empty() {
            "_".to_owned()
        } else {
            wanted
        };
        let mut id = wanted.clone();
        if self.0.contains(&id) {
            id = format!("{prefix}:{wanted}");
        }
        let base = id.clone();
        let mut n = 2;
        while self.0.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.0.insert(id.clone());
        id
    }
}

/// The name of a language tag for the switch.
fn language_name(tag: &str) -> &'static str {
    match Lang::from_tag(tag) {
        Some(Lang::En) => "English",
        Some(Lang::Zh) => "中文",
        Some(Lang::Ja) => "日本語",
        Some(Lang::Ko) => "한국어",
        _ => "other",
    }
}

/// One vendor text in its language: `<bdi class="t" lang="zh">...</bdi>`.
fn text_html(out: &mut String, lang: &str, text: &str) {
    let _ = write!(
        out,
        "<bdi class=\"t\" lang=\"{}\">{}</bdi>",
        escape(lang),
        escape(text)
    );
}

/// Rows of `(language, text)` as `<div data-l="LANG"><dt>LABEL</dt><dd>TEXT</dd></div>`.
fn texts_html(out: &mut String, label: &str, texts: &[(String, String)]) {
    for (lang, text) in texts {
        let _ = write!(
            out,
            "<div data-l=\"{l}\"><dt>{label}{l}</dt><dd>",
            l = escape(lang)
        );
        text_html(out, lang, text);
        out.push_str("</dd></div>");
    }
}

/// The messages of an entry: each language's text, or for the no-text
/// marker `-` what `message(Lang)` shows instead.
fn messages_html(out: &mut String, catalog: &Catalog, e: &Entry) {
    let langs = catalog.langs();
    let shown = e.shown_languages(&langs);
    for (i, lang) in catalog.languages.iter().enumerate() {
        let raw = e.messages.get(i).map_or(NO_TEXT, |m| m.raw.as_str());
        let _ = write!(
            out,
            "<div data-l=\"{l}\"><dt>{l}</dt><dd>",
            l = escape(lang)
        );
        if raw == NO_TEXT {
            let from = shown.get(i).copied().unwrap_or(i);
            let from_text = e.messages.get(from).map(|m| m.raw.as_str());
            match (catalog.languages.get(from), from_text) {
                (Some(fl), Some(ft)) if from != i && ft != NO_TEXT => {
                    let _ = write!(
                        out,
                        "<span class=\"none\">no {l} text from the vendor; shown in {f}:</span> ",
                        l = escape(lang),
                        f = escape(fl)
                    );
                    text_html(out, fl, &e.vendor_text(ft));
                }
                _ => {
                    out.push_str("<span class=\"none\">no text from the vendor</span>");
                }
            }
        } else {
            text_html(out, lang, &e.vendor_text(raw));
        }
        out.push_str("</dd></div>");
    }
}

/// One code: header line (anchor, code, status, retry, variant), texts,
/// action, alternates, note and source.
struct Code<'a> {
    id: String,
    code: String,
    variant: Option<String>,
    status: u16,
    retry: Option<&'static str>,
    catalog: &'a Catalog,
    entry: Option<&'a Entry>,
    success: Option<&'a crate::model::Success>,
}

fn code_html(out: &mut String, c: &Code<'_>) {
    let _ = write!(
        out,
        "<article class=\"code\" id=\"{id}\"><h3><a class=\"anchor\" href=\"#{frag}\" title=\"Link to this code\">#</a><code class=\"c\">{code}</code>",
        id = escape(&c.id),
        frag = fragment(&c.id),
        code = escape(&shown_text(&c.code)),
    );
    let _ = write!(
        out,
        "<span class=\"badge\" title=\"HTTP status\">HTTP {}</span>",
        c.status
    );
    match c.retry {
        Some(r) => {
            let _ = write!(
                out,
                "<span class=\"badge r-{r}\" title=\"retry class\">retry: {r}</span>"
            );
        }
        None => out.push_str("<span class=\"badge s-success\">success code</span>"),
    }
    if let Some(v) = &c.variant {
        let _ = write!(out, "<span class=\"variant\">{}</span>", escape(v));
    }
    out.push_str("</h3><dl class=\"texts\">");
    let (action, note, source) = match (c.entry, c.success) {
        (Some(e), _) => {
            messages_html(out, c.catalog, e);
            (&e.action, &e.note, &e.source)
        }
        (None, Some(s)) => {
            let texts = c.catalog.by_language(s.messages.iter().cloned());
            texts_html(out, "", &texts);
            (&s.action, &s.note, &None)
        }
        (None, None) => return,
    };
    texts_html(out, "action ", action);
    out.push_str("</dl>");
    if let Some(e) = c.entry.filter(|e| !e.alternates.is_empty()) {
        out.push_str("<div class=\"alts\"><h4>Also documented</h4>");
        for a in &e.alternates {
            out.push_str("<div class=\"alt\">");
            if let Some(s) = a.status {
                let _ = write!(out, "<span class=\"badge\">HTTP {s}</span>");
            }
            out.push_str("<dl>");
            let messages: Vec<(String, String)> = a
                .messages
                .iter()
                .map(|(l, t)| (l.clone(), e.vendor_text(t)))
                .collect();
            texts_html(out, "", &messages);
            texts_html(out, "action ", &a.action);
            out.push_str("</dl>");
            if let Some(n) = &a.note {
                out.push_str("<p class=\"note\">Note: ");
                text_html(out, "en", n);
                out.push_str("</p>");
            }
            out.push_str("</div>");
        }
        out.push_str("</div>");
    }
    if let Some(n) = note {
        out.push_str("<p class=\"note\">Note: ");
        text_html(out, "en", n);
        out.push_str("</p>");
    }
    if let Some(s) = source {
        out.push_str("<p class=\"src\">Source: ");
        text_html(out, "en", s);
        out.push_str("</p>");
    }
    out.push_str("</article>\n");
}

/// The catalogs as one self-contained HTML page (see the module docs):
/// every error and success code of every catalog, in catalog order.
/// Deterministic: the same catalogs give the same bytes.
pub fn docs_html(catalogs: &[Catalog]) -> String {
    let mut ids = Ids(HashSet::new());
    // Codes first, so each gets its plain code as the id where possible.
    let code_ids: Vec<(Vec<String>, Vec<String>)> = catalogs
        .iter()
        .map(|c| {
            let e = c
                .entries
                .iter()
                .map(|e| ids.take(&e.vendor_code(), &c.name))
                .collect();
            let s = c
                .success
                .iter()
                .map(|s| ids.take(&s.code, &c.name))
                .collect();
            (e, s)
        })
        .collect();
    let section_ids: Vec<String> = catalogs
        .iter()
        .map(|c| ids.take(&format!("catalog-{}", c.name), "catalog"))
        .collect();
    let mut languages: Vec<&str> = Vec::new();
    for c in catalogs {
        for l in &c.languages {
            if !languages.contains(&l.as_str()) {
                languages.push(l);
            }
        }
    }
    let total: usize = catalogs
        .iter()
        .map(|c| c.entries.len() + c.success.len())
        .sum();
    let names: Vec<&str> = catalogs.iter().map(|c| c.name.as_str()).collect();
    let title = format!("Error codes: {}", names.join(", "));

    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{hash}'; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"errors-codegen {version}\">\n\
         <title>{title}</title>\n<style>{STYLE}",
        hash = base64(&sha256(SCRIPT.as_bytes())),
        version = env!("CARGO_PKG_VERSION"),
        title = escape(&title),
    );
    for l in &languages {
        let l = escape(l);
        let _ = writeln!(
            out,
            "body[data-show=\"{l}\"] [data-l]:not([data-l=\"{l}\"]) {{ display: none; }}"
        );
    }
    out.push_str("</style>\n</head>\n<body data-show=\"\">\n<header>\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
    let _ = writeln!(
        out,
        "<p class=\"meta\">{} in {}; languages {}.</p>",
        crate::model::counted(total, "code"),
        crate::model::counted(catalogs.len(), "catalog"),
        escape(&languages.join(", "))
    );
    if catalogs.len() > 1 {
        out.push_str("<ul class=\"toc\">");
        for (c, id) in catalogs.iter().zip(&section_ids) {
            let _ = write!(
                out,
                "<li><a href=\"#{}\">{}</a> ({})</li>",
                fragment(id),
                escape(&c.name),
                crate::model::counted(c.entries.len() + c.success.len(), "code")
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</header>\n<div id=\"controls\" hidden>\n");
    out.push_str(
        "<input id=\"q\" type=\"search\" placeholder=\"Search codes and messages (any language)\" aria-label=\"Search codes and messages\" autocomplete=\"off\" spellcheck=\"false\">\n",
    );
    out.push_str(
        "<select id=\"lang\" aria-label=\"Language\"><option value=\"\">all languages</option>",
    );
    for l in &languages {
        let _ = write!(
            out,
            "<option value=\"{t}\">{name} ({t})</option>",
            t = escape(l),
            name = language_name(l)
        );
    }
    out.push_str("</select>\n<span id=\"count\" aria-live=\"polite\"></span>\n</div>\n<main>\n");
    for ((c, (entry_ids, success_ids)), section_id) in
        catalogs.iter().zip(&code_ids).zip(&section_ids)
    {
        let _ = writeln!(
            out,
            "<section class=\"catalog\" id=\"{}\">\n<h2>{}</h2>",
            escape(section_id),
            escape(&c.name)
        );
        out.push_str("<p class=\"meta\">Vendor ");
        out.push_str(&escape(c.vendor.as_str()));
        let _ = write!(
            out,
            "; {}, {}; languages {}. Source: ",
            crate::model::counted(c.entries.len(), "error code"),
            crate::model::counted(c.success.len(), "success code"),
            escape(&c.languages.join(", "))
        );
        text_html(&mut out, "en", &c.source);
        out.push_str("</p>\n");
        if let Some(n) = &c.note {
            out.push_str("<details class=\"meta\"><summary>Catalog note</summary>");
            text_html(&mut out, "en", n);
            out.push_str("</details>\n");
        }
        for (e, id) in c.entries.iter().zip(entry_ids) {
            code_html(
                &mut out,
                &Code {
                    id: id.clone(),
                    code: e.vendor_code(),
                    variant: Some(format!("{}::{}", c.name, e.name)),
                    status: e.status,
                    retry: Some(e.retry.as_str()),
                    catalog: c,
                    entry: Some(e),
                    success: None,
                },
            );
        }
        for (s, id) in c.success.iter().zip(success_ids) {
            code_html(
                &mut out,
                &Code {
                    id: id.clone(),
                    code: s.code.clone(),
                    variant: None,
                    status: s.status,
                    retry: None,
                    catalog: c,
                    entry: None,
                    success: Some(s),
                },
            );
        }
        out.push_str("</section>\n");
    }
    let _ = write!(
        out,
        "</main>\n<footer>Generated by errors-codegen {} from the catalog specs. Retry classes: never, throttled, transient, quota_exhausted, after_refresh, after_state_change (see the errors-catalog documentation of <code>Retry</code>).</footer>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    out
}

/// SHA-256 of `data` (FIPS 180-4), for the script's CSP hash.
fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (chunk, word) in out.chunks_exact_mut(4).zip(h) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

/// Standard base64 with padding.
fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{ENS_SPEC, Rng, catalog};

    #[test]
    fn sha256_and_base64_match_known_vectors() {
        assert_eq!(
            base64(&sha256(b"abc")),
            "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
        );
        assert_eq!(
            base64(&sha256(b"")),
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
        // Values from Python's hashlib. 56 bytes spill the length into a
        // second block; 1000 bytes are many blocks.
        assert_eq!(
            base64(&sha256(&[b'a'; 56])),
            "s1Q5pKxvCUi21vnjxq8PX1kM4g8b3nCQ73lwaG7Gc4o="
        );
        assert_eq!(
            base64(&sha256(&[b'a'; 1000])),
            "Qe3s5C1j6Nm/UVqbppMuHCDLyfWl0TRkWttdsblzfqM="
        );
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
    }

    /// Characters that mean something to HTML, JavaScript, CSS or bidi
    /// rendering, mixed with ordinary text.
    const HOSTILE: &[&str] = &[
        "<",
        ">",
        "&",
        "\"",
        "'",
        "`",
        "/",
        "=",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "]]>",
        "<img src=x onerror=alert(1)>",
        "javascript:",
        "&amp;",
        "&lt;",
        "&#60;",
        "\u{0}",
        "\r",
        "\n",
        "\t",
        "\u{7f}",
        "\u{85}",
        "\u{202e}",
        "\u{2066}",
        "\u{feff}",
        "{",
        "}",
        "%s",
        "中文",
        "😀",
        "a",
        " ",
        "</style>",
        "</bdi>",
        "<b>",
        "\\",
    ];

    fn hostile_string(rng: &mut Rng) -> String {
        let n = 1 + rng.below(12);
        (0..n).map(|_| rng.pick(HOSTILE)).collect()
    }

    /// Reads escaped text back as an HTML parser would (the five
    /// references `escape` writes, nothing else), failing on any markup.
    fn unescape(s: &str) -> String {
        assert!(!s.contains('<') && !s.contains('>'), "markup in {s:?}");
        assert!(!s.contains('"') && !s.contains('\''), "quote in {s:?}");
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find('&') {
            out.push_str(&rest[..i]);
            rest = &rest[i..];
            let (text, len) = [
                ("&amp;", '&'),
                ("&lt;", '<'),
                ("&gt;", '>'),
                ("&quot;", '"'),
                ("&#39;", '\''),
            ]
            .iter()
            .find(|(r, _)| rest.starts_with(r))
            .map(|(r, c)| (*c, r.len()))
            .unwrap_or_else(|| panic!("bare & in {s:?}"));
            out.push(text);
            rest = &rest[len..];
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn escaping_round_trips_generated_hostile_strings() {
        let mut rng = Rng(0x5eed_d0c5);
        for _ in 0..5000 {
            let s = hostile_string(&mut rng);
            let e = escape(&s);
            assert_eq!(unescape(&e), shown_text(&s), "{s:?}");
            assert!(
                !e.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
                "{e:?}"
            );
            // Character for character: only controls other than tab and
            // line feed change, everything else is kept verbatim.
            let shown: Vec<char> = shown_text(&s).chars().collect();
            let orig: Vec<char> = s.chars().collect();
            assert_eq!(shown.len(), orig.len());
            for (a, b) in orig.iter().zip(&shown) {
                if a.is_control() && *a != '\t' && *a != '\n' {
                    assert!(!b.is_control(), "{a:?} -> {b:?}");
                } else {
                    assert_eq!(a, b);
                }
            }
        }
    }

    /// A spec whose every text is generated hostile text.
    fn hostile_spec(rng: &mut Rng, n: usize) -> String {
        let q = |s: &str| {
            let mut out = String::from("\"");
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    c if (c as u32) < 0x20
                        || c == '\u{7f}'
                        || ('\u{80}'..='\u{9f}').contains(&c)
                        || c == '\u{feff}' =>
                    {
                        let _ = write!(out, "\\u{:04x}", c as u32);
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        };
        let mut s = String::from(
            "catalog: HostileDocs\nvendor: alibaba\nsource: \"<script>src</script>\"\nlanguages: [en, zh]\ndefaults: { status: 400 }\nerrors:\n",
        );
        for i in 0..n {
            let _ = write!(
                s,
                "  - code: \"C{i}.<b>&'\"\n    name: V{i}\n    en: {}\n    zh: {}\n    action: {{ en: {} }}\n    note: {}\n",
                q(&hostile_string(rng)),
                q(&hostile_string(rng)),
                q(&hostile_string(rng)),
                q(&hostile_string(rng)),
            );
        }
        s
    }

    /// The page's markup with every text between tags removed: what is
    /// left must be exactly the generator's own tags.
    fn tags(html: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            let tail = &rest[i..];
            let end = tail.find('>').expect("tag closes");
            out.push(&tail[..=end]);
            rest = &tail[end + 1..];
        }
        out
    }

    #[test]
    fn hostile_texts_never_become_markup() {
        let mut rng = Rng(0xd0c5_0001);
        for round in 0..20 {
            let spec = hostile_spec(&mut rng, 8);
            let c = catalog(&spec);
            let html = docs_html(std::slice::from_ref(&c));
            // Outside the style and script, every tag is one the generator writes.
            let body = &html[html.find("<body").unwrap()..html.find("<script>").unwrap()];
            for t in tags(body) {
                let name: String = t
                    .trim_start_matches(['<', '/'])
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                assert!(
                    [
                        "body", "header", "h1", "p", "div", "input", "select", "option", "span",
                        "main", "section", "h2", "details", "summary", "bdi", "article", "h3", "a",
                        "code", "dl", "dt", "dd", "h4", "footer"
                    ]
                    .contains(&name.as_str()),
                    "round {round}: unexpected tag {t:?}"
                );
                assert!(!t.contains(" on"), "round {round}: handler in {t:?}");
            }
            assert_eq!(html.matches("<script>").count(), 1);
            assert_eq!(html.matches("</script>").count(), 1);
            assert_eq!(html.matches("<style>").count(), 1);
            assert_eq!(html.matches("</style>").count(), 1);
            // Every text is on the page, escaped.
            for e in &c.entries {
                for m in &e.messages {
                    if m.raw != NO_TEXT {
                        assert!(html.contains(&escape(&m.raw)), "{:?}", m.raw);
                    }
                }
                for (_, a) in &e.action {
                    assert!(html.contains(&escape(a)));
                }
                assert!(html.contains(&escape(e.note.as_deref().unwrap_or(""))));
                assert!(html.contains(&format!("id=\"{}\"", escape(&e.vendor_code()))));
            }
        }
    }

    #[test]
    fn lists_every_code_with_its_data_and_an_anchor() {
        let c = catalog(ENS_SPEC);
        let html = docs_html(std::slice::from_ref(&c));
        assert!(html.starts_with("<!DOCTYPE html>"));
        for id in ["InvalidParameter.%s", "Processing", "OK.0"] {
            assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
        }
        assert!(html.contains("href=\"#InvalidParameter.%25s\""));
        assert!(html.contains("retry: transient"));
        assert!(html.contains("EnsError::Processing"));
        assert!(html.contains("HTTP 200"));
        assert!(html.contains("success code"));
        assert!(html.contains("请稍后重试。"));
        assert!(html.contains("The specified field %s invalid."));
        assert!(
            html.contains("Field %s bad."),
            "alternate in the vendor form"
        );
        // The zh text is `-`: the page says so and shows the English fallback.
        assert!(html.contains("no zh text from the vendor; shown in en:"));
        assert!(html.contains("body[data-show=\"zh\"]"));
        assert!(html.contains("<option value=\"zh\">中文 (zh)</option>"));
        // The CSP allows exactly this script.
        let hash = base64(&sha256(SCRIPT.as_bytes()));
        assert!(html.contains(&format!("script-src 'sha256-{hash}'")));
        assert!(html.contains(&format!("<script>{SCRIPT}</script>")));
        // Nothing is loaded from elsewhere.
        for needle in ["http://", "https://", "src=", "@import", "url("] {
            assert!(!html.contains(needle), "{needle}");
        }
        assert_eq!(html, docs_html(std::slice::from_ref(&c)), "deterministic");
    }

    #[test]
    fn ids_stay_unique_across_catalogs() {
        let c = catalog(ENS_SPEC);
        let html = docs_html(&[c.clone(), c]);
        assert!(html.contains("id=\"Processing\""));
        assert!(html.contains("id=\"EnsError:Processing\""));
        let ids: Vec<&str> = html
            .split(" id=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        let unique: HashSet<&&str> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
        assert!(html.contains("<ul class=\"toc\">"));
    }

    #[test]
    fn fragments_are_percent_encoded() {
        assert_eq!(fragment("CBC.99003115"), "CBC.99003115");
        assert_eq!(fragment("a b%/中"), "a%20b%25%2F%E4%B8%AD");
    }
}
