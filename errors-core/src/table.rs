//! The layout of the tables generated code holds, and their readers.
//!
//! The generator (`errors-codegen`) lays the tables out and computes the
//! code index with these very functions; generated code reads them back
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

/// Hash of a code: the generator lays out the code index at build time
/// with it, generated lookups hash with it at run time.
///
/// Folded multiplication (the 128-bit product of two 64-bit words, its
/// halves XORed), one per 16 bytes, the last two side by side: a code of up
/// to 32 bytes costs one multiplication's latency. Short codes read
/// overlapping words from both ends, so there is no byte loop, and no read
/// is bounds-checked twice.
#[inline(always)]
pub fn hash(bytes: &[u8], seed: u64) -> u64 {
    let s = seed ^ (bytes.len() as u64).wrapping_mul(K2);
    if let Some(last) = bytes.last_chunk::<16>() {
        let Some((mut first, mut rest)) = bytes.split_first_chunk::<16>() else {
            return s; // unreachable: `bytes` has at least 16 bytes
        };
        if rest.len() <= 16 {
            // 17 to 32 bytes: two blocks side by side (overlapping when
            // fewer than 32).
            return block(first, s, K0, K1) ^ block(last, s, K2, K3);
        }
        let mut h = s;
        // 16 bytes at a time; the last 16 overlap the previous block.
        while rest.len() > 16 {
            h = block(first, h, K0, K1);
            let Some((next, tail)) = rest.split_first_chunk::<16>() else {
                break; // unreachable: `rest` has more than 16 bytes
            };
            (first, rest) = (next, tail);
        }
        return block(first, h, K0, K1) ^ block(last, h, K2, K3);
    }
    let len = bytes.len();
    let (a, b) = if let (Some(x), Some(y)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        (u64::from_le_bytes(*x), u64::from_le_bytes(*y))
    } else if let (Some(x), Some(y)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        (
            u64::from(u32::from_le_bytes(*x)),
            u64::from(u32::from_le_bytes(*y)),
        )
    } else {
        let byte = |i: usize| u64::from(bytes.get(i).copied().unwrap_or(0));
        (
            byte(0) | byte(len / 2) << 8 | byte(len.wrapping_sub(1)) << 16,
            0,
        )
    };
    fold(a ^ K0 ^ s, b ^ K1)
}

// Digits of pi: arbitrary odd constants with no structure.
const K0: u64 = 0x243F_6A88_85A3_08D3;
const K1: u64 = 0x1319_8A2E_0370_7345;
const K2: u64 = 0xA409_3822_299F_31D1;
const K3: u64 = 0x082E_FA98_EC4E_6C89;

/// One folded multiplication of a 16-byte block, mixed with `h`.
#[inline(always)]
fn block(bytes: &[u8; 16], h: u64, k0: u64, k1: u64) -> u64 {
    let (lo, hi) = bytes.split_at(8);
    let word = |b: &[u8]| <[u8; 8]>::try_from(b).map_or(0, u64::from_le_bytes);
    fold(word(lo) ^ k0 ^ h, word(hi) ^ k1)
}

/// The 128-bit product of `a` and `b`, its two halves XORed.
#[inline(always)]
fn fold(a: u64, b: u64) -> u64 {
    let p = u128::from(a).wrapping_mul(u128::from(b));
    (p as u64) ^ ((p >> 64) as u64)
}

/// The little-endian `u64` at `at` (0 past the end: callers stay inside).
#[inline(always)]
fn read8(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..at.wrapping_add(8))
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0, u64::from_le_bytes)
}

/// Slots per group of a [`CodeIndex`]: a group is one little-endian `u64`,
/// bytes 0 to 6 the tags of its slots, byte 7 its control byte.
pub const GROUP_SLOTS: usize = 7;

/// Bit of a group's control byte: some code whose probe passed through
/// this group is stored in a later one, so a lookup must go on.
pub const CONTINUE: u8 = 1;

/// Bytes per slot of a [`CodeIndex`]: three little-endian `u32`s.
pub const SLOT_BYTES: usize = 12;

/// The index over a catalog's plain codes: a hash table laid out at build
/// time, read without a single allocation or write.
///
/// A code's hash picks its home group of [`GROUP_SLOTS`] slots and a tag
/// byte. One read of the group's word compares the tag with all its slots
/// at once; only a slot whose tag matches is read, and only a slot whose
/// length matches is compared byte by byte. A miss almost always ends after
/// that one read: the group has no matching tag and no [`CONTINUE`] bit
/// (codes overflow into the next group only when their home group is
/// full, which the generator's load of at most 0.6 makes rare).
#[derive(Debug)]
pub struct CodeIndex {
    pub seed: u64,
    /// One little-endian `u64` per group, a power of two of them: the tags
    /// of the group's slots (0: free) and the control byte.
    pub groups: &'static [u8],
    /// Per slot ([`GROUP_SLOTS`] per group), [`SLOT_BYTES`] bytes: the byte
    /// range of its code in `blob` and the entry index. A free slot has an
    /// empty range (`start > end`) that matches nothing.
    pub slots: &'static [u8],
    /// The catalog's string blob.
    pub blob: &'static [u8],
}

