//! End-to-end tests of the importer: pages to rows to specs that load,
//! merges, options and diagnostics; and pages of random damage that must
//! never panic and never give a spec `check` rejects.

use super::*;
use crate::spec::load::tests::mem;
use crate::testing::{Rng, catalog as load_text};

fn rows_of(page: &str, format: PageFormat) -> Vec<ImportedRow> {
    read_page(page, "page.txt", format, None, None)
        .unwrap_or_else(|d| panic!("{d}"))
        .rows
}

fn header() -> SpecHeader {
    SpecHeader {
        catalog: "TestError".into(),
        vendor: "huawei".into(),
        source: "test page".into(),
        success: vec!["CBC.0000".into()],
        ..SpecHeader::default()
    }
}

const VERTICAL: &str = "intro text\n{ \"error_code\": \"xxxx\" }\n状态码 |\n错误码 |\n错误码信息 |\n错误码描述 |\n处理措施 |\n200 |\nCBC.0000 |\nSuccess. |\n成功。 |\n- |\n400 |\nCBC.99003117 |\nCleanup failed: more than 90% of resources in use. |\n清理失败,\n请重试。 |\n联系客服 |\n400 |\nCBC.0100 |\nparameter error. |\n输入参数校验失败。 |\n |\ntrailing prose\n";

#[test]
fn reads_the_vertical_layout() {
    let rows = rows_of(VERTICAL, PageFormat::HuaweiVertical);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].status, Some(200));
    assert_eq!(rows[0].code, "CBC.0000");
    assert_eq!(rows[0].line, 8);
    assert_eq!(
        rows[0].messages,
        vec![
            ("en".to_owned(), "Success.".to_owned()),
            ("zh".to_owned(), "成功。".to_owned())
        ]
    );
    assert!(rows[0].action.is_empty(), "`-` is no action");
    assert_eq!(rows[1].action, [("zh".to_owned(), "联系客服".to_owned())]);
    // A cell continued over two lines keeps its line break.
    assert_eq!(rows[1].message("zh"), Some("清理失败,\n请重试。"));
    assert_eq!(rows[1].line, 13);
    // CRLF line ends and a BOM change nothing.
    let crlf = format!("\u{feff}{}", VERTICAL.replace('\n', "\r\n"));
    assert_eq!(rows_of(&crlf, PageFormat::HuaweiVertical), rows);
    assert_eq!(rows_of(VERTICAL, PageFormat::Auto), rows);
}

#[test]
fn columns_are_mapped_by_header_name() {
    let page = "错误码 |\n错误码描述 |\n状态码 |\nA.1 |\n描述一 |\n404 |\n";
    let rows = rows_of(page, PageFormat::HuaweiVertical);
    assert_eq!(rows[0].status, Some(404));
    assert_eq!(rows[0].code, "A.1");
    assert_eq!(rows[0].message("zh"), Some("描述一"));
    assert_eq!(rows[0].message("en"), None);
}

#[test]
fn pages_without_an_error_table_name_the_nearest_table() {
    let e = read_page(
        "hello\nworld\n",
        "p.txt",
        PageFormat::HuaweiVertical,
        None,
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("no table found in the page (2 lines searched"),
        "{e}"
    );
    assert!(e.contains("p.txt:2:1"), "{e}");
    let e = read_page(
        "状态码 |\n错误码 |\n错误码信息 |\n200 |\nCBC.1 |\n",
        "p.txt",
        PageFormat::HuaweiVertical,
        None,
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("p.txt:5:1") && e.contains("stops after 2 of 3 cells"),
        "{e}"
    );
    let e = read_page(
        "状态码 |\n错误码 |\nnope\n",
        "p.txt",
        PageFormat::Auto,
        None,
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("p.txt:1:1") && e.contains("no row follows it"),
        "{e}"
    );
    let page = "# Parameters\n\n| 名称 | 类型 | HTTP 状态码 | 描述 |\n|---|---|---|---|\n| Id | string | 400 | 实例 ID。 |\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
    let e = read_page(page, "p.md", PageFormat::Auto, None, None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("p.md:3:1"), "{e}");
    assert!(
        e.contains("the nearest is the markdown table here (`名称 | 类型 | HTTP 状态码 | 描述`, 1 rows), with columns `HTTP 状态码` (status), `描述` (zh message) but no error-code column"),
        "{e}"
    );
    assert!(e.contains("`Error Code`"), "{e}");
}

