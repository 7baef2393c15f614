//! Property tests: arbitrary input never panics, unknown strings are never
//! mistaken for codes, template fields round-trip whatever they hold.

use errors_catalog::Lang;
use errors_tests::{AlibabaError, BasicError, HostileError};
use proptest::prelude::*;

proptest! {
    #[test]
    fn from_code_accepts_only_catalog_codes(s in ".{0,40}") {
        if let Some(e) = BasicError::from_code(&s) {
            prop_assert_eq!(e.code(), s.as_str());
        }
        if let Some(e) = HostileError::from_code(&s) {
            prop_assert_eq!(e.code(), s.as_str());
        }
    }

    #[test]
    fn template_fields_round_trip(field in "[^\\x00]{1,30}") {
        let code = format!("InvalidParameter.{field}");
        let e = AlibabaError::from_code(&code).unwrap();
        prop_assert_eq!(&e, &AlibabaError::InvalidParameter { field: field.clone() });
        prop_assert_eq!(e.code(), code.as_str());
        prop_assert_eq!(
            e.message(Lang::En).to_string(),
            format!("The specified field {field} invalid. Please check it again.")
        );
    }

    #[test]
    fn accept_language_never_panics(s in ".{0,60}") {
        let _ = Lang::negotiate(&s);
    }
}
