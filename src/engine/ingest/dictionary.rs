//! Distinct texts and their codes, looked up quickly: a text of up to 15 bytes is looked up
//! as one 128-bit number (no string hashing or comparing), a longer one as itself.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

type Fast = BuildHasherDefault<FxHasher>;

/// Codes `0..len()` for distinct texts, in order of first appearance.
#[derive(Debug, Default)]
pub struct Dictionary {
    short: HashMap<u128, u32, Fast>,
    long: HashMap<Box<str>, u32, Fast>,
    levels: Vec<String>,
    /// Characters of all the distinct texts.
    chars: usize,
}

impl Dictionary {
    /// The code of `text`, if it has one.
    #[inline]
    pub fn code(&self, text: &str) -> Option<u32> {
        match short_key(text) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(text).copied(),
        }
    }

    /// Gives `text` (not yet in the dictionary) the next code.
    pub fn insert(&mut self, text: &str) -> u32 {
        let code = self.levels.len() as u32;
        match short_key(text) {
            Some(key) => self.short.insert(key, code),
            None => self.long.insert(text.into(), code),
        };
        self.levels.push(text.to_string());
        self.chars += text.chars().count();
        code
    }

    /// Number of distinct texts.
    pub fn len(&self) -> usize {
        self.levels.len()
    }

    /// Characters of all the distinct texts.
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// The texts, by code.
    pub fn levels(&self) -> &[String] {
        &self.levels
    }

    /// The texts, by code, leaving the dictionary empty.
    pub fn take_levels(&mut self) -> Vec<String> {
        std::mem::take(self).levels
    }
}

/// A text of up to 15 bytes as a number: its bytes, and its length in the top byte.
#[inline]
fn short_key(text: &str) -> Option<u128> {
    let b = text.as_bytes();
    let mut key = [0u8; 16];
    key.get_mut(..b.len()).filter(|_| b.len() < 16)?.copy_from_slice(b);
    key[15] = b.len() as u8;
    Some(u128::from_le_bytes(key))
}

/// The Firefox/rustc hash: fast for short keys (no defence against chosen collisions is
/// needed for one file's own values).
#[derive(Default)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u128(&mut self, n: u128) {
        self.add(n as u64);
        self.add((n >> 64) as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_short_and_long_texts() {
        let mut d = Dictionary::default();
        let long = "a text longer than fifteen bytes";
        for text in ["red", "", long, "red\0", "fifteen bytes!!"] {
            assert_eq!(d.code(text), None);
            let code = d.insert(text);
            assert_eq!(d.code(text), Some(code));
        }
        assert_eq!(d.code("red"), Some(0));
        assert_eq!(d.code("sixteen bytes!!!"), None);
        assert_eq!((d.len(), d.levels()[2].as_str()), (5, long));
    }
}
