//! The layout of the tables generated code holds, and their readers.
//!
//! The generator (`errors-codegen`) lays the tables out and computes the
//! code index with these very functions; generated code reads them back
//! through the runtime, which re-exports them. Nothing here allocates or
//! panics on any table (out-of-range reads give `None`, `""` or `0`).
//!
//! Every reader is an ordinary function of this crate, not generic over
//! the catalog: generated accessors are one call each with the catalog's
//! tables as arguments, so a catalog costs its crate the tables and those
//! calls, not a copy of the readers. The small readers are inlined into
//! optimised builds only (`cfg_attr(not(debug_assertions), inline)`): an
//! unoptimised build calls the one copy compiled here.

use crate::{Lang, Retry};

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
    #[cfg_attr(not(debug_assertions), inline)]
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

/// The language column `lang` reads in a catalog of `languages`: its
/// position, or 0 (the first language, English when the catalog has it)
/// for a language the catalog has no column for.
#[cfg_attr(not(debug_assertions), inline)]
pub fn column(languages: &[Lang], lang: Lang) -> usize {
    languages.iter().position(|&l| l == lang).unwrap_or(0)
}

/// Message `index` of a catalog of `n` entries in `lang`: the string table
/// holds the codes, then one column of `n` messages per language of
/// `languages`.
#[cfg_attr(not(debug_assertions), inline)]
pub fn message(
    strings: &StrTable,
    languages: &[Lang],
    n: usize,
    index: usize,
    lang: Lang,
) -> &'static str {
    strings.get(n * (1 + column(languages, lang)) + index)
}

/// The language [`message`] writes for entry `index` and `lang`: with an
/// empty `fallbacks` table, the catalog's column for `lang`; else byte
/// `n * column + index` of `fallbacks` names the position in `languages`
/// of the text shown. English if a table is out of range (never for
/// generated tables).
#[cfg_attr(not(debug_assertions), inline)]
pub fn message_lang(
    languages: &[Lang],
    fallbacks: &[u8],
    n: usize,
    index: usize,
    lang: Lang,
) -> Lang {
    let column = column(languages, lang);
    let shown = if fallbacks.is_empty() {
        Some(column)
    } else {
        fallbacks.get(n * column + index).map(|&b| usize::from(b))
    };
    shown
        .and_then(|i| languages.get(i))
        .copied()
        .unwrap_or(Lang::En)
}

