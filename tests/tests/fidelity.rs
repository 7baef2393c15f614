//! Fidelity: every row of every vendor page in `specs/sources` is in the
//! checked-in spec, character for character (code, status, English,
//! Chinese), in the vendor's form for template codes; the Tencent Chinese
//! text is exactly `tencent_organization_zh.tsv`'s. The comparison is shown
//! to catch a single changed character. Also: importing each page renders
//! the same bytes twice, the rendered spec loads back to the page's rows,
//! and merging each page into its spec changes nothing, byte for byte.
//!
//! Pages are read from `specs/sources` only (copies of the vendor pages).

use errors_codegen::import::{
    self, ImportedRow, MergeMode, PageFormat, SpecHeader, parse_existing, render_yaml_report,
};
use errors_codegen::{Catalog, Entry, Template};
use errors_codegen::{FsReader, SpecReader, load_catalog};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

const HUAWEI_TABLE: &str = "000_be6a600572610a8e.txt";
const TENCENT_PAGE: &str = "001_4196a9c92bcc8477.txt";
const ALIBABA_PAGE: &str = "002_5904f100538517ad.txt";
const HUAWEI_SNIPPETS: &str = "003_b2bcd5abc11f7141.txt";
const TENCENT_ZH: &str = "tencent_organization_zh.tsv";

/// The one code whose English and Chinese columns are swapped on page 000.
const SWAPPED_ON_PAGE: &str = "CBC.99006073";

fn specs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .join("specs")
}

fn source(name: &str) -> String {
    let path = specs_dir().join("sources").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn import_page(name: &str, format: PageFormat) -> Vec<ImportedRow> {
    import::read_page(&source(name), name, format, None, None)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .rows
}

fn catalog(spec: &str) -> Catalog {
    load_catalog(&specs_dir(), spec, &FsReader)
        .result
        .unwrap_or_else(|d| panic!("{spec} does not load:\n{d}"))
}

// ---------------------------------------------------------------------------
// The comparison

/// A text of a code, in the vendor's form. `None`: not given (a page without
/// a status column, a page without that language).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Text {
    status: Option<u16>,
    en: Option<String>,
    zh: Option<String>,
}

/// One row of a page.
#[derive(Debug, Clone)]
struct Row {
    line: usize,
    code: String,
    text: Text,
}

fn rows(imported: &[ImportedRow]) -> Vec<Row> {
    imported
        .iter()
        .map(|r| Row {
            line: r.line,
            code: r.vendor_code(),
            text: Text {
                status: r.status,
                en: r.vendor_message("en"),
                zh: r.vendor_message("zh"),
            },
        })
        .collect()
}

/// One code of a spec, with every text it documents, in the vendor's form.
#[derive(Debug, Clone)]
struct Code {
    code: String,
    success: bool,
    file: String,
    primary: Text,
    /// Alternates with the primary's values filled in where they give none.
    alternates: Vec<Text>,
    note: String,
    source: Option<String>,
}

fn codes(c: &Catalog) -> Vec<Code> {
    let lang = |tag: &str| c.languages.iter().position(|l| l == tag);
    let mut out: Vec<Code> = c
        .entries
        .iter()
        .map(|e| {
            let msg = |tag: &str| lang(tag).map(|i| e.vendor_text(&e.messages[i].raw));
            let primary = Text {
                status: Some(e.status),
                en: msg("en"),
                zh: msg("zh"),
            };
            let alternates = e
                .alternates
                .iter()
                .map(|a| {
                    let alt = |tag: &str, base: &Option<String>| {
                        a.messages
                            .iter()
                            .find(|(l, _)| l == tag)
                            .map(|(_, t)| e.vendor_text(t))
                            .or_else(|| base.clone())
                    };
                    Text {
                        status: a.status.or(primary.status),
                        en: alt("en", &primary.en),
                        zh: alt("zh", &primary.zh),
                    }
                })
                .collect();
            Code {
                code: match &e.vendor_placeholder {
                    Some(vp) => e.code.with_placeholder_token(vp),
                    None => e.code.raw.clone(),
                },
                success: false,
                file: e.file.clone(),
                primary,
                alternates,
                note: e.note.clone().unwrap_or_default(),
                source: e.source.clone(),
            }
        })
        .collect();
    out.extend(c.success.iter().map(|s| Code {
        code: s.code.clone(),
        success: true,
        file: String::new(),
        primary: Text {
            status: Some(s.status),
            en: lang("en").map(|i| s.messages[i].clone()),
            zh: lang("zh").map(|i| s.messages[i].clone()),
        },
        alternates: Vec::new(),
        note: s.note.clone().unwrap_or_default(),
        source: None,
    }));
    out
}

