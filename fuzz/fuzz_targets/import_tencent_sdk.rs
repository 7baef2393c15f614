//! The Tencent SDK `errors.go` importer on arbitrary file pairs: never
//! panics; well-formed files always import, with every code (see
//! `errors_fuzz::check_tencent_sdk`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    errors_fuzz::check_tencent_sdk(data);
});