impl CodeIndex {
    /// The entry index whose code equals `key`.
    ///
    /// Always inlined: generated code calls it on a `static` index, so the
    /// table sizes become constants of the caller.
    #[inline(always)]
    pub fn find(&self, key: &str) -> Option<usize> {
        let h = hash(key.as_bytes(), self.seed);
        let groups = self.groups.len() / 8;
        let tag = tag_of(h);
        let mut g = group_of(h, groups);
        // Bounded by the table, whatever its control bytes say.
        let mut left = groups;
        loop {
            let word = read8(self.groups, g.wrapping_mul(8));
            let mut m = tag_matches(word, tag);
            while m != 0 {
                let slot = g.wrapping_mul(GROUP_SLOTS) + (m.trailing_zeros() / 8) as usize;
                if let Some(i) = self.slot_holds(slot, key) {
                    return Some(i);
                }
                m &= m - 1;
            }
            left = left.wrapping_sub(1);
            if (word >> 56) as u8 & CONTINUE == 0 || left == 0 {
                return None;
            }
            g = (g + 1) & (groups - 1);
        }
    }

    /// The entry index of `slot` if its code is `key`.
    #[inline(always)]
    fn slot_holds(&self, slot: usize, key: &str) -> Option<usize> {
        // One bounds check for the slot's three numbers.
        let at = slot.wrapping_mul(SLOT_BYTES);
        let s: &[u8; SLOT_BYTES] = self
            .slots
            .get(at..at.wrapping_add(SLOT_BYTES))?
            .try_into()
            .ok()?;
        let word = |i: usize| u32::from_le_bytes([s[i], s[i + 1], s[i + 2], s[i + 3]]) as usize;
        let (start, end) = (word(0), word(4));
        // Lengths first: a tag that matches by chance mostly stops here.
        if end.wrapping_sub(start) != key.len() {
            return None;
        }
        same(self.blob.get(start..end)?, key.as_bytes()).then(|| word(8))
    }
}

/// Whether `a` and `b` are equal, comparing words in place rather than
/// calling `memcmp` for the lengths codes have (up to 32 bytes).
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    let word = |at: usize| read8(a, at) ^ read8(b, at);
    if len != b.len() {
        false
    } else if (8..=16).contains(&len) {
        word(0) | word(len - 8) == 0
    } else if (17..=32).contains(&len) {
        word(0) | word(8) | word(len - 16) | word(len - 8) == 0
    } else {
        a == b
    }
}

/// The home group of hash `h` among `groups` groups (a power of two).
#[inline]
pub fn group_of(h: u64, groups: usize) -> usize {
    (h as usize) & groups.wrapping_sub(1)
}

/// The tag of hash `h`: its top seven bits, with the high bit set so that
/// no tag is 0, the tag of a free slot.
#[inline]
pub fn tag_of(h: u64) -> u8 {
    (h >> 57) as u8 | 0x80
}

/// One bit (the high bit of its byte) per slot of `group` whose tag may be
/// `tag`: every slot with that tag is marked, and the lowest mark always is
/// one; a mark above a true one may be false (the borrow of the byte-wise
/// subtraction), which the caller's compare rejects. The control byte is
/// never marked.
#[inline]
pub fn tag_matches(group: u64, tag: u8) -> u64 {
    const ONES: u64 = 0x0001_0101_0101_0101;
    const HIGHS: u64 = 0x0080_8080_8080_8080;
    let x = group ^ ONES.wrapping_mul(u64::from(tag));
    x.wrapping_sub(ONES) & !x & HIGHS
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

    /// A fixed-seed generator of words (splitmix64).
    fn words(mut x: u64) -> impl Iterator<Item = u64> {
        core::iter::repeat_with(move || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        })
    }

    #[test]
    fn tag_matches_marks_every_true_slot_and_the_lowest_mark_is_true() {
        let mut checked = 0;
        for (k, w) in words(3).take(200_000).enumerate() {
            // Plant the tag in some slots, so that matches are frequent.
            let tag = tag_of(w.rotate_left(k as u32 % 64));
            let mut group = w;
            for slot in 0..GROUP_SLOTS {
                if (w >> (slot * 3)) & 3 == 0 {
                    group = (group & !(0xFF << (slot * 8))) | u64::from(tag) << (slot * 8);
                }
            }
            let m = tag_matches(group, tag);
            assert_eq!(
                m & !0x0080_8080_8080_8080,
                0,
                "only high bits of slot bytes"
            );
            let truth: u64 = (0..GROUP_SLOTS)
                .filter(|&s| (group >> (s * 8)) as u8 == tag)
                .map(|s| 0x80 << (s * 8))
                .sum();
            assert_eq!(m & truth, truth, "every true slot is marked");
            if m != 0 {
                let lowest = m & m.wrapping_neg();
                assert_ne!(lowest & truth, 0, "the lowest mark is true");
                checked += 1;
            }
            // A free slot (tag 0) never matches a tag, which has its high bit.
            assert_eq!(tag_matches(0, tag), 0);
        }
        assert!(checked > 100_000, "{checked}");
    }

    #[test]
    fn code_index_never_panics_on_any_table() {
        let blob: &'static [u8] = b"CBC.0250";
        for (k, w) in words(9).take(2_000).enumerate() {
            let groups: &'static [u8] = Box::leak(w.to_le_bytes().repeat(k % 4).into_boxed_slice());
            let slots: &'static [u8] = Box::leak(
                w.rotate_left(7)
                    .to_le_bytes()
                    .repeat(k % 13)
                    .into_boxed_slice(),
            );
            let index = CodeIndex {
                seed: w,
                groups,
                slots,
                blob,
            };
            let _ = index.find("CBC.0250");
            let _ = index.find("");
        }
    }
}
