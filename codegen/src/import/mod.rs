//! Importing vendor error-code pages: page -> tables -> rows -> spec YAML.
//!
//! A dialect reader finds the tables of a page ([`Dialect`]: Markdown pipe
//! tables, vertical one-cell-a-line tables, HTML `<table>`s, Tencent's
//! code-description lines, Huawei's inline snippets; `auto` runs them all);
//! `roles` gives each column its meaning from its header words and its
//! texts; `rows` turns table rows into [`ImportedRow`]s; `spec` writes
//! them as a spec and `merge` into an existing one. [`import`] does all of
//! it and checks the result as `errors-codegen check` would, so it never
//! returns a spec that `check` rejects. No input makes it panic; every
//! problem is a [`Diagnostic`] naming the page line.

mod code_description;
mod entry;
mod group;
mod html;
mod inline;
mod markdown;
mod merge;
mod options;
mod page;
mod roles;
mod rows;
mod script;
mod spec;
mod table;
pub mod tencent_crate;
pub mod tencent_sdk;
mod vertical;

pub use merge::parse_existing;
pub use options::{ImportOptions, Imported, MergeMode, Page, PageFormat, SpecHeader, TableInfo};
pub use page::read_page;
use page::{at, failed};
pub use roles::Role;
pub use rows::ImportedRow;
pub use spec::{render_yaml, render_yaml_report};
pub use table::Dialect;

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::model::Vendor;
use crate::spec::ast::SpecFile;
use crate::spec::load::{SpecReader, normalize};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest page read, in bytes.
pub const MAX_PAGE_BYTES: u64 = 32 * 1024 * 1024;

/// Writes the spec for a page's rows: a new one from `opts`, or `existing`
/// updated. The result is not checked; [`import`] checks it.
pub fn write_spec(
    page: &Page,
    file: &str,
    opts: &ImportOptions,
    existing: Option<&SpecFile>,
) -> Result<Imported, Diagnostics> {
    let mut diags = Diagnostics::default();
    let file_name = Path::new(file)
        .file_name()
        .map_or_else(|| file.to_owned(), |n| n.to_string_lossy().into_owned());
    let mut header = match existing {
        None => new_spec_header(page, file, opts, &mut diags),
        Some(_) => SpecHeader {
            source: opts.source.clone().unwrap_or(file_name),
            ..SpecHeader::default()
        },
    };
    let (success, unmatched) = success_codes(page, file, opts, &mut diags);
    diags.into_result()?;
    header.success = success;
    let (yaml, merge_notices) = render_yaml_report(&page.rows, &header, existing, opts.mode);
    let mut notices: Vec<String> = page.tables.iter().map(|t| format!("read {t}")).collect();
    if !unmatched.is_empty() {
        notices.push(format!(
            "no row has the code given with `--success`: {}",
            unmatched.join(", ")
        ));
    }
    notices.extend(merge_notices);
    Ok(Imported {
        yaml,
        notices,
        page: page.clone(),
    })
}

/// The top of a new spec: catalog name, vendor, default status, source.
fn new_spec_header(
    page: &Page,
    file: &str,
    opts: &ImportOptions,
    diags: &mut Diagnostics,
) -> SpecHeader {
    let start = at(file, 1);
    let mut header = SpecHeader {
        default_status: opts.default_status,
        ..SpecHeader::default()
    };
    match opts.catalog.as_deref() {
        Some(c) => match crate::spec::valid::check_ident(c, &start, "catalog name") {
            Ok(()) => header.catalog = c.to_owned(),
            Err(d) => diags.push(d),
        },
        None => diags.push(
            Diagnostic::new(start.clone(), "a new spec needs a catalog name")
                .help("pass `--catalog <Name>` (the Rust type name), or `--merge <existing.yaml>`"),
        ),
    }
    let names: Vec<&str> = Vendor::ALL.iter().map(|v| v.as_str()).collect();
    let help = format!("pass `--vendor` with one of {}", names.join(", "));
    match opts.vendor.as_deref().or(opts.format.vendor()) {
        Some(v) if Vendor::from_name(v).is_some() => header.vendor = v.to_owned(),
        Some(v) => {
            diags.push(Diagnostic::new(start.clone(), format!("unknown vendor `{v}`")).help(help));
        }
        None => diags.push(
            Diagnostic::new(
                start.clone(),
                "a new spec needs a vendor (it selects the wire format)",
            )
            .help(help),
        ),
    }
    if let Some(r) = page.rows.iter().find(|r| r.status.is_none())
        && header.default_status.is_none()
    {
        if header.vendor == "tencent" {
            // API 3.0 answers errors with HTTP 200.
            header.default_status = Some(200);
        } else if !header.vendor.is_empty() {
            diags.push(
                Diagnostic::new(
                    at(file, r.line),
                    "rows without an HTTP status (the page has no status column, or an empty cell)",
                )
                .help(
                    "pass `--default-status <STATUS>` (the status the vendor answers errors with)",
                ),
            );
        }
    }
    let mut dialects: Vec<&str> = Vec::new();
    for t in &page.tables {
        if !dialects.contains(&t.dialect.as_str()) {
            dialects.push(t.dialect.as_str());
        }
    }
    let file_name = Path::new(file)
        .file_name()
        .map_or_else(|| file.to_owned(), |n| n.to_string_lossy().into_owned());
    header.source = opts
        .source
        .clone()
        .unwrap_or_else(|| format!("Imported from {file_name} ({} page)", dialects.join(", ")));
    header
}

