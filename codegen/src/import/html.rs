//! HTML tables, from a page saved from the browser (or an HTML `<table>`
//! inside a Markdown page).
//!
//! The page is parsed by html5ever (the HTML5 parsing algorithm, as a
//! browser does it: implied end tags, entities, misnested markup) into a
//! small DOM that records the line each element starts on. Every `<table>`
//! is a table: its header is the leading row(s) of `<th>` cells (else its
//! first row), `rowspan` and `colspan` are laid out on a grid (a cell
//! spanning rows is repeated in each, marked as spanned), and a body row of
//! one cell spanning the table is a section heading. Cell text is taken as
//! shown: white space collapsed, `<br>` and block elements as line breaks,
//! `<script>`, `<style>`, `<template>` and `hidden` elements left out.

use super::table::{Cell, Dialect, Row, Table};
use html5ever::interface::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, QualName, local_name, ns, parse_document};
use std::borrow::Cow;
use std::cell::{Cell as Slot, RefCell};
use std::rc::{Rc, Weak};

/// Largest number of columns of a table (wider tables are refused).
const MAX_COLUMNS: usize = 200;
/// Largest `colspan` and `rowspan` honoured.
const MAX_SPAN: usize = 1000;
/// Deepest nesting of elements read: the HTML tree builder takes time
/// quadratic in the depth (browsers cap it too; pages nest a few dozen deep).
pub(crate) const MAX_DEPTH: usize = 1000;
/// Most text copied into the cells a `rowspan` repeats, per table.
const MAX_SPANNED_BYTES: usize = 64 * 1024 * 1024;

/// Every table of the page; an error when the page nests elements deeper
/// than [`MAX_DEPTH`].
pub(crate) fn tables(page: &str) -> Result<Vec<Table>, (usize, String)> {
    if let Some(line) = too_deep(page) {
        return Err((
            line,
            format!(
                "the HTML nests elements more than {MAX_DEPTH} deep here: the page is not read as HTML"
            ),
        ));
    }
    let dom = parse_document(
        Dom {
            document: Node::new(Kind::Document, 1),
            line: Slot::new(1),
            lines: page_lines(page),
        },
        Default::default(),
    )
    .one(page);
    let mut out = Vec::new();
    let mut heading: Option<String> = None;
    // Document order, without recursion (pages nest deeply).
    let mut stack = vec![dom.document.clone()];
    while let Some(node) = stack.pop() {
        if is(&node, "table") {
            out.push(table(&node, heading.as_deref()));
        } else if matches!(node.local(), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6")) {
            let text = shown_text(&node);
            if !text.is_empty() {
                heading = Some(text);
            }
        }
        if !skipped(&node) {
            stack.extend(node.children.borrow().iter().rev().cloned());
        }
    }
    Ok(out)
}

/// The line where the nesting of elements first exceeds [`MAX_DEPTH`],
/// counted on the tokens (linear time): start tags of elements that need
/// an end tag open a level, end tags close one.
fn too_deep(page: &str) -> Option<usize> {
    use html5ever::tokenizer::states::RawKind;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
    };
    struct Probe {
        depth: Slot<usize>,
        deep_at: Slot<Option<usize>>,
    }
    impl TokenSink for Probe {
        type Handle = ();
        fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
            let Token::TagToken(tag) = token else {
                return TokenSinkResult::Continue;
            };
            let name: &str = &tag.name;
            // Elements whose end tag is implied by the next one, and void ones.
            let flat = matches!(
                name,
                "p" | "li"
                    | "dt"
                    | "dd"
                    | "tr"
                    | "td"
                    | "th"
                    | "option"
                    | "optgroup"
                    | "rb"
                    | "rt"
                    | "rp"
                    | "rtc"
                    | "tbody"
                    | "thead"
                    | "tfoot"
                    | "colgroup"
                    | "caption"
                    | "html"
                    | "head"
                    | "body"
                    | "area"
                    | "base"
                    | "br"
                    | "col"
                    | "embed"
                    | "hr"
                    | "img"
                    | "input"
                    | "link"
                    | "meta"
                    | "source"
                    | "track"
                    | "wbr"
            );
            if tag.kind == TagKind::EndTag {
                if !flat {
                    self.depth.set(self.depth.get().saturating_sub(1));
                }
                return TokenSinkResult::Continue;
            }
            if !flat && !tag.self_closing {
                self.depth.set(self.depth.get() + 1);
                if self.depth.get() > MAX_DEPTH && self.deep_at.get().is_none() {
                    self.deep_at
                        .set(Some(usize::try_from(line).unwrap_or(usize::MAX)));
                }
            }
            match name {
                "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                    TokenSinkResult::RawData(RawKind::Rawtext)
                }
                "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                "plaintext" => TokenSinkResult::Plaintext,
                _ => TokenSinkResult::Continue,
            }
        }
    }
    let tokenizer = Tokenizer::new(
        Probe {
            depth: Slot::new(0),
            deep_at: Slot::new(None),
        },
        Default::default(),
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(page));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.deep_at.get()
}