/// How a page relates to a spec.
struct Page<'a> {
    name: &'a str,
    rows: &'a [Row],
    /// Status of the rows when the page has no status column.
    status: Option<u16>,
    /// Codes whose en and zh columns are swapped on the page: the spec must
    /// hold them swapped back, with a note saying so.
    swapped: &'a [&'a str],
    /// The page is the reference: the first row of a code is its primary
    /// text (otherwise any documented text of the code will do).
    reference: bool,
}

fn show(t: &Option<String>) -> String {
    t.as_ref().map_or("(none)".to_owned(), |t| format!("{t:?}"))
}

/// What differs between the page's `want` and the spec's `got`.
fn differences(want: &Text, got: &Text) -> Vec<String> {
    let mut out = Vec::new();
    if want.status.is_some() && want.status != got.status {
        out.push(format!(
            "status: page {:?}, spec {:?}",
            want.status, got.status
        ));
    }
    for (lang, w, g) in [("en", &want.en, &got.en), ("zh", &want.zh, &got.zh)] {
        if w.is_some() && w != g {
            out.push(format!("{lang}: page {}, spec {}", show(w), show(g)));
        }
    }
    out
}

/// Every row of `page` against `spec` (the codes of one spec file); each
/// problem is one line. With `complete`, every code of `spec` must be on
/// the page too.
fn compare(page: &Page, spec: &[Code], complete: bool) -> Vec<String> {
    let by_code: HashMap<&str, &Code> = spec.iter().map(|c| (c.code.as_str(), c)).collect();
    let mut problems = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for row in page.rows {
        let at = format!("{}:{}: `{}`", page.name, row.line, row.code);
        let Some(code) = by_code.get(row.code.as_str()) else {
            problems.push(format!("{at}: code not in the spec"));
            continue;
        };
        let mut want = row.text.clone();
        want.status = want.status.or(page.status);
        if page.swapped.contains(&row.code.as_str()) {
            std::mem::swap(&mut want.en, &mut want.zh);
            if !code.note.to_lowercase().contains("swapped") {
                problems.push(format!(
                    "{at}: en and zh are swapped on the page; the spec's note must say so"
                ));
            }
        }
        let first = seen.insert(row.code.as_str());
        let candidates: Vec<&Text> = if first && page.reference {
            vec![&code.primary]
        } else {
            std::iter::once(&code.primary)
                .chain(&code.alternates)
                .collect()
        };
        if !candidates
            .iter()
            .any(|got| differences(&want, got).is_empty())
        {
            let what = if first && page.reference {
                "primary text differs"
            } else {
                "matches neither the primary text nor an alternate"
            };
            problems.push(format!(
                "{at}: {what}: {}",
                differences(&want, &code.primary).join("; ")
            ));
        }
    }
    if complete {
        for c in spec {
            if !seen.contains(c.code.as_str()) {
                problems.push(format!(
                    "{}: spec code `{}` is not on the page",
                    page.name, c.code
                ));
            }
        }
    }
    problems
}

