//! Compile-fail and pass cases of the macros (trybuild).
//!
//! trybuild compiles each case in a generated crate under `target/`, so the
//! macros find the fixture specs through `ERRORS_CODEGEN_SPEC_DIR` (see
//! `errors-macros`). Regenerate `.stderr` files with `TRYBUILD=overwrite`.

#[test]
fn ui() {
    // SAFETY: set before any other thread of this test binary exists; the
    // variable is read by the compilers trybuild spawns.
    unsafe {
        std::env::set_var(
            "ERRORS_CODEGEN_SPEC_DIR",
            concat!(env!("CARGO_MANIFEST_DIR"), "/ui"),
        );
    }
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
