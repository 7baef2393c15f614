//! The spec pipeline on arbitrary bytes: never panics; whatever passes
//! `check` expands to a Rust file that parses and holds no character rustc
//! refuses (see `errors_fuzz::check_spec_pipeline`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    errors_fuzz::check_spec_pipeline(data);
});
