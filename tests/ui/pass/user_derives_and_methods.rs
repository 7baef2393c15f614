//! With every feature of the runtime on (this crate enables them all), a
//! user's own derives and methods named like the optional ones still
//! compile: `serde` and `http` are asked for per catalog, never implied by
//! a feature.
#![deny(warnings)]

#[derive(
    Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, errors_catalog::ErrorCode,
)]
#[error_code(spec = "specs/good.yaml")]
pub enum Billing {
    #[error_code("CBC.0250")]
    Throttled,
}

impl Billing {
    /// The user's own method, named like the `http` accessor.
    pub fn status_code(&self) -> &'static str {
        "mine"
    }
}

#[errors_catalog::catalog(spec = "specs/good.yaml")]
#[derive(serde::Serialize)]
pub enum Whole {}

impl Whole {
    /// Named like the `http` accessor too.
    pub fn status_code(&self) -> u8 {
        7
    }
}

fn main() {
    assert_eq!(Billing::Throttled.status_code(), "mine");
    assert_eq!(serde_json::to_string(&Billing::Throttled).unwrap(), "\"Throttled\"");
    let w = &Whole::ALL[0];
    assert_eq!(w.status_code(), 7);
    assert_eq!(serde_json::to_string(&w).unwrap(), format!("{:?}", format!("{w:?}")));
}
