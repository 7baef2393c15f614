//! Table rows to [`ImportedRow`]s: a status, a code in spec form, the
//! messages, the action and every other cell, each row with its line.
//!
//! Nothing is dropped: a cell is the status, the code, a message, the
//! action, or an extra (written to the entry's note); what the importer
//! infers (a merged status cell, a status cell that is not only statuses)
//! is said in the row's notes. A row the spec cannot express (a code with a
//! space or a stray `{`) is a diagnostic naming its line.

use super::roles::Role;
use super::table::{Table, parse_status, parse_statuses};
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::model::Template;
use crate::spec::ast::At;
use crate::spec::valid;

/// One row of a vendor's error table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportedRow {
    /// HTTP status, when the page gives one.
    pub status: Option<u16>,
    /// Further statuses of a cell like `400/404` (the first is `status`).
    pub other_statuses: Vec<u16>,
    /// The code in spec form: a vendor placeholder (`%s`, `{0}`) is written
    /// `{field}` (`{field2}`, ... for the following ones).
    pub code: String,
    /// `(language tag, text)`, in column order; placeholders as in `code`.
    pub messages: Vec<(String, String)>,
    /// What to do about the error, `(language tag, text)`; an empty or `-`
    /// cell is no action.
    pub action: Vec<(String, String)>,
    /// Other columns: `(column header, text)`.
    pub extra: Vec<(String, String)>,
    /// What the importer inferred about the row, for the entry's note.
    pub notes: Vec<String>,
    /// 1-based line of the row (its first cell) in the page.
    pub line: usize,
    /// The vendor's placeholder token when `code` is a template.
    pub vendor_placeholder: Option<String>,
    /// The heading the row stands under, where the page has one.
    pub section: Option<String>,
    /// 1-based number of the row's table among the page's error tables.
    pub table: usize,
}

impl ImportedRow {
    /// The text in `lang`, as in the spec (placeholders `{field}`).
    pub fn message(&self, lang: &str) -> Option<&str> {
        self.messages
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, t)| t.as_str())
    }

    /// The placeholder names of the code, in order.
    pub fn fields(&self) -> Vec<String> {
        Template::parse_code(&self.code)
            .map(|t| t.fields().into_iter().map(str::to_owned).collect())
            .unwrap_or_default()
    }

    /// The code as the vendor writes it (`InvalidParameter.%s`).
    pub fn vendor_code(&self) -> String {
        crate::model::vendor_code(&self.code, self.vendor_placeholder.as_deref())
    }

    /// The text in `lang` as the vendor writes it.
    pub fn vendor_message(&self, lang: &str) -> Option<String> {
        let text = self.message(lang)?;
        Some(crate::model::vendor_message(
            text,
            &self.code,
            self.vendor_placeholder.as_deref(),
        ))
    }
}

/// The rows of one table with its column roles. `table_no` is the table's
/// 1-based number among the page's error tables; problems go to `diags`
/// (`file` names the page in them).
pub(crate) fn table_rows(
    table: &Table,
    roles: &[Role],
    table_no: usize,
    file: &str,
    diags: &mut Diagnostics,
) -> Vec<ImportedRow> {
    let mut out: Vec<ImportedRow> = Vec::new();
    let mut above: Option<Above> = None;
    for row in &table.rows {
        let mut r = ImportedRow {
            line: row.line,
            section: row.section.clone(),
            table: table_no,
            ..ImportedRow::default()
        };
        if let Some(section) = &row.section
            && row.section != table.heading
        {
            r.notes
                .push(format!("Under the heading {section:?} inside the table."));
        }
        let mut code_cell: Option<(&str, usize)> = None;
        for (i, cell) in row.cells.iter().enumerate() {
            let header = table
                .headers
                .get(i)
                .filter(|h| !h.trim().is_empty())
                .cloned()
                .unwrap_or_else(|| format!("column {}", i + 1));
            let text = cell.text.as_str();
            match roles.get(i).copied().unwrap_or(Role::Extra) {
                Role::Status => read_status(&mut r, text.trim(), &header, above.as_ref()),
                Role::Code => code_cell = Some((text.trim(), cell.line)),
                Role::Message(lang) => r.messages.push((lang.to_owned(), text.to_owned())),
                Role::Action(lang) => {
                    let t = text.trim();
                    if !t.is_empty() && t != "-" {
                        r.action.push((lang.to_owned(), text.to_owned()));
                    }
                }
                Role::Extra => r.extra.push((header, text.to_owned())),
            }
        }
        let Some((code, code_line)) = code_cell else {
            continue;
        };
        match (code.is_empty(), &above) {
            (false, _) => r.code = code.to_owned(),
            (true, Some(a)) => {
                r.code.clone_from(&a.code);
                r.notes.push(format!(
                    "The page's code cell is empty (a merged cell): the code is that of the row above, at line {}.",
                    a.line
                ));
            }
            (true, None) => {
                diags.push(
                    Diagnostic::new(
                        Pos::new(file, clamp(code_line), 1),
                        "the first row of the table has no error code",
                    )
                    .help("write the code in the saved page, or remove the row"),
                );
                continue;
            }
        }
        above = Some(Above {
            status: r.status,
            others: r.other_statuses.clone(),
            code: r.code.clone(),
            line: r.line,
        });
        match spec_code(r, file, code_line) {
            Ok(r) => out.push(r),
            Err(d) => diags.push(d),
        }
    }
    out
}

