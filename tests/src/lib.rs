//! Catalogs generated from the test fixtures, shared by the integration tests.
#![deny(warnings)]

/// The fixture with every feature (templates, success codes, alternates).
#[errors_catalog::catalog(spec = "fixtures/basic.yaml")]
pub enum BasicError {}

/// Four languages and actions in some of them.
#[errors_catalog::catalog(spec = "fixtures/multilingual.yaml")]
pub enum MultilingualError {}

/// Tencent API 3.0 wire format fixture.
#[errors_catalog::catalog(spec = "fixtures/tencent.yaml")]
pub enum TencentError {}

/// Alibaba wire format fixture.
#[errors_catalog::catalog(spec = "fixtures/alibaba.yaml")]
pub enum AlibabaError {}

/// Hostile text: braces, quotes, backslashes, comment markers, `%s`, RTL
/// marks, emoji, a 10 kB message, odd and non-ASCII codes.
#[errors_catalog::catalog(spec = "fixtures/hostile.yaml")]
pub enum HostileError {}

/// The runtime under another name, as a renamed dependency would give it
/// (`rt = { package = "errors-catalog", ... }`).
extern crate errors_catalog as rt;

/// `serde` and `http` asked for (this crate enables the runtime's features),
/// through the renamed runtime.
#[rt::catalog(spec = "../specs/alibaba/ens.yaml", crate = "rt", serde, http)]
pub enum SerdeEns {}

/// The derive with `serde` and `http`.
#[derive(Debug, Clone, PartialEq, Eq, rt::ErrorCode)]
#[error_code(spec = "../specs/huawei/cbc.yaml", crate = "rt", serde, http)]
pub enum SerdeBilling {
    /// Rate limited.
    #[error_code("CBC.0250")]
    FlowControl,
    /// Try again later.
    #[error_code("CBC.99003115")]
    TryLater,
}

/// The builder with `serde`, `http` and the renamed runtime (see `build.rs`).
pub mod built {
    rt::include_catalog!("tencent");
}