/// The retry class of entry `index`: byte `index` of `table` picks one of
/// `classes` (the first if out of range, never for generated tables).
#[cfg_attr(not(debug_assertions), inline)]
pub fn retry_at(table: &[u8], classes: &[Retry], index: usize) -> Retry {
    match table.get(index).and_then(|&b| classes.get(usize::from(b))) {
        Some(&class) => class,
        None => classes.first().copied().unwrap_or(Retry::Never),
    }
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
#[cfg_attr(not(debug_assertions), inline)]
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
/// halves XORed). Codes of up to 8 bytes and over [`SHORT_CODE_BYTES`] are
/// hashed from every byte. A code of 9 to 64 bytes (nearly every real one)
/// is hashed in one of three ways, which `sample` picks:
/// - [`EVERY_BYTE`]: one multiplication per 16 bytes, independent of each
///   other (two or four overlapping blocks from both ends);
/// - [`ENDS`]: its first and last eight bytes only, in one multiplication
///   and without a branch on the length (the cheapest);
/// - an offset from 1 to [`MAX_SAMPLE_AT`]: those and (for codes over 16
///   bytes) the eight bytes at that offset (the last eight, for a code too
///   short to have them), in one multiplication.
///
/// Two codes that agree on the bytes read get one hash. The generator
/// picks, per catalog, the cheapest way under which few codes do, and a
/// lookup compares whole codes, so a shared hash costs time, never a wrong
/// answer.
#[inline(always)]
pub fn hash(bytes: &[u8], seed: u64, sample: u8) -> u64 {
    let len = bytes.len();
    let s = seed ^ (len as u64).wrapping_mul(K2);
    if len > SHORT_CODE_BYTES {
        return hash_long(bytes, s);
    }
    if sample != EVERY_BYTE && len > 8 {
        let at = |i: usize| read8(bytes, i.min(len - 8));
        // A third word only where the first and last leave bytes out.
        let third = if sample == ENDS {
            0
        } else {
            at(usize::from(sample)) & u64::from(len > 16).wrapping_neg()
        };
        return fold(at(0) ^ third.rotate_left(29) ^ K0 ^ s, at(len - 8) ^ K1);
    }
    if let (Some(first), Some(last)) = (bytes.first_chunk::<32>(), bytes.last_chunk::<32>()) {
        // 32 to 64 bytes: four blocks (overlapping when fewer than 64).
        let (a, b) = halves(first);
        let (c, d) = halves(last);
        return (block(a, s, K0, K1) ^ block(b, s, K4, K5))
            ^ (block(c, s, K6, K7) ^ block(d, s, K2, K3));
    }
    if let (Some(first), Some(last)) = (bytes.first_chunk::<16>(), bytes.last_chunk::<16>()) {
        // 16 to 31 bytes: two blocks (overlapping when fewer than 32).
        return block(first, s, K0, K1) ^ block(last, s, K2, K3);
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

/// The two 16-byte halves of a 32-byte block.
#[inline(always)]
fn halves(x: &[u8; 32]) -> (&[u8; 16], &[u8; 16]) {
    let (lo, hi) = x.split_at(16);
    match (<&[u8; 16]>::try_from(lo), <&[u8; 16]>::try_from(hi)) {
        (Ok(lo), Ok(hi)) => (lo, hi),
        // unreachable: 32 bytes split at 16
        _ => (&[0; 16], &[0; 16]),
    }
}

/// [`hash`] of a code longer than 64 bytes, `s` the seed mixed with its
/// length: 16 bytes at a time, the last 16 overlapping the previous block.
#[inline(never)]
fn hash_long(bytes: &[u8], s: u64) -> u64 {
    let Some(last) = bytes.last_chunk::<16>() else {
        return s; // unreachable: callers pass more than 64 bytes
    };
    let mut h = s;
    let mut rest = bytes;
    while let Some((first, tail)) = rest.split_first_chunk::<16>() {
        if tail.len() <= 16 {
            return block(first, h, K0, K1) ^ block(last, h, K2, K3);
        }
        h = block(first, h, K0, K1);
        rest = tail;
    }
    h // unreachable: the loop returns once 17 to 32 bytes are left
}

// Digits of pi: arbitrary odd constants with no structure.
const K0: u64 = 0x243F_6A88_85A3_08D3;
const K1: u64 = 0x1319_8A2E_0370_7345;
const K2: u64 = 0xA409_3822_299F_31D1;
const K3: u64 = 0x082E_FA98_EC4E_6C89;
const K4: u64 = 0x4528_21E6_38D0_1377;
const K5: u64 = 0xBE54_66CF_34E9_0C6D;
const K6: u64 = 0xC0AC_29B7_C97C_50DD;
const K7: u64 = 0x3F84_D5B5_B547_0917;

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

/// Asks the CPU to bring the line holding byte `at` of `table` into the
/// cache, without waiting for it (nothing on other architectures).
#[inline(always)]
fn prefetch(table: &[u8], at: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        let p = table.as_ptr().wrapping_add(at);
        // SAFETY: a prefetch is a hint: it reads nothing the program sees
        // and never faults, whatever the address; SSE, which it needs, is
        // part of every x86_64 CPU.
        unsafe {
            core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(p.cast());
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (table, at);
}

/// The little-endian `u64` at `at` (0 past the end: callers stay inside).
#[inline(always)]
fn read8(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..at.wrapping_add(8))
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0, u64::from_le_bytes)
}

/// Slots per group of a [`CodeIndex`].
pub const GROUP_SLOTS: usize = 7;

/// Bytes of a group's slots in [`CodeIndex::slots`]: one little-endian
/// `u64` per slot (see [`slot_word`]), slot `k`'s at byte `8 * k`, so that
/// the lookup finds it from the tag mark's bit position alone.
pub const SLOTS_BYTES: usize = 8 * GROUP_SLOTS;

/// Bytes of a group's control word in [`CodeIndex::controls`]
/// (little-endian `u64`: bytes 0 to 6 the tags of the slots, byte 7 the
/// control byte). A free slot's tag byte is 0, which is also a tag: what
/// tells a free slot is its slot word, 0, whose length (0) no code has.
pub const CONTROL_BYTES: usize = 8;

/// Bit of a group's control byte: some code whose probe passed through
/// this group is stored in a later one, so a lookup must go on.
pub const CONTINUE: u8 = 1;

/// Bytes of [`CodeIndex::slots`] over which a lookup prefetches its
/// group's slots: smaller tables stay in L1, where the prefetch is two
/// instructions for nothing.
const PREFETCH_SLOTS_OVER: usize = 8 * 1024;

/// Longest code, in bytes, a catalog may have: a slot stores the length in
/// one byte. The generator's validator enforces it.
pub const MAX_CODE_BYTES: usize = u8::MAX as usize;

/// Most entries a catalog may have: a slot stores the entry index in 24
/// bits. The generator's validator enforces it.
pub const MAX_ENTRIES: usize = (1 << 24) - 1;

/// The word of a slot holding the code at `start` in the blob, `len` bytes
/// long, of entry `index`: `start` in bits 0 to 31, `len` in bits 32 to 39,
/// `index` in bits 40 to 63 (`None` when `len` or `index` does not fit).
/// A free slot's word is 0 (its tag, 0, never matches).
pub fn slot_word(start: u32, len: usize, index: usize) -> Option<u64> {
    let len = u8::try_from(len).ok()?;
    (index <= MAX_ENTRIES).then(|| u64::from(start) | u64::from(len) << 32 | (index as u64) << 40)
}

/// The index over a catalog's plain codes: a hash table laid out at build
/// time, read without a single allocation or write.
///
/// A code's hash picks its home group and a tag byte. One read of the
/// group's control word compares the tag with all its [`GROUP_SLOTS`]
/// slots at once; only a slot whose tag matches is read, and only a slot
/// whose length matches is compared byte by byte. The control words are
/// an array of their own, 8 bytes per group, so that a miss, which almost
/// always ends at the control word (no matching tag, no [`CONTINUE`] bit:
/// codes overflow into the next group only when their home group is full,
/// which the generator's load of at most 0.5 makes rare), reads a table an
/// eighth the size of the slots. In a table too large for L1, a hit asks
/// for its group's slots (x86_64: a prefetch, which the CPU issues as soon
/// as the hash is known) while the control word is on its way, so that the
/// two reads overlap.
#[derive(Debug)]
pub struct CodeIndex {
    pub seed: u64,
    /// The `sample` argument of [`hash`].
    pub sample: u8,
    /// [`CONTROL_BYTES`] per group, a power of two of groups.
    pub controls: &'static [u8],
    /// [`SLOTS_BYTES`] per group.
    pub slots: &'static [u8],
    /// The catalog's string blob, which the slots point into.
    pub blob: &'static [u8],
}

impl CodeIndex {
    /// The entry index whose code equals `key`.
    ///
    /// Straight-line for what almost every lookup needs: the home group and
    /// its first slot whose tag matches. Everything else (a second tag
    /// match, a code longer than [`SHORT_CODE_BYTES`], the probe on into
    /// later groups) is [`find_general`](Self::find_general), out of line
    /// and called only as the last step: the straight path calls nothing
    /// else, so its values stay in scratch registers (the generated
    /// `__catalog_find` saves one register, and spills nothing). Bounded by
    /// the table's size whatever its bytes say. Inlined in optimised builds
    /// only: there generated code calls it from one out-of-line function per
    /// catalog, so that the table's size is a constant; an unoptimised build
    /// calls the one copy compiled with this crate.
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn find(&self, key: &str) -> Option<usize> {
        self.find_with::<true>(key)
    }

    /// [`find`](Self::find) without the prefetch of the group's slots, for
    /// the benchmark that measures what the prefetch buys
    /// (`generated-example/examples/prefetch_ab.rs`).
    #[doc(hidden)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn find_without_prefetch(&self, key: &str) -> Option<usize> {
        self.find_with::<false>(key)
    }

    /// [`find`](Self::find), prefetching the group's slots if `PREFETCH`.
    #[inline(always)]
    fn find_with<const PREFETCH: bool>(&self, key: &str) -> Option<usize> {
        let key = key.as_bytes();
        if key.len() > SHORT_CODE_BYTES {
            return self.find_general(key);
        }
        let h = hash(key, self.seed, self.sample);
        let g = group_of(h, self.groups());
        let control = self.control(g);
        let m = tag_matches(control, tag_of(h));
        if m == 0 {
            return if (control >> 56) as u8 & CONTINUE == 0 {
                None
            } else {
                self.find_general(key)
            };
        }
        // The group's slots (both lines they may span), fetched while the
        // control word is still on its way when the branch above is
        // predicted: their address needs `g` only. Generated code calls
        // this with a static table, so the size test folds away.
        if PREFETCH && self.slots.len() > PREFETCH_SLOTS_OVER {
            let at = g.wrapping_mul(SLOTS_BYTES);
            prefetch(self.slots, at);
            prefetch(self.slots, at.wrapping_add(SLOTS_BYTES - 8));
        }
        let Some(group) = self.slots_of(g) else {
            return None; // slots missing (never in generated tables)
        };
        // The slot test of `probe`, written out again: shared through a
        // helper, it costs this path three saved registers (measured).
        let slot = word(group, m.trailing_zeros() as usize & !7);
        if (slot >> 32) as u8 as usize == key.len() {
            let start = slot as u32 as usize;
            if let Some(code) = self.blob.get(start..start.wrapping_add(key.len()))
                && same_short(code, key)
            {
                return Some((slot >> 40) as usize);
            }
        }
        self.find_general(key)
    }

    /// [`find`](Self::find) for any code and any group: every tag match of
    /// the home group, then the groups after it while their [`CONTINUE`]
    /// bit says a code may be further on.
    #[cold]
    #[inline(never)]
    pub fn find_general(&self, key: &[u8]) -> Option<usize> {
        let h = hash(key, self.seed, self.sample);
        let groups = self.groups();
        let tag = tag_of(h);
        let mut g = group_of(h, groups);
        for _ in 0..groups {
            match self.probe(g, tag, key) {
                Probe::Found(i) => return Some(i),
                Probe::Absent => return None,
                Probe::GoOn => {}
            }
            g = (g + 1) & groups.wrapping_sub(1);
        }
        None
    }

    /// The number of groups.
    #[inline(always)]
    fn groups(&self) -> usize {
        self.controls.len() / CONTROL_BYTES
    }

    /// The control word of group `g` (0, no tags, if the table has none).
    #[inline(always)]
    fn control(&self, g: usize) -> u64 {
        read8(self.controls, g.wrapping_mul(CONTROL_BYTES))
    }

    /// The slots of group `g`, if the table has them.
    #[inline(always)]
    fn slots_of(&self, g: usize) -> Option<&[u8; SLOTS_BYTES]> {
        let at = g.wrapping_mul(SLOTS_BYTES);
        self.slots
            .get(at..at.wrapping_add(SLOTS_BYTES))
            .and_then(|g| <&[u8; SLOTS_BYTES]>::try_from(g).ok())
    }

    /// Looks for `key` in group `g`.
    fn probe(&self, g: usize, tag: u8, key: &[u8]) -> Probe {
        let Some(group) = self.slots_of(g) else {
            return Probe::Absent;
        };
        let control = self.control(g);
        let mut m = tag_matches(control, tag);
        while m != 0 {
            // Mark `k` (of bytes 0 to 6) is bit `8k + 7`: slot word `k` is
            // at byte `8k`.
            let slot = word(group, m.trailing_zeros() as usize & !7);
            // Lengths first: a tag that matches by chance mostly stops here.
            if (slot >> 32) as u8 as usize == key.len() {
                let start = slot as u32 as usize;
                if self.blob.get(start..start.wrapping_add(key.len())) == Some(key) {
                    return Probe::Found((slot >> 40) as usize);
                }
            }
            m &= m - 1;
        }
        if (control >> 56) as u8 & CONTINUE == 0 {
            Probe::Absent
        } else {
            Probe::GoOn
        }
    }
}

/// The `sample` of [`hash`] that reads every byte of a code.
pub const EVERY_BYTE: u8 = 0;

/// The `sample` of [`hash`] that reads a code's first and last eight
/// bytes only.
pub const ENDS: u8 = u8::MAX;

/// The largest offset [`hash`] may sample a code at: its last word then
/// ends at byte 64, [`SHORT_CODE_BYTES`].
pub const MAX_SAMPLE_AT: u8 = 56;

/// Codes up to this long are compared inline by [`CodeIndex::find`]
/// (overlapping word compares); longer ones, rare, by
/// [`CodeIndex::find_general`].
pub const SHORT_CODE_BYTES: usize = 64;

/// What one group of a [`CodeIndex`] says of a code.
enum Probe {
    Found(usize),
    Absent,
    GoOn,
}

/// The little-endian `u64` at byte `at` of a group's slots (`at` a
/// multiple of 8 below [`SLOTS_BYTES`], so the bounds check folds away; 0
/// otherwise, which no caller reads).
#[inline(always)]
fn word(group: &[u8; SLOTS_BYTES], at: usize) -> u64 {
    read8(group, at)
}

/// Whether `a` and `b` are equal, for codes up to [`SHORT_CODE_BYTES`]
/// long (`false` for longer ones): overlapping word compares from both
/// ends, no `memcmp` call, so that [`CodeIndex::find`] calls nothing.
#[inline(always)]
fn same_short(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() || a.len() > SHORT_CODE_BYTES {
        return false;
    }
    if let (Some(a0), Some(a1), Some(b0), Some(b1)) = (
        a.first_chunk::<32>(),
        a.last_chunk::<32>(),
        b.first_chunk::<32>(),
        b.last_chunk::<32>(),
    ) {
        // 32 to 64 bytes (more than half of the vendors' codes). Each
        // width written out as XORed integers: one generic helper comparing
        // arrays costs a hit 2 instructions more (cachegrind, N = 1,000).
        let w = |x: &[u8; 32]| {
            let (lo, hi) = halves(x);
            (u128::from_le_bytes(*lo), u128::from_le_bytes(*hi))
        };
        let ((a0, a1), (a2, a3)) = (w(a0), w(a1));
        let ((b0, b1), (b2, b3)) = (w(b0), w(b1));
        (a0 ^ b0) | (a1 ^ b1) | (a2 ^ b2) | (a3 ^ b3) == 0
    } else if let (Some(a0), Some(a1), Some(b0), Some(b1)) = (
        a.first_chunk::<16>(),
        a.last_chunk::<16>(),
        b.first_chunk::<16>(),
        b.last_chunk::<16>(),
    ) {
        let w = |x: &[u8; 16]| u128::from_le_bytes(*x);
        (w(a0) ^ w(b0)) | (w(a1) ^ w(b1)) == 0
    } else if let (Some(a0), Some(a1), Some(b0), Some(b1)) = (
        a.first_chunk::<8>(),
        a.last_chunk::<8>(),
        b.first_chunk::<8>(),
        b.last_chunk::<8>(),
    ) {
        let w = |x: &[u8; 8]| u64::from_le_bytes(*x);
        (w(a0) ^ w(b0)) | (w(a1) ^ w(b1)) == 0
    } else if let (Some(a0), Some(a1), Some(b0), Some(b1)) = (
        a.first_chunk::<4>(),
        a.last_chunk::<4>(),
        b.first_chunk::<4>(),
        b.last_chunk::<4>(),
    ) {
        let w = |x: &[u8; 4]| u32::from_le_bytes(*x);
        (w(a0) ^ w(b0)) | (w(a1) ^ w(b1)) == 0
    } else {
        // 0 to 3 bytes: the first, middle and last cover every byte.
        let at = |x: &[u8], i: usize| x.get(i).copied();
        let n = a.len();
        [0, n / 2, n.wrapping_sub(1)]
            .iter()
            .all(|&i| at(a, i) == at(b, i))
    }
}

/// The home group of hash `h` among `groups` groups (a power of two).
#[inline]
pub fn group_of(h: u64, groups: usize) -> usize {
    (h as usize) & groups.wrapping_sub(1)
}

/// The tag of hash `h`: its top eight bits. A tag may be 0, the tag byte of
/// a free slot: a lookup with that tag reads the free slots' words too,
/// whose length (0) matches no code. Only the empty key has that length,
/// and the generator keeps no seed under which the empty key's tag is 0,
/// so the empty key matches nothing.
#[inline]
pub fn tag_of(h: u64) -> u8 {
    (h >> 56) as u8
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
        // Every byte of codes up to 200 bytes, at every length.
        let text: alloc::vec::Vec<u8> = words(11).flat_map(u64::to_le_bytes).take(200).collect();
        for len in 1..=200 {
            let code = &text[..len];
            for i in 0..len {
                let mut other = code.to_vec();
                other[i] ^= 1 << (i % 8);
                assert_ne!(
                    hash(code, 4, EVERY_BYTE),
                    hash(&other, 4, EVERY_BYTE),
                    "len {len}, byte {i}"
                );
            }
            for sample in [EVERY_BYTE, ENDS, 1, 16, MAX_SAMPLE_AT] {
                let h = |c: &[u8], seed| hash(c, seed, sample);
                assert_ne!(h(code, 4), h(&text[..len - 1], 4), "len {len}");
                assert_ne!(h(code, 4), h(code, 5), "len {len}");
            }
        }
        let a = hash(b"FailedOperation.MemberNameUsed", 1, EVERY_BYTE);
        assert_ne!(a, hash(b"FailedOperation.MemberNameUsee", 1, EVERY_BYTE));
        assert_ne!(a, hash(b"FailedOperation.MemberNameUsed", 2, EVERY_BYTE));
        assert_ne!(hash(b"", 0, 1), hash(b"\0", 0, 1));
        assert_ne!(hash(b"abcdefgh", 0, 1), hash(b"abcdefgh\0", 0, 1));
    }

    /// A sampled hash reads the bytes its doc names, whatever the length
    /// and offset: every byte of codes up to 16 bytes (and over 64), else
    /// the first 8, the last 8 and the 8 at the offset (clamped to the
    /// last 8; none for [`ENDS`]); no other byte.
    #[test]
    fn sampled_hash_reads_exactly_its_words() {
        let text: alloc::vec::Vec<u8> = words(12).flat_map(u64::to_le_bytes).take(100).collect();
        for len in 1..=100 {
            let code = &text[..len];
            for sample in (1..=MAX_SAMPLE_AT).chain([ENDS]) {
                let at = usize::from(sample).min(len.saturating_sub(8));
                for i in 0..len {
                    let read = len <= 16
                        || len > SHORT_CODE_BYTES
                        || i < 8
                        || i >= len - 8
                        || (sample != ENDS && (at..at + 8).contains(&i));
                    let mut other = code.to_vec();
                    other[i] ^= 0x41;
                    let same = hash(code, 9, sample) == hash(&other, 9, sample);
                    assert_eq!(same, !read, "len {len}, sample {sample}, byte {i}");
                }
            }
        }
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
            // Plant the tag in some slots, so that matches are frequent
            // (also the tag 0, that of free slots).
            let tag = if k % 16 == 0 {
                0
            } else {
                tag_of(w.rotate_left(k as u32 % 64))
            };
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
            // Free slots (tag byte 0) match the tag 0 only.
            assert_eq!(tag_matches(0, tag) != 0, tag == 0);
        }
        assert!(checked > 100_000, "{checked}");
    }

    #[test]
    fn code_index_never_panics_or_loops_on_any_table() {
        let blob: &'static [u8] = b"CBC.0250FailedOperation.MemberNameUsed";
        let table = |w: u64, len: usize| -> &'static [u8] {
            let bytes: alloc::vec::Vec<u8> =
                words(w).flat_map(u64::to_le_bytes).take(len).collect();
            Box::leak(bytes.into_boxed_slice())
        };
        for (k, w) in words(9).take(3_000).enumerate() {
            // Any lengths (also not whole groups, or slots and controls
            // that disagree on the number of groups), any bytes.
            let groups = w as usize % 5;
            let controls = table(w, groups * CONTROL_BYTES + (k % 3) * (k % 5));
            let slots = table(!w, (groups + k % 2) * SLOTS_BYTES - (k % 7).min(groups));
            let index = CodeIndex {
                seed: w,
                sample: (w >> 58) as u8, // any offset, also past the last
                controls,
                slots,
                blob,
            };
            for key in ["CBC.0250", "", "FailedOperation.MemberNameUsed", "x"] {
                if let Some(i) = index.find(key) {
                    assert!(i <= MAX_ENTRIES);
                }
            }
        }
        // Large enough for the prefetch, also where the slots are fewer
        // than the groups (the prefetched address then lies past them).
        for (k, w) in words(11).take(200).enumerate() {
            let groups = 256 << (k % 3);
            let index = CodeIndex {
                seed: w,
                sample: (w >> 58) as u8,
                controls: table(w, groups * CONTROL_BYTES),
                slots: table(!w, (groups >> (k % 2)) * SLOTS_BYTES),
                blob,
            };
            for key in ["CBC.0250", "", "FailedOperation.MemberNameUsed", "x"] {
                assert_eq!(index.find(key), index.find_without_prefetch(key));
            }
        }
        // Every tag matching, every group saying "go on": still bounded.
        let h = hash(b"CBC.0250", 3, EVERY_BYTE);
        let mut control = [tag_of(h); CONTROL_BYTES];
        control[GROUP_SLOTS] = CONTINUE;
        let index = CodeIndex {
            seed: 3,
            sample: EVERY_BYTE,
            controls: Box::leak(control.repeat(4).into_boxed_slice()),
            slots: Box::leak(alloc::vec![0; 4 * SLOTS_BYTES].into_boxed_slice()),
            blob,
        };
        assert_eq!(index.find("CBC.0250"), None, "slots of length 0");
    }

    /// A table large enough for the prefetch (over 8 KiB of slots), laid
    /// out as the generator does (each code in the first free slot from its
    /// home group on, `CONTINUE` on the groups passed, at a load of 0.5 to
    /// 0.95 so that groups overflow): every code is found where it is, at
    /// its index, with and without the prefetch; every other key is not.
    #[test]
    fn large_tables_find_every_code_with_and_without_prefetch() {
        use alloc::{format, string::String, vec::Vec};
        for (n, groups) in [(600usize, 256usize), (1_700, 256), (3_000, 1024)] {
            let keys: Vec<String> = words(n as u64)
                .take(n)
                .enumerate()
                .map(|(i, w)| format!("FailedOperation.{:x}{i}", w >> (w % 40)))
                .collect();
            let seed = 0x2545_F491_4F6C_DD1D;
            assert_ne!(tag_of(hash(b"", seed, ENDS)), 0);
            let mut controls = vec![0u8; groups * CONTROL_BYTES];
            let mut slots = vec![0u8; groups * SLOTS_BYTES];
            let mut used = vec![0usize; groups];
            let mut blob = Vec::new();
            for (i, key) in keys.iter().enumerate() {
                let h = hash(key.as_bytes(), seed, ENDS);
                let mut g = group_of(h, groups);
                while used[g] == GROUP_SLOTS {
                    controls[g * CONTROL_BYTES + GROUP_SLOTS] |= CONTINUE;
                    g = (g + 1) % groups;
                }
                let k = used[g];
                used[g] += 1;
                controls[g * CONTROL_BYTES + k] = tag_of(h);
                let word = slot_word(blob.len() as u32, key.len(), i).unwrap();
                slots[g * SLOTS_BYTES + 8 * k..][..8].copy_from_slice(&word.to_le_bytes());
                blob.extend_from_slice(key.as_bytes());
            }
            assert!(slots.len() > PREFETCH_SLOTS_OVER);
            let index = CodeIndex {
                seed,
                sample: ENDS,
                controls: Box::leak(controls.into_boxed_slice()),
                slots: Box::leak(slots.into_boxed_slice()),
                blob: Box::leak(blob.into_boxed_slice()),
            };
            for (i, key) in keys.iter().enumerate() {
                assert_eq!(index.find(key), Some(i), "{key}");
                assert_eq!(index.find_without_prefetch(key), Some(i), "{key}");
                for other in [format!("{key}X"), String::from(&key[1..]), String::new()] {
                    assert_eq!(index.find(&other), None, "{other}");
                    assert_eq!(index.find_without_prefetch(&other), None, "{other}");
                }
            }
        }
    }

    #[test]
    fn slot_words_pack_and_refuse_what_does_not_fit() {
        let w = slot_word(0x1234_5678, 255, MAX_ENTRIES).unwrap();
        assert_eq!(w as u32, 0x1234_5678);
        assert_eq!((w >> 32) as u8, 255);
        assert_eq!((w >> 40) as usize, MAX_ENTRIES);
        assert_eq!(slot_word(0, MAX_CODE_BYTES + 1, 0), None);
        assert_eq!(slot_word(0, 1, MAX_ENTRIES + 1), None);
    }

    #[test]
    fn same_agrees_with_slice_equality() {
        let text: alloc::vec::Vec<u8> = words(5)
            .flat_map(u64::to_le_bytes)
            .take(200)
            .map(|b| b % 3)
            .collect();
        for len in 0..=70 {
            for i in 0..40 {
                for j in 0..8 {
                    let (a, b) = (&text[i..i + len], &text[j..j + len]);
                    let short = len <= SHORT_CODE_BYTES;
                    assert_eq!(same_short(a, b), short && a == b, "len {len} at {i}, {j}");
                }
            }
        }
    }
}