fn is(node: &Node, name: &str) -> bool {
    node.local() == Some(name)
}

/// Elements whose content is not shown.
fn skipped(node: &Node) -> bool {
    match node.local() {
        Some("script" | "style" | "template" | "noscript" | "head" | "title") => true,
        Some(_) => {
            node.attr("hidden").is_some()
                || node.attr("style").is_some_and(|s| {
                    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                    s.to_ascii_lowercase().contains("display:none")
                })
        }
        None => matches!(node.kind, Kind::Comment | Kind::Other),
    }
}

/// One grid cell: its text, line, and whether it repeats a cell above.
type GridCell = Option<(String, usize, bool)>;

fn table(node: &Rc<Node>, heading: Option<&str>) -> Table {
    let mut caption: Option<String> = None;
    let mut trs: Vec<(Rc<Node>, bool)> = Vec::new();
    // The rows of this table, not those of tables inside its cells.
    let mut stack: Vec<(Rc<Node>, bool)> = node
        .children
        .borrow()
        .iter()
        .rev()
        .map(|c| (c.clone(), false))
        .collect();
    while let Some((n, in_head)) = stack.pop() {
        match n.local() {
            Some("caption") => caption = Some(shown_text(&n)),
            Some("tr") => trs.push((n, in_head)),
            Some("thead" | "tbody" | "tfoot") => {
                let head = is(&n, "thead");
                stack.extend(n.children.borrow().iter().rev().map(|c| (c.clone(), head)));
            }
            _ => {}
        }
    }
    let mut problems = Vec::new();
    let mut spanned_bytes = 0usize;
    // Lay the cells out on a grid.
    let mut grid: Vec<Vec<GridCell>> = Vec::new();
    let mut all_th: Vec<bool> = Vec::new();
    let mut lines: Vec<usize> = Vec::new();
    let mut cell_counts: Vec<usize> = Vec::new();
    for (r, (tr, in_head)) in trs.iter().enumerate() {
        if grid.len() <= r {
            grid.push(Vec::new());
        }
        let cells: Vec<Rc<Node>> = tr
            .children
            .borrow()
            .iter()
            .filter(|c| matches!(c.local(), Some("td" | "th")))
            .cloned()
            .collect();
        all_th.push(*in_head || (!cells.is_empty() && cells.iter().all(|c| is(c, "th"))));
        lines.push(tr.line);
        cell_counts.push(cells.len());
        let mut col = 0;
        for cell in cells {
            while grid[r].get(col).is_some_and(Option::is_some) {
                col += 1;
            }
            let span = |name: &str| {
                cell.attr(name)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .filter(|&n| n >= 1)
                    .unwrap_or(1)
                    .min(MAX_SPAN)
            };
            let text = shown_text(&cell);
            let (mut rows, cols) = (span("rowspan").min(trs.len() - r), span("colspan"));
            spanned_bytes = spanned_bytes.saturating_add(text.len().saturating_mul(rows - 1));
            if spanned_bytes > MAX_SPANNED_BYTES {
                problems.push((
                    cell.line,
                    "the table repeats more than 64 MiB of text through `rowspan`: this cell spans one row only".to_owned(),
                ));
                rows = 1;
            }
            if col + cols > MAX_COLUMNS {
                problems.push((
                    cell.line,
                    format!("the table is wider than {MAX_COLUMNS} columns: the cells from here on are not read"),
                ));
                break;
            }
            for dr in 0..rows {
                while grid.len() <= r + dr {
                    grid.push(Vec::new());
                }
                let row = &mut grid[r + dr];
                if row.len() < col + cols {
                    row.resize(col + cols, None);
                }
                for dc in 0..cols {
                    // A header's text names every column it spans; a body
                    // cell's text is shown once, in its first column.
                    let t = if dc == 0 || all_th[r] {
                        text.clone()
                    } else {
                        String::new()
                    };
                    row[col + dc] = Some((t, cell.line, dr > 0));
                }
            }
            col += cols;
        }
    }
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    let header_rows = all_th
        .iter()
        .take_while(|&&h| h)
        .count()
        .max(1)
        .min(grid.len());
    let mut parts: Vec<Vec<&str>> = vec![Vec::new(); width];
    for row in grid.iter().take(header_rows) {
        for (c, cell) in row.iter().enumerate() {
            if let Some((t, _, _)) = cell
                && !t.is_empty()
                && !parts[c].contains(&t.as_str())
            {
                parts[c].push(t);
            }
        }
    }
    let headers: Vec<String> = parts.iter().map(|p| p.join(" ")).collect();
    let mut rows = Vec::new();
    let mut section = caption.clone().or_else(|| heading.map(str::to_owned));
    for (r, row) in grid.iter().enumerate().skip(header_rows) {
        let line = lines.get(r).copied().unwrap_or(node.line);
        // One cell spanning the whole row: a heading for the rows below.
        let heading_row = width > 1
            && cell_counts.get(r) == Some(&1)
            && row.len() >= width
            && row.iter().all(|c| c.as_ref().is_some_and(|c| !c.2));
        if heading_row {
            section = row.first().cloned().flatten().map(|c| c.0);
            continue;
        }
        let cells: Vec<Cell> = (0..width)
            .map(|c| match row.get(c).cloned().flatten() {
                Some((text, line, spanned)) => Cell {
                    text,
                    line,
                    spanned,
                },
                None => Cell::new("", line),
            })
            .collect();
        rows.push(Row {
            line,
            cells,
            section: section.clone(),
        });
    }
    let end_line = rows.last().map_or(node.line, |r: &Row| r.line);
    Table {
        dialect: Dialect::Html,
        line: lines.first().copied().unwrap_or(node.line),
        end_line,
        headers,
        rows,
        heading: caption.or_else(|| heading.map(str::to_owned)),
        problems,
    }
}

