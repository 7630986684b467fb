//! Bytes to text. The encoding is the user's label, else a byte-order mark (UTF-8, UTF-16
//! LE/BE), else UTF-16 by its NUL pattern, else UTF-8 when the bytes are valid (or nearly all
//! valid), else the legacy encoding `chardetng` finds (usually windows-1252 / Latin-1).

use crate::engine::base::error::{Error, Result};
use std::borrow::Cow;
use std::str::Utf8Error;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use super::guard;
use super::report::Detected;

/// Bytes given to the legacy-encoding detector (from the start and around the first invalid byte).
const DETECTOR_BYTES: usize = 1 << 20;

/// Decoded text with the encoding used and notes on anything replaced or guessed.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: Detected<String>,
    pub notes: Vec<String>,
}

/// The file's text, or a message saying why it is not a text file. `label` is a WHATWG
/// encoding label chosen by the user (`utf-8`, `latin1`, `windows-1252`, `utf-16le`, …).
pub fn decode<'a>(name: &str, bytes: &'a [u8], label: Option<&str>) -> Result<Decoded<'a>> {
    if bytes.is_empty() {
        return Err(Error::not_csv(format!(
            "'{name}' is empty: it has 0 bytes; choose a CSV file with a header row and data"
        )));
    }
    guard::refuse_known_binary(name, bytes)?;
    let mut notes = Vec::new();
    // Checked once: most files are UTF-8, and then the text is the bytes themselves.
    let without_bom = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf8 = std::str::from_utf8(without_bom);
    let (encoding, detected) = match label {
        Some(label) => (chosen(name, label)?, false),
        None => (detect(name, bytes, utf8.err(), &mut notes)?, true),
    };
    let text = if encoding == UTF_8 {
        utf8.map_or_else(|_| String::from_utf8_lossy(without_bom), Cow::Borrowed)
    } else {
        let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
        if had_errors {
            notes.push(format!(
                "some bytes of '{name}' are not valid {} and were replaced by �; choose another encoding if text looks wrong",
                encoding.name()
            ));
        }
        text
    };
    guard::refuse_binary(name, text.as_bytes())?;
    Ok(Decoded { text, encoding: Detected { value: encoding.name().to_string(), detected }, notes })
}

fn chosen(name: &str, label: &str) -> Result<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        Error::encoding(format!("the encoding chosen for '{name}', '{label}', is not an encoding name; use for example utf-8, windows-1252, latin1 or utf-16le"))
    })
}

/// The encoding of `bytes`; `utf8_error` is where they stop being UTF-8, if they do.
fn detect(
    name: &str,
    bytes: &[u8],
    utf8_error: Option<Utf8Error>,
    notes: &mut Vec<String>,
) -> Result<&'static Encoding> {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return Ok(encoding);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        notes.push(format!("'{name}' has no byte-order mark but its bytes are {}", encoding.name()));
        return Ok(encoding);
    }
    guard::refuse_binary(name, bytes)?;
    let Some(error) = utf8_error else { return Ok(UTF_8) };
    let first_bad = error.valid_up_to();
    let line = 1 + bytes[..first_bad].iter().filter(|&&b| b == b'\n').count();
    let (valid_non_ascii, invalid) = utf8_census(bytes);
    if valid_non_ascii > invalid {
        notes.push(format!(
            "'{name}' is UTF-8 except for {invalid} invalid byte sequence{} (the first on line {line}); {} replaced by �",
            plural(invalid),
            if invalid == 1 { "it was" } else { "they were" }
        ));
        return Ok(UTF_8);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(&bytes[..bytes.len().min(DETECTOR_BYTES)], false);
    if first_bad > DETECTOR_BYTES {
        let from = first_bad - DETECTOR_BYTES / 2;
        detector.feed(&bytes[from..bytes.len().min(from + DETECTOR_BYTES)], false);
    }
    detector.feed(&[], true);
    let encoding = detector.guess(None, false);
    notes.push(format!(
        "'{name}' is not UTF-8 (the first non-UTF-8 byte is on line {line}); it was read as {}, which its bytes fit best; choose another encoding if accented letters look wrong",
        encoding.name()
    ));
    Ok(encoding)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// (valid non-ASCII characters, invalid sequences) in bytes that are not all valid UTF-8.
fn utf8_census(bytes: &[u8]) -> (usize, usize) {
    let mut valid = 0;
    let mut invalid = 0;
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    (valid, invalid)
}

/// UTF-16 text without a BOM. In mostly-ASCII text every other byte is NUL. In text of other
/// scripts (Cyrillic, Greek, CJK) only the ASCII characters — digits, delimiters, line breaks —
/// have a NUL byte, so fewer NULs at one parity and almost none at the other are enough when
/// the start (64 bytes at least) then decodes to text: no NUL, few control characters, no
/// broken surrogates.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros = |offset: usize| sample.iter().skip(offset).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    let mostly = |n: usize| n * 10 >= pairs * 9;
    let rarely = |n: usize| n * 20 <= pairs;
    let often = |n: usize, other: usize| pairs >= 32 && n * 10 >= pairs && other * 20 <= n;
    match () {
        _ if mostly(odd) && rarely(even) => Some(UTF_16LE),
        _ if mostly(even) && rarely(odd) => Some(UTF_16BE),
        _ if often(odd, even) && reads_as_text(UTF_16LE, sample) => Some(UTF_16LE),
        _ if often(even, odd) && reads_as_text(UTF_16BE, sample) => Some(UTF_16BE),
        _ => None,
    }
}

