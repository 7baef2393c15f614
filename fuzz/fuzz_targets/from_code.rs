//! `from_code` of every catalog on arbitrary strings: a parsed code renders
//! back to the input, parses back to the same variant and survives a
//! `to_body` / `from_response` round trip.
#![no_main]

use errors_fuzz::check_code;
use generated_example::{BillingError, CbcError, EnsError, OrganizationError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    check_code::<EnsError>(input);
    check_code::<OrganizationError>(input);
    let full = check_code::<CbcError>(input);
    // The derive subset knows a code only if the full catalog does, with
    // the same status, retry class and messages.
    if let Some(b) = check_code::<BillingError>(input) {
        let full = full.unwrap_or_else(|| panic!("{b:?} is not in the full CBC catalog"));
        assert_eq!(b.http_status(), full.http_status(), "{b:?}");
        assert_eq!(b.retry(), full.retry(), "{b:?}");
        for &lang in errors_catalog::Lang::ALL {
            assert_eq!(b.static_message(lang), full.static_message(lang), "{b:?}");
        }
    }
});