const PIPE: &str = "名称 | 类型 | 描述 |\nId | string | 描述 |\n\nHTTP status code | 错误码 | 错误信息 | 描述 |\n400 | InvalidParameter.%s | The specified field %s invalid. | - |\n400 | Dup | First. | 第一 |\n400 | Dup | Second. | 第二 |\n400 | Empty |  | 空 |\n变更时间 | 变更内容概要 | 操作 |\n2025-01-10 | OpenAPI 错误码发生变更 | 查看变更详情 |\n";

#[test]
fn reads_pipe_tables_and_templates() {
    let rows = rows_of(PIPE, PageFormat::PipeTable);
    assert_eq!(rows.len(), 4);
    let t = &rows[0];
    assert_eq!(t.code, "InvalidParameter.{field}");
    assert_eq!(t.vendor_placeholder.as_deref(), Some("%s"));
    assert_eq!(
        t.message("en"),
        Some("The specified field {field} invalid.")
    );
    assert_eq!(t.message("zh"), Some("-"));
    assert_eq!(t.vendor_code(), "InvalidParameter.%s");
    assert_eq!(
        t.vendor_message("en").as_deref(),
        Some("The specified field %s invalid.")
    );
    assert_eq!(t.line, 5);
    assert_eq!(rows[3].message("en"), Some(""));
}

#[test]
fn renders_a_loadable_spec() {
    let rows = rows_of(VERTICAL, PageFormat::HuaweiVertical);
    let y = render_yaml(&rows, &header(), None);
    assert_eq!(y, render_yaml(&rows, &header(), None));
    let c = load_text(&y);
    assert_eq!(c.entries.len(), 2);
    assert_eq!(c.success[0].code, "CBC.0000");
    assert_eq!(c.entries[0].code.raw, "CBC.99003117");
    assert_eq!(
        c.entries[0].messages[0].raw,
        "Cleanup failed: more than 90% of resources in use."
    );
    assert_eq!(c.entries[0].messages[1].raw, "清理失败,\n请重试。");
    assert_eq!(
        c.entries[0].action,
        [("zh".to_owned(), "联系客服".to_owned())]
    );
    assert!(y.contains("    action: { zh: 联系客服 }\n"), "{y}");

    let rows = rows_of(PIPE, PageFormat::PipeTable);
    let y = render_yaml(&rows, &header(), None);
    assert!(
        y.contains(
            "  - code: InvalidParameter.{field}\n    status: 400\n    vendor_placeholder: \"%s\"\n"
        ),
        "{y}"
    );
    assert!(y.contains("    zh: \"-\"\n"), "{y}");
    assert!(
        y.contains("  - code: Empty\n    status: 400\n    en: \"-\"\n    zh: 空\n"),
        "an empty cell is no text: {y}"
    );
    assert!(
        y.contains(
            "note: \"The page gives no text in `en` in 1 entry: written \\\"-\\\" (no text).\""
        ),
        "{y}"
    );
    assert!(y.contains("    alternates:\n      - en: Second.\n        zh: 第二\n        note: Also listed on the page at line 7.\n"), "{y}");
    load_text(&y);
}

#[test]
fn name_collisions_get_explicit_names() {
    let page = "HTTP status code | 错误码 | 错误信息 |\n400 | A.b | x |\n400 | a.B | y |\n400 | 1 | z |\n400 | Self | w |\n";
    let rows = rows_of(page, PageFormat::PipeTable);
    let y = render_yaml(&rows, &header(), None);
    let c = load_text(&y);
    let names: Vec<&str> = c.entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["AB", "AB2", "Code1", "CodeSelf"]);
}