/// Whether an element starts a line of its own when shown.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "figcaption"
            | "figure"
            | "footer"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "tr"
            | "ul"
    )
}

/// The text of an element as a browser shows it, lines trimmed, blank
/// lines dropped.
pub(crate) fn shown_text(node: &Rc<Node>) -> String {
    enum Step {
        Enter(Rc<Node>, bool),
        Leave(bool),
    }
    let mut raw = String::new();
    let mut stack = vec![Step::Enter(node.clone(), false)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(block) => {
                if block {
                    raw.push('\n');
                }
            }
            Step::Enter(n, in_pre) => {
                if let Kind::Text(t) = &n.kind {
                    let t = t.borrow();
                    if in_pre {
                        raw.push_str(&t.replace(' ', "\u{0}"));
                    } else {
                        // Line ends in the source are white space.
                        raw.extend(t.chars().map(|c| match c {
                            '\n' | '\r' | '\t' | '\u{c}' => ' ',
                            c => c,
                        }));
                    }
                    continue;
                }
                if !Rc::ptr_eq(&n, node) && skipped(&n) {
                    continue;
                }
                let name = n.local().unwrap_or("");
                if name == "br" {
                    raw.push('\n');
                    continue;
                }
                let block = is_block(name);
                if block {
                    raw.push('\n');
                }
                stack.push(Step::Leave(block));
                let pre = in_pre || name == "pre" || name == "textarea";
                for c in n.children.borrow().iter().rev() {
                    stack.push(Step::Enter(c.clone(), pre));
                }
            }
        }
    }
    let mut out = String::new();
    for line in raw.split('\n') {
        let collapsed: String = line
            .split([' ', '\t', '\r', '\u{c}'])
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
            .replace('\u{0}', " ");
        let trimmed = collapsed.trim_matches(' ');
        if !trimmed.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(trimmed);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// A small DOM for html5ever, recording each element's line.

#[derive(Debug)]
enum Kind {
    Document,
    Element(QualName, RefCell<Vec<Attribute>>),
    Text(RefCell<String>),
    Comment,
    Other,
}

#[derive(Debug)]
pub(crate) struct Node {
    kind: Kind,
    /// 1-based line the node was created at.
    line: usize,
    parent: RefCell<Option<Weak<Node>>>,
    children: RefCell<Vec<Rc<Node>>>,
    /// For `<template>`: its contents (not shown, not a child).
    template: Option<Rc<Node>>,
}

/// The name of a node that is not an element (never asked for by the parser).
fn no_name() -> &'static QualName {
    static NAME: std::sync::OnceLock<QualName> = std::sync::OnceLock::new();
    NAME.get_or_init(|| QualName::new(None, ns!(), local_name!("")))
}

