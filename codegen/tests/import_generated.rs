//! The importer on tables it was not built from: a fixed-seed generator
//! makes random error tables (codes in the three vendors' styles and
//! integers, messages in en/zh/ja/ko with quotes, pipes, backslashes,
//! braces, `%s`, `{0}`, Chinese punctuation and line breaks, random header
//! words and column orders, optional action and extra columns, merged and
//! multiple status cells, template codes, duplicate codes with other
//! texts, one to three tables a page), renders each in a dialect (Markdown
//! with and without outer pipes and delimiter row, vertical with and
//! without rule, HTML with rowspan, Markdown with an HTML table inside,
//! code-description, inline), imports it with `--format auto` and compares
//! every row with what was rendered; then writes the spec, which must pass
//! `check` and hold the first row of each code as its primary text.
//!
//! `IMPORT_TABLES=N` sets the number of tables per dialect (default 1,000).

use errors_codegen::import::{self, Dialect, ImportOptions, ImportedRow, PageFormat};
use errors_codegen::{SpecReader, load_catalog};
use std::fmt::Write as _;
use std::path::Path;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------
// The model: what a table says.

#[derive(Debug, Clone, Copy, PartialEq)]
enum Col {
    Status,
    Code,
    Message(&'static str),
    Action(&'static str),
    Extra,
}

#[derive(Debug, Clone)]
struct ModelRow {
    /// The statuses of the row; `merged`: the cell is left empty (text
    /// dialects) or covered by the rowspan above (HTML).
    statuses: Vec<u16>,
    merged: bool,
    code: String,
    /// One text per column, in column order (`""` for the status and code).
    cells: Vec<String>,
    /// The code is a template whose messages do not all use the token: the
    /// importer keeps it literally.
    literal_template: bool,
}

#[derive(Debug, Clone)]
struct ModelTable {
    headers: Vec<String>,
    cols: Vec<Col>,
    rows: Vec<ModelRow>,
    heading: String,
}

/// How a page is written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Layout {
    Markdown { outer: bool, delimiter: bool },
    Vertical { rule: bool },
    Html,
    MarkdownWithHtml,
    CodeDescription,
    Inline,
}

const LAYOUTS: &[Layout] = &[
    Layout::Markdown {
        outer: true,
        delimiter: true,
    },
    Layout::Markdown {
        outer: false,
        delimiter: true,
    },
    Layout::Markdown {
        outer: true,
        delimiter: false,
    },
    Layout::Vertical { rule: false },
    Layout::Vertical { rule: true },
    Layout::Html,
    Layout::MarkdownWithHtml,
    Layout::CodeDescription,
    Layout::Inline,
];

const STATUS_HEADERS: &[&str] = &[
    "状态码",
    "HTTP状态码",
    "HTTP 状态码",
    "HTTP status code",
    "Http Status Code",
    "返回码",
    "Status",
    "HTTP返回状态",
    "ＨＴＴＰ状态码",
    "status code",
];
const CODE_HEADERS: &[&str] = &[
    "错误码",
    "错误代码",
    "Error Code",
    "ErrorCode",
    "Code",
    "error_code",
    "API 错误码",
    "エラーコード",
    "오류 코드",
    "ＣＯＤＥ",
];
const MESSAGE_HEADERS: &[&str] = &[
    "错误信息",
    "错误码信息",
    "错误消息",
    "Error Message",
    "Message",
    "描述",
    "错误码描述",
    "错误描述",
    "说明",
    "Description",
    "Error message (English)",
    "中文描述",
    "错误码说明",
    "説明",
    "エラーメッセージ",
    "설명",
];
/// Headers that name nothing: the column's texts decide.
const UNKNOWN_HEADERS: &[&str] = &["列", "Column C", "内容", "第三列"];
const ACTION_HEADERS: &[&str] = &[
    "处理措施",
    "处理建议",
    "Solution",
    "Suggestion",
    "How to fix",
    "対処方法",
    "해결 방법",
    "解决方案",
];
const EXTRA_HEADERS: &[&str] = &["备注", "Remarks", "API", "Category", "类别", "Since"];

fn fragments(lang: &str) -> &'static [&'static str] {
    match lang {
        "en" => &[
            "The specified field is invalid.",
            "Quota exceeded; try again later.",
            "Value \"x\" is not allowed.",
            "Path C:\\temp\\a is bad.",
            "Use a | b or c.",
            "Braces {0} and {} and { x } stay.",
            "Rate 50% reached (100%d).",
            "It's done!",
            "Unknown error",
            "Cleanup failed: more than 90% in use.",
            "<b>bold</b> & [link](x) *star* _under_ `tick`",
        ],
        "zh" => &[
            "参数错误。",
            "配额已用完，请稍后重试。",
            "字段「名称」无效：{0}。",
            "路径 C:\\temp 不存在",
            "值 \"x\" 不合法",
            "使用 a | b",
            "百分比 50%",
            "清理失败,请重试。",
        ],
        "ja" => &[
            "パラメータが無効です。",
            "クォータを超えました。しばらくしてから再試行してください。",
            "「名前」が不正です：{0}",
            "値 \"x\" は使えません",
        ],
        _ => &[
            "매개변수가 잘못되었습니다.",
            "할당량을 초과했습니다. 나중에 다시 시도하십시오.",
            "값 \"x\" 는 허용되지 않습니다",
        ],
    }
}

