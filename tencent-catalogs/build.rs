//! Generates the catalogs of the enabled features only: a spec
//! `specs/<feature>.yaml` is compiled when feature `<feature>` is on
//! (cargo sets `CARGO_FEATURE_<FEATURE>`), written to
//! `OUT_DIR/<feature with '_'>.rs` for `include_catalog!`.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=specs");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("specs");
    let mut specs: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                e.file_name()
                    .to_str()
                    .and_then(|n| n.strip_suffix(".yaml"))
                    .map(str::to_owned)
            })
            .collect(),
        Err(e) => {
            eprintln!("error: cannot list {}: {e}", dir.display());
            std::process::exit(1);
        }
    };
    specs.sort();
    let mut builder = errors_codegen::Builder::new();
    for feature in specs {
        let var = format!(
            "CARGO_FEATURE_{}",
            feature.to_ascii_uppercase().replace('-', "_")
        );
        if std::env::var_os(var).is_some() {
            builder = builder.spec_as(format!("specs/{feature}.yaml"), feature.replace('-', "_"));
        }
    }
    if let Err(e) = builder.compile() {
        // Cargo shows build-script output on failure: the full diagnostics.
        eprintln!("{e}");
        std::process::exit(1);
    }
}
