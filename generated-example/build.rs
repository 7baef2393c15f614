//! Way 3: the build.rs builder writes the Tencent Organization catalog to OUT_DIR.

fn main() {
    let result = errors_codegen::Builder::new()
        .spec("../specs/tencent/organization.yaml")
        .compile();
    if let Err(e) = result {
        // Cargo shows build-script output on failure: the full diagnostics.
        eprintln!("{e}");
        std::process::exit(1);
    }
}