/// Whether `sample` decodes to text: no NUL, at most 1 % control characters, and no
/// malformed sequence but maybe one cut at its end.
fn reads_as_text(encoding: &'static Encoding, sample: &[u8]) -> bool {
    let (text, _) = encoding.decode_without_bom_handling(sample);
    let text = text.trim_end_matches('\u{FFFD}');
    let control = text.chars().filter(|&c| c < ' ' && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}')).count();
    !text.contains(['\0', '\u{FFFD}']) && control * 100 <= text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> (String, String, bool, Vec<String>) {
        let d = decode("f.csv", bytes, None).unwrap();
        (d.text.into_owned(), d.encoding.value, d.encoding.detected, d.notes)
    }

    #[test]
    fn detects_boms_utf8_and_latin1() {
        assert_eq!(read(b"\xEF\xBB\xBFa,b\n").0, "a,b\n");
        assert_eq!(read(b"\xFF\xFEa\0,\0b\0").0, "a,b");
        assert_eq!(read(b"\xFE\xFF\0a\0,\0b").0, "a,b");
        assert_eq!(read(b"a\0,\0b\0\n\0").1, "UTF-16LE");
        let (text, encoding, detected, notes) = read(b"name\nJos\xe9\nM\xfcller\n");
        assert_eq!((text.as_str(), encoding.as_str(), detected), ("name\nJosé\nMüller\n", "windows-1252", true));
        assert!(notes[0].contains("line 2"), "{notes:?}");
    }

    #[test]
    fn mostly_utf8_keeps_utf8_and_replaces_the_bad_byte() {
        let (text, encoding, _, notes) =
            read("a\né\nü\nß\n".as_bytes().iter().copied().chain(*b"x\xff\n").collect::<Vec<_>>().as_slice());
        assert_eq!(encoding, "UTF-8");
        assert!(text.ends_with("x\u{FFFD}\n"));
        assert!(notes[0].contains("line 5"), "{notes:?}");
    }

    #[test]
    fn detects_utf16_of_other_scripts_without_a_bom() {
        let csv = "Имя,Город,Возраст\nАнна,Москва,31\nБорис,Санкт-Петербург,45\nВера,Казань,28\n";
        let le: Vec<u8> = csv.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let (text, encoding, _, notes) = read(&le);
        assert_eq!((text.as_str(), encoding.as_str()), (csv, "UTF-16LE"));
        assert!(notes[0].contains("no byte-order mark"), "{notes:?}");
        let cjk = "名前,都市,年齢\n田中,東京,31\n佐藤,大阪,45\n鈴木,京都,28\n";
        let be: Vec<u8> = cjk.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(read(&be).1, "UTF-16BE");
        // Small integers as 16-bit words are binary, not text.
        let words: Vec<u8> = (0u16..600).flat_map(u16::to_le_bytes).collect();
        assert!(decode("w.bin", &words, None).unwrap_err().contains("binary"));
    }

    #[test]
    fn honours_a_chosen_label() {
        let d = decode("f.csv", "é".as_bytes(), Some("latin1")).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding.value.as_str(), d.encoding.detected), ("Ã©", "windows-1252", false));
        assert!(decode("f.csv", b"a", Some("klingon")).unwrap_err().contains("not an encoding"));
    }
}