fn action_fragments(lang: &str) -> &'static [&'static str] {
    match lang {
        "en" => &[
            "Retry later.",
            "Check the parameter.",
            "Contact support | sales.",
        ],
        "zh" => &["请稍后重试。", "请检查参数。", "联系客服"],
        "ja" => &[
            "しばらくしてから再試行してください。",
            "パラメータを確認してください。",
        ],
        _ => &["나중에 다시 시도하십시오.", "매개변수를 확인하십시오."],
    }
}

/// A text in `lang`: one or two fragments, sometimes on two lines.
fn message(rng: &mut Rng, lang: &str, one_line: bool) -> String {
    let f = fragments(lang);
    let mut t = rng.pick(f).to_owned();
    if rng.chance(30) {
        t.push(if one_line || rng.chance(50) {
            ' '
        } else {
            '\n'
        });
        t.push_str(rng.pick(f));
    }
    t
}

fn camel(rng: &mut Rng) -> String {
    let words = [
        "Order",
        "Pay",
        "Member",
        "Name",
        "Used",
        "Not",
        "Found",
        "Insufficient",
        "Balance",
        "Quota",
        "Instance",
        "Zone",
        "Busy",
        "Expired",
        "Signature",
        "Mfa",
    ];
    (0..2 + rng.below(2)).map(|_| rng.pick(&words)).collect()
}

/// A code in one of the vendors' styles; `template`: with a placeholder.
fn code(rng: &mut Rng, template: bool, shape_only: bool) -> String {
    if template {
        return match rng.below(3) {
            0 => "InvalidParameter.%s".to_owned(),
            1 => format!("{}.%s", camel(rng)),
            _ => format!("Missing.{{0}}.{}", camel(rng)),
        };
    }
    let style = if shape_only {
        rng.below(3)
    } else {
        rng.below(4)
    };
    match style {
        0 => format!(
            "{}.{}",
            rng.pick(&["CBC", "ECS", "IAM", "VPC"]),
            1000 + rng.below(99_999_000)
        ),
        1 => format!(
            "{}.{}",
            rng.pick(&[
                "FailedOperation",
                "InvalidParameter",
                "ResourceNotFound",
                "LimitExceeded",
                "UnauthorizedOperation"
            ]),
            camel(rng)
        ),
        2 => camel(rng),
        _ => {
            if rng.chance(50) {
                (1000 + rng.below(90_000)).to_string()
            } else {
                format!("-{}", 1000 + rng.below(9000))
            }
        }
    }
}

fn status(rng: &mut Rng) -> u16 {
    *rng.pick(&[&200u16, &400, &401, &403, &404, &409, &429, &500, &503])
}

