//! The builder with every option: `serde`, `http`, a renamed runtime.

fn main() -> Result<(), errors_codegen::BuildError> {
    errors_codegen::Builder::new()
        .spec("fixtures/tencent.yaml")
        .runtime_path("rt")
        .serde(true)
        .http(true)
        .compile()
}