const EXISTING: &str = r#"catalog: CbcError
vendor: huawei
source: "hand-written"
languages: [en, zh]
defaults: { status: 400, retry: never }
include: []
note: top note
errors:
  - code: "CBC.99003117"
    name: CleanupFailed
    retry: transient
    en: "old text"
    zh: 清理失败。
    note: hand note
    source: somewhere
  - code: CBC.0100
    name: ParameterError
    status: 400
    en: parameter error.
    zh: 参数错误。
    alternates:
      - zh: 参数错误
        note: from another page
  - code: CBC.9
    name: NotOnPage
    status: 500
    en: Not on the page.
    zh: 不在页面上。
success:
  - code: CBC.0000
    status: 200
    en: Success.
    zh: 成功。
    note: success note
"#;

#[test]
fn merge_keeps_hand_written_fields() {
    let rows = rows_of(VERTICAL, PageFormat::HuaweiVertical);
    let existing = parse_existing(EXISTING, "cbc.yaml").unwrap();
    let (y, notices) = render_yaml_report(
        &rows,
        &SpecHeader::default(),
        Some(&existing),
        MergeMode::Update,
    );
    assert!(y.starts_with("catalog: CbcError\nvendor: huawei\nsource: hand-written\nlanguages: [en, zh]\ndefaults: { status: 400, retry: never }\nnote: top note\nerrors:\n"), "{y}");
    let c = load_text(&y);
    let e = &c.entries[0];
    assert_eq!(e.name, "CleanupFailed");
    assert_eq!(e.retry.as_str(), "transient");
    assert_eq!(
        e.messages[0].raw,
        "Cleanup failed: more than 90% of resources in use."
    );
    assert_eq!(e.messages[1].raw, "清理失败,\n请重试。");
    assert_eq!(e.action, [("zh".to_owned(), "联系客服".to_owned())]);
    assert_eq!(e.note.as_deref(), Some("hand note"));
    assert_eq!(e.source.as_deref(), Some("somewhere"));
    // Status equal to the default and not written before: still not written.
    assert!(
        y.contains("  - code: CBC.99003117\n    name: CleanupFailed\n    retry: transient\n"),
        "{y}"
    );
    let p = &c.entries[1];
    assert_eq!(p.messages[1].raw, "输入参数校验失败。");
    assert_eq!(p.alternates.len(), 1);
    assert_eq!(c.entries[2].name, "NotOnPage");
    assert!(notices.iter().any(|n| n.contains("CBC.9")), "{notices:?}");
    assert_eq!(c.success[0].note.as_deref(), Some("success note"));
    // Idempotent: merging the page into the result changes nothing.
    let again = parse_existing(&y, "cbc.yaml").unwrap();
    assert_eq!(render_yaml(&rows, &SpecHeader::default(), Some(&again)), y);
}

#[test]
fn merge_keeps_swapped_texts_and_adds_new_alternates_once() {
    let page = "HTTP status code | 错误码 | 错误信息 | 描述 |\n400 | CBC.1 | 项目不存在。 | Project not found. |\n400 | CBC.2 | One. | 一 |\n200 | CBC.2 | Two. | 一 |\n";
    let spec = "catalog: C\nvendor: huawei\nsource: s\nlanguages: [en, zh]\nerrors:\n  - code: CBC.1\n    status: 400\n    en: Project not found.\n    zh: 项目不存在。\n    note: swapped on the page\n  - code: CBC.2\n    status: 400\n    en: One.\n    zh: 一\n";
    let rows = rows_of(page, PageFormat::PipeTable);
    let existing = parse_existing(spec, "c.yaml").unwrap();
    let (y, notices) = render_yaml_report(
        &rows,
        &SpecHeader::default(),
        Some(&existing),
        MergeMode::Update,
    );
    let c = load_text(&y);
    assert_eq!(c.entries[0].messages[0].raw, "Project not found.");
    assert!(notices.iter().any(|n| n.contains("CBC.1")), "{notices:?}");
    let alts = &c.entries[1].alternates;
    assert_eq!(alts.len(), 1);
    assert_eq!(alts[0].status, Some(200));
    assert_eq!(alts[0].messages, vec![("en".to_owned(), "Two.".to_owned())]);
    let again = parse_existing(&y, "c.yaml").unwrap();
    assert_eq!(render_yaml(&rows, &SpecHeader::default(), Some(&again)), y);
    // Written fresh, the swapped row gets a note asking to check it.
    let fresh = render_yaml(&rows, &header(), None);
    assert!(fresh.contains("note: \"Check: the page's `en` column holds `zh` text and its `zh` column `en` text (columns swapped on the page?).\"\n"), "{fresh}");
}

