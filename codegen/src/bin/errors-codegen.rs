//! `errors-codegen`: check, expand, import, export and compare error catalogs.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand};
use errors_codegen::import::{self, MergeMode, PageFormat, SpecHeader};
use errors_codegen::{Catalog, FsReader, export, generate, load_catalog};
use std::path::Path;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "errors-codegen",
    version,
    about = "Generate Rust error enums from YAML error-code catalogs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check specs; print every problem and exit 1 if there is any.
    Check {
        /// Spec files.
        #[arg(required = true)]
        specs: Vec<String>,
    },
    /// Print the Rust code `build.rs` would write for a spec.
    Expand {
        /// Spec file.
        spec: String,
    },
    /// Read the error table of a saved vendor page and print it as a spec
    /// (YAML) on stdout; see "Importing" in specs/SCHEMA.md.
    Import(ImportArgs),
    /// Print a spec as JSON (template codes in the vendor's form).
    Export {
        /// JSON output (the only format).
        #[arg(long)]
        json: bool,
        /// Spec file.
        spec: String,
    },
    /// Compare two specs: codes added, removed, or with another status or
    /// text. Exit status 1 when they differ, 2 on an error.
    Diff {
        /// The old spec.
        old: String,
        /// The new spec.
        new: String,
    },
}

fn format_parser() -> impl TypedValueParser<Value = PageFormat> {
    PossibleValuesParser::new(PageFormat::ALL.iter().map(|f| f.as_str()))
        .try_map(|name| name.parse::<PageFormat>())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { specs } => check(&specs),
        Command::Expand { spec } => expand(&spec),
        Command::Import(args) => import_page(args),
        Command::Export { json, spec } => export_spec(json, &spec),
        Command::Diff { old, new } => diff(&old, &new),
    }
}

/// Arguments of `import`.
#[derive(clap::Args)]
struct ImportArgs {
    /// Layout of the page.
    #[arg(long, value_parser = format_parser())]
    format: PageFormat,
    /// Existing spec to update: its hand-written fields and top-level
    /// keys are kept; code, status and the page's messages come from the page.
    #[arg(long, value_name = "EXISTING.yaml")]
    merge: Option<String>,
    /// With --merge: the page is a secondary source; entries keep their
    /// texts and only new texts are added, as alternates.
    #[arg(long, requires = "merge")]
    alternates_only: bool,
    /// `catalog:` of a new spec (required without --merge).
    #[arg(long, value_name = "NAME")]
    catalog: Option<String>,
    /// `vendor:` of a new spec (default: the vendor of the format).
    #[arg(long)]
    vendor: Option<String>,
    /// `source:` of a new spec (default: names the page file).
    #[arg(long)]
    source: Option<String>,
    /// `defaults.status` of a new spec (default for a page without a
    /// status column: 200 for tencent).
    #[arg(long, value_name = "STATUS")]
    default_status: Option<u16>,
    /// A code that means success: written under `success:` (repeatable).
    #[arg(long = "success", value_name = "CODE")]
    success: Vec<String>,
    /// Import only the rows under this heading (code-description pages,
    /// e.g. "Common Error Codes").
    #[arg(long)]
    section: Option<String>,
    /// The page, saved as text.
    page: String,
}

