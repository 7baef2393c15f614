//! YAML, read and written: the one module that knows the YAML library.
//!
//! [`read`] turns a document into a small tree of [`Node`]s, each with its
//! position, so that the parse stage can report every problem at its
//! `file:line:col` and keep going (serde's derive stops at the first error).
//! [`write`] emits the canonical spec text the importer writes; it asks the
//! reader whether a plain scalar reads back as the same string. Swapping the
//! YAML crate means rewriting this folder only.

mod read;
#[cfg(feature = "import")]
pub mod write;

pub use read::{MAX_SPEC_BYTES, Node, Value, parse};