/// The row above, for the merged cells of the next.
struct Above {
    status: Option<u16>,
    others: Vec<u16>,
    code: String,
    line: usize,
}

/// The status cell `t` (trimmed) of column `header` into `r`.
fn read_status(r: &mut ImportedRow, t: &str, header: &str, above: Option<&Above>) {
    if t.is_empty() {
        if let Some(a) = above
            && a.status.is_some()
        {
            r.status = a.status;
            r.other_statuses.clone_from(&a.others);
            r.notes.push(format!(
                "The page's `{header}` cell is empty (a merged cell): the status is that of the row above, at line {}.",
                a.line
            ));
        }
    } else if let Some(list) = parse_statuses(t) {
        r.status = list.first().copied();
        r.other_statuses = list[1..].to_vec();
    } else {
        r.status = t.split_whitespace().next().and_then(parse_status);
        let what = if r.status.is_some() {
            ""
        } else {
            " (not an HTTP status)"
        };
        r.notes
            .push(format!("`{header}` on the page: {t:?}{what}."));
    }
}

fn clamp(line: usize) -> u32 {
    u32::try_from(line).unwrap_or(u32::MAX)
}

/// Writes the row's code in spec form (vendor placeholders to `{field}`),
/// or says why the spec cannot hold it.
fn spec_code(row: ImportedRow, file: &str, line: usize) -> Result<ImportedRow, Diagnostic> {
    let pos = Pos::new(file, clamp(line), 1);
    if row
        .code
        .chars()
        .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(Diagnostic::new(
            pos,
            format!(
                "the code cell {:?} is not one code: it has white space or a control character",
                row.code
            ),
        )
        .help("a wire code is one token: fix the cell in the saved page (one code per row)"));
    }
    let vendor_code = row.code.clone();
    let row = templatize(row).map_err(|why| {
        Diagnostic::new(pos.clone(), format!("code `{vendor_code}`: {why}"))
            .help("fix the code in the saved page; a spec writes a placeholder `{name}` and cannot hold any other `{` or `}`")
    })?;
    let at = At {
        value: row.code.clone(),
        pos: pos.clone(),
    };
    if let Err(d) = valid::resolve_code(&at) {
        return Err(
            Diagnostic::new(pos, format!("code `{vendor_code}`: {}", d.message))
                .help(d.help.unwrap_or_default()),
        );
    }
    Ok(row)
}

/// Byte ranges of vendor placeholder tokens (`%s`, `%d`, `{0}`, `{}`) in `code`.
pub(crate) fn placeholder_tokens(code: &str) -> Vec<(usize, usize)> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && matches!(b.get(i + 1), Some(b's' | b'd' | b'v' | b'i' | b'u')) {
            out.push((i, i + 2));
            i += 2;
            continue;
        }
        if b[i] == b'{' {
            let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if b.get(i + 1 + digits) == Some(&b'}') {
                out.push((i, i + digits + 2));
                i += digits + 2;
                continue;
            }
        }
        i += 1;
    }
    out
}

fn field_name(i: usize) -> String {
    if i == 0 {
        "field".to_owned()
    } else {
        format!("field{}", i + 1)
    }
}