/// Alternates of `spec` that no row of `pages` documents.
fn unbacked_alternates(spec: &[Code], pages: &[&Page]) -> Vec<String> {
    let mut problems = Vec::new();
    for c in spec {
        for alt in &c.alternates {
            let backed = pages.iter().any(|p| {
                p.rows.iter().any(|r| {
                    let mut want = r.text.clone();
                    want.status = want.status.or(p.status);
                    r.code == c.code && differences(&want, alt).is_empty()
                })
            });
            if !backed {
                problems.push(format!(
                    "`{}`: alternate {alt:?} is on no source page",
                    c.code
                ));
            }
        }
    }
    problems
}

/// `code -> (zh, source)` from the TSV.
fn tsv() -> Vec<(String, String, String)> {
    let text = source(TENCENT_ZH);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("code\tzh\tsource"),
        "{TENCENT_ZH}: header"
    );
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert_eq!(cells.len(), 3, "{TENCENT_ZH}: {l:?}");
            (
                cells[0].to_owned(),
                cells[1].to_owned(),
                cells[2].to_owned(),
            )
        })
        .collect()
}

/// The Tencent specs' zh and source against the TSV, both ways.
fn compare_tsv(spec: &[Code], tsv: &[(String, String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    for c in spec {
        match tsv.iter().find(|(code, _, _)| *code == c.code) {
            None => problems.push(format!("`{}`: not in {TENCENT_ZH}", c.code)),
            Some((_, zh, src)) => {
                if c.primary.zh.as_deref() != Some(zh.as_str()) {
                    problems.push(format!(
                        "`{}`: zh: {TENCENT_ZH} {zh:?}, spec {}",
                        c.code,
                        show(&c.primary.zh)
                    ));
                }
                if c.source.as_deref() != Some(src.as_str()) {
                    problems.push(format!(
                        "`{}`: source: {TENCENT_ZH} {src:?}, spec {}",
                        c.code,
                        show(&c.source)
                    ));
                }
            }
        }
    }
    for (code, _, _) in tsv {
        if !spec.iter().any(|c| c.code == *code) {
            problems.push(format!("{TENCENT_ZH}: `{code}` is in no Tencent spec"));
        }
    }
    problems
}

fn assert_clean(what: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{what}: {} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------
// The pages against the specs

struct Huawei {
    table: Vec<Row>,
    snippets: Vec<Row>,
}

fn huawei() -> Huawei {
    let table = rows(&import_page(HUAWEI_TABLE, PageFormat::HuaweiVertical));
    let snippets = rows(&import_page(HUAWEI_SNIPPETS, PageFormat::HuaweiInline));
    assert_eq!(table.len(), 217, "{HUAWEI_TABLE}: rows");
    assert_eq!(snippets.len(), 19, "{HUAWEI_SNIPPETS}: rows");
    Huawei { table, snippets }
}

fn check_huawei(h: &Huawei, cbc: &[Code]) -> Vec<String> {
    let table = Page {
        name: HUAWEI_TABLE,
        rows: &h.table,
        status: None,
        swapped: &[SWAPPED_ON_PAGE],
        reference: true,
    };
    let snippets = Page {
        name: HUAWEI_SNIPPETS,
        rows: &h.snippets,
        status: None,
        swapped: &[],
        reference: false,
    };
    let mut problems = compare(&table, cbc, true);
    problems.extend(compare(&snippets, cbc, false));
    problems.extend(unbacked_alternates(cbc, &[&table, &snippets]));
    problems
}

#[test]
fn huawei_cbc_matches_pages_000_and_003() {
    let h = huawei();
    let cbc = codes(&catalog("huawei/cbc.yaml"));
    assert_clean("huawei/cbc.yaml", &check_huawei(&h, &cbc));
    // The success code is a success entry, not an error variant.
    let ok: Vec<&Code> = cbc.iter().filter(|c| c.success).collect();
    assert_eq!(ok.len(), 1);
    assert_eq!(ok[0].code, "CBC.0000");
    assert_eq!(cbc.len(), 217);
    // The page really has that row swapped (so the test swaps it back).
    let row = h.table.iter().find(|r| r.code == SWAPPED_ON_PAGE).unwrap();
    assert_eq!(row.text.en.as_deref(), Some("项目不存在。"));
    assert_eq!(row.text.zh.as_deref(), Some("Project not found."));
}

struct Tencent {
    common: Vec<Row>,
    service: Vec<Row>,
}

fn tencent() -> Tencent {
    let imported = import_page(TENCENT_PAGE, PageFormat::CodeDescription);
    let section = |name: &str| -> Vec<Row> {
        let part: Vec<ImportedRow> = imported
            .iter()
            .filter(|r| r.section.as_deref() == Some(name))
            .cloned()
            .collect();
        rows(&part)
    };
    let t = Tencent {
        common: section("Common Error Codes"),
        service: section("Service Error Codes"),
    };
    assert_eq!(imported.len(), 336, "{TENCENT_PAGE}: rows");
    assert_eq!(t.common.len(), 38, "{TENCENT_PAGE}: common rows");
    assert_eq!(t.service.len(), 298, "{TENCENT_PAGE}: service rows");
    t
}

/// The common codes and the organization's own codes.
fn tencent_specs() -> (Vec<Code>, Vec<Code>) {
    let common = codes(&catalog("tencent/common.yaml"));
    let org: Vec<Code> = codes(&catalog("tencent/organization.yaml"))
        .into_iter()
        .filter(|c| c.file.ends_with("organization.yaml"))
        .collect();
    (common, org)
}

fn check_tencent(t: &Tencent, common: &[Code], org: &[Code]) -> Vec<String> {
    let page = |rows: &'static str, r| Page {
        name: rows,
        rows: r,
        // API 3.0 answers errors with HTTP 200; the page has no status column.
        status: Some(200),
        swapped: &[],
        reference: true,
    };
    let mut problems = compare(&page(TENCENT_PAGE, &t.common), common, true);
    problems.extend(compare(&page(TENCENT_PAGE, &t.service), org, true));
    let all: Vec<Code> = common.iter().chain(org).cloned().collect();
    problems.extend(compare_tsv(&all, &tsv()));
    problems.extend(unbacked_alternates(
        &all,
        &[
            &page(TENCENT_PAGE, &t.common),
            &page(TENCENT_PAGE, &t.service),
        ],
    ));
    problems
}

#[test]
fn tencent_specs_match_page_001_and_the_zh_table() {
    let t = tencent();
    let (common, org) = tencent_specs();
    assert_clean("tencent/*.yaml", &check_tencent(&t, &common, &org));
    assert_eq!(common.len(), 38);
    assert_eq!(org.len(), 298);
}

fn alibaba() -> Vec<Row> {
    let r = rows(&import_page(ALIBABA_PAGE, PageFormat::PipeTable));
    assert_eq!(r.len(), 107, "{ALIBABA_PAGE}: rows");
    r
}

fn check_alibaba(rows: &[Row], ens: &[Code]) -> Vec<String> {
    let page = Page {
        name: ALIBABA_PAGE,
        rows,
        status: None,
        swapped: &[],
        reference: true,
    };
    let mut problems = compare(&page, ens, true);
    problems.extend(unbacked_alternates(ens, &[&page]));
    problems
}

#[test]
fn alibaba_ens_matches_page_002() {
    let rows = alibaba();
    let ens = codes(&catalog("alibaba/ens.yaml"));
    assert_clean("alibaba/ens.yaml", &check_alibaba(&rows, &ens));
    assert_eq!(ens.len(), 106);
    let dup = ens
        .iter()
        .find(|c| c.code == "OrderSysConstraintInvalid")
        .unwrap();
    assert_eq!(dup.alternates.len(), 1, "the second row is an alternate");
    // The template is compared in the vendor's form.
    assert!(ens.iter().any(|c| c.code == "InvalidParameter.%s"));
}

// ---------------------------------------------------------------------------
// The comparison catches one changed character

/// `s` with its middle character replaced by another one.
fn mutate(s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return "x".to_owned();
    }
    let i = chars.len() / 2;
    chars[i] = if chars[i] == 'x' { 'y' } else { 'x' };
    chars.into_iter().collect()
}

fn mutate_template(e: &Entry, t: &Template) -> Template {
    let raw = mutate(&t.raw);
    let fields: Vec<String> = e.fields().into_iter().map(str::to_owned).collect();
    if e.is_template() && raw != "-" {
        Template::parse_message(&raw, &fields).unwrap_or_else(|_| Template::literal(&raw))
    } else {
        Template::literal(&raw)
    }
}

/// Every one-character change of every code, status and message (and of
/// every alternate message) of `c`, each applied alone, is reported by
/// `check`, naming the code.
fn every_mutation_is_caught(c: &Catalog, check: &dyn Fn(&[Code]) -> Vec<String>) -> usize {
    assert_clean("unmutated", &check(&codes(c)));
    let mut tried = 0;
    let mut expect = |m: Catalog, code: &str, what: &str| {
        let problems = check(&codes(&m));
        assert!(
            problems.iter().any(|p| p.contains(code)),
            "{what} of `{code}` changed, not reported: {problems:?}"
        );
        tried += 1;
    };
    for (i, e) in c.entries.iter().enumerate() {
        let code = c.entries[i]
            .vendor_placeholder
            .as_ref()
            .map_or(e.code.raw.clone(), |vp| e.code.with_placeholder_token(vp));
        for (k, t) in e.messages.iter().enumerate() {
            let mut m = c.clone();
            m.entries[i].messages[k] = mutate_template(e, t);
            expect(m, &code, &format!("message {}", c.languages[k]));
        }
        let mut m = c.clone();
        m.entries[i].status += 1;
        expect(m, &code, "status");
        let mut m = c.clone();
        m.entries[i].code = Template::literal(&mutate(&e.code.raw));
        expect(m, &code, "code");
        for (a, alt) in e.alternates.iter().enumerate() {
            for (k, (_, text)) in alt.messages.iter().enumerate() {
                let mut m = c.clone();
                m.entries[i].alternates[a].messages[k].1 = mutate(text);
                expect(m, &code, "alternate message");
            }
            if alt.status.is_some() {
                let mut m = c.clone();
                m.entries[i].alternates[a].status = alt.status.map(|s| s + 1);
                expect(m, &code, "alternate status");
            }
        }
    }
    for (i, s) in c.success.iter().enumerate() {
        for k in 0..s.messages.len() {
            let mut m = c.clone();
            m.success[i].messages[k] = mutate(&s.messages[k]);
            expect(m, &s.code, "success message");
        }
        let mut m = c.clone();
        m.success[i].status += 1;
        expect(m, &s.code, "success status");
    }
    tried
}

#[test]
fn comparison_reports_a_single_changed_character() {
    let h = huawei();
    let cbc = catalog("huawei/cbc.yaml");
    let n = every_mutation_is_caught(&cbc, &|c| check_huawei(&h, c));
    assert!(n > 217 * 4, "{n}");

    let rows = alibaba();
    let ens = catalog("alibaba/ens.yaml");
    every_mutation_is_caught(&ens, &|c| check_alibaba(&rows, c));

    // Tencent: en against the page, zh against the TSV.
    let t = tencent();
    let (common, org) = tencent_specs();
    let common_catalog = catalog("tencent/common.yaml");
    every_mutation_is_caught(&common_catalog, &|c| check_tencent(&t, c, &org));
    let mut org_catalog = catalog("tencent/organization.yaml");
    org_catalog
        .entries
        .retain(|e| e.file.ends_with("organization.yaml"));
    every_mutation_is_caught(&org_catalog, &|c| check_tencent(&t, &common, c));
}

#[test]
fn swapped_row_must_be_swapped_back_exactly_there() {
    let h = huawei();
    let cbc = catalog("huawei/cbc.yaml");
    let i = cbc
        .entries
        .iter()
        .position(|e| e.code.raw == SWAPPED_ON_PAGE)
        .expect("CBC.99006073 in the spec");
    // The spec keeping the page's columns as they are is reported.
    let mut m = cbc.clone();
    m.entries[i].messages.swap(0, 1);
    let problems = check_huawei(&h, &codes(&m));
    assert!(
        problems.iter().any(|p| p.contains(SWAPPED_ON_PAGE)),
        "{problems:?}"
    );
    // So is a missing note.
    let mut m = cbc.clone();
    m.entries[i].note = None;
    let problems = check_huawei(&h, &codes(&m));
    assert!(
        problems.iter().any(|p| p.contains("note must say so")),
        "{problems:?}"
    );
    // Swapping another code's texts (with a note) is reported too.
    let mut m = cbc.clone();
    let j = (i + 1) % m.entries.len();
    m.entries[j].messages.swap(0, 1);
    m.entries[j].note = Some("columns swapped".into());
    let other = m.entries[j].code.raw.clone();
    let problems = check_huawei(&h, &codes(&m));
    assert!(problems.iter().any(|p| p.contains(&other)), "{problems:?}");
}

// ---------------------------------------------------------------------------
// Importing: stable bytes, the rendered spec loads back to the rows, merging
// a page into its spec changes nothing

/// Serves `text` for `path`, the file system for every other file.
struct Overlay {
    path: PathBuf,
    text: String,
}

impl SpecReader for Overlay {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        if path == self.path {
            Ok(self.text.clone())
        } else {
            FsReader.read(path)
        }
    }
}

