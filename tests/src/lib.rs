//! Catalogs generated from the test fixtures, shared by the integration tests.

/// The fixture with every feature (templates, success codes, alternates).
#[errors::catalog(spec = "fixtures/basic.yaml")]
pub enum BasicError {}
