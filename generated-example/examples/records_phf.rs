//! A prototype of another code index, measured against `from_code` and
//! the floor of the lookup bench; the generator does not use it
//! (BENCHMARKS.md, sixth session, tells why).
//!
//! The layout: a perfect hash over the catalog's plain codes (a 16-bit
//! pilot per bucket of about four codes, as PTHash does), a one-byte
//! fingerprint per position, and per position a 64-byte record holding
//! the code itself (up to 60 bytes), its length and its entry index. A
//! lookup reads the pilot and the fingerprint (small arrays, likely in
//! L1), then, only when the fingerprint matches, the one record: a single
//! line outside L1 per hit, where the generated index reads its group's
//! control word, a slot and the code in the string blob. Codes that share
//! a hash with another, or longer than 60 bytes, are left out (the real
//! index would send them down a general path); the harness says how many.
//!
//! Then the least any table can do ("direct"): the hash picks a record
//! among as many, with no pilot, no fingerprint, nothing else read first,
//! so a hit reads one line whose address depends on the hash and nothing
//! more. Such a table cannot hold every code (two codes whose hashes pick
//! one record leave it empty), so it is measured on the inputs whose code
//! has a record to itself (about 4 in 10), against the generated
//! `from_code` and the floor on those same inputs.
//!
//! The lookups run in turns, round after round (61 rounds of 200 passes
//! over the inputs, the order rotating every round), and the medians are
//! printed, so the ratios come from one run. Usage: `cargo run --release
//! -p generated-example --example records_phf -- [1000|10000]` (default
//! 10000).

use errors_catalog::__private_v1::{ENDS, hash};
#[path = "../benches/support/mod.rs"]
mod support;
use support::in_turns;

#[allow(clippy::all, dead_code)]
mod synthetic {
    errors_catalog::include_catalog!("synthetic_1000");
    errors_catalog::include_catalog!("synthetic_10000");
}

/// The longest code a record holds.
const CODE_BYTES: usize = 60;

/// The seed of the prototype's hash (any odd constant).
const SEED: u64 = 0x9E37_79B9_7F4A_7C15;

/// One position of the table: one cache line.
#[repr(C, align(64))]
#[derive(Clone, Copy)]
struct Record {
    code: [u8; CODE_BYTES],
    len: u8,
    index: [u8; 3],
}

const EMPTY: Record = Record {
    code: [0; CODE_BYTES],
    len: 0,
    index: [0; 3],
};

impl Record {
    /// The record of `code`, entry `index` (`code` at most [`CODE_BYTES`]).
    fn holding(code: &[u8], index: usize) -> Record {
        let mut r = EMPTY;
        r.code[..code.len()].copy_from_slice(code);
        r.len = code.len() as u8;
        r.index.copy_from_slice(&(index as u32).to_le_bytes()[..3]);
        r
    }

    /// The entry index, if this record holds `key`.
    #[inline(always)]
    fn entry_of(&self, key: &[u8]) -> Option<usize> {
        (usize::from(self.len) == key.len() && same(&self.code, key))
            .then(|| u32::from_le_bytes([self.index[0], self.index[1], self.index[2], 0]) as usize)
    }
}

struct RecordIndex {
    pilots: Vec<u16>,
    fingerprints: Vec<u8>,
    records: Vec<Record>,
    buckets: u64,
    positions: u64,
}

/// `x` scaled to `0..n` (the high half of the product).
#[inline(always)]
fn scaled(x: u64, n: u64) -> usize {
    ((u128::from(x) * u128::from(n)) >> 64) as usize
}

#[inline(always)]
fn bucket_of(h: u64, buckets: u64) -> usize {
    scaled(h.rotate_left(17), buckets)
}

#[inline(always)]
fn position_of(h: u64, pilot: u16, positions: u64) -> usize {
    let x = (h ^ u64::from(pilot).wrapping_mul(0xC2B2_AE3D_27D4_EB4F))
        .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    scaled(x ^ (x >> 29), positions)
}

/// The bytes of `key` and their hash, if a record can hold it.
#[inline(always)]
fn short_key_hash(key: &str) -> Option<(&[u8], u64)> {
    let key = key.as_bytes();
    (key.len() <= CODE_BYTES).then(|| (key, hash(key, SEED, ENDS)))
}

