//! YAML, read and written: the one module that knows the YAML library.
//!
//! [`read`] turns a document into a small tree of [`Node`]s, each with its
//! position, so that the parse stage can report every problem at its
//! `file:line:col` and keep going (serde's derive stops at the first error).
//! [`write`] emits the canonical spec text the importer writes; it asks the
//! reader whether a plain scalar reads back as the same string. Swapping the
//! YAML crate means rewriting this folder only.

mod read;
mod simple;
#[cfg(feature = "import")]
pub mod write;

pub use read::{MAX_SPEC_BYTES, Node, Value, parse};

/// Whether the simple reader reads `text` as the general parser does:
/// `Ok(true)` when it reads it and both give the same tree (positions
/// included), `Ok(false)` when it leaves the text to the general parser,
/// `Err` with both trees when they differ.
pub fn readers_agree(text: &str) -> Result<bool, String> {
    let Some(simple) = simple::read(text) else {
        return Ok(false);
    };
    match read::parse_general(text, "t.yaml") {
        Ok(general) if general == simple => Ok(true),
        general => Err(format!(
            "the simple reader read\n{text}\nas\n{simple:?}\nthe general parser as\n{general:?}"
        )),
    }
}
