//! The three ways of using errors-codegen, on the real vendor catalogs.
#![deny(warnings)]

/// Way 1: the attribute macro fills the enum with the whole Alibaba ENS table.
#[errors_catalog::catalog(spec = "../specs/alibaba/ens.yaml")]
pub enum EnsError {}

/// Way 1 again: the whole Huawei CBC table (216 errors; `CBC.0000` is its
/// success code, recognised by `from_response`, not a variant).
#[errors_catalog::catalog(spec = "../specs/huawei/cbc.yaml")]
pub enum CbcError {}

/// Way 2: the derive on a hand-picked subset of Huawei CBC codes.
#[derive(Debug, Clone, PartialEq, Eq, errors_catalog::ErrorCode)]
#[error_code(spec = "../specs/huawei/cbc.yaml")]
pub enum BillingError {
    /// Rate limited.
    #[error_code("CBC.0250")]
    FlowControl,
    /// Try again later.
    #[error_code("CBC.99003115")]
    TryLater,
    /// Bad input.
    #[error_code("CBC.0100")]
    InvalidParameter,
    /// Payment in progress: must not be paid again.
    #[error_code("CBC.99000088")]
    PaymentInProgress,
}

/// Way 3: the build.rs builder (see `build.rs`), Tencent Organization
/// with the Tencent common codes included.
pub mod tencent {
    errors_catalog::include_catalog!("organization");
}

pub use tencent::OrganizationError;
