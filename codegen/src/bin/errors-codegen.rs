//! `errors-codegen`: check, expand, import, export and compare error catalogs.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand};
use errors_codegen::import::{self, ImportOptions, MergeMode, PageFormat};
use errors_codegen::{Catalog, FsReader, docs_html, export_json, generate, load_catalog};
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
    /// Regenerate the `tencent-catalogs` crate (its specs, lib.rs and
    /// features) from the Tencent SDK copy in `vendor/tencent-sdk`; run from
    /// the repository root.
    ImportTencentSdk {
        /// Write nothing; exit 1 if a generated file differs from the one
        /// on disk (or a stale spec is there).
        #[arg(long)]
        check: bool,
        /// The repository root.
        #[arg(long, default_value = ".")]
        root: String,
    },
    /// Write the catalogs as one self-contained HTML page: every code with
    /// its status, retry class, messages, action and notes; a search box,
    /// a language switch and a link per code (`catalog.html#CBC.0250`).
    /// Exit status 1 when a spec has problems, 2 when the page cannot be
    /// written.
    Docs {
        /// Spec files, one catalog each, shown in this order.
        #[arg(required = true)]
        specs: Vec<String>,
        /// The HTML file to write (`-` for stdout).
        #[arg(short, long, value_name = "FILE")]
        output: String,
    },
    /// Compare two specs: codes added, removed or changed, and what each
    /// change means for the generated Rust API under semver (breaking:
    /// a variant removed or renamed, a template field renamed; additive: a
    /// variant added, the enums being #[non_exhaustive]; behaviour: a status,
    /// retry class, message or action changed), then a summary line.
    ///
    /// Exit status: 0 no change, 1 only non-breaking changes (additive or
    /// behaviour), 3 at least one breaking change, 2 an error (a spec that
    /// does not load).
    Diff {
        /// Print the report as JSON (changes, summary counts, verdict).
        #[arg(long)]
        json: bool,
        /// The old spec.
        old: String,
        /// The new spec.
        new: String,
    },
}

/// `--format`: a page layout, or `tencent-sdk-go` (an SDK `errors.go`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Page(PageFormat),
    TencentSdkGo,
}

const TENCENT_SDK_GO: &str = "tencent-sdk-go";

fn format_parser() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(
        PageFormat::ALL
            .iter()
            .map(|f| f.as_str())
            .chain([TENCENT_SDK_GO]),
    )
    .try_map(|name| {
        if name == TENCENT_SDK_GO {
            Ok(Format::TencentSdkGo)
        } else {
            name.parse::<PageFormat>().map(Format::Page)
        }
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { specs } => check(&specs),
        Command::Expand { spec } => expand(&spec),
        Command::Import(args) => import_page(args),
        Command::Export { json, spec } => export_spec(json, &spec),
        Command::Docs { specs, output } => write_docs(&specs, &output),
        Command::Diff { json, old, new } => diff_specs(json, &old, &new),
        Command::ImportTencentSdk { check, root } => import_tencent_sdk(check, &root),
    }
}

/// Arguments of `import`.
#[derive(clap::Args)]
struct ImportArgs {
    /// Layout of the page: `auto` finds every table (Markdown, vertical,
    /// HTML, code-description, inline); the vendor names (`huawei-vertical`,
    /// `pipe-table`, `code-description`, `huawei-inline`) also set `--vendor`.
    /// `tencent-sdk-go`: the page is the Chinese `errors.go` of a Tencent
    /// Go SDK package (see --en, --include).
    #[arg(long, value_parser = format_parser(), default_value = "auto")]
    format: Format,
    /// With --format tencent-sdk-go: the international SDK's `errors.go` of
    /// the same package (the English texts).
    #[arg(long, value_name = "EN_errors.go")]
    en: Option<String>,
    /// With --format tencent-sdk-go: a spec of common codes to `include:`
    /// (repeatable); the product's entry wins where both list a code. The
    /// path is written as given and resolved from the current directory.
    #[arg(long, value_name = "COMMON.yaml")]
    include: Vec<String>,
    /// Import only the N-th error table of the page (1-based); without it,
    /// every error table, in page order.
    #[arg(long, value_name = "N")]
    table: Option<usize>,
    /// Import only the rows under this heading (e.g. "Common Error Codes").
    #[arg(long)]
    section: Option<String>,
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
    /// `vendor:` of a new spec: huawei, tencent or alibaba (required
    /// without --merge, unless --format names a vendor).
    #[arg(long)]
    vendor: Option<String>,
    /// `source:` of a new spec (default: names the page file).
    #[arg(long)]
    source: Option<String>,
    /// `defaults.status` of a new spec (needed for a page without a
    /// status column; 200 for tencent).
    #[arg(long, value_name = "STATUS")]
    default_status: Option<u16>,
    /// A code that means success: written under `success:` (repeatable).
    #[arg(long = "success", value_name = "CODE")]
    success: Vec<String>,
    /// The page, saved as text, Markdown or HTML.
    page: String,
}

