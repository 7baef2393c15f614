//! Source text to tokens, by rustc's own lexer when inside a proc-macro.
//!
//! Cargo builds proc-macros without optimisation, so building a large token
//! stream one token at a time (each token a call across the proc-macro
//! bridge, each string literal escaped by unoptimised code) is slow.
//! Writing the text and lexing it in one call costs a fraction of that: the
//! compiler's lexer is optimised. `proc_macro2`'s `FromStr` is not used
//! inside a proc-macro because it first re-lexes the text with its own
//! (unoptimised) lexer, to validate it; the text lexed here is valid by
//! construction (see the callers), and tests check it is the same tokens
//! built one by one.

extern crate proc_macro;

use proc_macro2::TokenStream;

/// The tokens of `text`, `None` if it does not lex.
pub(super) fn tokens(text: &str) -> Option<TokenStream> {
    if proc_macro::is_available() {
        text.parse::<proc_macro::TokenStream>()
            .ok()
            .map(TokenStream::from)
    } else {
        text.parse().ok()
    }
}
