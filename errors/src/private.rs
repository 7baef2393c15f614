//! Support code for generated catalogs. Not a public API: names and
//! signatures change with the generator, which is released in lock step.

use core::fmt;

/// All strings of a catalog in one blob, addressed by index: no relocation
/// per string, one bounds-checked slice per access.
#[derive(Debug)]
pub struct StrTable {
    /// The concatenated strings.
    pub blob: &'static str,
    /// Little-endian `u32`s: `offsets[i]..offsets[i + 1]` is string `i`.
    /// Tables are byte strings, one literal each, so that a large catalog
    /// costs the compiler one token per table rather than one per number.
    pub offsets: &'static [u8],
}

impl StrTable {
    /// String `i`, or `""` if `i` is out of range (never for generated
    /// indices; the fallback keeps this function panic-free).
    #[inline]
    pub fn get(&self, i: usize) -> &'static str {
        match (
            u32_at(self.offsets, i),
            u32_at(self.offsets, i.wrapping_add(1)),
        ) {
            (Some(start), Some(end)) => self.blob.get(start as usize..end as usize).unwrap_or(""),
            _ => "",
        }
    }
}

/// The action text of entry `index` for `lang`: the generated string table
/// holds one column of `n` strings per language in `columns`, from string
/// `base` on; an empty string is no text. Falls back to English, then to the
/// first column with a text (see `ErrorCode::action`).
pub fn action(
    strings: &StrTable,
    base: usize,
    n: usize,
    index: usize,
    columns: &[crate::Lang],
    lang: crate::Lang,
) -> Option<&'static str> {
    let text = |column: usize| {
        let s = strings.get(base + column * n + index);
        (!s.is_empty()).then_some(s)
    };
    let column_of = |l: crate::Lang| columns.iter().position(|&c| c == l);
    column_of(lang)
        .and_then(text)
        .or_else(|| column_of(crate::Lang::En).and_then(text))
        .or_else(|| (0..columns.len()).find_map(text))
}

/// Little-endian `u32` number `i` of a byte-string table.
#[inline]
pub fn u32_at(table: &[u8], i: usize) -> Option<u32> {
    let at = i.checked_mul(4)?;
    let bytes = table.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes(<[u8; 4]>::try_from(bytes).ok()?))
}

/// Little-endian `u16` number `i` of a byte-string table (0 out of range,
/// never for generated indices).
#[inline]
pub fn u16_at(table: &[u8], i: usize) -> u16 {
    i.checked_mul(2)
        .and_then(|at| table.get(at..at.checked_add(2)?))
        .and_then(|b| <[u8; 2]>::try_from(b).ok())
        .map_or(0, u16::from_le_bytes)
}

/// Hash of a code, shared by the generator (which computes the perfect hash
/// at build time) and generated lookups. `errors-codegen` carries an
/// identical copy; a test checks the two agree.
#[inline]
pub fn hash(bytes: &[u8], seed: u64) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let len = bytes.len();
    let mut h = seed ^ (len as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K);
        h ^= h >> 29;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        if len >= 8 {
            // The last 8 bytes, overlapping the previous chunk.
            w.copy_from_slice(&bytes[len - 8..]);
        } else {
            w[..rest.len()].copy_from_slice(rest);
        }
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K);
        h ^= h >> 29;
    }
    h = h.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    h ^ (h >> 32)
}

/// A perfect hash over a catalog's plain codes (hash and displace): one
/// hash, one displacement read, one slot read, one byte compare.
#[derive(Debug)]
pub struct PerfectHash {
    pub seed: u64,
    /// One little-endian `u32` displacement per bucket.
    pub displacements: &'static [u8],
    /// Per slot, three little-endian `u32`s: the byte range of its code in
    /// `blob` and the entry index. A free slot has an empty range
    /// (`start > end`) that matches nothing.
    pub slots: &'static [u8],
    /// The catalog's string blob.
    pub blob: &'static [u8],
}

impl PerfectHash {
    /// The entry index whose code equals `key`.
    #[inline]
    pub fn find(&self, key: &str) -> Option<usize> {
        let h = hash(key.as_bytes(), self.seed);
        let d = u32_at(
            self.displacements,
            bucket_of(h, self.displacements.len() / 4),
        )?;
        let slot = slot_of(h, d, self.slots.len() / 12);
        let start = u32_at(self.slots, slot * 3)?;
        let end = u32_at(self.slots, slot * 3 + 1)?;
        if self.blob.get(start as usize..end as usize)? == key.as_bytes() {
            Some(u32_at(self.slots, slot * 3 + 2)? as usize)
        } else {
            None
        }
    }
}

/// The bucket of hash `h` among `len` buckets.
#[inline]
pub fn bucket_of(h: u64, len: usize) -> usize {
    (((h & 0xFFFF_FFFF) * len as u64) >> 32) as usize
}

