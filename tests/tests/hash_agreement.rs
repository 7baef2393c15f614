//! The generator's hash and the runtime's hash must agree bit for bit, or
//! generated `from_code` would miss codes.

#[test]
fn generator_and_runtime_hash_agree() {
    let mut inputs: Vec<Vec<u8>> = vec![Vec::new()];
    for len in 0..40usize {
        inputs.push((0..len).map(|i| (i * 37 + len) as u8).collect());
    }
    inputs.push("FailedOperation.OrganizationMemberNameUsed".into());
    inputs.push("CBC.99003117".into());
    inputs.push("错误码".into());
    for input in &inputs {
        for seed in [0u64, 1, 0x517c_c1b7_2722_0a95, u64::MAX] {
            assert_eq!(
                errors::__private::hash(input, seed),
                errors_codegen::__hash(input, seed),
                "input {input:?} seed {seed}"
            );
        }
    }
}
