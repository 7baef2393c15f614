//! What the lookup bench and the programs that measure against it
//! (`examples/lookup_count.rs`, `examples/records_phf.rs`) share, so that
//! they look up the same inputs and compare with the same floor.

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