impl Node {
    fn new(kind: Kind, line: usize) -> Rc<Node> {
        Rc::new(Node {
            kind,
            line,
            parent: RefCell::new(None),
            children: RefCell::new(Vec::new()),
            template: None,
        })
    }

    /// The element's local name, for HTML elements.
    fn local(&self) -> Option<&str> {
        match &self.kind {
            Kind::Element(name, _) if name.ns == ns!(html) => Some(&name.local),
            _ => None,
        }
    }

    fn attr(&self, name: &str) -> Option<String> {
        match &self.kind {
            Kind::Element(_, attrs) => attrs
                .borrow()
                .iter()
                .find(|a| &*a.name.local == name)
                .map(|a| a.value.to_string()),
            _ => None,
        }
    }
}

struct Dom {
    document: Rc<Node>,
    line: Slot<u64>,
    /// The page line (`str::lines`: ends at `\n`) of each parser line (the
    /// HTML parser also ends a line at a lone `\r`).
    lines: Vec<usize>,
}

impl Dom {
    fn line(&self) -> usize {
        usize::try_from(self.line.get())
            .ok()
            .and_then(|l| self.lines.get(l).copied())
            .unwrap_or_else(|| self.lines.last().copied().unwrap_or(1))
    }
}

/// For each line the HTML parser counts (1-based), the page's line.
fn page_lines(page: &str) -> Vec<usize> {
    let mut map = vec![1, 1];
    let mut ours = 1;
    let bytes = page.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\n' => {
                ours += 1;
                map.push(ours);
            }
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => map.push(ours),
            _ => {}
        }
    }
    map
}

fn detach(node: &Rc<Node>) {
    let parent = node.parent.borrow_mut().take().and_then(|p| p.upgrade());
    if let Some(p) = parent {
        p.children.borrow_mut().retain(|c| !Rc::ptr_eq(c, node));
    }
}

fn append_node(parent: &Rc<Node>, child: Rc<Node>) {
    detach(&child);
    *child.parent.borrow_mut() = Some(Rc::downgrade(parent));
    parent.children.borrow_mut().push(child);
}

impl TreeSink for Dom {
    type Handle = Rc<Node>;
    type Output = Self;
    type ElemName<'a> = &'a QualName;

