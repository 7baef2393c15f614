//! What the lookup bench and the programs that measure against it
//! (`examples/lookup_count.rs`, `examples/records_phf.rs`,
//! `examples/prefetch_ab.rs`) share, so that they look up the same inputs
//! and compare with the same floor. Each uses part of it.
#![allow(dead_code)]

use std::hint::black_box;
use std::time::Instant;

/// The wire codes of a catalog's unit variants, in order.
pub fn codes<E: errors_catalog::ErrorCode>(all: &[E]) -> Vec<String> {
    all.iter().map(|e| e.code().into_owned()).collect()
}

/// The positions, in a catalog of `codes` codes, of the 1,000 codes every
/// lookup loop walks: spread over the catalog, in a scattered order.
pub fn sample(codes: usize) -> Vec<usize> {
    (0..1000).map(|i| (i * 7919) % codes).collect()
}

/// The inputs (`keys` at the `sample`'s positions) and, for the floor,
/// each input paired with the stored copy of its code (`stored`: a copy of
/// every code, allocated apart from the inputs in catalog order, read in
/// the sample's scattered order as a table's keys are).
pub fn inputs_and_pairs<'a>(
    sample: &[usize],
    keys: &'a [String],
    stored: &'a [String],
) -> (Vec<&'a str>, Vec<(&'a str, &'a str)>) {
    let inputs: Vec<&str> = sample.iter().map(|&i| keys[i].as_str()).collect();
    let pairs = inputs
        .iter()
        .copied()
        .zip(sample.iter().map(|&i| stored[i].as_str()))
        .collect();
    (inputs, pairs)
}

/// The floor: a call that hashes the input (the cheapest way the code index
/// may: its two ends) and does one full compare with the stored key (`stored`
/// is a copy of the code in its own allocation, as a table's key is: the
/// compare has to bring it into cache).
#[inline(never)]
pub fn floor(code: &str, stored: &str) -> bool {
    errors_catalog::__private_v1::hash(code.as_bytes(), 7, errors_catalog::__private_v1::ENDS) != 0
        && code == stored
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Nanoseconds per lookup of `ours`, `other` and the floor over `inputs`
/// (`pairs` for the floor), taking turns in one process: 61 rounds of 200
/// passes, the order rotating every round, medians. `hits`: whether every
/// input is a hit for `ours` and the floor, else none is; each pass checks
/// that, and that `other` finds what it found in an untimed pass (the
/// records prototype leaves some codes out).
pub fn in_turns(
    inputs: &[&str],
    pairs: &[(&str, &str)],
    ours: impl Fn(&str) -> bool,
    other: impl Fn(&str) -> bool,
    hits: bool,
) -> [f64; 3] {
    let all = if hits { inputs.len() } else { 0 };
    let want = [all, inputs.iter().filter(|k| other(k)).count(), all];
    let mut times = [Vec::new(), Vec::new(), Vec::new()];
    for round in 0..61 {
        for turn in 0..3 {
            let alt = (turn + round) % 3;
            let start = Instant::now();
            let mut found = 0;
            for _ in 0..200 {
                found += match alt {
                    0 => inputs.iter().filter(|k| ours(black_box(k))).count(),
                    1 => inputs.iter().filter(|k| other(black_box(k))).count(),
                    _ => pairs.iter().filter(|(k, s)| floor(black_box(k), s)).count(),
                };
            }
            assert_eq!(found, 200 * want[alt]);
            times[alt].push(start.elapsed().as_secs_f64() * 1e9 / (200 * inputs.len()) as f64);
        }
    }
    times.map(median)
}