impl ImportArgs {
    fn options(&self, format: PageFormat) -> ImportOptions {
        ImportOptions {
            format,
            table: self.table,
            section: self.section.clone(),
            merge: self.merge.clone(),
            mode: if self.alternates_only {
                MergeMode::AlternatesOnly
            } else {
                MergeMode::Update
            },
            catalog: self.catalog.clone(),
            vendor: self.vendor.clone(),
            source: self.source.clone(),
            default_status: self.default_status,
            success: self.success.clone(),
        }
    }
}

fn import_page(args: ImportArgs) -> ExitCode {
    let format = match args.format {
        Format::TencentSdkGo => return import_sdk_file(&args),
        Format::Page(f) => f,
    };
    if args.en.is_some() || !args.include.is_empty() {
        eprintln!("error: `--en` and `--include` are options of `--format {TENCENT_SDK_GO}`");
        eprintln!("  = help: pass `--format {TENCENT_SDK_GO}`, or leave them out");
        return ExitCode::from(2);
    }
    let page = args.page.as_str();
    let text = match import::read_page_file(Path::new(page)) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {page}: {e}");
            return ExitCode::from(2);
        }
    };
    match import::import(&text, page, &args.options(format), &FsReader) {
        Ok(imported) => {
            print!("{}", imported.yaml);
            for n in imported.notices {
                eprintln!("note: {n}");
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            eprintln!("{diags}");
            ExitCode::FAILURE
        }
    }
}