    fn finish(self) -> Self {
        self
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Rc<Node> {
        self.document.clone()
    }

    fn elem_name<'a>(&'a self, target: &'a Rc<Node>) -> &'a QualName {
        match &target.kind {
            Kind::Element(name, _) => name,
            _ => no_name(),
        }
    }

    fn create_element(
        &self,
        name: QualName,
        attrs: Vec<Attribute>,
        flags: ElementFlags,
    ) -> Rc<Node> {
        let template = flags
            .template
            .then(|| Node::new(Kind::Document, self.line()));
        Rc::new(Node {
            kind: Kind::Element(name, RefCell::new(attrs)),
            line: self.line(),
            parent: RefCell::new(None),
            children: RefCell::new(Vec::new()),
            template,
        })
    }

    fn create_comment(&self, _text: StrTendril) -> Rc<Node> {
        Node::new(Kind::Comment, self.line())
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Rc<Node> {
        Node::new(Kind::Other, self.line())
    }

    fn append(&self, parent: &Rc<Node>, child: NodeOrText<Rc<Node>>) {
        match child {
            NodeOrText::AppendNode(node) => append_node(parent, node),
            NodeOrText::AppendText(text) => {
                let last = parent.children.borrow().last().cloned();
                if let Some(last) = last
                    && let Kind::Text(t) = &last.kind
                {
                    t.borrow_mut().push_str(&text);
                    return;
                }
                let node = Node::new(Kind::Text(RefCell::new(text.to_string())), self.line());
                append_node(parent, node);
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &Rc<Node>,
        prev_element: &Rc<Node>,
        child: NodeOrText<Rc<Node>>,
    ) {
        let has_parent = element
            .parent
            .borrow()
            .as_ref()
            .is_some_and(|p| p.upgrade().is_some());
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &Rc<Node>) -> Rc<Node> {
        target.template.clone().unwrap_or_else(|| target.clone())
    }

    fn same_node(&self, x: &Rc<Node>, y: &Rc<Node>) -> bool {
        Rc::ptr_eq(x, y)
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Rc<Node>, new_node: NodeOrText<Rc<Node>>) {
        let Some(parent) = sibling.parent.borrow().as_ref().and_then(Weak::upgrade) else {
            return;
        };
        let index = parent
            .children
            .borrow()
            .iter()
            .position(|c| Rc::ptr_eq(c, sibling))
            .unwrap_or(0);
        let node = match new_node {
            NodeOrText::AppendNode(node) => node,
            NodeOrText::AppendText(text) => {
                let before = index
                    .checked_sub(1)
                    .and_then(|i| parent.children.borrow().get(i).cloned());
                if let Some(prev) = before
                    && let Kind::Text(t) = &prev.kind
                {
                    t.borrow_mut().push_str(&text);
                    return;
                }
                Node::new(Kind::Text(RefCell::new(text.to_string())), self.line())
            }
        };
        detach(&node);
        // Detaching may have moved the sibling (same parent).
        let index = parent
            .children
            .borrow()
            .iter()
            .position(|c| Rc::ptr_eq(c, sibling))
            .unwrap_or(index);
        *node.parent.borrow_mut() = Some(Rc::downgrade(&parent));
        parent.children.borrow_mut().insert(index, node);
    }

    fn add_attrs_if_missing(&self, target: &Rc<Node>, attrs: Vec<Attribute>) {
        if let Kind::Element(_, existing) = &target.kind {
            let mut existing = existing.borrow_mut();
            for a in attrs {
                if !existing.iter().any(|e| e.name == a.name) {
                    existing.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &Rc<Node>) {
        detach(target);
    }

    fn reparent_children(&self, node: &Rc<Node>, new_parent: &Rc<Node>) {
        let children = std::mem::take(&mut *node.children.borrow_mut());
        for c in children {
            *c.parent.borrow_mut() = Some(Rc::downgrade(new_parent));
            new_parent.children.borrow_mut().push(c);
        }
    }

    fn set_current_line(&self, line: u64) {
        self.line.set(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::texts;

    #[test]
    fn reads_tables_as_a_browser_shows_them() {
        let page = "<html><head><title>t</title><style>td{}</style></head><body>\n<h2>错误码</h2>\n<table>\n<thead><tr><th>HTTP 状态码</th><th>错误码</th><th>错误信息</th></tr></thead>\n<tbody>\n<tr><td rowspan=\"2\">400</td><td><code>A.1</code></td><td>The   value\n is &lt;bad&gt; &amp; wrong.</td></tr>\n<tr><td>A.2</td><td>Line one<br>line two<script>alert(1)</script></td></tr>\n<tr><td>500<td>B<td><p>para 1</p><p>para 2</p><span hidden>secret</span>\n</table>\n</body></html>";
        let t = tables(page).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].headers, ["HTTP 状态码", "错误码", "错误信息"]);
        assert_eq!(t[0].heading.as_deref(), Some("错误码"));
        assert_eq!(
            texts(&t[0]),
            [
                ["400", "A.1", "The value is <bad> & wrong."],
                ["400", "A.2", "Line one\nline two"],
                ["500", "B", "para 1\npara 2"]
            ]
        );
        assert!(t[0].rows[1].cells[0].spanned && !t[0].rows[0].cells[0].spanned);
        assert_eq!(
            t[0].rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            [6, 8, 9],
            "the first row's cell spans lines 6 and 7"
        );
        assert_eq!(t[0].line, 4);
    }

    #[test]
    fn lines_are_the_pages_lines_whatever_ends_them() {
        let page = "<table>\r<tr><th>Code</th></tr>\r\n<tr><td>A</td></tr>\r<tr><td>B</td></tr>\n<tr><td>C</td></tr></table>";
        let t = tables(page).unwrap();
        // `str::lines` ends lines at `\n` only: a lone `\r` does not.
        assert_eq!(page.lines().count(), 3);
        assert_eq!(
            t[0].rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            [2, 2, 3]
        );
    }

    #[test]
    fn colspans_sections_and_nested_tables() {
        let page = "<table><tr><th colspan=2>Error</th><th rowspan=2>Status</th></tr><tr><th>Code</th><th>Message</th></tr>\n<tr><td colspan=3>Common errors</td></tr>\n<tr><td>A</td><td>a <table><tr><td>inner</td></tr></table></td><td>400</td></tr>\n<tr><td colspan=2>B spans two</td><td>500</td></tr></table>";
        let t = tables(page).unwrap();
        assert_eq!(t.len(), 2, "the inner table is a table of its own");
        assert_eq!(t[0].headers, ["Error Code", "Error Message", "Status"]);
        assert_eq!(
            texts(&t[0]),
            [["A", "a\ninner", "400"], ["B spans two", "", "500"]]
        );
        assert_eq!(t[0].rows[0].section.as_deref(), Some("Common errors"));
        assert_eq!(texts(&t[1]), Vec::<Vec<&str>>::new());
        assert_eq!(t[1].headers, ["inner"]);
    }

    #[test]
    fn hostile_markup_is_text_or_nothing() {
        let page = "<table><tr><th>Code</th><th>Message</th></tr><tr><td>A</td><td>&lt;script&gt;x&lt;/script&gt; <!-- c --> {0} %s \"q\"<template><b>t</b></template></td></tr><tr><td rowspan=999999 colspan=0>Z</td><td>z</td></tr></table>";
        let t = tables(page).unwrap();
        assert_eq!(
            texts(&t[0]),
            [["A", "<script>x</script> {0} %s \"q\""], ["Z", "z"]]
        );
        let table = "<table><tr><th>Code</th></tr><tr><td>X</td></tr></table>";
        let deep = "<div>\n".repeat(MAX_DEPTH - 1) + table;
        assert_eq!(texts(&tables(&deep).unwrap()[0]), [["X"]]);
        let deeper = "<div>\n".repeat(MAX_DEPTH) + table;
        let err = tables(&deeper).unwrap_err();
        assert_eq!(err.0, MAX_DEPTH + 1);
        assert!(err.1.contains("more than 1000 deep"), "{err:?}");
        let flat = "<p>x<li>y<td>z<br>".repeat(100_000) + table;
        assert_eq!(
            tables(&flat).unwrap().len(),
            1,
            "implied end tags do not nest"
        );
        let script = format!("<script>{}</script>{table}", "<div>".repeat(5000));
        assert_eq!(
            tables(&script).unwrap().len(),
            1,
            "script text is not markup"
        );
        let wide = format!(
            "<table><tr><th>Code</th>{}</tr></table>",
            "<th colspan=100>x</th>".repeat(3)
        );
        assert!(!tables(&wide).unwrap()[0].problems.is_empty());
    }
}
