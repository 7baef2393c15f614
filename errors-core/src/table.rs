//! The layout of the tables generated code holds, and their readers.
//!
//! The generator (`errors-codegen`) lays the tables out and computes the
//! perfect hash with these very functions; generated code reads them back
//! through the runtime, which re-exports them. Nothing here allocates or
//! panics on any table (out-of-range reads give `None`, `""` or `0`).

use crate::Lang;

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
/// `base` on; an empty string is no text. Falls back as [`Lang::pick_text`]
/// says (see `ErrorCode::action`).
pub fn action(
    strings: &StrTable,
    base: usize,
    n: usize,
    index: usize,
    columns: &[Lang],
    lang: Lang,
) -> Option<&'static str> {
    let text = |column: usize| strings.get(base + column * n + index);
    lang.pick_text(columns, |column| !text(column).is_empty())
        .map(text)
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

/// Hash of a code: the generator computes the perfect hash at build time
/// with it, generated lookups hash with it at run time.
///
/// Folded multiplication (the 128-bit product of two 64-bit words, its
/// halves XORed), one per 16 bytes: a 30-byte code costs two dependent
/// multiplications. Short codes read overlapping words from both ends, so
/// there is no byte loop.
#[inline]
pub fn hash(bytes: &[u8], seed: u64) -> u64 {
    // Digits of pi: arbitrary odd constants with no structure.
    const K0: u64 = 0x243F_6A88_85A3_08D3;
    const K1: u64 = 0x1319_8A2E_0370_7345;
    const K2: u64 = 0xA409_3822_299F_31D1;
    let len = bytes.len();
    let mut h = seed ^ (len as u64).wrapping_mul(K2);
    if len <= 16 {
        let (a, b) = if len >= 8 {
            (read8(bytes, 0), read8(bytes, len - 8))
        } else if len >= 4 {
            (read4(bytes, 0), read4(bytes, len - 4))
        } else if len > 0 {
            let byte = |i: usize| u64::from(bytes.get(i).copied().unwrap_or(0));
            (byte(0) | byte(len / 2) << 8 | byte(len - 1) << 16, 0)
        } else {
            (0, 0)
        };
        h = fold(a ^ K0 ^ h, b ^ K1);
    } else {
        let mut at = 0;
        while at + 16 < len {
            h = fold(read8(bytes, at) ^ K0 ^ h, read8(bytes, at + 8) ^ K1);
            at += 16;
        }
        // The last 16 bytes, overlapping the previous block.
        h = fold(read8(bytes, len - 16) ^ K0 ^ h, read8(bytes, len - 8) ^ K1);
    }
    fold(h ^ K2, seed ^ K0)
}

/// The 128-bit product of `a` and `b`, its two halves XORed.
#[inline]
fn fold(a: u64, b: u64) -> u64 {
    let p = u128::from(a).wrapping_mul(u128::from(b));
    (p as u64) ^ ((p >> 64) as u64)
}

/// The little-endian `u64` at `at` (0 past the end: callers stay inside).
#[inline]
fn read8(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..at.wrapping_add(8))
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0, u64::from_le_bytes)
}

/// The little-endian `u32` at `at`, widened (0 past the end).
#[inline]
fn read4(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..at.wrapping_add(4))
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
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
        // One bounds check for the slot's three numbers.
        let at = slot.checked_mul(12)?;
        let s: &[u8; 12] = self.slots.get(at..at.checked_add(12)?)?.try_into().ok()?;
        let word = |i: usize| u32::from_le_bytes([s[i], s[i + 1], s[i + 2], s[i + 3]]) as usize;
        let (start, end) = (word(0), word(4));
        // Lengths first: most misses stop here without reading the blob.
        if end.wrapping_sub(start) != key.len() {
            return None;
        }
        if self.blob.get(start..end)? == key.as_bytes() {
            Some(word(8))
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

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::boxed::Box;
    use alloc::vec;

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
    fn hash_depends_on_every_byte_and_seed() {
        let a = hash(b"FailedOperation.MemberNameUsed", 1);
        assert_ne!(a, hash(b"FailedOperation.MemberNameUsee", 1));
        assert_ne!(a, hash(b"FailedOperation.MemberNameUsed", 2));
        assert_ne!(hash(b"", 0), hash(b"\0", 0));
        assert_ne!(hash(b"abcdefgh", 0), hash(b"abcdefgh\0", 0));
    }
}
