//! What `import` is asked to do and what it gives back: the page format,
//! the options (the CLI's arguments), the tables read and the result.

use super::roles::Role;
use super::rows::ImportedRow;
use super::table::Dialect;
use std::fmt;

/// The layout of a page, as `--format` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PageFormat {
    /// Every dialect; the tables found are read in page order.
    #[default]
    Auto,
    /// One dialect.
    Dialect(Dialect),
    /// `huawei-vertical`: [`Dialect::Vertical`], vendor `huawei`.
    HuaweiVertical,
    /// `pipe-table`: [`Dialect::Markdown`], vendor `alibaba`.
    PipeTable,
    /// `code-description`: [`Dialect::CodeDescription`], vendor `tencent`.
    CodeDescription,
    /// `huawei-inline`: [`Dialect::Inline`], vendor `huawei`.
    HuaweiInline,
}

impl PageFormat {
    /// Every format, as listed by `--help`.
    pub const ALL: &'static [PageFormat] = &[
        PageFormat::Auto,
        PageFormat::Dialect(Dialect::Markdown),
        PageFormat::Dialect(Dialect::Vertical),
        PageFormat::Dialect(Dialect::Html),
        PageFormat::CodeDescription,
        PageFormat::Dialect(Dialect::Inline),
        PageFormat::HuaweiVertical,
        PageFormat::PipeTable,
        PageFormat::HuaweiInline,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            PageFormat::Auto => "auto",
            PageFormat::Dialect(d) => d.as_str(),
            PageFormat::HuaweiVertical => "huawei-vertical",
            PageFormat::PipeTable => "pipe-table",
            PageFormat::CodeDescription => "code-description",
            PageFormat::HuaweiInline => "huawei-inline",
        }
    }

    pub fn from_name(name: &str) -> Option<PageFormat> {
        PageFormat::ALL.iter().copied().find(|f| f.as_str() == name)
    }

    /// The one dialect read, `None` for `auto`.
    pub fn dialect(self) -> Option<Dialect> {
        match self {
            PageFormat::Auto => None,
            PageFormat::Dialect(d) => Some(d),
            PageFormat::HuaweiVertical => Some(Dialect::Vertical),
            PageFormat::PipeTable => Some(Dialect::Markdown),
            PageFormat::CodeDescription => Some(Dialect::CodeDescription),
            PageFormat::HuaweiInline => Some(Dialect::Inline),
        }
    }

    /// The vendor the format's name implies (the default `vendor:` of a
    /// new spec), for the names of the vendors' page layouts.
    pub fn vendor(self) -> Option<&'static str> {
        match self {
            PageFormat::HuaweiVertical | PageFormat::HuaweiInline => Some("huawei"),
            PageFormat::PipeTable => Some("alibaba"),
            PageFormat::CodeDescription => Some("tencent"),
            PageFormat::Auto | PageFormat::Dialect(_) => None,
        }
    }
}

impl fmt::Display for PageFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for PageFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<PageFormat, String> {
        PageFormat::from_name(s).ok_or_else(|| {
            let names: Vec<&str> = PageFormat::ALL.iter().map(|f| f.as_str()).collect();
            format!("unknown page format `{s}`: use one of {}", names.join(", "))
        })
    }
}

/// What to import and how to write it: the `errors-codegen import` options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    pub format: PageFormat,
    /// Only the N-th (1-based) error table of the page.
    pub table: Option<usize>,
    /// Only the rows under this heading.
    pub section: Option<String>,
    /// An existing spec to update (a path for the [`SpecReader`](crate::SpecReader)).
    pub merge: Option<String>,
    pub mode: MergeMode,
    /// `catalog:` of a new spec (required without `merge`).
    pub catalog: Option<String>,
    /// `vendor:` of a new spec (required without `merge`, unless the format
    /// names a vendor).
    pub vendor: Option<String>,
    /// `source:` of a new spec (default: names the page).
    pub source: Option<String>,
    /// `defaults.status` of a new spec (needed when rows have no status;
    /// 200 for `tencent`).
    pub default_status: Option<u16>,
    /// Codes written under `success:`.
    pub success: Vec<String>,
}

/// One error table of a page, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableInfo {
    /// 1-based number among the page's error tables (`--table N`).
    pub number: usize,
    pub dialect: Dialect,
    /// 1-based line of its header.
    pub line: usize,
    pub headers: Vec<String>,
    /// The role of each column.
    pub roles: Vec<Role>,
    pub rows: usize,
    pub heading: Option<String>,
}

impl fmt::Display for TableInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "table {} at line {} ({}, {} rows",
            self.number, self.line, self.dialect, self.rows
        )?;
        if let Some(h) = &self.heading {
            write!(f, ", under {h:?}")?;
        }
        let cols: Vec<String> = self
            .headers
            .iter()
            .zip(&self.roles)
            .map(|(h, r)| format!("{h} = {}", r.describe()))
            .collect();
        write!(f, "): {}", cols.join(" | "))
    }
}

/// The error tables of a page and their rows, in page order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// The tables read (all error tables, or the one `--table` picked).
    pub tables: Vec<TableInfo>,
    pub rows: Vec<ImportedRow>,
}

/// An imported spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub yaml: String,
    /// What the merge kept or could not express, and what was read.
    pub notices: Vec<String>,
    pub page: Page,
}

/// The top of a spec written from scratch (ignored when merging: the
/// existing spec's top-level keys are kept).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpecHeader {
    pub catalog: String,
    pub vendor: String,
    pub source: String,
    /// Languages of the spec; empty: the languages of the rows, `en` first.
    pub languages: Vec<String>,
    /// `defaults.status`: entries with this status do not repeat it. Needed
    /// when rows have no status (Tencent: 200).
    pub default_status: Option<u16>,
    /// Codes that go under `success:` instead of `errors:`.
    pub success: Vec<String>,
}

/// How page rows go into an existing spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MergeMode {
    /// The page is the spec's reference: code, status, and the page's
    /// languages of each entry's messages and action come from the page.
    #[default]
    Update,
    /// The page is a secondary source (e.g. per-API snippets): entries keep
    /// their texts; a page text that is neither the primary nor an alternate
    /// becomes a new alternate. Codes the spec lacks are added.
    AlternatesOnly,
}
