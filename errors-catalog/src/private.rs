//! Support code for generated catalogs. Not a public API: names and
//! signatures change with the generator, which is released in lock step.

use core::fmt;

pub use errors_core::table::{
    CodeIndex, ENDS, StrTable, action, column, hash, message, message_lang, retry_at, u16_at,
    u32_at,
};

/// Matches `input` against a template code given by its literal pieces
/// (`literals.len() == N + 1`); returns the `N` captured fields, each
/// non-empty. A placeholder followed by a literal captures up to that
/// literal's first occurrence; the last one captures up to the final literal.
pub fn match_template<'a, const N: usize>(
    input: &'a str,
    literals: &[&str],
) -> Option<[&'a str; N]> {
    if literals.len() != N + 1 {
        return None;
    }
    let mut rest = input.strip_prefix(literals[0])?;
    let mut out = [""; N];
    for (k, slot) in out.iter_mut().enumerate() {
        let next = literals[k + 1];
        let capture = if k + 1 == N {
            let c = rest.strip_suffix(next)?;
            rest = "";
            c
        } else {
            let first = rest.chars().next()?.len_utf8();
            let at = rest[first..].find(next)? + first;
            let c = &rest[..at];
            rest = &rest[at + next.len()..];
            c
        };
        if capture.is_empty() {
            return None;
        }
        *slot = capture;
    }
    if N == 0 && !rest.is_empty() {
        return None;
    }
    Some(out)
}

/// Writes literal pieces interleaved with values (`literals.len() ==
/// values.len() + 1`); never interprets the text as a format string.
pub fn write_template(f: &mut dyn fmt::Write, literals: &[&str], values: &[&str]) -> fmt::Result {
    for (i, lit) in literals.iter().enumerate() {
        f.write_str(lit)?;
        if let Some(v) = values.get(i) {
            f.write_str(v)?;
        }
    }
    Ok(())
}

/// [`write_template`] into a new `String`.
pub fn render_template(literals: &[&str], values: &[&str]) -> alloc_string::String {
    let len = literals.iter().chain(values).map(|s| s.len()).sum();
    let mut s = alloc_string::String::with_capacity(len);
    // Writing to a String cannot fail.
    let _ = write_template(&mut s, literals, values);
    s
}

mod alloc_string {
    pub use std::string::String;
}

/// `serde` support of generated catalogs (feature `serde`): a value is its
/// wire code string.
#[cfg(feature = "serde")]
pub mod serde_code {
    pub use serde_core::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::Catalog;
    use core::fmt;
    use core::marker::PhantomData;
    use serde_core::de::{Error, Unexpected, Visitor};

    /// Serializes `error` as its code.
    pub fn serialize<E: Catalog, S: Serializer>(
        error: &E,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&error.code())
    }

    /// Deserializes a code of catalog `E`; an unknown code is an error
    /// naming it (use `from_response` to keep unknown codes from the wire).
    pub fn deserialize<'de, E: Catalog, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<E, D::Error> {
        deserializer.deserialize_str(CodeVisitor(PhantomData))
    }

    struct CodeVisitor<E>(PhantomData<E>);

    impl<E: Catalog> Visitor<'_> for CodeVisitor<E> {
        type Value = E;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an error code of the catalog")
        }

        fn visit_str<Er: Error>(self, code: &str) -> Result<E, Er> {
            E::from_code(code).ok_or_else(|| Er::invalid_value(Unexpected::Str(code), &self))
        }
    }
}

/// Implements `serde::Serialize` and `Deserialize` (as the code string) for
/// a generated catalog that asks for them (`serde` in its macro arguments,
/// `Builder::serde(true)`); needs the `serde` feature.
#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serde_v1 {
    ($ty:ty) => {
        #[automatically_derived]
        impl $crate::__private_v1::serde_code::Serialize for $ty {
            fn serialize<S: $crate::__private_v1::serde_code::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::__private_v1::serde_code::serialize(self, serializer)
            }
        }

        #[automatically_derived]
        impl<'de> $crate::__private_v1::serde_code::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private_v1::serde_code::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private_v1::serde_code::deserialize(deserializer)
            }
        }
    };
}

/// Without the `serde` feature: the catalog asked for serde, so say how.
#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serde_v1 {
    ($ty:ty) => {
        ::core::compile_error!(
            "this catalog asks for `serde` (Serialize/Deserialize as the code string): enable the `serde` feature of errors-catalog in Cargo.toml"
        );
    };
}

/// `http::StatusCode` of a documented status (feature `http`). Specs are
/// validated to 100..=599, which `StatusCode` always accepts; the fallback
/// only keeps this function panic-free.
#[cfg(feature = "http")]
pub fn status_code(status: u16) -> http::StatusCode {
    http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
}

/// Adds `status_code() -> http::StatusCode` to a generated catalog that asks
/// for it (`http`, `Builder::http(true)`); needs the `http` feature.
#[cfg(feature = "http")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_http_v1 {
    ($ty:ty) => {
        impl $ty {
            /// The documented HTTP status as an `http::StatusCode`.
            pub fn status_code(&self) -> $crate::__private_v1::HttpStatusCode {
                $crate::__private_v1::status_code(self.http_status())
            }
        }
    };
}

/// Without the `http` feature: the catalog asked for http, so say how.
#[cfg(not(feature = "http"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_http_v1 {
    ($ty:ty) => {
        ::core::compile_error!(
            "this catalog asks for `http` (status_code() -> http::StatusCode): enable the `http` feature of errors-catalog in Cargo.toml"
        );
    };
}

pub use crate::__impl_http_v1 as impl_http;
pub use crate::__impl_serde_v1 as impl_serde;

/// `http::StatusCode`, named by generated code.
#[cfg(feature = "http")]
pub use http::StatusCode as HttpStatusCode;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_capture_fields() {
        assert_eq!(
            match_template::<1>("InvalidParameter.ZoneId", &["InvalidParameter.", ""]),
            Some(["ZoneId"])
        );
        assert_eq!(
            match_template::<1>("InvalidParameter.", &["InvalidParameter.", ""]),
            None
        );
        assert_eq!(
            match_template::<1>("Other.ZoneId", &["InvalidParameter.", ""]),
            None
        );
        assert_eq!(
            match_template::<2>("a-b.c-d!", &["", "-", "!"]),
            Some(["a", "b.c-d"])
        );
        assert_eq!(
            match_template::<2>("x.y.z", &["", ".", ""]),
            Some(["x", "y.z"])
        );
        assert_eq!(
            match_template::<1>("pre-mid-suf", &["pre-", "-suf"]),
            Some(["mid"])
        );
        assert_eq!(match_template::<1>("pre--suf", &["pre-", "-suf"]), None);
        assert_eq!(match_template::<1>("x", &["", ""]), Some(["x"]));
        assert_eq!(match_template::<0>("abc", &["abc"]), Some([]));
        assert_eq!(match_template::<1>("é", &["", "", ""]), None);
        assert_eq!(
            match_template::<2>("éa-b", &["", "-", ""]),
            Some(["éa", "b"])
        );
    }

    #[test]
    fn renders_without_format_interpretation() {
        assert_eq!(
            render_template(&["{} ", " %s {0}"], &["{x}"]),
            "{} {x} %s {0}"
        );
    }
}
