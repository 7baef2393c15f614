//! Perfect hash construction (hash and displace), run by the generator.
//!
//! Keys are spread over `keys / 4` buckets of a table of the power of two
//! slots at or above 1.25 × keys (load at most 0.8); buckets are placed
//! largest first, each trying XOR displacements until all its keys fall in
//! free slots (a bucket whose keys collide on the slot bits fails the seed,
//! and the next seed is tried). The lookup
//! (`errors_core::table::PerfectHash`, through the runtime) is one hash, one
//! displacement read, one slot read and one string compare; the hash and the
//! slot arithmetic are the very functions the lookup uses.

use errors_core::table::{bucket_of, hash, slot_of};

/// A perfect hash: displacement per bucket, value per slot ([`EMPTY`] for
/// a free slot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerfectHash {
    pub seed: u64,
    pub displacements: Vec<u32>,
    pub slots: Vec<u32>,
}

/// The value of a slot no key landed in.
pub const EMPTY: u32 = u32::MAX;

/// Tries per bucket before giving up on a seed.
const MAX_TRIES: u32 = 1 << 20;

/// Builds a perfect hash over `keys` (distinct); `values[i]` is stored for
/// key `i`. Deterministic: the same keys give the same tables.
pub fn build(keys: &[&str], values: &[u32]) -> PerfectHash {
    let n = keys.len();
    if n == 0 {
        return PerfectHash {
            seed: 0,
            displacements: vec![0],
            slots: vec![0],
        };
    }
    for attempt in 0u64.. {
        let seed = 0x51_7c_c1_b7_27_22_0a_95u64.wrapping_mul(attempt + 1);
        if let Some(p) = try_build(keys, values, seed) {
            return p;
        }
    }
    unreachable!("the seed loop only ends by returning")
}

fn try_build(keys: &[&str], values: &[u32], seed: u64) -> Option<PerfectHash> {
    let n = keys.len();
    // Load at most 0.8: XOR displacements place the last small buckets of a
    // fuller table only after many seeds (measured: 1,000 keys in 1,024
    // slots took 64 seeds, 64 keys in 64 slots 263,253; now at most a few).
    let slots_len = (n + n / 4).next_power_of_two();
    let buckets_len = n.div_ceil(4).max(1);
    let hashes: Vec<u64> = keys.iter().map(|k| hash(k.as_bytes(), seed)).collect();
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); buckets_len];
    for (i, &h) in hashes.iter().enumerate() {
        buckets[bucket_of(h, buckets_len)].push(i);
    }
    let mut order: Vec<usize> = (0..buckets_len).collect();
    order.sort_by(|&a, &b| buckets[b].len().cmp(&buckets[a].len()).then(a.cmp(&b)));
    let mut displacements = vec![0u32; buckets_len];
    let mut taken = vec![false; slots_len];
    let mut slots = vec![EMPTY; slots_len];
    let mut placed = Vec::new();
    for b in order {
        if buckets[b].is_empty() {
            break;
        }
        let mut found = false;
        // XOR displacements beyond the table size repeat earlier ones.
        let tries = MAX_TRIES.min(u32::try_from(slots_len).unwrap_or(u32::MAX));
        'tries: for d in 0..tries {
            placed.clear();
            for &k in &buckets[b] {
                let s = slot_of(hashes[k], d, slots_len);
                if taken[s] || placed.contains(&s) {
                    continue 'tries;
                }
                placed.push(s);
            }
            for (&k, &s) in buckets[b].iter().zip(&placed) {
                taken[s] = true;
                slots[s] = values[k];
            }
            displacements[b] = d;
            found = true;
            break;
        }
        if !found {
            return None;
        }
    }
    Some(PerfectHash {
        seed,
        displacements,
        slots,
    })
}

impl PerfectHash {
    /// The value stored for `key`'s slot (the caller compares the key).
    #[cfg(test)]
    pub fn lookup(&self, key: &str) -> u32 {
        let h = hash(key.as_bytes(), self.seed);
        let d = self.displacements[bucket_of(h, self.displacements.len())];
        self.slots[slot_of(h, d, self.slots.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_finds_its_value() {
        for n in [1usize, 2, 3, 10, 64, 217, 1000, 1024, 10_000] {
            let keys: Vec<String> = (0..n)
                .map(|i| format!("FailedOperation.Code{i:05}"))
                .collect();
            let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            let values: Vec<u32> = (0..n as u32).collect();
            let p = build(&refs, &values);
            assert_eq!(p.slots.len(), (n + n / 4).next_power_of_two());
            assert_eq!(p.slots.iter().filter(|&&s| s != EMPTY).count(), n);
            for (i, k) in refs.iter().enumerate() {
                assert_eq!(p.lookup(k), i as u32, "n={n} key={k}");
            }
            assert_eq!(build(&refs, &values), p, "deterministic");
        }
    }
}