/// A random table for `layout`.
fn model(rng: &mut Rng, layout: Layout) -> ModelTable {
    let mut langs: Vec<&'static str> = Vec::new();
    for (lang, p) in [("en", 80), ("zh", 70), ("ja", 20), ("ko", 15)] {
        if rng.chance(p) {
            langs.push(lang);
        }
    }
    if langs.is_empty() {
        langs.push("zh");
    }
    let mut cols: Vec<Col> = Vec::new();
    match layout {
        Layout::CodeDescription => {
            cols = vec![Col::Code, Col::Message(langs[0])];
        }
        Layout::Inline => {
            cols = vec![Col::Status, Col::Code, Col::Message(langs[0])];
        }
        _ => {
            if rng.chance(85) {
                cols.push(Col::Status);
            }
            cols.push(Col::Code);
            cols.extend(langs.iter().map(|l| Col::Message(l)));
            if rng.chance(40) {
                cols.push(Col::Action(rng.pick(&langs)));
            }
            for _ in 0..rng.below(3) {
                cols.push(Col::Extra);
            }
            // Any order; a vertical table starts with a named column.
            for i in (1..cols.len()).rev() {
                let j = rng.below(i + 1);
                cols.swap(i, j);
            }
            if matches!(layout, Layout::Vertical { .. }) && cols[0] == Col::Extra {
                let named = cols.iter().position(|c| *c != Col::Extra).unwrap_or(0);
                cols.swap(0, named);
            }
        }
    }
    let fixed_headers = matches!(layout, Layout::CodeDescription | Layout::Inline);
    let mut headers = Vec::new();
    // Chinese extras only beside a Chinese column its header names (an
    // unknown header over Chinese text competes with them).
    let mut has_cjk_column = false;
    for c in &cols {
        let h = match c {
            Col::Status if fixed_headers => "HTTP状态码",
            Col::Code if fixed_headers => {
                if layout == Layout::Inline {
                    "错误码"
                } else {
                    rng.pick(&["Error Code", "错误码", "エラーコード", "오류 코드"])
                }
            }
            Col::Message(_) if fixed_headers => {
                rng.pick(&["Description", "描述", "说明", "説明", "설명"])
            }
            Col::Status => rng.pick(STATUS_HEADERS),
            Col::Code => rng.pick(CODE_HEADERS),
            Col::Message(l) => {
                // An unknown header over CJK text: its script decides.
                if rng.chance(10) && *l != "en" {
                    rng.pick(UNKNOWN_HEADERS)
                } else {
                    has_cjk_column |= *l == "zh";
                    rng.pick(MESSAGE_HEADERS)
                }
            }
            Col::Action(_) => rng.pick(ACTION_HEADERS),
            Col::Extra => rng.pick(EXTRA_HEADERS),
        };
        headers.push(h.to_owned());
    }
    let one_line = fixed_headers || layout == Layout::Inline;
    let shape_only = fixed_headers;
    let mut rows: Vec<ModelRow> = Vec::new();
    let n = 1 + rng.below(12);
    for r in 0..n {
        // A code again, with other texts (not a template: its spec form
        // depends on its texts).
        let plain: Vec<usize> = (0..rows.len())
            .filter(|&i| !["%s", "{0}"].iter().any(|t| rows[i].code.contains(t)))
            .collect();
        let again = !plain.is_empty() && rng.chance(10);
        let template = !again && !shape_only && rng.chance(12);
        let code = if again {
            rows[plain[rng.below(plain.len())]].code.clone()
        } else {
            let mut c = code(rng, template, shape_only);
            while rows.iter().any(|row| row.code == c) {
                c.push('X');
            }
            c
        };
        let token = ["%s", "{0}"]
            .into_iter()
            .find(|t| code.contains(t))
            .map(str::to_owned);
        // A `%s` template whose messages do not all use the token.
        let literal_template = token.as_deref() == Some("%s") && rng.chance(30);
        let mut statuses = vec![status(rng)];
        if !fixed_headers && rng.chance(10) {
            statuses.push(status(rng));
            statuses.dedup();
        }
        let merged = r > 0 && !fixed_headers && rng.chance(20);
        if merged {
            statuses.clone_from(&rows[r - 1].statuses);
        }
        let mut cells = Vec::new();
        let mut used_token = false;
        for c in &cols {
            let text = match c {
                Col::Status | Col::Code => String::new(),
                Col::Message(l) => {
                    if !fixed_headers && rng.chance(8) {
                        "-".to_owned()
                    } else {
                        let mut t = message(rng, l, one_line);
                        if let Some(tok) = &token
                            && (!literal_template || !used_token)
                        {
                            t.push_str(&format!(" ({tok})"));
                            used_token = true;
                        }
                        t
                    }
                }
                Col::Action(l) => match rng.below(4) {
                    0 => "-".to_owned(),
                    1 => String::new(),
                    _ => rng.pick(action_fragments(l)).to_owned(),
                },
                Col::Extra => {
                    let mut tokens = vec!["v2", "ECS", "CreateInstance", "-", "", "GA", "beta"];
                    if has_cjk_column {
                        tokens.extend(["无", "公测", "计费"]);
                    }
                    rng.pick(&tokens).to_owned()
                }
            };
            cells.push(text);
        }
        rows.push(ModelRow {
            statuses,
            merged,
            code,
            cells,
            literal_template: literal_template
                && cols.iter().filter(|c| matches!(c, Col::Message(_))).count() > 1,
        });
    }
    // A column holds at least one text in its language (so its script
    // decides its language), and a `%s` template in a table of one message
    // column uses its token.
    for (i, c) in cols.iter().enumerate() {
        if let Col::Message(l) = c
            && rows.iter().all(|r| r.cells[i] == "-")
        {
            rows[0].cells[i] = message(rng, l, one_line);
            if let Some(tok) = ["%s", "{0}"].into_iter().find(|t| rows[0].code.contains(t)) {
                rows[0].cells[i].push_str(&format!(" ({tok})"));
            }
        }
    }
    for r in &mut rows {
        if r.literal_template {
            // Still literal only if a message lacks the token.
            r.literal_template = cols
                .iter()
                .zip(&r.cells)
                .any(|(c, t)| matches!(c, Col::Message(_)) && t != "-" && !t.contains("%s"));
        }
    }
    let heading = rng
        .pick(&["错误码", "Error codes", "公共错误码", "业务错误码"])
        .to_owned();
    ModelTable {
        headers,
        cols,
        rows,
        heading,
    }
}

