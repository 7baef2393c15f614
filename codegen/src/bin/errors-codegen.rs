//! `errors-codegen`: check, expand, export and compare error catalogs.

use clap::{Parser, Subcommand};
use errors_codegen::{FsReader, generate, load_catalog};
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { specs } => check(&specs),
        Command::Expand { spec } => expand(&spec),
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
