//! The code index's layout, computed by the generator.
//!
//! Codes go, in the catalog's order, into the first group with a free slot
//! from their home group on; every group a code passes over gets the
//! [`CONTINUE`] bit, so that a lookup knows to go on. Groups are the power of
//! two that keeps the load at most 0.5 (3.5 codes in a group of 7, so
//! that overflow, and a miss's tag matching a slot by chance, are rare),
//! and of a few seeds the one under which lookups leave the straight path
//! least (see [`Detours`]) is kept. The hash reads as few of a code's
//! bytes as it can (its two ends; else those and a third word, at the
//! offset under which the fewest codes share a hash; else every byte)
//! while at most one code in [`SHARED_HASHES_AT_MOST`] shares its hash.
//! The lookup (`errors_core::table::CodeIndex`, through the runtime) uses
//! the very hash, group and tag functions used here.

use errors_core::table::{
    CONTINUE, ENDS, EVERY_BYTE, GROUP_SLOTS, MAX_SAMPLE_AT, group_of, hash, tag_matches, tag_of,
};

/// A code index: one `u64` word per group (tags and control byte), one
/// value per slot ([`EMPTY`] for a free slot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeIndex {
    pub seed: u64,
    /// How the hash reads a code (`errors_core::table::hash`).
    pub sample: u8,
    pub groups: Vec<u64>,
    pub slots: Vec<u32>,
}

/// The value of a slot no key landed in.
pub const EMPTY: u32 = u32::MAX;

/// Seeds tried; the layout with the fewest [`Detours`] is kept.
const SEEDS: u64 = 8;

/// What makes a lookup leave `CodeIndex::find`'s straight path for the
/// general one under a layout: for a hit, its code is not the first of its
/// home group with its tag (it overflowed into a later group, or an
/// earlier code there has the same tag); for a miss, its home group has
/// the [`CONTINUE`] bit (a miss whose tag matches one slot by chance ends
/// on the straight path).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Detours {
    /// Codes a hit on which leaves the straight path.
    hits: usize,
    /// Groups with the [`CONTINUE`] bit: a miss there leaves it.
    misses: usize,
}

impl Detours {
    /// Whether `self` is fewer than `other`: the chance of a detour for a
    /// hit (`hits / keys`) plus that for a miss (`misses / groups`),
    /// compared without division.
    fn fewer_than(self, other: Detours, keys: usize, groups: usize) -> bool {
        let weight = |d: Detours| d.hits as u128 * groups as u128 + d.misses as u128 * keys as u128;
        weight(self) < weight(other)
    }
}

/// A sampled hash is used only if at most one code in this many shares
/// its hash with another (each costs its lookups the general path).
pub const SHARED_HASHES_AT_MOST: usize = 32;

/// The three-word samples tried, likeliest first (the vendors' codes differ
/// mostly after a `Prefix.` of 8 to 24 bytes).
fn sample_offsets() -> impl Iterator<Item = u8> {
    const LIKELY: [u8; 8] = [16, 24, 8, 20, 12, 32, 28, 40];
    LIKELY
        .into_iter()
        .chain((1..=MAX_SAMPLE_AT).filter(|o| !LIKELY.contains(o)))
}

/// How many of `keys` share their hash under `sample` with another.
fn shared_hashes(keys: &[&str], seed: u64, sample: u8) -> usize {
    let mut hashes: Vec<u64> = keys
        .iter()
        .map(|k| hash(k.as_bytes(), seed, sample))
        .collect();
    hashes.sort_unstable();
    let n = hashes.len();
    (0..n)
        .filter(|&i| {
            (i > 0 && hashes[i - 1] == hashes[i]) || (i + 1 < n && hashes[i + 1] == hashes[i])
        })
        .count()
}

/// The hash's `sample` for `keys`: the cheapest under which few enough
/// share a hash ([`ENDS`], else the three-word offset under which the
/// fewest do), else [`EVERY_BYTE`].
fn choose_sample(keys: &[&str], seed: u64) -> u8 {
    let few = |shared: usize| shared * SHARED_HASHES_AT_MOST <= keys.len();
    if few(shared_hashes(keys, seed, ENDS)) {
        return ENDS;
    }
    let mut best: Option<(usize, u8)> = None;
    for sample in sample_offsets() {
        let shared = shared_hashes(keys, seed, sample);
        if best.is_none_or(|(b, _)| shared < b) {
            best = Some((shared, sample));
        }
        if shared == 0 {
            break;
        }
    }
    match best {
        Some((shared, sample)) if few(shared) => sample,
        _ => EVERY_BYTE,
    }
}

