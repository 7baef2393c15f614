//! The importer's `code_description` reader on arbitrary pages: never panics, never
//! hangs; a page it reads gives a spec that passes `check` (see
//! `errors_fuzz::check_import`).
#![no_main]

use errors_codegen::import::{Dialect, PageFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    errors_fuzz::check_import(data, PageFormat::Dialect(Dialect::CodeDescription));
});
