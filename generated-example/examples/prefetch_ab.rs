//! What the code index's prefetch of a hit's slots buys, measured in one
//! process: the runtime's `CodeIndex::find` (which prefetches in tables of
//! over 8 KiB of slots) against `find_without_prefetch` (the same code
//! without it) and the lookup bench's floor, on one table.
//!
//! The table holds the synthetic catalog's codes, laid out here the way
//! the generator lays out a code index (groups a power of two at a load of
//! at most 0.5, each code in the first free slot from its home group on,
//! the `CONTINUE` bit on every group it passed), with one seed and the
//! two-ends sample. The three lookups run in turns over the lookup bench's
//! 1,000 inputs, hits then misses: 61 rounds of 200 passes, the order
//! rotating every round; medians are printed, so the ratios come from one
//! run, with the same drift of the machine on all three. Every lookup is
//! checked. Usage: `cargo run --release -p generated-example --example
//! prefetch_ab -- [1000|10000]` (default 10000).

use errors_core::table::{
    CONTINUE, CONTROL_BYTES, CodeIndex, ENDS, GROUP_SLOTS, SLOTS_BYTES, group_of, hash, slot_word,
    tag_of,
};
#[path = "../benches/support/mod.rs"]
mod support;
use support::in_turns;

#[allow(clippy::all, dead_code)]
mod synthetic {
    errors_catalog::include_catalog!("synthetic_1000");
    errors_catalog::include_catalog!("synthetic_10000");
}

/// The seed of the layout: a constant, as in generated code, so that the
/// hash is compiled for it (its empty key's tag is not 0, that of free
/// slots, as the generator requires; `main` checks).
const SEED: u64 = 0x9E37_79B9_7F4A_7C15;

/// `codes` laid out as a code index under [`SEED`] (see the module docs).
fn layout(codes: &[String]) -> CodeIndex {
    let seed = SEED;
    let mut groups = 1usize;
    while codes.len() * 2 > groups * GROUP_SLOTS {
        groups *= 2;
    }
    let mut controls = vec![0u8; groups * CONTROL_BYTES];
    let mut slots = vec![0u8; groups * SLOTS_BYTES];
    let mut used = vec![0usize; groups];
    let mut blob = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        let h = hash(code.as_bytes(), seed, ENDS);
        let mut g = group_of(h, groups);
        while used[g] == GROUP_SLOTS {
            controls[g * CONTROL_BYTES + 7] |= CONTINUE;
            g = (g + 1) & (groups - 1);
        }
        let k = used[g];
        used[g] += 1;
        controls[g * CONTROL_BYTES + k] = tag_of(h);
        let start = u32::try_from(blob.len()).expect("a small blob");
        let word = slot_word(start, code.len(), i).expect("a short code");
        slots[g * SLOTS_BYTES + 8 * k..][..8].copy_from_slice(&word.to_le_bytes());
        blob.extend_from_slice(code.as_bytes());
    }
    CodeIndex {
        seed,
        sample: ENDS,
        controls: controls.leak(),
        slots: slots.leak(),
        blob: blob.leak(),
    }
}

/// `index` with its seed and sample as constants, as a generated catalog's
/// static index has them.
#[inline(always)]
fn constant(index: &CodeIndex) -> CodeIndex {
    CodeIndex {
        seed: SEED,
        sample: ENDS,
        ..*index
    }
}

/// The two lookups compared, each out of line as generated code calls it.
#[inline(never)]
fn with_prefetch(index: &CodeIndex, key: &str) -> bool {
    constant(index).find(key).is_some()
}

#[inline(never)]
fn without_prefetch(index: &CodeIndex, key: &str) -> bool {
    constant(index).find_without_prefetch(key).is_some()
}

fn main() {
    let n = std::env::args().nth(1).unwrap_or_else(|| "10000".into());
    let codes: Vec<String> = match n.as_str() {
        "1000" => support::codes(synthetic::Synthetic1000::ALL),
        "10000" => support::codes(synthetic::Synthetic10000::ALL),
        other => {
            eprintln!("usage: prefetch_ab [1000|10000] (not {other})");
            std::process::exit(2);
        }
    };
    assert_ne!(tag_of(hash(b"", SEED, ENDS)), 0, "pick another SEED");
    let index = layout(&codes);
    let misses: Vec<String> = codes.iter().map(|c| format!("{c}X")).collect();
    for (i, code) in codes.iter().enumerate() {
        assert_eq!(index.find(code), Some(i), "{code}");
        assert_eq!(index.find_without_prefetch(code), Some(i), "{code}");
        assert_eq!(index.find(&misses[i]), None, "{}", misses[i]);
        assert_eq!(index.find_without_prefetch(&misses[i]), None);
    }
    println!("{n} codes; slots {} B", index.slots.len());
    let stored = codes.clone();
    let sample = support::sample(codes.len());
    for (kind, keys) in [("hit", &codes), ("miss", &misses)] {
        let (inputs, pairs) = support::inputs_and_pairs(&sample, keys, &stored);
        let [with, without, floor_ns] = in_turns(
            &inputs,
            &pairs,
            |k| with_prefetch(&index, k),
            |k| without_prefetch(&index, k),
            kind == "hit",
        );
        println!(
            "{kind:4}: ns per lookup: prefetch {with:.2}, without {without:.2}, floor {floor_ns:.2}; \
             prefetch / without {:.3}, prefetch / floor {:.2}, without / floor {:.2}",
            with / without,
            with / floor_ns,
            without / floor_ns
        );
    }
}
