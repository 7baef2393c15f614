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