/// Converts a vendor template code (`InvalidParameter.%s`) to the spec
/// form, and its token in the messages. When a message would not be a valid
/// message of the template (it lacks the placeholder, or has another
/// `{name}`), the code stays literal, with a note.
fn templatize(mut row: ImportedRow) -> Result<ImportedRow, String> {
    let found = placeholder_tokens(&row.code);
    let Some(&(s0, e0)) = found.first() else {
        // `{name}` in the code: already the spec's placeholder form.
        let fields: Vec<String> = Template::parse_code(&row.code)?
            .fields()
            .into_iter()
            .map(str::to_owned)
            .collect();
        if let Some((lang, _)) = row
            .messages
            .iter()
            .find(|(_, t)| valid::message_placeholders(t, &fields).is_err())
        {
            return Err(format!(
                "its `{{...}}` is a placeholder in a spec, but the `{lang}` message does not use it as the code does"
            ));
        }
        return Ok(row);
    };
    let token = row.code[s0..e0].to_owned();
    if let Some(&(s, e)) = found.iter().find(|&&(s, e)| row.code[s..e] != token) {
        return Err(format!(
            "it mixes the placeholder tokens `{token}` and `{}`: a spec has one `vendor_placeholder` per code",
            &row.code[s..e]
        ));
    }
    let names: Vec<String> = (0..found.len()).map(field_name).collect();
    let mut code = String::new();
    let mut last = 0;
    for (k, &(s, e)) in found.iter().enumerate() {
        code.push_str(&row.code[last..s]);
        code.push('{');
        code.push_str(&names[k]);
        code.push('}');
        last = e;
    }
    code.push_str(&row.code[last..]);
    let fields: Vec<String> = Template::parse_code(&code)
        .map_err(|why| format!("it cannot be written as a template: {why}"))?
        .fields()
        .into_iter()
        .map(str::to_owned)
        .collect();
    if fields.len() != names.len() {
        // One `vendor_placeholder` stands for every placeholder of a code.
        return Err(format!(
            "it has the vendor placeholder `{token}` and a `{{name}}` placeholder: a spec writes one kind per code"
        ));
    }
    let messages: Vec<(String, String)> = row
        .messages
        .iter()
        .map(|(l, text)| (l.clone(), replace_token(text, &token, &names)))
        .collect();
    let misfit = messages
        .iter()
        .find(|(_, t)| valid::message_placeholders(t, &fields).is_err());
    if let Some((lang, _)) = misfit {
        let literal = Template::parse_code(&row.code).is_ok_and(|t| !t.is_template());
        if !literal {
            return Err(format!(
                "its `{lang}` message does not use the placeholder `{token}` as the code does, and the code cannot be kept literally (it has braces)"
            ));
        }
        row.notes.push(format!(
            "The page writes `{token}` in the code as a placeholder, but its `{lang}` message does not use it as the code does: the code is kept literally, without capturing a field."
        ));
        return Ok(row);
    }
    row.code = code;
    row.messages = messages;
    row.vendor_placeholder = Some(token);
    Ok(row)
}