/// Never 0, the fingerprint of an empty position.
#[inline(always)]
fn fingerprint_of(h: u64) -> u8 {
    (h >> 8) as u8 | 1
}

impl RecordIndex {
    /// Lays out `codes` at a load of 0.95; returns the index and how many
    /// codes were left out.
    fn build(codes: &[String]) -> (RecordIndex, usize) {
        let n = codes.len() as u64;
        let positions = n * 100 / 95 + 1;
        let buckets = (n / 4).max(1);
        let hashes: Vec<u64> = codes
            .iter()
            .map(|c| hash(c.as_bytes(), SEED, ENDS))
            .collect();
        let mut sharing = std::collections::HashMap::new();
        for &h in &hashes {
            *sharing.entry(h).or_insert(0usize) += 1;
        }
        let kept = |i: usize| sharing[&hashes[i]] == 1 && codes[i].len() <= CODE_BYTES;
        let mut by_bucket = vec![Vec::new(); buckets as usize];
        for i in (0..codes.len()).filter(|&i| kept(i)) {
            by_bucket[bucket_of(hashes[i], buckets)].push(i);
        }
        let mut order: Vec<usize> = (0..by_bucket.len()).collect();
        order.sort_by_key(|&b| std::cmp::Reverse(by_bucket[b].len()));
        let mut taken = vec![false; positions as usize];
        let mut pilots = vec![0u16; by_bucket.len()];
        for b in order.into_iter().filter(|&b| !by_bucket[b].is_empty()) {
            let pilot = (0..=u16::MAX)
                .find(|&pilot| {
                    let mut at: Vec<usize> = by_bucket[b]
                        .iter()
                        .map(|&i| position_of(hashes[i], pilot, positions))
                        .collect();
                    at.sort_unstable();
                    at.windows(2).all(|w| w[0] != w[1]) && at.iter().all(|&p| !taken[p])
                })
                .expect("some pilot places a bucket of a few codes");
            for &i in &by_bucket[b] {
                taken[position_of(hashes[i], pilot, positions)] = true;
            }
            pilots[b] = pilot;
        }
        let mut records = vec![EMPTY; positions as usize];
        let mut fingerprints = vec![0u8; positions as usize];
        for i in (0..codes.len()).filter(|&i| kept(i)) {
            let h = hashes[i];
            let p = position_of(h, pilots[bucket_of(h, buckets)], positions);
            records[p] = Record::holding(codes[i].as_bytes(), i);
            fingerprints[p] = fingerprint_of(h);
        }
        let left_out = (0..codes.len()).filter(|&i| !kept(i)).count();
        let index = RecordIndex {
            pilots,
            fingerprints,
            records,
            buckets,
            positions,
        };
        (index, left_out)
    }

    #[inline(never)]
    fn find(&self, key: &str) -> Option<usize> {
        let (key, h) = short_key_hash(key)?;
        let pilot = *self.pilots.get(bucket_of(h, self.buckets))?;
        let p = position_of(h, pilot, self.positions);
        if *self.fingerprints.get(p)? != fingerprint_of(h) {
            return None;
        }
        let r = self.records.get(p)?;
        r.entry_of(key)
    }
}

/// The records of [`RecordIndex`] placed by the hash alone: code `i` sits
/// at `position_of(h, 0, positions)` when no other code's hash picks that
/// position, else nowhere.
struct DirectIndex {
    records: Vec<Record>,
    positions: u64,
}

impl DirectIndex {
    /// As many positions as [`RecordIndex`] has, so the records take the
    /// same memory; returns the index and which codes it holds.
    fn build(codes: &[String]) -> (DirectIndex, Vec<bool>) {
        let n = codes.len() as u64;
        let positions = n * 100 / 95 + 1;
        let at: Vec<usize> = codes
            .iter()
            .map(|c| position_of(hash(c.as_bytes(), SEED, ENDS), 0, positions))
            .collect();
        let mut count = vec![0u32; positions as usize];
        for &p in &at {
            count[p] += 1;
        }
        let mut records = vec![EMPTY; positions as usize];
        let held: Vec<bool> = (0..codes.len())
            .map(|i| count[at[i]] == 1 && codes[i].len() <= CODE_BYTES)
            .collect();
        for i in (0..codes.len()).filter(|&i| held[i]) {
            records[at[i]] = Record::holding(codes[i].as_bytes(), i);
        }
        (DirectIndex { records, positions }, held)
    }