/// Loads `text` as if it were the spec `name` (its includes from disk).
fn load_as(name: &str, text: &str) -> Catalog {
    let reader = Overlay {
        path: specs_dir().join(name),
        text: text.to_owned(),
    };
    load_catalog(&specs_dir(), name, &reader)
        .result
        .unwrap_or_else(|d| panic!("rendered {name} does not load:\n{d}\n{text}"))
}

struct PageCase {
    page: &'static str,
    format: PageFormat,
    header: SpecHeader,
}

fn page_cases() -> Vec<PageCase> {
    let header = |catalog: &str, vendor: &str, status: Option<u16>, success: &[&str]| SpecHeader {
        catalog: catalog.to_owned(),
        vendor: vendor.to_owned(),
        source: "imported".to_owned(),
        languages: Vec::new(),
        default_status: status,
        success: success.iter().map(|s| (*s).to_owned()).collect(),
    };
    vec![
        PageCase {
            page: HUAWEI_TABLE,
            format: PageFormat::HuaweiVertical,
            header: header("CbcError", "huawei", None, &["CBC.0000"]),
        },
        PageCase {
            page: TENCENT_PAGE,
            format: PageFormat::CodeDescription,
            header: header("OrganizationError", "tencent", Some(200), &[]),
        },
        PageCase {
            page: ALIBABA_PAGE,
            format: PageFormat::PipeTable,
            header: header("EnsError", "alibaba", Some(400), &[]),
        },
        PageCase {
            page: HUAWEI_SNIPPETS,
            format: PageFormat::HuaweiInline,
            header: header("CbcError", "huawei", None, &[]),
        },
    ]
}