/// The seed of attempt `attempt` (0 to [`SEEDS`] - 1).
fn seed_of(attempt: u64) -> u64 {
    0x51_7c_c1_b7_27_22_0a_95u64.wrapping_mul(attempt + 1)
}

/// Lays out `keys` (distinct); `values[i]` is stored for key `i`.
/// Deterministic: the same keys give the same tables.
pub fn build(keys: &[&str], values: &[u32]) -> CodeIndex {
    // Load at most 0.5: 2 × keys ≤ slots.
    let mut groups = 1usize;
    while keys.len() * 2 > groups * GROUP_SLOTS {
        groups *= 2;
    }
    // Whether codes share a sampled hash hardly depends on the seed.
    let sample = choose_sample(keys, seed_of(0));
    let mut best: Option<(Detours, CodeIndex)> = None;
    for seed in tried_seeds(sample) {
        let (detours, index) = place(keys, values, seed, sample, groups);
        if best
            .as_ref()
            .is_none_or(|(b, _)| detours.fewer_than(*b, keys.len(), groups))
        {
            best = Some((detours, index));
        }
        if detours.hits + detours.misses == 0 {
            break;
        }
    }
    // Of the seeds tried, some keep the empty key's tag off 0 (a test
    // checks), so `best` is set; else the first such seed from there on.
    best.map(|(_, index)| index).unwrap_or_else(|| {
        let seed = (SEEDS..)
            .map(seed_of)
            .find(|&s| empty_key_tag_is_not_free(s, sample))
            .unwrap_or(0);
        place(keys, values, seed, sample, groups).1
    })
}

/// The seeds [`build`] tries for `sample`: of the first [`SEEDS`], those
/// under which the empty key's tag is not 0.
fn tried_seeds(sample: u8) -> impl Iterator<Item = u64> {
    (0..SEEDS)
        .map(seed_of)
        .filter(move |&s| empty_key_tag_is_not_free(s, sample))
}

/// Whether the empty key's tag under `seed` is not 0, the tag byte of free
/// slots: no catalog has the empty code, and a lookup of it must find
/// nothing, but the free slots' words have its length (see
/// `errors_core::table::tag_of`).
fn empty_key_tag_is_not_free(seed: u64, sample: u8) -> bool {
    tag_of(hash(b"", seed, sample)) != 0
}