const INLINE: &str = "状态码5xx:... HTTP状态码 错误码 描述 400 CBC.0100 参数错误。 403 CBC.0151 访问拒绝。 父主题: 管理\nother 400 CBC.1 not a row\n前文 HTTP状态码 错误码 错误描述 200 CBC.5001 非合作伙伴。 400 CBC.0100 参数错误\n";

#[test]
fn alternates_only_merge_adds_new_texts_only() {
    let existing = parse_existing(EXISTING, "cbc.yaml").unwrap();
    let rows = rows_of(INLINE, PageFormat::HuaweiInline);
    let h = SpecHeader {
        source: "003.txt".into(),
        ..SpecHeader::default()
    };
    let (y, notices) = render_yaml_report(&rows, &h, Some(&existing), MergeMode::AlternatesOnly);
    assert_eq!(
        notices,
        ["The page gives no text in `en` in 2 entries: written \"-\" (no text)."]
    );
    let c = load_text(&y);
    let p = c.entries.iter().find(|e| e.code.raw == "CBC.0100").unwrap();
    // Primary text kept; 参数错误 already an alternate; 参数错误。 is the primary.
    assert_eq!(p.messages[1].raw, "参数错误。");
    assert_eq!(p.alternates.len(), 1);
    let added: Vec<&str> = c
        .entries
        .iter()
        .skip(3)
        .map(|e| e.code.raw.as_str())
        .collect();
    assert_eq!(added, ["CBC.0151", "CBC.5001"]);
    assert_eq!(c.entries[3].messages[0].raw, "-");
    assert!(
        c.entries[3]
            .note
            .as_deref()
            .is_some_and(|n| n.starts_with("From table 1 of the page")),
        "rows of several snippets say which: {:?}",
        c.entries[3].note
    );
    let again = parse_existing(&y, "cbc.yaml").unwrap();
    assert_eq!(
        render_yaml_report(&rows, &h, Some(&again), MergeMode::AlternatesOnly).0,
        y
    );
    // A conflicting text becomes an alternate naming the page.
    let page = "HTTP状态码 错误码 描述 200 CBC.0100 参数错误。\n";
    let rows = rows_of(page, PageFormat::HuaweiInline);
    let y = render_yaml_report(&rows, &h, Some(&existing), MergeMode::AlternatesOnly).0;
    assert!(
        y.contains("      - status: 200\n        note: \"Also listed at line 1 of: 003.txt\"\n"),
        "{y}"
    );
}

#[test]
fn merge_keeps_the_specs_placeholder_names() {
    let spec = "catalog: C\nvendor: alibaba\nsource: s\nlanguages: [en]\ndefaults: { status: 400 }\nerrors:\n  - code: \"InvalidParameter.{param}\"\n    vendor_placeholder: \"%s\"\n    en: \"old {param}\"\n";
    let page = "HTTP status code | 错误码 | 错误信息 |\n400 | InvalidParameter.%s | The field %s is invalid. |\n";
    let rows = rows_of(page, PageFormat::PipeTable);
    let y = render_yaml(
        &rows,
        &SpecHeader::default(),
        Some(&parse_existing(spec, "c.yaml").unwrap()),
    );
    let c = load_text(&y);
    assert_eq!(c.entries[0].code.raw, "InvalidParameter.{param}");
    assert_eq!(
        c.entries[0].messages[0].raw,
        "The field {param} is invalid."
    );
}