/// The spec form of the codes given with `--success`, and those no row has;
/// a template code is a diagnostic (a success code is exact).
fn success_codes<'o>(
    page: &Page,
    file: &str,
    opts: &'o ImportOptions,
    diags: &mut Diagnostics,
) -> (Vec<String>, Vec<&'o str>) {
    let mut success = Vec::new();
    let mut unmatched = Vec::new();
    for code in &opts.success {
        let rows: Vec<&ImportedRow> = page
            .rows
            .iter()
            .filter(|r| r.code == *code || r.vendor_code() == *code)
            .collect();
        if rows.is_empty() {
            unmatched.push(code.as_str());
        }
        match rows.iter().find(|r| !r.fields().is_empty()) {
            Some(r) => diags.push(
                Diagnostic::new(at(file, r.line), format!("`--success {code}`: a success code cannot be a template code (it has a placeholder)"))
                    .help("name an exact code with `--success`; a template code stays an error"),
            ),
            None => success.extend(rows.iter().map(|r| r.code.clone())),
        }
    }
    (success, unmatched)
}

/// Serves one spec text from memory, every other file through `inner`.
struct Overlay<'a> {
    path: PathBuf,
    text: &'a str,
    inner: &'a dyn SpecReader,
}

impl SpecReader for Overlay<'_> {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        if path == self.path {
            Ok(self.text.to_owned())
        } else {
            self.inner.read(path)
        }
    }

    fn identity(&self, path: &Path) -> Option<PathBuf> {
        // The spec being checked is not on disk yet (or is about to change).
        (path != self.path)
            .then(|| self.inner.identity(path))
            .flatten()
    }
}

/// Checks a written spec as `errors-codegen check` would, as if it were the
/// file `spec` (its includes read through `reader`).
pub fn check_spec(yaml: &str, spec: &str, reader: &dyn SpecReader) -> Result<(), Diagnostics> {
    let overlay = Overlay {
        path: normalize(Path::new(spec)),
        text: yaml,
        inner: reader,
    };
    crate::spec::load_catalog(Path::new(""), spec, &overlay)
        .result
        .map(|_| ())
}

/// Imports a page: reads its error tables, writes the spec (merged into
/// `opts.merge`, read through `reader`) and checks it.
pub fn import(
    text: &str,
    file: &str,
    opts: &ImportOptions,
    reader: &dyn SpecReader,
) -> Result<Imported, Diagnostics> {
    let page = read_page(text, file, opts.format, opts.table, opts.section.as_deref())?;
    let existing = match &opts.merge {
        Some(path) => {
            let text = reader.read(Path::new(path)).map_err(|e| {
                failed(
                    Diagnostic::new(
                        Pos::new(path, 0, 0),
                        format!("cannot read the spec to merge into: {e}"),
                    )
                    .help("check the path given to `--merge`"),
                )
            })?;
            Some(parse_existing(&text, path)?)
        }
        None => None,
    };
    let imported = write_spec(&page, file, opts, existing.as_ref())?;
    let limit = crate::spec::yaml::MAX_SPEC_BYTES;
    if imported.yaml.len() > limit {
        return Err(failed(
            Diagnostic::new(
                at(file, 1),
                format!(
                    "the spec for this page would be {} bytes ({} rows), more than the {limit} bytes a spec may have",
                    imported.yaml.len(),
                    page.rows.len()
                ),
            )
            .help("import a part of the page (`--table N`, `--section NAME`) per spec, and join the specs with `include`"),
        ));
    }
    let spec = opts.merge.as_deref().unwrap_or("imported.yaml");
    check_spec(&imported.yaml, spec, reader).map_err(|d| {
        let mut all = failed(
            Diagnostic::new(at(file, 1), "the spec written from the page does not pass `check` (a bug of the importer: please report it with the page)")
                .help("the problems follow; the spec is not written"),
        );
        all.0.extend(d.0);
        all
    })?;
    Ok(imported)
}

/// Reads a saved page: a regular file of at most [`MAX_PAGE_BYTES`], as
/// UTF-8 (invalid bytes replaced).
pub fn read_page_file(path: &Path) -> std::io::Result<String> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than {MAX_PAGE_BYTES} bytes"),
        ));
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests;
