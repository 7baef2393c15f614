//! `from_code` against the alternatives, on synthetic catalogs of N = 100,
//! 1,000 and 10,000 codes (generated through our own builder by build.rs)
//! and on the real catalogs; hits and misses separately; plus the cost of
//! `message` and `Display`. Run: `cargo bench -p generated-example`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use errors_catalog::Lang;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hint::black_box;
use std::sync::OnceLock;

#[allow(clippy::all, dead_code)]
mod synthetic {
    errors_catalog::include_catalog!("synthetic_100");
    errors_catalog::include_catalog!("synthetic_1000");
    errors_catalog::include_catalog!("synthetic_10000");
    include!(concat!(env!("OUT_DIR"), "/alternatives_100.rs"));
    include!(concat!(env!("OUT_DIR"), "/alternatives_1000.rs"));
    include!(concat!(env!("OUT_DIR"), "/alternatives_10000.rs"));
}

mod support;
use support::floor;

macro_rules! bench_size {
    ($c:expr, $n:literal, $ty:ident, $match_fn:ident, $sorted:ident, $phf:ident) => {{
        let codes: Vec<String> = support::codes(synthetic::$ty::ALL);
        let misses: Vec<String> = codes.iter().map(|c| format!("{c}X")).collect();
        let map: &HashMap<String, usize> = {
            static MAP: OnceLock<HashMap<String, usize>> = OnceLock::new();
            MAP.get_or_init(|| codes.iter().cloned().zip(0..).collect())
        };
        // What a user who wants speed writes: a HashMap with a fast hasher.
        let fold: HashMap<String, usize, foldhash::fast::FixedState> =
            codes.iter().cloned().zip(0..).collect();
        let fx: rustc_hash::FxHashMap<String, usize> = codes.iter().cloned().zip(0..).collect();
        // Each iteration looks up the same 1,000 codes spread over the
        // catalog (every alternative walks the same slice of `&str`).
        let sample = support::sample(codes.len());
        let stored: Vec<String> = codes.clone();
        for (kind, keys) in [("hit", &codes), ("miss", &misses)] {
            let (inputs, pairs) = support::inputs_and_pairs(&sample, keys, &stored);
            let mut g = $c.benchmark_group(format!("from_code/{kind}"));
            g.bench_with_input(BenchmarkId::new("floor", $n), &pairs, |b, p| {
                b.iter(|| p.iter().filter(|(k, s)| floor(black_box(k), s)).count())
            });
            g.bench_with_input(BenchmarkId::new("generated_phf", $n), &inputs, |b, keys| {
                b.iter(|| {
                    keys.iter()
                        .filter(|k| synthetic::$ty::from_code(black_box(k)).is_some())
                        .count()
                })
            });
            g.bench_with_input(BenchmarkId::new("string_match", $n), &inputs, |b, keys| {
                b.iter(|| {
                    keys.iter()
                        .filter(|k| synthetic::$match_fn(black_box(k)).is_some())
                        .count()
                })
            });
            g.bench_with_input(BenchmarkId::new("std_hashmap", $n), &inputs, |b, keys| {
                b.iter(|| {
                    keys.iter()
                        .filter(|k| map.get(**black_box(k)).is_some())
                        .count()
                })
            });
            g.bench_with_input(
                BenchmarkId::new("foldhash_hashmap", $n),
                &inputs,
                |b, keys| {
                    b.iter(|| {
                        keys.iter()
                            .filter(|k| fold.get(**black_box(k)).is_some())
                            .count()
                    })
                },
            );
            g.bench_with_input(BenchmarkId::new("fx_hashmap", $n), &inputs, |b, keys| {
                b.iter(|| {
                    keys.iter()
                        .filter(|k| fx.get(**black_box(k)).is_some())
                        .count()
                })
            });
            g.bench_with_input(BenchmarkId::new("phf_crate", $n), &inputs, |b, keys| {
                b.iter(|| {
                    keys.iter()
                        .filter(|k| synthetic::$phf.get(*black_box(k)).is_some())
                        .count()
                })
            });
            g.bench_with_input(BenchmarkId::new("binary_search", $n), &inputs, |b, keys| {
                b.iter(|| {
                    keys.iter()
                        .filter(|k| {
                            let k: &str = black_box(k);
                            synthetic::$sorted
                                .binary_search_by(|(c, _)| (*c).cmp(k))
                                .is_ok()
                        })
                        .count()
                })
            });
            g.finish();
            // Latency: each lookup's input depends on the previous result,
            // so lookups cannot overlap (a parser reading one code per
            // response is this case).
            let mut g = $c.benchmark_group(format!("from_code_latency/{kind}"));
            let walk = |found: bool, i: usize| (i + 1 + usize::from(found)) % inputs.len();
            g.bench_with_input(BenchmarkId::new("generated_phf", $n), &inputs, |b, keys| {
                b.iter(|| {
                    let mut i = 0;
                    for _ in 0..1000 {
                        i = walk(synthetic::$ty::from_code(keys[i]).is_some(), i);
                    }
                    i
                })
            });
            g.bench_with_input(
                BenchmarkId::new("foldhash_hashmap", $n),
                &inputs,
                |b, keys| {
                    b.iter(|| {
                        let mut i = 0;
                        for _ in 0..1000 {
                            i = walk(fold.get(keys[i]).is_some(), i);
                        }
                        i
                    })
                },
            );
            g.bench_with_input(BenchmarkId::new("fx_hashmap", $n), &inputs, |b, keys| {
                b.iter(|| {
                    let mut i = 0;
                    for _ in 0..1000 {
                        i = walk(fx.get(keys[i]).is_some(), i);
                    }
                    i
                })
            });
            g.finish();
        }
    }};
}

fn lookups(c: &mut Criterion) {
    bench_size!(c, 100, Synthetic100, match_100, SORTED_100, PHF_100);
    bench_size!(c, 1000, Synthetic1000, match_1000, SORTED_1000, PHF_1000);
    bench_size!(
        c,
        10000,
        Synthetic10000,
        match_10000,
        SORTED_10000,
        PHF_10000
    );
}

fn real_catalogs(c: &mut Criterion) {
    use generated_example::{EnsError, OrganizationError};
    let tencent: Vec<String> = support::codes(OrganizationError::ALL);
    let ens: Vec<String> = support::codes(EnsError::ALL);
    let mut g = c.benchmark_group("real");
    g.bench_function("tencent_organization/from_code_hit", |b| {
        b.iter(|| {
            tencent
                .iter()
                .filter(|c| OrganizationError::from_code(black_box(c)).is_some())
                .count()
        })
    });
    g.bench_function("alibaba_ens/from_code_hit", |b| {
        b.iter(|| {
            ens.iter()
                .filter(|c| EnsError::from_code(black_box(c)).is_some())
                .count()
        })
    });
    g.bench_function("alibaba_ens/from_code_template", |b| {
        b.iter(|| EnsError::from_code(black_box("InvalidParameter.ZoneId")))
    });
    let mut out = String::with_capacity(1 << 16);
    g.bench_function("tencent_organization/message_zh", |b| {
        b.iter(|| {
            out.clear();
            for e in OrganizationError::ALL {
                let _ = write!(out, "{}", black_box(e).message(Lang::Zh));
            }
            out.len()
        })
    });
    g.bench_function("tencent_organization/display", |b| {
        b.iter(|| {
            out.clear();
            for e in OrganizationError::ALL {
                let _ = write!(out, "{}", black_box(e));
            }
            out.len()
        })
    });
    g.finish();
}

criterion_group!(benches, lookups, real_catalogs);
criterion_main!(benches);