#[test]
fn merging_a_japanese_page_adds_japanese_texts() {
    let zh = "| 错误码 | 描述 | 处理措施 |\n|---|---|---|\n| InternalError | 内部错误。 | 请稍后重试。 |\n| LimitExceeded | 超过配额。 | - |\n| AuthFailure | 鉴权失败。 | - |\n";
    let ja = "| エラーコード | 説明 | 対処方法 |\n|---|---|---|\n| InternalError | 内部エラーです。 | しばらくしてから再試行してください。 |\n| LimitExceeded | クォータを超えました。 | - |\n";
    let opts = ImportOptions {
        catalog: Some("CvmError".into()),
        vendor: Some("tencent".into()),
        ..ImportOptions::default()
    };
    let reader = mem(&[]);
    let first = import(zh, "zh.md", &opts, &reader).unwrap_or_else(|d| panic!("{d}"));
    assert!(
        first
            .yaml
            .contains("languages: [en, zh]\ndefaults: { status: 200 }\n"),
        "{}",
        first.yaml
    );
    let reader = mem(&[("cvm.yaml", &first.yaml)]);
    let merge = ImportOptions {
        merge: Some("/mem/cvm.yaml".into()),
        ..ImportOptions::default()
    };
    let second = import(ja, "ja.md", &merge, &reader).unwrap_or_else(|d| panic!("{d}"));
    let c = load_text(&second.yaml);
    assert_eq!(c.languages, ["en", "zh", "ja"]);
    let e = &c.entries[0];
    assert_eq!(e.messages[1].raw, "内部错误。");
    assert_eq!(e.messages[2].raw, "内部エラーです。");
    assert_eq!(
        e.action,
        [
            ("zh".to_owned(), "请稍后重试。".to_owned()),
            (
                "ja".to_owned(),
                "しばらくしてから再試行してください。".to_owned()
            )
        ]
    );
    // A code the ja page does not list gets "-" in ja, and the notice says so.
    assert_eq!(c.entries[2].messages[2].raw, "-");
    assert!(
        second
            .notices
            .iter()
            .any(|n| n == "The page gives no text in `ja` in 1 entry: written \"-\" (no text)."),
        "{:?}",
        second.notices
    );
}

#[test]
fn several_tables_and_the_table_option() {
    let page = "## 公共错误码\n\n| 错误码 | 描述 |\n|---|---|\n| InternalError | 内部错误。 |\n\n## 业务错误码\n\n<table><tr><th>错误码</th><th>描述</th><th>HTTP 状态码</th></tr>\n<tr><td>FailedOperation</td><td>操作失败。</td><td rowspan=2>400</td></tr>\n<tr><td>InvalidParameter</td><td>参数错误。</td></tr></table>\n";
    let all = read_page(page, "p.md", PageFormat::Auto, None, None).unwrap();
    assert_eq!(all.tables.len(), 2);
    assert_eq!(all.tables[0].dialect, Dialect::Markdown);
    assert_eq!(all.tables[1].dialect, Dialect::Html);
    assert_eq!(all.tables[1].line, 9);
    assert_eq!(all.rows[2].status, Some(400), "rowspan");
    assert_eq!(all.rows[2].section.as_deref(), Some("业务错误码"));
    let second = read_page(page, "p.md", PageFormat::Auto, Some(2), None).unwrap();
    assert_eq!(second.rows.len(), 2);
    assert_eq!(second.rows[0].table, 2);
    let e = read_page(page, "p.md", PageFormat::Auto, Some(3), None)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("there is no error table 3: the page has 2"),
        "{e}"
    );
    assert!(e.contains("table 2 at line 9 (html, 2 rows, under \"业务错误码\"): 错误码 = code | 描述 = zh message | HTTP 状态码 = status"), "{e}");
    let e = read_page(page, "p.md", PageFormat::Auto, None, Some("x"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("the page's headings are: \"公共错误码\", \"业务错误码\""),
        "{e}"
    );
    let opts = ImportOptions {
        catalog: Some("E".into()),
        vendor: Some("tencent".into()),
        ..ImportOptions::default()
    };
    let out = import(page, "p.md", &opts, &mem(&[])).unwrap_or_else(|d| panic!("{d}"));
    assert!(
        out.yaml
            .contains("    note: From table 2 of the page (under \"业务错误码\").\n"),
        "{}",
        out.yaml
    );
    assert!(
        out.notices[0].starts_with("read table 1 at line 3 (markdown, 1 rows"),
        "{:?}",
        out.notices
    );
}

