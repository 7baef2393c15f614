//! What the generator (`errors-codegen`) and the runtime (`errors`) share:
//! one definition each, so the two cannot drift apart.
//!
//! - [`Lang`]: the languages of catalogs, their spec tags and
//!   `Accept-Language` negotiation;
//! - [`Retry`]: the retry classes and their spec names;
//! - [`Vendor`]: the wire-format families and their spec names;
//! - [`table`]: the code hash, the code index's layout and the readers of
//!   the generated string and number tables.
//!
//! `no_std`, no dependencies. Users name these types through the runtime,
//! which re-exports them; only the generator depends on this crate directly.

#![no_std]

extern crate alloc;

mod lang;
mod retry;
pub mod table;
mod vendor;

pub use lang::{Lang, UnknownLang};
pub use retry::Retry;
pub use vendor::Vendor;