/// `--format auto` finds the same rows in every seed page as the page's
/// own format.
#[test]
fn auto_detection_reads_each_seed_page_as_its_format_does() {
    for case in page_cases() {
        let named = import_page(case.page, case.format);
        let auto = import_page(case.page, PageFormat::Auto);
        assert_eq!(named.len(), auto.len(), "{}: rows", case.page);
        for (a, b) in named.iter().zip(&auto) {
            assert_eq!(
                (a.line, &a.code, a.status, &a.messages, &a.action),
                (b.line, &b.code, b.status, &b.messages, &b.action),
                "{}",
                case.page
            );
        }
    }
}

#[test]
fn imported_pages_render_stable_yaml_that_loads_back_to_the_rows() {
    for case in page_cases() {
        let imported = import_page(case.page, case.format);
        let (first, _) = render_yaml_report(&imported, &case.header, None, MergeMode::Update);
        let again = import_page(case.page, case.format);
        let (second, _) = render_yaml_report(&again, &case.header, None, MergeMode::Update);
        assert!(first == second, "{}: two renders differ", case.page);
        let loaded = codes(&load_as("imported.yaml", &first));
        let page_rows = rows(&imported);
        let page = Page {
            name: case.page,
            rows: &page_rows,
            status: case.header.default_status,
            swapped: &[],
            reference: true,
        };
        assert_clean(case.page, &compare(&page, &loaded, true));
        assert_clean(case.page, &unbacked_alternates(&loaded, &[&page]));
        // Same codes, in page order.
        let mut order: Vec<&str> = Vec::new();
        for r in &page_rows {
            if !order.contains(&r.code.as_str()) {
                order.push(&r.code);
            }
        }
        let loaded_errors: Vec<&str> = loaded
            .iter()
            .filter(|c| !c.success)
            .map(|c| c.code.as_str())
            .collect();
        let page_errors: Vec<&str> = order
            .into_iter()
            .filter(|c| !case.header.success.iter().any(|s| s == c))
            .collect();
        assert_eq!(loaded_errors, page_errors, "{}: order", case.page);
    }
}