    #[inline(never)]
    fn find(&self, key: &str) -> Option<usize> {
        let (key, h) = short_key_hash(key)?;
        let r = self.records.get(position_of(h, 0, self.positions))?;
        r.entry_of(key)
    }
}

/// Whether the record's code (its first `key.len()` bytes) is `key`:
/// overlapping 16-byte compares, as the generated index does.
#[inline(always)]
fn same(code: &[u8; CODE_BYTES], key: &[u8]) -> bool {
    let n = key.len();
    if n < 16 {
        return &code[..n] == key;
    }
    let word = |b: &[u8], at: usize| {
        b.get(at..at + 16)
            .and_then(|w| <[u8; 16]>::try_from(w).ok())
            .map_or(0, u128::from_le_bytes)
    };
    let mut diff = (word(code, 0) ^ word(key, 0)) | (word(code, n - 16) ^ word(key, n - 16));
    if n > 32 {
        diff |= word(code, 16) ^ word(key, 16);
    }
    if n > 48 {
        diff |= word(code, 32) ^ word(key, 32);
    }
    diff == 0
}

#[inline(never)]
fn ours_1000(code: &str) -> bool {
    synthetic::Synthetic1000::from_code(code).is_some()
}

#[inline(never)]
fn ours_10000(code: &str) -> bool {
    synthetic::Synthetic10000::from_code(code).is_some()
}

fn main() {
    let n = std::env::args().nth(1).unwrap_or_else(|| "10000".into());
    let (codes, ours): (Vec<String>, fn(&str) -> bool) = match n.as_str() {
        "1000" => (support::codes(synthetic::Synthetic1000::ALL), ours_1000),
        "10000" => (support::codes(synthetic::Synthetic10000::ALL), ours_10000),
        other => {
            eprintln!("usage: records_phf [1000|10000] (not {other})");
            std::process::exit(2);
        }
    };
    let (index, left_out) = RecordIndex::build(&codes);
    let misses: Vec<String> = codes.iter().map(|c| format!("{c}X")).collect();
    for (i, code) in codes.iter().enumerate() {
        assert!(index.find(code).is_none_or(|found| found == i), "{code}");
        assert_eq!(index.find(&misses[i]), None, "{}", misses[i]);
    }
    let stored = codes.clone();
    let sample = support::sample(codes.len());
    println!(
        "{n} codes; left out (shared hash or longer than {CODE_BYTES} bytes): {left_out}; \
         pilots {} B, fingerprints {} B, records {} B",
        index.pilots.len() * 2,
        index.fingerprints.len(),
        index.records.len() * size_of::<Record>()
    );
    for (kind, keys) in [("hit", &codes), ("miss", &misses)] {
        let (inputs, pairs) = support::inputs_and_pairs(&sample, keys, &stored);
        let [ours_ns, records_ns, floor_ns] = in_turns(
            &inputs,
            &pairs,
            ours,
            |k| index.find(k).is_some(),
            kind == "hit",
        );
        println!(
            "{kind:4}: ns per lookup: generated {ours_ns:.2}, records {records_ns:.2}, floor {floor_ns:.2}; \
             records / generated {:.2}, generated / floor {:.2}, records / floor {:.2}",
            records_ns / ours_ns,
            ours_ns / floor_ns,
            records_ns / floor_ns
        );
    }
    let (direct, held) = DirectIndex::build(&codes);
    for (i, code) in codes.iter().enumerate() {
        assert_eq!(direct.find(code), held[i].then_some(i), "{code}");
    }
    let subset: Vec<usize> = sample.iter().copied().filter(|&i| held[i]).collect();
    let (inputs, pairs) = support::inputs_and_pairs(&subset, &codes, &stored);
    let [ours_ns, direct_ns, floor_ns] =
        in_turns(&inputs, &pairs, ours, |k| direct.find(k).is_some(), true);
    println!(
        "hit, the {} inputs whose code has a record to itself: ns per lookup: generated {ours_ns:.2}, \
         direct {direct_ns:.2}, floor {floor_ns:.2}; generated / floor {:.2}, direct / floor {:.2}",
        inputs.len(),
        ours_ns / floor_ns,
        direct_ns / floor_ns
    );
}