/// `text` with every `token` replaced by the next placeholder name (the
/// last one repeated when the text has more tokens than the code).
fn replace_token(text: &str, token: &str, names: &[String]) -> String {
    let mut out = String::new();
    let mut rest = text;
    let mut k = 0;
    while let Some(i) = rest.find(token) {
        out.push_str(&rest[..i]);
        out.push('{');
        out.push_str(&names[k.min(names.len() - 1)]);
        out.push('}');
        k += 1;
        rest = &rest[i + token.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::{Cell, Dialect, Row};

    fn table(headers: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            dialect: Dialect::Markdown,
            line: 1,
            end_line: rows.len() + 1,
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| Row {
                    line: i + 2,
                    cells: r.iter().map(|c| Cell::new(*c, i + 2)).collect(),
                    section: None,
                })
                .collect(),
            heading: None,
            problems: Vec::new(),
        }
    }

    fn read(headers: &[&str], rows: &[&[&str]]) -> (Vec<ImportedRow>, Diagnostics) {
        let t = table(headers, rows);
        let columns: Vec<Vec<&str>> = (0..t.headers.len()).map(|i| t.column(i)).collect();
        let roles = super::super::roles::roles(&t.headers, &columns);
        let mut diags = Diagnostics::default();
        let rows = table_rows(&t, &roles, 1, "page.md", &mut diags);
        (rows, diags)
    }

    #[test]
    fn statuses_of_a_cell() {
        assert_eq!(parse_statuses("400"), Some(vec![400]));
        assert_eq!(parse_statuses("400/404"), Some(vec![400, 404]));
        assert_eq!(parse_statuses(" 400, 404 、409"), Some(vec![400, 404, 409]));
        assert_eq!(parse_statuses("HTTP 429"), Some(vec![429]));
        assert_eq!(parse_statuses("400 or 404"), Some(vec![400, 404]));
        assert_eq!(parse_statuses("400 Bad Request"), None);
        assert_eq!(parse_statuses("99"), None);
        assert_eq!(parse_statuses("600"), None);
        assert_eq!(parse_statuses(""), None);
        assert_eq!(parse_statuses("-"), None);
    }

    #[test]
    fn merged_and_multiple_statuses() {
        let (rows, diags) = read(
            &["状态码", "错误码", "错误信息", "处理措施", "备注"],
            &[
                &["400/404", "A.1", "One.", "请重试。", "x"],
                &["", "A.2", "Two.", "-", ""],
                &["400 Bad Request", "A.3", "Three.", "", "y"],
                &["N/A", "A.4", "Four.", "", ""],
            ],
        );
        assert!(diags.is_empty(), "{diags}");
        assert_eq!(
            (rows[0].status, &rows[0].other_statuses[..]),
            (Some(400), &[404][..])
        );
        assert_eq!(rows[0].action, [("zh".to_owned(), "请重试。".to_owned())]);
        assert_eq!(rows[0].extra, [("备注".to_owned(), "x".to_owned())]);
        assert_eq!(
            (rows[1].status, &rows[1].other_statuses[..]),
            (Some(400), &[404][..])
        );
        assert!(rows[1].notes[0].contains("merged cell") && rows[1].notes[0].contains("line 2"));
        assert!(rows[1].action.is_empty(), "`-` is no action");
        assert_eq!(rows[2].status, Some(400));
        assert_eq!(
            rows[2].notes,
            ["`状态码` on the page: \"400 Bad Request\"."]
        );
        assert_eq!(rows[3].status, None);
        assert!(rows[3].notes[0].contains("not an HTTP status"));
    }

    #[test]
    fn codes_in_spec_form_or_a_diagnostic() {
        let (rows, diags) = read(
            &["Code", "Message", "描述"],
            &[
                &["A.%s", "Field %s bad.", "字段 %s 错误"],
                &["B.{0}", "x {0}", "-"],
                &["C.%s", "Field %s bad.", "字段错误"],
                &["D.%s", "Use {name}.", "-"],
                &["", "Merged code.", "合并"],
                &["E {x", "e", "戊"],
                &["F.{0}", "f", "己"],
                &["G.%s{0}", "g", "庚"],
                &["H.{type}", "h {type}", "辛 {type}"],
                &["I.{x}", "no x", "无"],
                &["J.%v.{y}", "no y", "无"],
            ],
        );
        assert_eq!(rows[0].code, "A.{field}");
        assert_eq!(rows[0].vendor_placeholder.as_deref(), Some("%s"));
        assert_eq!(rows[0].message("zh"), Some("字段 {field} 错误"));
        assert_eq!(rows[1].code, "B.{field}");
        assert_eq!(rows[2].code, "C.%s", "zh lacks the placeholder: literal");
        assert!(rows[2].notes[0].contains("kept literally"));
        assert_eq!(
            rows[3].code, "D.%s",
            "{{name}} is no placeholder of the code"
        );
        assert_eq!(rows[4].code, "D.%s", "an empty code cell is merged");
        assert!(rows[4].notes[0].contains("code cell is empty"));
        assert_eq!(rows.len(), 5);
        let text = diags.to_string();
        assert!(
            text.contains("page.md:7:1") && text.contains("not one code"),
            "{text}"
        );
        assert!(
            text.contains("page.md:8:1") && text.contains("cannot be kept literally"),
            "{text}"
        );
        assert!(
            text.contains("page.md:9:1") && text.contains("mixes the placeholder tokens"),
            "{text}"
        );
        assert!(
            text.contains("page.md:10:1") && text.contains("cannot be a field name"),
            "{text}"
        );
        assert!(
            text.contains("page.md:11:1") && text.contains("does not use it as the code does"),
            "{text}"
        );
        assert!(
            text.contains("page.md:12:1")
                && text.contains("has the vendor placeholder `%v` and a `{name}` placeholder"),
            "{text}"
        );
        assert_eq!(diags.len(), 6, "{text}");
        let (_, diags) = read(&["Code", "Message"], &[&["", "x"]]);
        assert!(
            diags
                .to_string()
                .contains("first row of the table has no error code")
        );
    }
}