// ---------------------------------------------------------------------------
// Rendering

/// What a row of the page should import as.
#[derive(Debug, Clone)]
struct Expected {
    line: usize,
    table: usize,
    status: Option<u16>,
    others: Vec<u16>,
    merged_note: bool,
    code: String,
    literal: bool,
    messages: Vec<(String, String)>,
    action: Vec<(String, String)>,
    extra: Vec<(String, String)>,
}

fn md_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\n' => out.push_str("<br>"),
            '\\' | '|' | '`' | '<' | '&' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

fn html_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

fn status_cell(rng: &mut Rng, statuses: &[u16]) -> String {
    let sep = rng.pick(&["/", ", ", "、", " / "]);
    statuses
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(sep)
}

/// The text of cell `i` of a row, before escaping; `None` for a merged
/// status cell.
fn cell(rng: &mut Rng, t: &ModelTable, row: &ModelRow, i: usize) -> Option<String> {
    match t.cols[i] {
        Col::Status if row.merged => None,
        Col::Status => Some(status_cell(rng, &row.statuses)),
        Col::Code => Some(row.code.clone()),
        _ => Some(row.cells[i].clone()),
    }
}

struct Page {
    text: String,
    lines: usize,
}

impl Page {
    fn line(&mut self, s: &str) -> usize {
        self.text.push_str(s);
        self.text.push('\n');
        self.lines += s.matches('\n').count() + 1;
        self.lines - s.matches('\n').count()
    }
}