#[test]
fn merged_and_multiple_statuses_reach_the_spec() {
    let page =
        "错误码 | HTTP 状态码 | 错误信息\n---|---|---\nA.1 | 400/404 | One.\nA.2 |  | Two.\n";
    let opts = ImportOptions {
        catalog: Some("E".into()),
        vendor: Some("alibaba".into()),
        ..ImportOptions::default()
    };
    let out = import(page, "p.md", &opts, &mem(&[])).unwrap_or_else(|d| panic!("{d}"));
    let c = load_text(&out.yaml);
    assert_eq!(c.entries[0].status, 400);
    assert_eq!(c.entries[0].alternates[0].status, Some(404));
    assert_eq!(c.entries[1].status, 400);
    assert_eq!(c.entries[1].alternates[0].status, Some(404));
    assert!(
        c.entries[1]
            .note
            .as_deref()
            .is_some_and(|n| n.contains("merged cell")),
        "{}",
        out.yaml
    );
}

#[test]
fn options_are_checked_before_anything_is_written() {
    let page = "| Code | Message |\n|---|---|\n| A | a. |\n";
    let e = import(page, "p.md", &ImportOptions::default(), &mem(&[]))
        .unwrap_err()
        .to_string();
    assert!(e.contains("a new spec needs a catalog name"), "{e}");
    assert!(e.contains("a new spec needs a vendor"), "{e}");
    let opts = ImportOptions {
        catalog: Some("fn".into()),
        vendor: Some("aws".into()),
        ..ImportOptions::default()
    };
    let e = import(page, "p.md", &opts, &mem(&[]))
        .unwrap_err()
        .to_string();
    assert!(e.contains("catalog name `fn` is a Rust keyword"), "{e}");
    assert!(e.contains("unknown vendor `aws`"), "{e}");
    let opts = ImportOptions {
        catalog: Some("E".into()),
        vendor: Some("huawei".into()),
        ..ImportOptions::default()
    };
    let e = import(page, "p.md", &opts, &mem(&[]))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("p.md:3:1") && e.contains("--default-status"),
        "{e}"
    );
    let opts = ImportOptions {
        format: PageFormat::PipeTable,
        catalog: Some("E".into()),
        default_status: Some(400),
        ..ImportOptions::default()
    };
    let out = import(page, "p.md", &opts, &mem(&[])).unwrap_or_else(|d| panic!("{d}"));
    assert!(
        out.yaml.starts_with(
            "catalog: E\nvendor: alibaba\nsource: Imported from p.md (markdown page)\n"
        ),
        "{}",
        out.yaml
    );
    let template = "| Code | Message |\n|---|---|\n| A.%s | a %s. |\n| OK | Fine. |\n";
    let opts = ImportOptions {
        catalog: Some("E".into()),
        vendor: Some("tencent".into()),
        success: vec!["A.{field}".into(), "OK".into(), "Nope".into()],
        ..ImportOptions::default()
    };
    let e = import(template, "p.md", &opts, &mem(&[]))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("p.md:3:1")
            && e.contains("`--success A.{field}`: a success code cannot be a template code"),
        "{e}"
    );
    let opts = ImportOptions {
        success: vec!["OK".into(), "Nope".into()],
        ..opts
    };
    let out = import(template, "p.md", &opts, &mem(&[])).unwrap_or_else(|d| panic!("{d}"));
    assert!(
        out.yaml
            .ends_with("success:\n  - code: OK\n    en: Fine.\n"),
        "{}",
        out.yaml
    );
    assert!(
        out.notices
            .iter()
            .any(|n| n == "no row has the code given with `--success`: Nope"),
        "{:?}",
        out.notices
    );
    let missing = ImportOptions {
        merge: Some("/mem/none.yaml".into()),
        ..ImportOptions::default()
    };
    let e = import(page, "p.md", &missing, &mem(&[]))
        .unwrap_err()
        .to_string();
    assert!(e.contains("cannot read the spec to merge into"), "{e}");
}