fn import_page(opts: ImportArgs) -> ExitCode {
    let page = opts.page.as_str();
    let format = opts.format;
    let merge = opts.merge.as_deref();
    let text = match std::fs::read_to_string(page) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {page}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut rows = match import::import(&text, format) {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("error: {page}:{}: {}", e.line, e.message);
            eprintln!("  = help: check `--format` ({format}), or the page's layout");
            return ExitCode::FAILURE;
        }
    };
    if let Some(section) = &opts.section {
        let mut sections: Vec<String> = Vec::new();
        for r in &rows {
            if let Some(s) = &r.section
                && !sections.contains(s)
            {
                sections.push(s.clone());
            }
        }
        rows.retain(|r| r.section.as_deref() == Some(section.as_str()));
        if rows.is_empty() {
            eprintln!(
                "error: {page}: no rows under the heading {section:?}; the page's headings are: {}",
                if sections.is_empty() {
                    "(none)".to_owned()
                } else {
                    sections
                        .iter()
                        .map(|s| format!("{s:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            );
            return ExitCode::FAILURE;
        }
    }
    let existing = match merge {
        Some(path) => {
            let text = match std::fs::read_to_string(path) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("error: cannot read {path}: {e}");
                    return ExitCode::from(2);
                }
            };
            match import::parse_existing(&text, path) {
                Ok(spec) => Some(spec),
                Err(diags) => {
                    eprintln!("{diags}");
                    return ExitCode::FAILURE;
                }
            }
        }
        None => None,
    };
    let vendor = opts.vendor.unwrap_or_else(|| format.vendor().to_owned());
    let mut default_status = opts.default_status;
    if existing.is_none() && default_status.is_none() && rows.iter().any(|r| r.status.is_none()) {
        if vendor == "tencent" {
            default_status = Some(200);
        } else {
            eprintln!("error: {page}: the page has no status column");
            eprintln!(
                "  = help: pass `--default-status <STATUS>` (the status the vendor answers errors with)"
            );
            return ExitCode::FAILURE;
        }
    }
    let catalog = match (opts.catalog, &existing) {
        (Some(c), _) => c,
        (None, Some(_)) => String::new(),
        (None, None) => {
            eprintln!("error: a new spec needs a catalog name");
            eprintln!("  = help: pass `--catalog <Name>` (or `--merge <existing.yaml>`)");
            return ExitCode::from(2);
        }
    };
    let file_name = Path::new(page)
        .file_name()
        .map_or_else(|| page.to_owned(), |n| n.to_string_lossy().into_owned());
    let header = SpecHeader {
        catalog,
        vendor,
        source: opts.source.unwrap_or_else(|| {
            if existing.is_some() {
                file_name
            } else {
                format!("Imported from {file_name} ({format} page)")
            }
        }),
        languages: Vec::new(),
        default_status,
        success: opts.success,
    };
    let mode = if opts.alternates_only {
        MergeMode::AlternatesOnly
    } else {
        MergeMode::Update
    };
    let (yaml, notices) = import::render_yaml_report(&rows, &header, existing.as_ref(), mode);
    print!("{yaml}");
    for n in notices {
        eprintln!("note: {n}");
    }
    ExitCode::SUCCESS
}

fn load(spec: &str) -> Option<Catalog> {
    match load_catalog(Path::new(""), spec, &FsReader).result {
        Ok(c) => Some(c),
        Err(diags) => {
            eprintln!("{diags}");
            None
        }
    }
}

fn export_spec(json: bool, spec: &str) -> ExitCode {
    if !json {
        eprintln!("error: choose an output format");
        eprintln!("  = help: pass `--json`");
        return ExitCode::from(2);
    }
    match load(spec) {
        Some(c) => {
            println!("{}", export::export_json(&c));
            ExitCode::SUCCESS
        }
        None => ExitCode::from(2),
    }
}

fn diff(old: &str, new: &str) -> ExitCode {
    let (Some(a), Some(b)) = (load(old), load(new)) else {
        return ExitCode::from(2);
    };
    let changes = export::diff(&a, &b);
    for c in &changes {
        println!("{c}");
    }
    if changes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn check(specs: &[String]) -> ExitCode {
    let mut failed = false;
    for spec in specs {
        let loaded = load_catalog(Path::new(""), spec, &FsReader);
        match loaded.result {
            Ok(catalog) => println!(
                "{spec}: ok ({} codes, {} success codes, languages {})",
                catalog.entries.len(),
                catalog.success.len(),
                catalog.languages.join(", ")
            ),
            Err(diags) => {
                eprintln!("{diags}\n");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn expand(spec: &str) -> ExitCode {
    match generate(Path::new(""), spec).0 {
        Ok(code) => {
            print!("{code}");
            ExitCode::SUCCESS
        }
        Err(diags) => {
            eprintln!("{diags}");
            ExitCode::FAILURE
        }
    }
}