fn render(
    rng: &mut Rng,
    page: &mut Page,
    t: &ModelTable,
    layout: Layout,
    number: usize,
) -> Vec<Expected> {
    let mut starts = Vec::new();
    match layout {
        Layout::Markdown { outer, delimiter } => {
            page.line(&format!("## {}", t.heading));
            page.line("");
            let edge_empty = t.rows.iter().any(|r| {
                let first = cell(&mut Rng(1), t, r, 0).unwrap_or_default();
                let last = cell(&mut Rng(1), t, r, t.cols.len() - 1).unwrap_or_default();
                first.is_empty() || last.is_empty()
            });
            let outer = outer || edge_empty;
            let join = |cells: Vec<String>| {
                if outer {
                    format!("| {} |", cells.join(" | "))
                } else {
                    cells.join(" | ")
                }
            };
            page.line(&join(t.headers.iter().map(|h| md_escape(h)).collect()));
            if delimiter {
                page.line(&join(t.cols.iter().map(|_| "---".to_owned()).collect()));
            }
            for r in &t.rows {
                let cells = (0..t.cols.len())
                    .map(|i| md_escape(&cell(rng, t, r, i).unwrap_or_default()))
                    .collect();
                starts.push(page.line(&join(cells)));
            }
            page.line("");
        }
        Layout::Vertical { rule } => {
            page.line("下表列出了错误码：");
            for h in &t.headers {
                page.line(&format!("{h} |"));
            }
            if rule {
                page.line(&"---|".repeat(t.headers.len()));
            }
            for r in &t.rows {
                let mut first = None;
                for i in 0..t.cols.len() {
                    let text = cell(rng, t, r, i).unwrap_or_default();
                    let at = page.line(&format!("{text} |"));
                    first.get_or_insert(at);
                }
                starts.push(first.unwrap_or(0));
            }
        }
        Layout::Html | Layout::MarkdownWithHtml => {
            if layout == Layout::Html {
                page.line(&format!("<h2>{}</h2>", html_escape(&t.heading)));
            } else {
                page.line(&format!("## {}", t.heading));
                page.line("");
            }
            page.line("<table>");
            let ths: String = t
                .headers
                .iter()
                .map(|h| format!("<th>{}</th>", html_escape(h)))
                .collect();
            if rng.chance(50) {
                page.line(&format!("<thead><tr>{ths}</tr></thead><tbody>"));
            } else {
                page.line(&format!("<tr>{ths}</tr>"));
            }
            let status_col = t.cols.iter().position(|c| *c == Col::Status);
            for (k, r) in t.rows.iter().enumerate() {
                let mut tr = String::from("<tr>");
                for i in 0..t.cols.len() {
                    if Some(i) == status_col {
                        if r.merged {
                            continue;
                        }
                        let span = t.rows[k + 1..].iter().take_while(|n| n.merged).count() + 1;
                        let attr = if span > 1 {
                            format!(" rowspan=\"{span}\"")
                        } else {
                            String::new()
                        };
                        let _ = write!(tr, "<td{attr}>{}</td>", status_cell(rng, &r.statuses));
                        continue;
                    }
                    let text = cell(rng, t, r, i).unwrap_or_default();
                    let _ = write!(tr, "<td>{}</td>", html_escape(&text));
                }
                tr.push_str("</tr>");
                starts.push(page.line(&tr));
            }
            page.line("</table>");
            page.line("");
        }
        Layout::CodeDescription => {
            page.line(&t.heading);
            page.line("");
            page.line(&format!("{} {}", t.headers[0], t.headers[1]));
            for r in &t.rows {
                starts.push(page.line(&format!("{} {}", r.code, r.cells[1])));
            }
            page.line("");
        }
        Layout::Inline => {
            let mut l = format!(
                "状态码5xx:说明文字。 {} {} {}",
                t.headers[0], t.headers[1], t.headers[2]
            );
            for r in &t.rows {
                let _ = write!(l, " {} {} {}", r.statuses[0], r.code, r.cells[2]);
            }
            l.push_str(" 父主题: 错误码");
            let at = page.line(&l);
            starts = vec![at; t.rows.len()];
        }
    }
    let text_dialect = !matches!(layout, Layout::Html | Layout::MarkdownWithHtml);
    let has_status = t.cols.contains(&Col::Status);
    t.rows
        .iter()
        .zip(starts)
        .map(|(r, line)| Expected {
            line,
            table: number,
            status: r.statuses.first().copied().filter(|_| has_status),
            others: if has_status {
                r.statuses[1..].to_vec()
            } else {
                Vec::new()
            },
            merged_note: r.merged && text_dialect && has_status,
            code: r.code.clone(),
            literal: r.literal_template,
            messages: t
                .cols
                .iter()
                .zip(&r.cells)
                .filter_map(|(c, text)| match c {
                    Col::Message(l) => Some(((*l).to_owned(), text.clone())),
                    _ => None,
                })
                .collect(),
            action: t
                .cols
                .iter()
                .zip(&r.cells)
                .filter_map(|(c, text)| match c {
                    Col::Action(l) if !text.is_empty() && text != "-" => {
                        Some(((*l).to_owned(), text.clone()))
                    }
                    _ => None,
                })
                .collect(),
            extra: t
                .cols
                .iter()
                .zip(&r.cells)
                .zip(&t.headers)
                .filter(|((c, _), _)| **c == Col::Extra)
                .map(|((_, text), h)| (h.clone(), text.clone()))
                .collect(),
        })
        .collect()
}