#[test]
fn many_codes_deriving_one_name_take_linear_time() {
    // 20,000 codes that all derive the name `AB`: explicit names AB2, AB3, ...
    let mut page = String::from("| HTTP status code | 错误码 | 错误信息 |\n|---|---|---|\n");
    for i in 0..20_000 {
        // Distinct, and within the 255 bytes a code may have.
        let code = format!(
            "a{}b{}{}",
            ".".repeat(1 + i % 50),
            "_".repeat(i / 50 % 20),
            "-".repeat(i / 1000)
        );
        page.push_str(&format!("| 400 | {code} | x |\n"));
    }
    let rows = rows_of(&page, PageFormat::Auto);
    let started = std::time::Instant::now();
    let y = render_yaml(&rows, &header(), None);
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    assert!(y.contains("    name: AB20000\n"), "{}", &y[y.len() - 300..]);
}

#[test]
fn format_names() {
    for &f in PageFormat::ALL {
        assert_eq!(f.as_str().parse::<PageFormat>(), Ok(f));
    }
    assert!(
        "nope"
            .parse::<PageFormat>()
            .unwrap_err()
            .contains("huawei-vertical")
    );
}

// ---------------------------------------------------------------------------
// Random damage: never a panic, never a spec `check` rejects.

const PIECES: &[&str] = &[
    "状态码",
    "错误码",
    "错误码信息",
    "错误码描述",
    "HTTP status code",
    "描述",
    "处理措施",
    "Error Code Description",
    "HTTP状态码 错误码 描述",
    "HTTP状态码",
    "父主题:",
    "200",
    "400",
    "999",
    "CBC.0100",
    "A.%s",
    "B.{0}",
    "%s",
    "{0}",
    "{",
    "}",
    "%",
    " |",
    " | ",
    "|",
    "| ",
    "|---|---|",
    "\n",
    "\r\n",
    " ",
    "\t",
    "x",
    "参数错误。",
    "Success.",
    "FailedOperation.X",
    "InternalError",
    "-",
    "。",
    "\u{feff}",
    "\u{85}",
    "é",
    "\0",
    ": ",
    " #",
    "'",
    "\"",
    "\\",
    "yes",
    "null",
    "~",
    "1e3",
    "\u{2028}",
    "<table>",
    "<tr>",
    "<td>",
    "<th>",
    "</td>",
    "<td rowspan=3>",
    "<br>",
    "&amp;",
    "`",
    "内部エラー",
    "오류",
    "Code",
    "Message",
    "Solution",
    "400/404",
];

fn text(rng: &mut Rng) -> String {
    (0..rng.below(5)).map(|_| rng.pick(PIECES)).collect()
}

fn code(rng: &mut Rng) -> String {
    let codes = [
        "CBC.0100",
        "CBC.0100",
        "A.%s",
        "B.{0}.C",
        "InternalError",
        "Failed.X_1",
        "X.%s.Y.%s",
        "E.%s%s",
        "yes",
        "No.1",
        "4000",
        "-3301",
        "",
        "a{b",
        "r#x",
        "type",
    ];
    rng.pick(&codes).to_owned()
}