/// The slot of hash `h` under displacement `d` in a table of `len` slots
/// (`len` a power of two): the displacement permutes slots by XOR.
#[inline]
pub fn slot_of(h: u64, d: u32, len: usize) -> usize {
    (((h >> 32) as u32 ^ d) as usize) & len.wrapping_sub(1)
}

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
    pub use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::Catalog;
    use core::fmt;
    use core::marker::PhantomData;
    use serde::de::{Error, Unexpected, Visitor};

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
/// a generated catalog when the `errors` crate has its `serde` feature;
/// expands to nothing otherwise. Generated code calls it for every catalog.
#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serde {
    ($ty:ty) => {
        #[automatically_derived]
        impl $crate::__private::serde_code::Serialize for $ty {
            fn serialize<S: $crate::__private::serde_code::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::__private::serde_code::serialize(self, serializer)
            }
        }

        #[automatically_derived]
        impl<'de> $crate::__private::serde_code::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private::serde_code::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::serde_code::deserialize(deserializer)
            }
        }
    };
}

/// Without the `serde` feature: nothing.
#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serde {
    ($ty:ty) => {};
}

/// `http::StatusCode` of a documented status (feature `http`). Specs are
/// validated to 100..=599, which `StatusCode` always accepts; the fallback
/// only keeps this function panic-free.
#[cfg(feature = "http")]
pub fn status_code(status: u16) -> http::StatusCode {
    http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
}

/// Adds `status_code() -> http::StatusCode` to a generated catalog when the
/// `errors` crate has its `http` feature; expands to nothing otherwise.
#[cfg(feature = "http")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_http {
    ($ty:ty) => {
        impl $ty {
            /// The documented HTTP status as an `http::StatusCode`.
            pub fn status_code(&self) -> $crate::__private::HttpStatusCode {
                $crate::__private::status_code(self.http_status())
            }
        }
    };
}

/// Without the `http` feature: nothing.
#[cfg(not(feature = "http"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_http {
    ($ty:ty) => {};
}

/// `http::StatusCode`, named by generated code.
#[cfg(feature = "http")]
pub use http::StatusCode as HttpStatusCode;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn str_table_slices_and_never_panics() {
        let t = StrTable {
            blob: "abcdé",
            offsets: &[0, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 6, 0, 0, 0],
        };
        assert_eq!(t.get(0), "a");
        assert_eq!(t.get(1), "bc");
        assert_eq!(t.get(2), "dé");
        assert_eq!(t.get(3), "");
        assert_eq!(t.get(usize::MAX), "");
        let bad = StrTable {
            blob: "é",
            offsets: &[0, 0, 0, 0, 1, 0, 0, 0],
        };
        assert_eq!(bad.get(0), "");
    }

    #[test]
    fn action_falls_back_to_english_then_any_language() {
        use crate::Lang;
        // Two entries; columns zh, en, ko from string 1 on.
        let blob = "x请重试retry再试一次";
        let ends = [
            1,
            1 + "请重试".len(),
            1 + "请重试".len(),
            1 + "请重试retry".len(),
            1 + "请重试retry".len(),
            1 + "请重试retry".len(),
            blob.len(),
        ];
        let mut offsets = vec![0, 0, 0, 0];
        for e in ends {
            offsets.extend_from_slice(&(e as u32).to_le_bytes());
        }
        let strings = StrTable {
            blob,
            offsets: Box::leak(offsets.into_boxed_slice()),
        };
        let cols = [Lang::Zh, Lang::En, Lang::Ko];
        let at = |i, lang| action(&strings, 1, 2, i, &cols, lang);
        assert_eq!(at(0, Lang::Zh), Some("请重试"));
        assert_eq!(at(0, Lang::Ja), Some("retry"), "no ja: English");
        assert_eq!(at(0, Lang::Ko), Some("retry"), "empty ko: English");
        assert_eq!(
            at(1, Lang::En),
            Some("再试一次"),
            "neither: the first language with one"
        );
        assert_eq!(at(1, Lang::Ko), Some("再试一次"));
        assert_eq!(action(&strings, 1, 2, 0, &[], Lang::En), None);
        assert_eq!(
            action(&strings, 99, 2, 5, &cols, Lang::En),
            None,
            "out of range"
        );
    }

    #[test]
    fn byte_tables_read_little_endian_and_never_panic() {
        let t = [1, 0, 0, 0, 0x78, 0x56, 0x34, 0x12, 9];
        assert_eq!(u32_at(&t, 0), Some(1));
        assert_eq!(u32_at(&t, 1), Some(0x1234_5678));
        assert_eq!(u32_at(&t, 2), None, "a partial number is not read");
        assert_eq!(u32_at(&t, usize::MAX), None);
        assert_eq!(u16_at(&t, 2), 0x5678);
        assert_eq!(u16_at(&t, 4), 0, "out of range");
        assert_eq!(u16_at(&t, usize::MAX), 0);
    }

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

    #[test]
    fn hash_depends_on_every_byte_and_seed() {
        let a = hash(b"FailedOperation.MemberNameUsed", 1);
        assert_ne!(a, hash(b"FailedOperation.MemberNameUsee", 1));
        assert_ne!(a, hash(b"FailedOperation.MemberNameUsed", 2));
        assert_ne!(hash(b"", 0), hash(b"\0", 0));
        assert_ne!(hash(b"abcdefgh", 0), hash(b"abcdefgh\0", 0));
    }
}