/// A page of one to three tables in `layout`.
fn page(rng: &mut Rng, layout: Layout) -> (String, Vec<ModelTable>, Vec<Expected>) {
    let mut page = Page {
        text: String::new(),
        lines: 0,
    };
    page.line("Some prose about the API, 调用说明。");
    page.line("");
    let count = if layout == Layout::Inline {
        1
    } else {
        1 + rng.below(3)
    };
    let mut tables = Vec::new();
    let mut expected = Vec::new();
    for k in 0..count {
        let t = model(rng, layout);
        // Markdown pages hold HTML tables too.
        let l = if layout == Layout::MarkdownWithHtml && k % 2 == 0 {
            Layout::Markdown {
                outer: true,
                delimiter: true,
            }
        } else {
            layout
        };
        expected.extend(render(rng, &mut page, &t, l, k + 1));
        tables.push(t);
    }
    page.line("Related links");
    (page.text, tables, expected)
}

// ---------------------------------------------------------------------------
// Checking

fn compare(layout: Layout, page: &str, got: &[ImportedRow], want: &[Expected]) {
    let ctx = || format!("{layout:?}\n{page}");
    let summary = |rows: Vec<(usize, String)>| format!("{rows:?}");
    assert_eq!(
        got.len(),
        want.len(),
        "rows: got {}, want {}\n{}",
        summary(got.iter().map(|r| (r.line, r.vendor_code())).collect()),
        summary(want.iter().map(|r| (r.line, r.code.clone())).collect()),
        ctx()
    );
    for (g, w) in got.iter().zip(want) {
        let at = || format!("row at line {} of\n{}", w.line, ctx());
        assert_eq!(g.line, w.line, "line: {}", at());
        assert_eq!(g.table, w.table, "table: {}", at());
        assert_eq!(
            (g.status, &g.other_statuses),
            (w.status, &w.others),
            "status: {}",
            at()
        );
        assert_eq!(
            g.notes.iter().any(|n| n.contains("merged cell")),
            w.merged_note,
            "merged note {:?}: {}",
            g.notes,
            at()
        );
        assert_eq!(g.vendor_code(), w.code, "code: {}", at());
        assert_eq!(
            g.vendor_placeholder.is_none(),
            w.literal || !["%s", "{0}"].iter().any(|t| w.code.contains(t)),
            "template: {}",
            at()
        );
        let messages: Vec<(String, String)> = g
            .messages
            .iter()
            .map(|(l, _)| (l.clone(), g.vendor_message(l).unwrap_or_default()))
            .collect();
        assert_eq!(messages, w.messages, "messages: {}", at());
        assert_eq!(g.action, w.action, "action: {}", at());
        assert_eq!(g.extra, w.extra, "extra: {}", at());
    }
}

/// Serves nothing: fresh specs include no file.
struct NoFiles;

impl SpecReader for NoFiles {
    fn read(&self, _: &Path) -> std::io::Result<String> {
        Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no files",
        ))
    }
}

struct One(String);

impl SpecReader for One {
    fn read(&self, _: &Path) -> std::io::Result<String> {
        Ok(self.0.clone())
    }
}