#[test]
fn merging_each_page_into_its_spec_changes_nothing_byte_for_byte() {
    let cases: [(&str, PageFormat, Option<&str>, &str, MergeMode); 5] = [
        (
            HUAWEI_TABLE,
            PageFormat::HuaweiVertical,
            None,
            "huawei/cbc.yaml",
            MergeMode::Update,
        ),
        (
            HUAWEI_SNIPPETS,
            PageFormat::HuaweiInline,
            None,
            "huawei/cbc.yaml",
            MergeMode::AlternatesOnly,
        ),
        (
            TENCENT_PAGE,
            PageFormat::CodeDescription,
            Some("Common Error Codes"),
            "tencent/common.yaml",
            MergeMode::Update,
        ),
        (
            TENCENT_PAGE,
            PageFormat::CodeDescription,
            Some("Service Error Codes"),
            "tencent/organization.yaml",
            MergeMode::Update,
        ),
        (
            ALIBABA_PAGE,
            PageFormat::PipeTable,
            None,
            "alibaba/ens.yaml",
            MergeMode::Update,
        ),
    ];
    for (page, format, section, spec, mode) in cases {
        let mut imported = import_page(page, format);
        if let Some(s) = section {
            imported.retain(|r| r.section.as_deref() == Some(s));
        }
        let text = std::fs::read_to_string(specs_dir().join(spec)).unwrap();
        let existing = parse_existing(&text, spec).unwrap_or_else(|d| panic!("{d}"));
        let header = SpecHeader {
            source: page.to_owned(),
            ..SpecHeader::default()
        };
        let (merged, _) = render_yaml_report(&imported, &header, Some(&existing), mode);
        let before = catalog(spec);
        let after = load_as(spec, &merged);
        if before != after {
            let b = codes(&before);
            let a = codes(&after);
            let changed: Vec<String> = b
                .iter()
                .zip(&a)
                .filter(|(x, y)| {
                    x.code != y.code || x.primary != y.primary || x.alternates != y.alternates
                })
                .map(|(x, y)| format!("{:?}\n -> {:?}", x.primary, y.primary))
                .take(5)
                .collect();
            panic!(
                "{page} merged into {spec} changes it:\n{}",
                changed.join("\n")
            );
        }
        // The checked-in spec is the importer's canonical output: re-importing
        // the page is a no-op, byte for byte.
        assert!(
            merged == text,
            "{page} merged into {spec} changes its bytes: the spec is not in the \
             importer's canonical form (re-run `errors-codegen import --merge`)"
        );
        // And merging again gives the same bytes.
        let again = parse_existing(&merged, spec).unwrap();
        let (twice, _) = render_yaml_report(&imported, &header, Some(&again), mode);
        assert!(twice == merged, "{page} into {spec}: second merge differs");
    }
}
