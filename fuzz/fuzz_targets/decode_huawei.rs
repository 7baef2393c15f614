//! `from_response` of the Huawei wire format on arbitrary responses
//! (layout: see `errors_fuzz::Input`): never panics, and a known error
//! re-rendered with `to_body` decodes to the same variant.
#![no_main]

use generated_example::CbcError;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    errors_fuzz::check_decode::<CbcError>(data);
});