/// `import --format tencent-sdk-go [--en EN] [--include C] [--catalog N] ZH`.
fn import_sdk_file(args: &ImportArgs) -> ExitCode {
    use import::tencent_sdk::{SdkInput, TencentSdkOptions, import_tencent_sdk};
    let page_only = [
        (args.table.is_some(), "--table"),
        (args.section.is_some(), "--section"),
        (args.merge.is_some(), "--merge"),
        (args.vendor.is_some(), "--vendor"),
        (args.default_status.is_some(), "--default-status"),
        (!args.success.is_empty(), "--success"),
    ];
    if let Some((_, flag)) = page_only.iter().find(|(given, _)| *given) {
        eprintln!("error: `{flag}` is not an option of `--format {TENCENT_SDK_GO}`");
        eprintln!(
            "  = help: an SDK file is imported whole, as a new spec (vendor tencent, status 200)"
        );
        return ExitCode::from(2);
    }
    let read = |path: &str| {
        import::read_page_file(Path::new(path)).map_err(|e| {
            eprintln!("error: cannot read {path}: {e}");
            ExitCode::from(2)
        })
    };
    let zh = match read(&args.page) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let en = match args.en.as_deref().map(read).transpose() {
        Ok(t) => t,
        Err(code) => return code,
    };
    let opts = TencentSdkOptions {
        catalog: args.catalog.clone(),
        source: args.source.clone(),
        include: args.include.clone(),
        spec_path: None,
    };
    let zh_in = SdkInput {
        text: &zh,
        file: &args.page,
    };
    let en_in = match (&en, &args.en) {
        (Some(text), Some(file)) => Some(SdkInput { text, file }),
        _ => None,
    };
    match import_tencent_sdk(zh_in, en_in, &opts, &FsReader) {
        Ok(imported) => {
            print!("{}", imported.yaml);
            eprintln!(
                "note: {} codes, {} without English, {} overriding an included entry",
                imported.codes, imported.without_english, imported.overrides
            );
            for n in imported.notices {
                eprintln!("note: {n}");
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            eprintln!("{diags}");
            ExitCode::FAILURE
        }
    }
}

/// `import-tencent-sdk [--check]`: the `tencent-catalogs` crate's files.
fn import_tencent_sdk(check: bool, root: &str) -> ExitCode {
    use import::tencent_crate::{catalog_crate, stale};
    let root = Path::new(root);
    let files = match catalog_crate(root) {
        Ok(f) => f,
        Err(diags) => {
            eprintln!("{diags}");
            return ExitCode::FAILURE;
        }
    };
    let changed = stale(root, &files);
    let codes: usize = files.catalogs.iter().map(|c| c.codes).sum();
    if check {
        if changed.is_empty() {
            println!(
                "tencent-catalogs: up to date ({} catalogs, {codes} codes)",
                files.catalogs.len()
            );
            return ExitCode::SUCCESS;
        }
        for path in &changed {
            eprintln!("error: {path} differs from what the SDK copy generates (or is stale)");
        }
        eprintln!(
            "  = help: run `cargo run -p errors-codegen -- import-tencent-sdk` and commit the result"
        );
        return ExitCode::FAILURE;
    }
    for path in &changed {
        let full = root.join(path);
        let result = match files.files.get(path) {
            Some(text) => full
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&full, text)),
            None => std::fs::remove_file(&full),
        };
        if let Err(e) = result {
            eprintln!("error: cannot write {}: {e}", full.display());
            return ExitCode::FAILURE;
        }
    }
    for n in &files.notices {
        eprintln!("note: {n}");
    }
    println!(
        "tencent-catalogs: {} catalogs, {codes} codes; {} files written",
        files.catalogs.len(),
        changed.len()
    );
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
            println!("{}", export_json(&c));
            ExitCode::SUCCESS
        }
        None => ExitCode::from(2),
    }
}

/// Exit status of `diff` with only non-breaking changes.
const DIFF_NON_BREAKING: u8 = 1;
/// Exit status of `diff` with a breaking change.
const DIFF_BREAKING: u8 = 3;

fn diff_specs(json: bool, old: &str, new: &str) -> ExitCode {
    let (a, b) = (load(old), load(new));
    let (Some(a), Some(b)) = (a, b) else {
        return ExitCode::from(2);
    };
    let report = errors_codegen::classify(&a, &b);
    if json {
        println!("{}", report.json());
    } else {
        print!("{}", report.text());
    }
    match report.verdict() {
        errors_codegen::Verdict::None => ExitCode::SUCCESS,
        errors_codegen::Verdict::Major => ExitCode::from(DIFF_BREAKING),
        _ => ExitCode::from(DIFF_NON_BREAKING),
    }
}

fn write_docs(specs: &[String], output: &str) -> ExitCode {
    let mut catalogs = Vec::new();
    let mut failed = false;
    for spec in specs {
        match load(spec) {
            Some(c) => catalogs.push(c),
            None => failed = true,
        }
    }
    if failed {
        return ExitCode::FAILURE;
    }
    let html = docs_html(&catalogs);
    if output == "-" {
        print!("{html}");
        return ExitCode::SUCCESS;
    }
    match std::fs::write(output, html) {
        Ok(()) => {
            let codes: usize = catalogs
                .iter()
                .map(|c| c.entries.len() + c.success.len())
                .sum();
            eprintln!("wrote {output} ({codes} codes)");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {output}: {e}");
            ExitCode::from(2)
        }
    }
}

fn check(specs: &[String]) -> ExitCode {
    let mut failed = false;
    for spec in specs {
        let loaded = load_catalog(Path::new(""), spec, &FsReader);
        match loaded.result {
            Ok(catalog) => println!("{spec}: ok ({})", catalog.summary()),
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