/// The layout under `seed`, and its [`Detours`].
fn place(
    keys: &[&str],
    values: &[u32],
    seed: u64,
    sample: u8,
    groups: usize,
) -> (Detours, CodeIndex) {
    let mut words = vec![0u64; groups];
    let mut slots = vec![EMPTY; groups * GROUP_SLOTS];
    let mut used = vec![0usize; groups];
    let mut hits = 0;
    for (key, &value) in keys.iter().zip(values) {
        let h = hash(key.as_bytes(), seed, sample);
        let mut g = group_of(h, groups);
        // The load is below 1, so a group with a free slot exists.
        while used[g] == GROUP_SLOTS {
            words[g] |= u64::from(CONTINUE) << 56;
            g = (g + 1) & (groups - 1);
        }
        let slot = used[g];
        used[g] += 1;
        words[g] |= u64::from(tag_of(h)) << (slot * 8);
        slots[g * GROUP_SLOTS + slot] = value;
        // The lookup takes the home group's first slot with this tag: an
        // earlier code's, if one has it (free slots come after every used
        // one, so the tag 0 of a free slot never comes first).
        let home = group_of(h, groups);
        let m = tag_matches(words[home], tag_of(h));
        if g != home || m.trailing_zeros() / 8 != slot as u32 {
            hits += 1;
        }
    }
    let misses = words
        .iter()
        .filter(|w| (*w >> 56) as u8 & CONTINUE != 0)
        .count();
    (
        Detours { hits, misses },
        CodeIndex {
            seed,
            sample,
            groups: words,
            slots,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    impl CodeIndex {
        /// The values whose tag matches `key`'s along its probe (the
        /// caller compares the keys), as the runtime's lookup visits them.
        fn candidates(&self, key: &str) -> Vec<u32> {
            let h = hash(key.as_bytes(), self.seed, self.sample);
            let n = self.groups.len();
            let mut g = group_of(h, n);
            let mut out = Vec::new();
            for _ in 0..n {
                let mut m = tag_matches(self.groups[g], tag_of(h));
                while m != 0 {
                    out.push(self.slots[g * GROUP_SLOTS + (m.trailing_zeros() / 8) as usize]);
                    m &= m - 1;
                }
                if (self.groups[g] >> 56) as u8 & CONTINUE == 0 {
                    break;
                }
                g = (g + 1) & (n - 1);
            }
            out
        }
    }

    #[test]
    fn every_key_is_found_along_its_probe() {
        for n in [0usize, 1, 2, 3, 7, 8, 10, 64, 217, 1000, 1024, 10_000] {
            let keys: Vec<String> = (0..n)
                .map(|i| format!("FailedOperation.Code{i:05}"))
                .collect();
            let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            let values: Vec<u32> = (0..n as u32).collect();
            let p = build(&refs, &values);
            assert!(p.groups.len().is_power_of_two());
            assert!(n * 2 <= p.slots.len(), "load at most 0.5");
            assert_eq!(p.slots.iter().filter(|&&s| s != EMPTY).count(), n);
            for (i, k) in refs.iter().enumerate() {
                assert!(p.candidates(k).contains(&(i as u32)), "n={n} key={k}");
            }
            // Misses see few candidates: the tag filters most slots out.
            let seen: usize = refs
                .iter()
                .map(|k| p.candidates(&format!("{k}X")).len())
                .sum();
            assert!(
                seen * 10 <= n.max(10),
                "n={n}: {seen} candidates for misses"
            );
            assert_eq!(build(&refs, &values), p, "deterministic");
            // The empty key (no catalog has it) meets no free slot, whose
            // word has its length.
            assert!(!p.candidates("").contains(&EMPTY), "n={n}");
        }
    }

    /// Under every hash, some of the seeds tried keep the empty key's tag
    /// off 0, so `build` never needs a seed past them.
    #[test]
    fn some_seed_tried_keeps_the_empty_key_off_free_slots() {
        for sample in [ENDS, EVERY_BYTE].into_iter().chain(1..=MAX_SAMPLE_AT) {
            assert!(tried_seeds(sample).next().is_some(), "sample {sample}");
        }
    }

    /// Codes of a family: a fixed text with random letters at `spots` (one
    /// byte each, from `alphabet`), fixed seed.
    fn family(n: usize, len: usize, spots: &[usize], alphabet: &[u8], seed: u64) -> Vec<String> {
        let mut state = seed;
        let mut codes = std::collections::BTreeSet::new();
        let mut tries = 0;
        while codes.len() < n && tries < 100 * n {
            tries += 1;
            let mut code: Vec<u8> = (0..len).map(|i| b'A' + (i % 26) as u8).collect();
            for &at in spots {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                code[at] = alphabet[(state % alphabet.len() as u64) as usize];
            }
            codes.insert(String::from_utf8(code).unwrap_or_default());
        }
        codes.into_iter().collect()
    }

    /// Whatever bytes a catalog's codes differ in, the chosen hash leaves
    /// at most one code in `SHARED_HASHES_AT_MOST` sharing a hash, and it is
    /// the cheapest that does: the ends where they differ at the ends, a
    /// third word where they differ in one window only, every byte where
    /// they differ in bytes no single word covers.
    #[test]
    fn the_chosen_hash_is_the_cheapest_that_keeps_codes_apart() {
        let digits = b"0123456789";
        let letters = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for len in [9usize, 12, 16, 17, 24, 31, 40, 48, 63, 64, 65, 100] {
            for case in 0..6 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let (spots, alphabet, n): (Vec<usize>, &[u8], usize) = match case {
                    // Variation in the last bytes or the first: the ends.
                    0 => ((len - 3..len).collect(), letters, 500),
                    1 => ((0..2).collect(), letters, 300),
                    // In the middle only (codes longer than 16 bytes).
                    2 => ((len / 2..len / 2 + 2).collect(), letters, 300),
                    // At both ends of the middle, 12 bytes apart and more.
                    3 => (vec![8, len.saturating_sub(9).max(8)], digits, 100),
                    // Everywhere.
                    4 => ((0..len).step_by(3).collect(), letters, 1000),
                    _ => (vec![len / 3, len / 3 + 1, len - 1], digits, 1000),
                };
                let keys = family(n, len, &spots, alphabet, seed);
                let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
                let sample = choose_sample(&refs, 7);
                let few = |s: u8| shared_hashes(&refs, 7, s) * SHARED_HASHES_AT_MOST <= refs.len();
                let what = format!("len {len}, case {case}, {} codes", refs.len());
                if sample != EVERY_BYTE {
                    assert!(few(sample), "{what}: sample {sample}");
                }
                if few(ENDS) {
                    assert_eq!(sample, ENDS, "{what}");
                } else if (1..=MAX_SAMPLE_AT).any(few) {
                    assert!((1..=MAX_SAMPLE_AT).contains(&sample), "{what}: {sample}");
                } else {
                    assert_eq!(sample, EVERY_BYTE, "{what}");
                }
                // The expected choice for the clear cases.
                if (9..=64).contains(&len) && refs.len() > 50 {
                    match case {
                        0 | 1 => assert_eq!(sample, ENDS, "{what}"),
                        2 if len > 24 => assert!((1..=MAX_SAMPLE_AT).contains(&sample), "{what}"),
                        _ => {}
                    }
                }
                if case == 3 && (40..=64).contains(&len) {
                    assert_eq!(sample, EVERY_BYTE, "{what}");
                }
                // Every key is still found along its probe.
                let values: Vec<u32> = (0..refs.len() as u32).collect();
                let index = build(&refs, &values);
                assert_eq!(index.sample, sample);
                for (i, k) in refs.iter().enumerate() {
                    assert!(index.candidates(k).contains(&(i as u32)), "{what}: {k}");
                }
            }
        }
    }

    /// The detours `place` counts are the lookups that really leave the
    /// straight path (recounted here from the tables, as
    /// `CodeIndex::find` reads them), and `build` keeps the seed with the
    /// fewest: on generated catalogs of every size and code length.
    #[test]
    fn the_kept_seed_has_the_fewest_detours() {
        let mut rng = crate::testing::Rng(0xde70_0075);
        for n in [1usize, 5, 30, 100, 300, 1000, 3000] {
            let mut keys = std::collections::BTreeSet::new();
            while keys.len() < n {
                let len = 1 + rng.below(80);
                let code: String = (0..len)
                    .map(|_| char::from(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ.0123456789"[rng.below(37)]))
                    .collect();
                keys.insert(code);
            }
            let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            let values: Vec<u32> = (0..n as u32).collect();
            let kept = build(&refs, &values);
            let groups = kept.groups.len();
            // Recounted from the tables.
            let straight = |index: &CodeIndex, i: usize| {
                let h = hash(refs[i].as_bytes(), index.seed, index.sample);
                let g = group_of(h, groups);
                let m = tag_matches(index.groups[g], tag_of(h));
                m != 0
                    && index.slots[g * GROUP_SLOTS + (m.trailing_zeros() / 8) as usize] == i as u32
            };
            let hits = (0..n).filter(|&i| !straight(&kept, i)).count();
            let misses = kept
                .groups
                .iter()
                .filter(|w| (*w >> 56) as u8 & CONTINUE != 0)
                .count();
            let (detours, again) = place(&refs, &values, kept.seed, kept.sample, groups);
            assert_eq!(again, kept);
            assert_eq!(detours, Detours { hits, misses }, "n={n}");
            // No other seed of the ones tried (those that keep the empty
            // key off free slots) has fewer.
            for seed in tried_seeds(kept.sample) {
                let (other, _) = place(&refs, &values, seed, kept.sample, groups);
                assert!(
                    !other.fewer_than(detours, n, groups),
                    "n={n}: {other:?} < {detours:?}"
                );
            }
        }
    }
}
