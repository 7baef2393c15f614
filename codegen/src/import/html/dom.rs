//! A small DOM for html5ever that records the page line each node starts on.

use html5ever::interface::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{Attribute, QualName, local_name, ns};
use std::borrow::Cow;
use std::cell::{Cell as Slot, RefCell};
use std::rc::{Rc, Weak};

#[derive(Debug)]
pub(super) enum Kind {
    Document,
    Element(QualName, RefCell<Vec<Attribute>>),
    Text(RefCell<String>),
    Comment,
    Other,
}

#[derive(Debug)]
pub(crate) struct Node {
    pub(super) kind: Kind,
    /// 1-based line the node was created at.
    pub(super) line: usize,
    parent: RefCell<Option<Weak<Node>>>,
    pub(super) children: RefCell<Vec<Rc<Node>>>,
    /// For `<template>`: its contents (not shown, not a child).
    template: Option<Rc<Node>>,
}

/// The name of a node that is not an element (never asked for by the parser).
fn no_name() -> &'static QualName {
    static NAME: std::sync::OnceLock<QualName> = std::sync::OnceLock::new();
    NAME.get_or_init(|| QualName::new(None, ns!(), local_name!("")))
}

impl Node {
    pub(super) fn new(kind: Kind, line: usize) -> Rc<Node> {
        Rc::new(Node {
            kind,
            line,
            parent: RefCell::new(None),
            children: RefCell::new(Vec::new()),
            template: None,
        })
    }

    /// The element's local name, for HTML elements.
    pub(super) fn local(&self) -> Option<&str> {
        match &self.kind {
            Kind::Element(name, _) if name.ns == ns!(html) => Some(&name.local),
            _ => None,
        }
    }

    pub(super) fn attr(&self, name: &str) -> Option<String> {
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

pub(super) struct Dom {
    pub(super) document: Rc<Node>,
    line: Slot<u64>,
    /// The page line (`str::lines`: ends at `\n`) of each parser line (the
    /// HTML parser also ends a line at a lone `\r`).
    lines: Vec<usize>,
}

impl Dom {
    /// An empty document for `page` (its lines are counted first).
    pub(super) fn new(page: &str) -> Dom {
        Dom {
            document: Node::new(Kind::Document, 1),
            line: Slot::new(1),
            lines: page_lines(page),
        }
    }

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
