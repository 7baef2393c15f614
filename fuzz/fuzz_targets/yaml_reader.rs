//! The simple YAML reader (the proc-macro's fast path) on arbitrary text:
//! wherever it reads a document, it reads it as the general YAML parser
//! does (see `errors_fuzz::check_yaml_readers_agree`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    errors_fuzz::check_yaml_readers_agree(data);
});