/// A page with a table in `format`, random cells and random damage.
fn random_page(rng: &mut Rng, format: usize) -> String {
    let statuses = ["200", "400", "429", "500", "099", "x", "", "400/404"];
    let mut lines: Vec<String> = vec![text(rng)];
    let rows = rng.below(6);
    match format {
        0 => {
            for h in ["状态码", "错误码", "错误码信息", "错误码描述", "处理措施"]
            {
                if h == "错误码" || rng.below(5) > 0 {
                    lines.push(format!("{h} |"));
                }
            }
            let cols = lines.len() - 1;
            for _ in 0..rows * cols {
                let cell = match rng.below(4) {
                    0 => rng.pick(&statuses).to_owned(),
                    1 => code(rng),
                    _ => text(rng),
                };
                lines.push(format!("{cell} |"));
            }
        }
        1 => {
            lines.push("| HTTP status code | 错误码 | 错误信息 | 描述 | Solution |".to_owned());
            if rng.below(2) == 0 {
                lines.push("|---|---|---|---|---|".to_owned());
            }
            for _ in 0..rows {
                let (s, c, en, zh, a) = (
                    rng.pick(&statuses),
                    code(rng),
                    text(rng),
                    text(rng),
                    text(rng),
                );
                lines.push(format!("| {s} | {c} | {en} | {zh} | {a} |"));
            }
        }
        2 => {
            lines.push("Error Code Description".to_owned());
            for _ in 0..rows {
                let (c, en) = (code(rng), text(rng));
                lines.push(format!("{c} {en}"));
            }
        }
        3 => {
            let mut l = format!("{} HTTP状态码 错误码 描述", text(rng));
            for _ in 0..rows {
                l.push_str(&format!(
                    " {} {} {}",
                    rng.pick(&statuses),
                    code(rng),
                    text(rng)
                ));
            }
            lines.push(l);
        }
        _ => {
            lines.push("<table><tr><th>错误码</th><th>Message</th><th>状态码</th></tr>".to_owned());
            for _ in 0..rows {
                let span = if rng.below(3) == 0 { " rowspan=2" } else { "" };
                lines.push(format!(
                    "<tr><td>{}</td><td>{}</td><td{span}>{}</td></tr>",
                    code(rng),
                    text(rng),
                    rng.pick(&statuses)
                ));
            }
            lines.push("</table>".to_owned());
        }
    }
    for _ in 0..rng.below(3) {
        let at = rng.below(lines.len());
        match rng.below(3) {
            0 => {
                lines.remove(at);
            }
            1 => lines.insert(at, text(rng)),
            _ => lines[at].push_str(rng.pick(PIECES)),
        }
        if lines.is_empty() {
            break;
        }
    }
    lines.join(if rng.below(4) == 0 { "\r\n" } else { "\n" })
}

/// Imports `page`; an `Ok` must be a spec that loads, merges into itself
/// unchanged, and came from rows with lines in the page.
fn check_page(page: &str, format: PageFormat) -> bool {
    let opts = ImportOptions {
        format,
        catalog: Some("TestError".into()),
        vendor: Some("huawei".into()),
        default_status: Some(200),
        success: vec!["CBC.0000".into()],
        ..ImportOptions::default()
    };
    let Ok(page_read) = read_page(page, "r.txt", format, None, None) else {
        return false;
    };
    let lines = page.lines().count().max(1);
    assert!(
        page_read
            .rows
            .iter()
            .all(|r| r.line >= 1 && r.line <= lines)
    );
    let written = write_spec(&page_read, "r.txt", &opts, None).unwrap_or_else(|d| panic!("{d}"));
    if let Err(d) = check_spec(&written.yaml, "imported.yaml", &mem(&[])) {
        panic!(
            "the importer wrote a spec `check` rejects:\n{d}\n{}\nfrom {page:?}",
            written.yaml
        );
    }
    let existing = parse_existing(&written.yaml, "r.yaml").unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(
        existing.errors.len() + existing.success.len(),
        group::group(&page_read.rows).len()
    );
    let header = SpecHeader::default();
    let merged = render_yaml(&page_read.rows, &header, Some(&existing));
    let again = parse_existing(&merged, "r.yaml").unwrap_or_else(|d| panic!("{d}\n{merged}"));
    assert_eq!(
        render_yaml(&page_read.rows, &header, Some(&again)),
        merged,
        "{page:?}"
    );
    true
}

#[test]
fn damaged_pages_never_panic_nor_give_a_spec_check_rejects() {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let mut ok = 0;
    for _ in 0..600 {
        for format in 0..5 {
            let page = random_page(&mut rng, format);
            for &f in PageFormat::ALL {
                if check_page(&page, f) {
                    ok += 1;
                }
            }
        }
    }
    assert!(ok > 1000, "only {ok} random pages imported");
}

#[test]
fn garbage_pages_never_panic() {
    let mut rng = Rng(7);
    for _ in 0..1500 {
        let page: String = (0..rng.below(60)).map(|_| rng.pick(PIECES)).collect();
        check_page(&page, PageFormat::Auto);
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(42);
    for _ in 0..1000 {
        let bytes: Vec<u8> = (0..rng.below(200))
            .map(|_| (rng.next() & 0xff) as u8)
            .collect();
        let page = String::from_utf8_lossy(&bytes);
        for &format in PageFormat::ALL {
            let _ = read_page(&page, "b.txt", format, None, None);
        }
    }
}
