//! Bytes to text: UTF-8 (with or without BOM), else Windows-1252/Latin-1; binary is refused.

/// The file's text, or a message saying why it is not a text file.
pub fn decode(name: &str, bytes: &[u8]) -> Result<String, String> {
    if bytes.is_empty() {
        return Err(format!("'{name}' is empty: it has 0 bytes"));
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if looks_binary(sample) {
        return Err(format!(
            "'{name}' looks like a binary file, not CSV text (it contains control bytes such as NUL); open a .csv file instead"
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        // Not UTF-8: read as Latin-1, which every byte sequence is (full detection comes later).
        Err(_) => Ok(bytes.iter().map(|&b| b as char).collect()),
    }
}

fn looks_binary(sample: &[u8]) -> bool {
    let control = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)).count();
    sample.contains(&0) || control * 100 > sample.len()
}
