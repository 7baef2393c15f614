//! A driver for instruction counts of `from_code` and the maps a user would
//! pick instead, run under `valgrind --tool=cachegrind` by
//! `benches/lookup_instructions.sh` (counts, unlike times, repeat exactly
//! on a shared machine). Usage: `lookup_count ALT N KIND MODE ROUNDS` with
//! ALT `ours|foldhash|fx|match` (out of line) or
//! `ours-inline|foldhash-inline|fx-inline` (inlined into the loop), N `100|1000|10000`, KIND `hit|miss`, MODE
//! `throughput|latency`; it does ROUNDS x 1,000 lookups of the benchmark's
//! sample and prints how many were found.

use std::collections::HashMap;
use std::hint::black_box;

#[path = "../benches/support/mod.rs"]
mod support;

#[allow(clippy::all, dead_code)]
mod synthetic {
    errors_catalog::include_catalog!("synthetic_100");
    errors_catalog::include_catalog!("synthetic_1000");
    errors_catalog::include_catalog!("synthetic_10000");
    include!(concat!(env!("OUT_DIR"), "/alternatives_100.rs"));
    include!(concat!(env!("OUT_DIR"), "/alternatives_1000.rs"));
    include!(concat!(env!("OUT_DIR"), "/alternatives_10000.rs"));
}

#[inline(never)]
fn run(lookup: impl Fn(&str) -> bool, inputs: &[&str], latency: bool, rounds: usize) -> usize {
    let mut found = 0;
    for _ in 0..rounds {
        if latency {
            let mut i = 0;
            for _ in 0..1000 {
                let hit = lookup(inputs[i]);
                found += usize::from(hit);
                i = (i + 1 + usize::from(hit)) % inputs.len();
            }
        } else {
            found += inputs.iter().filter(|k| lookup(black_box(k))).count();
        }
    }
    found
}

macro_rules! size {
    ($ty:ident, $match_fn:ident, $alt:expr, $kind:expr, $latency:expr, $rounds:expr) => {{
        let codes: Vec<String> = support::codes(synthetic::$ty::ALL);
        let misses: Vec<String> = codes.iter().map(|c| format!("{c}X")).collect();
        let keys = if $kind == "hit" { &codes } else { &misses };
        let inputs: Vec<&str> = support::sample(codes.len())
            .into_iter()
            .map(|i| keys[i].as_str())
            .collect();
        let fold: HashMap<String, usize, foldhash::fast::FixedState> =
            codes.iter().cloned().zip(0..).collect();
        let fx: rustc_hash::FxHashMap<String, usize> = codes.iter().cloned().zip(0..).collect();
        // One out-of-line function per alternative, so that cg_annotate and
        // objdump show each lookup on its own.
        #[inline(never)]
        fn ours(k: &str) -> bool {
            synthetic::$ty::from_code(k).is_some()
        }
        #[inline(never)]
        fn foldhash_map(m: &HashMap<String, usize, foldhash::fast::FixedState>, k: &str) -> bool {
            m.get(k).is_some()
        }
        #[inline(never)]
        fn fx_map(m: &rustc_hash::FxHashMap<String, usize>, k: &str) -> bool {
            m.get(k).is_some()
        }
        #[inline(never)]
        fn string_match(k: &str) -> bool {
            synthetic::$match_fn(k).is_some()
        }
        match $alt {
            "ours" => run(ours, &inputs, $latency, $rounds),
            "foldhash" => run(|k| foldhash_map(&fold, k), &inputs, $latency, $rounds),
            "fx" => run(|k| fx_map(&fx, k), &inputs, $latency, $rounds),
            "match" => run(string_match, &inputs, $latency, $rounds),
            // Inlined into the loop, as in the criterion benchmark.
            "ours-inline" => run(
                |k| synthetic::$ty::from_code(k).is_some(),
                &inputs,
                $latency,
                $rounds,
            ),
            "foldhash-inline" => run(|k| fold.get(k).is_some(), &inputs, $latency, $rounds),
            "fx-inline" => run(|k| fx.get(k).is_some(), &inputs, $latency, $rounds),
            other => panic!("unknown alternative {other}"),
        }
    }};
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [alt, n, kind, mode, rounds] = args.as_slice() else {
        eprintln!(
            "usage: lookup_count ours|foldhash|fx|match 100|1000|10000 hit|miss throughput|latency ROUNDS"
        );
        std::process::exit(2);
    };
    let rounds: usize = rounds.parse().expect("ROUNDS is a number");
    let latency = mode == "latency";
    let found = match n.as_str() {
        "100" => size!(
            Synthetic100,
            match_100,
            alt.as_str(),
            kind.as_str(),
            latency,
            rounds
        ),
        "1000" => size!(
            Synthetic1000,
            match_1000,
            alt.as_str(),
            kind.as_str(),
            latency,
            rounds
        ),
        "10000" => size!(
            Synthetic10000,
            match_10000,
            alt.as_str(),
            kind.as_str(),
            latency,
            rounds
        ),
        other => panic!("unknown size {other}"),
    };
    println!("{found}");
}