fn check_spec(layout: Layout, page: &str, want: &[Expected]) {
    let opts = ImportOptions {
        catalog: Some("GeneratedError".into()),
        vendor: Some("tencent".into()),
        ..ImportOptions::default()
    };
    let imported = import::import(page, "page", &opts, &NoFiles)
        .unwrap_or_else(|d| panic!("{d}\n{layout:?}\n{page}"));
    let catalog = load_catalog(Path::new(""), "spec.yaml", &One(imported.yaml.clone()))
        .result
        .unwrap_or_else(|d| panic!("{d}\n{}", imported.yaml));
    // The first row of each code is its entry's primary text.
    let mut seen: Vec<&str> = Vec::new();
    for w in want {
        if seen.contains(&w.code.as_str()) {
            continue;
        }
        seen.push(&w.code);
        let e = catalog
            .entries
            .iter()
            .find(|e| e.vendor_code() == w.code)
            .unwrap_or_else(|| panic!("{} not in the spec\n{}", w.code, imported.yaml));
        assert_eq!(e.status, w.status.unwrap_or(200), "{}", w.code);
        for (lang, text) in &w.messages {
            let i = catalog.languages.iter().position(|l| l == lang).unwrap();
            // An empty cell is no text: a later row of the code gives it.
            let later = want
                .iter()
                .filter(|o| o.code == w.code)
                .flat_map(|o| o.messages.iter())
                .find(|(l, t)| l == lang && !t.is_empty())
                .map(|(_, t)| t.as_str());
            let expected = if text.is_empty() {
                later.unwrap_or("-")
            } else {
                text.as_str()
            };
            let got = match &e.vendor_placeholder {
                Some(vp) => e.messages[i].with_placeholder_token(vp),
                None => e.messages[i].raw.clone(),
            };
            assert_eq!(got, expected, "{} {lang}\n{}", w.code, imported.yaml);
        }
        assert_eq!(e.action, w.action, "{}", w.code);
    }
}

#[test]
fn generated_tables_import_row_for_row_in_every_dialect() {
    let per_dialect: usize = std::env::var("IMPORT_TABLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut dialects_seen: Vec<Vec<Dialect>> = Vec::new();
    // What the rows covered, over all layouts.
    let mut covered = [0usize; 9];
    const COVERED: [&str; 9] = [
        "merged status cells",
        "multiple statuses",
        "template codes",
        "templates kept literal",
        "codes listed again",
        "action cells",
        "extra cells",
        "ja texts",
        "ko texts",
    ];
    for &layout in LAYOUTS {
        let mut tables = 0;
        let mut rows = 0;
        let mut seen = Vec::new();
        while tables < per_dialect {
            let (text, model, want) = page(&mut rng, layout);
            let read = import::read_page(&text, "page", PageFormat::Auto, None, None)
                .unwrap_or_else(|d| panic!("{d}\n{layout:?}\n{text}"));
            assert_eq!(read.tables.len(), model.len(), "tables\n{layout:?}\n{text}");
            for t in &read.tables {
                if !seen.contains(&t.dialect) {
                    seen.push(t.dialect);
                }
            }
            compare(layout, &text, &read.rows, &want);
            check_spec(layout, &text, &want);
            for (i, w) in want.iter().enumerate() {
                let template = ["%s", "{0}"].iter().any(|t| w.code.contains(t));
                let facts = [
                    w.merged_note,
                    !w.others.is_empty(),
                    template && !w.literal,
                    w.literal,
                    want[..i]
                        .iter()
                        .any(|o| o.code == w.code && o.table == w.table),
                    !w.action.is_empty(),
                    w.extra.iter().any(|(_, t)| !t.is_empty()),
                    w.messages.iter().any(|(l, t)| l == "ja" && t != "-"),
                    w.messages.iter().any(|(l, t)| l == "ko" && t != "-"),
                ];
                for (n, fact) in covered.iter_mut().zip(facts) {
                    *n += usize::from(fact);
                }
            }
            tables += model.len();
            rows += want.len();
        }
        eprintln!("{layout:?}: {tables} tables, {rows} rows, read as {seen:?}");
        dialects_seen.push(seen);
    }
    for (what, n) in COVERED.iter().zip(covered) {
        eprintln!("{what}: {n} rows");
        assert!(n >= 100, "only {n} rows with {what}");
    }
    let expected = [
        vec![Dialect::Markdown],
        vec![Dialect::Markdown],
        vec![Dialect::Markdown],
        vec![Dialect::Vertical],
        vec![Dialect::Vertical],
        vec![Dialect::Html],
        vec![Dialect::Markdown, Dialect::Html],
        vec![Dialect::CodeDescription],
        vec![Dialect::Inline],
    ];
    for (seen, want) in dialects_seen.iter().zip(expected) {
        let mut seen = seen.clone();
        seen.sort_by_key(|d| d.as_str());
        let mut want = want;
        want.sort_by_key(|d| d.as_str());
        assert_eq!(seen, want);
    }
}
