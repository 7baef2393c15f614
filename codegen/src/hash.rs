//! The code hash, an exact copy of `errors::__private::{hash, bucket_of, slot_of}`.
//!
//! The generator computes perfect hashes at build time with this function and
//! the generated code looks codes up with the runtime's copy; the two must be
//! bit-for-bit identical (checked by `tests/tests/hash_agreement.rs`). It is
//! copied rather than shared because the runtime depends on the macros, which
//! depend on this crate.

/// See the module docs.
#[inline]
pub fn hash(bytes: &[u8], seed: u64) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let len = bytes.len();
    let mut h = seed ^ (len as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K);
        h ^= h >> 29;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        if len >= 8 {
            // The last 8 bytes, overlapping the previous chunk.
            w.copy_from_slice(&bytes[len - 8..]);
        } else {
            w[..rest.len()].copy_from_slice(rest);
        }
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K);
        h ^= h >> 29;
    }
    h = h.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    h ^ (h >> 32)
}

/// The bucket of hash `h` among `len` buckets.
#[inline]
pub fn bucket_of(h: u64, len: usize) -> usize {
    (((h & 0xFFFF_FFFF) * len as u64) >> 32) as usize
}

/// The slot of hash `h` under displacement `d` in a table of `len` slots
/// (`len` a power of two): the displacement permutes slots by XOR.
#[inline]
pub fn slot_of(h: u64, d: u32, len: usize) -> usize {
    (((h >> 32) as u32 ^ d) as usize) & len.wrapping_sub(1)
}
