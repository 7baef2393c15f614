//! The code index's layout, computed by the generator.
//!
//! Codes go, in the catalog's order, into the first group with a free slot
//! from their home group on; every group a code passes over gets the
//! [`CONTINUE`] bit, so that a lookup knows to go on. Groups are the power of
//! two that keeps the load at most 0.6 (about 4 codes in a group of 7, so
//! that overflow is rare), and of a few seeds the one with the fewest
//! overflowing codes is kept. The lookup (`errors_core::table::CodeIndex`,
//! through the runtime) uses the very hash, group and tag functions used
//! here.

use errors_core::table::{CONTINUE, GROUP_SLOTS, group_of, hash, tag_of};

/// A code index: one `u64` word per group (tags and control byte), one
/// value per slot ([`EMPTY`] for a free slot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeIndex {
    pub seed: u64,
    pub groups: Vec<u64>,
    pub slots: Vec<u32>,
}

/// The value of a slot no key landed in.
pub const EMPTY: u32 = u32::MAX;

/// Seeds tried; the layout with the fewest overflowing codes is kept.
const SEEDS: u64 = 8;

/// Lays out `keys` (distinct); `values[i]` is stored for key `i`.
/// Deterministic: the same keys give the same tables.
pub fn build(keys: &[&str], values: &[u32]) -> CodeIndex {
    // Load at most 0.6: 10 × keys ≤ 6 × slots.
    let mut groups = 1usize;
    while keys.len() * 10 > groups * GROUP_SLOTS * 6 {
        groups *= 2;
    }
    let mut best: Option<(usize, CodeIndex)> = None;
    for attempt in 0..SEEDS {
        let seed = 0x51_7c_c1_b7_27_22_0a_95u64.wrapping_mul(attempt + 1);
        let (overflow, index) = place(keys, values, seed, groups);
        if best.as_ref().is_none_or(|(o, _)| overflow < *o) {
            best = Some((overflow, index));
        }
        if overflow == 0 {
            break;
        }
    }
    // SEEDS > 0, so the loop ran and `best` is set.
    best.map(|(_, index)| index)
        .unwrap_or_else(|| place(keys, values, 0, groups).1)
}

/// The layout under `seed`, and how many keys are not in their home group.
fn place(keys: &[&str], values: &[u32], seed: u64, groups: usize) -> (usize, CodeIndex) {
    let mut words = vec![0u64; groups];
    let mut slots = vec![EMPTY; groups * GROUP_SLOTS];
    let mut used = vec![0usize; groups];
    let mut overflow = 0;
    for (key, &value) in keys.iter().zip(values) {
        let h = hash(key.as_bytes(), seed);
        let mut g = group_of(h, groups);
        // The load is below 1, so a group with a free slot exists.
        while used[g] == GROUP_SLOTS {
            words[g] |= u64::from(CONTINUE) << 56;
            g = (g + 1) & (groups - 1);
        }
        if g != group_of(h, groups) {
            overflow += 1;
        }
        let slot = used[g];
        used[g] += 1;
        words[g] |= u64::from(tag_of(h)) << (slot * 8);
        slots[g * GROUP_SLOTS + slot] = value;
    }
    (
        overflow,
        CodeIndex {
            seed,
            groups: words,
            slots,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use errors_core::table::tag_matches;

    impl CodeIndex {
        /// The values whose tag matches `key`'s along its probe (the
        /// caller compares the keys), as the runtime's lookup visits them.
        fn candidates(&self, key: &str) -> Vec<u32> {
            let h = hash(key.as_bytes(), self.seed);
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
            assert!(n * 10 <= p.slots.len() * 6, "load at most 0.6");
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
        }
    }
}
