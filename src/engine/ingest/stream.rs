//! Reading a large file a slice at a time, so that its bytes are never in memory whole: the
//! rows of each slice go straight into the typed columns, and only the row cut by the end of
//! a slice is carried into the next. This is how the browser opens a 100 MB file within a
//! small multiple of its size.
//!
//! It covers UTF-8 files (with or without a byte-order mark), which is what nearly every CSV
//! file is. Other encodings, JSON-looking text, and a file whose bytes stop being UTF-8 after
//! its first slice are read whole instead, as [`super::read_csv_with_progress`] does.

use super::decode::{decode, Decoded};
use super::pass;
use super::pieces::Pieces;
use super::share::{Part, Partner, Share, ShareRequest};
use super::{guard, read_csv_with_progress, read_pieces, IngestOptions, Ingested};
use crate::engine::base::error::{Error, Result};
use crate::engine::base::pending::{ready, Pending};
use crate::engine::learn::ProgressFn;

/// Most bytes read per slice. The slice and its text are the largest buffers next to the
/// table while reading, and wasm memory keeps its high-water mark: 2 MiB slices cost no
/// measurable time against 4 MiB and keep about 4 MB less resident.
pub const SLICE_BYTES: usize = 2 << 20;
/// Fewest bytes read per slice: files up to two of them are read whole.
const MIN_SLICE_BYTES: usize = 64 << 10;
/// Text of the first slice given to the dialect sniffer (it looks at far less).
const SNIFF_BYTES: usize = 1 << 20;
/// The error that sends a file back to be read whole; never shown.
const NOT_UTF8: &str = "\u{0}the bytes stop being UTF-8";
/// Smallest file whose columns are shared with a partner: below it, starting the partner and
/// handing its columns over would cost more than it saves.
pub const SHARE_MIN_BYTES: u64 = 16 << 20;

/// A file that can be read in slices, again and again (a browser `File`, bytes in memory).
pub trait ByteSource {
    /// The file's size in bytes.
    fn size(&self) -> u64;

    /// Appends the bytes from `start` to `end` to `out` (a browser may have to wait for them).
    fn read_into<'a>(&'a mut self, start: u64, end: u64, out: &'a mut Vec<u8>) -> Pending<'a, ()>;
}

impl ByteSource for &[u8] {
    fn size(&self) -> u64 {
        self.len() as u64
    }

    fn read_into<'a>(&'a mut self, start: u64, end: u64, out: &'a mut Vec<u8>) -> Pending<'a, ()> {
        let range = usize::try_from(start).ok().zip(usize::try_from(end).ok()).and_then(|(s, e)| self.get(s..e));
        ready(match range {
            Some(bytes) => {
                out.extend_from_slice(bytes);
                Ok(())
            }
            None => Err("a slice past the end of the file was asked for".into()),
        })
    }
}

/// Reads the first `limit` bytes of `source` (the whole file when it is smaller) as a CSV
/// file named `name`; when only part of the file is read, only its whole lines. `progress`
/// hears the share read and can cancel. The browser awaits it; [`super::complete`] runs it
/// when `source` never waits.
pub async fn read_csv_from(
    name: &str,
    source: &mut dyn ByteSource,
    limit: u64,
    options: &IngestOptions,
    progress: &mut ProgressFn<'_>,
) -> Result<Ingested> {
    read_csv_shared(name, source, limit, options, None, progress).await
}

/// [`read_csv_from`], with `partner` reading half of the columns of a UTF-8 file of at least
/// [`SHARE_MIN_BYTES`] (see `share.rs`).
pub async fn read_csv_shared(
    name: &str,
    source: &mut dyn ByteSource,
    limit: u64,
    options: &IngestOptions,
    partner: Option<&mut dyn Partner>,
    progress: &mut ProgressFn<'_>,
) -> Result<Ingested> {
    let size = source.size().min(limit);
    let partner = partner.filter(|_| size >= SHARE_MIN_BYTES);
    read_csv_in_slices(name, source, (limit, slice_for(size)), options, partner, progress).await
}

/// The partner's half of the columns of the file `source`, read as the lead's `request` says.
pub async fn read_part(
    source: &mut dyn ByteSource,
    request: &ShareRequest,
    progress: &mut ProgressFn<'_>,
) -> Result<Part> {
    let end = source.size().min(request.end);
    let mut pieces = Utf8Pieces::new(source, request.slice, end);
    let share = (request.decimal_comma, Share::Help);
    let pass = pass::read(&request.name, &mut pieces, request.split(), &request.options, share, progress).await?;
    Ok(pass.into_part())
}

/// The slice size for a file of `size` bytes: a sixteenth of it, within
/// [`MIN_SLICE_BYTES`] and [`SLICE_BYTES`]. Every file above 128 KiB is read slice by slice,
/// through the same code as a large one: so the browser's warm-up with a small made-up file
/// trains the very calls a 100 MB file makes (a function optimized for another reader would
/// be thrown back to unoptimized code in the middle of the large file).
pub fn slice_for(size: u64) -> usize {
    usize::try_from(size / 16).unwrap_or(usize::MAX).clamp(MIN_SLICE_BYTES, SLICE_BYTES)
}

/// [`read_csv_shared`] with slices of `slice` bytes (files up to two slices are read whole),
/// and a partner whatever the file's size; the browser uses [`slice_for`] the file's size,
/// tests smaller slices.
pub async fn read_csv_in_slices(
    name: &str,
    source: &mut dyn ByteSource,
    (limit, slice): (u64, usize),
    options: &IngestOptions,
    partner: Option<&mut dyn Partner>,
    progress: &mut ProgressFn<'_>,
) -> Result<Ingested> {
    let end = source.size().min(limit);
    let partial = end < source.size();
    let slice = slice.max(64);
    if end > 2 * slice as u64 {
        let mut first = Vec::with_capacity(slice);
        source.read_into(0, slice as u64, &mut first).await?;
        if let Some(decoded) = streamable(name, &first, options)? {
            let head = sniff_text(&decoded.text).to_string();
            let decoded = (decoded.encoding, decoded.notes);
            drop(first);
            let mut pieces = Utf8Pieces::new(&mut *source, slice, end);
            let partner = partner.map(|p| (p, slice));
            match read_pieces(name, &mut pieces, &head, decoded, options, partner, progress).await {
                Err(e) if e == NOT_UTF8 => {}
                read => return read,
            }
        }
    }
    let bytes = read_whole(name, source, (end, partial), slice, progress).await?;
    read_csv_with_progress(name, &bytes, options, progress)
}

/// The first slice decoded, when the file can be read slice by slice: it is UTF-8 so far
/// and does not look like JSON (which only the whole text can tell apart from CSV). An error
/// when the start already shows the file is not CSV.
fn streamable<'a>(name: &str, first: &'a [u8], options: &IngestOptions) -> Result<Option<Decoded<'a>>> {
    let valid = match std::str::from_utf8(first) {
        Ok(_) => first.len(),
        Err(e) if e.error_len().is_none() => e.valid_up_to(),
        Err(_) => return Ok(None),
    };
    let decoded = decode(name, &first[..valid], options.encoding.as_deref())?;
    let start = decoded.text.trim_start();
    if decoded.encoding.value != "UTF-8"
        || !decoded.notes.is_empty()
        || start.is_empty()
        || start.starts_with(['{', '['])
    {
        return Ok(None);
    }
    guard::refuse_structured_text(name, &decoded.text)?;
    Ok(Some(decoded))
}

/// The start of `text`, cut at a character boundary.
fn sniff_text(text: &str) -> &str {
    let mut end = text.len().min(SNIFF_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The first `end` bytes of `source` in memory, only up to the last line break when `partial`.
async fn read_whole(
    name: &str,
    source: &mut dyn ByteSource,
    (end, partial): (u64, bool),
    slice: usize,
    progress: &mut ProgressFn<'_>,
) -> Result<Vec<u8>> {
    let mut bytes = read_bytes(name, source, end, slice as u64, progress).await?;
    if partial {
        if let Some(last) = bytes.iter().rposition(|&b| b == b'\n') {
            bytes.truncate(last + 1);
        }
    }
    Ok(bytes)
}

/// The first `end` bytes of `source` (a file named `name`), read `slice` bytes at a time;
/// `progress` hears the share read when there is more than one slice, and can cancel.
pub async fn read_bytes(
    name: &str,
    source: &mut dyn ByteSource,
    end: u64,
    slice: u64,
    progress: &mut ProgressFn<'_>,
) -> Result<Vec<u8>> {
    let mut bytes =
        Vec::with_capacity(usize::try_from(end).map_err(|_| Error::other(format!("'{name}' is too large to read")))?);
    let mut start = 0;
    while start < end {
        let to = (start + slice).min(end);
        source.read_into(start, to, &mut bytes).await?;
        start = to;
        if end > slice
            && !progress(
                start as f64 / end as f64,
                &format!("Reading {name}: {} of {} MB", start / 1_000_000, end / 1_000_000),
            )
        {
            return Err(Error::cancelled());
        }
    }
    Ok(bytes)
}

/// A UTF-8 file's text, a slice at a time.
struct Utf8Pieces<'s> {
    source: &'s mut dyn ByteSource,
    slice: usize,
    /// Bytes to read, and whether that is less than the whole file.
    end: u64,
    partial: bool,
    /// The next byte to read.
    next: u64,
    /// The current piece.
    text: String,
    /// The slice being read, after the incomplete character the previous slice ended with.
    bytes: Vec<u8>,
    done: bool,
}

impl<'s> Utf8Pieces<'s> {
    /// The first `end` bytes of `source`, `slice` bytes at a time.
    fn new(source: &'s mut dyn ByteSource, slice: usize, end: u64) -> Self {
        let partial = end < source.size();
        Utf8Pieces { source, slice, end, partial, next: 0, text: String::new(), bytes: Vec::new(), done: false }
    }
}

impl Pieces for Utf8Pieces<'_> {
    fn rewind(&mut self) -> Result<()> {
        self.next = 0;
        self.text.clear();
        self.bytes.clear();
        self.done = false;
        Ok(())
    }

    fn next_piece(&mut self, used: usize) -> Pending<'_, Option<(&str, bool)>> {
        Box::pin(async move {
            if self.done {
                return Ok(None);
            }
            self.text.drain(..used.min(self.text.len()));
            // A record longer than a slice (a quote never closed) is read again with each
            // slice: reading at least as much as it holds keeps that linear, not quadratic.
            let to = (self.next + self.slice.max(self.text.len()) as u64).min(self.end);
            self.source.read_into(self.next, to, &mut self.bytes).await?;
            if self.next == 0 && self.bytes.starts_with(b"\xEF\xBB\xBF") {
                self.bytes.drain(..3);
            }
            self.next = to;
            let last = to >= self.end;
            let whole = if last { self.bytes.len() } else { complete_prefix(&self.bytes) };
            let needed = self.text.len() + whole;
            if self.text.capacity() < needed {
                // Room for a slice after a cut-off record, and some: doubling would take twice.
                self.text.reserve_exact(needed + needed / 16 - self.text.len());
            }
            self.text.push_str(std::str::from_utf8(&self.bytes[..whole]).map_err(|_| NOT_UTF8.to_string())?);
            self.bytes.drain(..whole);
            if last && self.partial {
                if let Some(at) = self.text.rfind('\n') {
                    self.text.truncate(at + 1);
                }
            }
            self.done = last;
            Ok(Some((self.text.as_str(), last)))
        })
    }

    fn total(&self) -> usize {
        usize::try_from(self.end).unwrap_or(usize::MAX)
    }
}

/// The length of `bytes` without a UTF-8 sequence cut off at its end.
fn complete_prefix(bytes: &[u8]) -> usize {
    let n = bytes.len();
    for back in 1..=n.min(4) {
        let b = bytes[n - back];
        if b & 0xC0 != 0x80 {
            let needs = match b {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            };
            return if needs > back { n - back } else { n };
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_are_a_sixteenth_of_the_file_within_bounds() {
        assert_eq!(slice_for(0), MIN_SLICE_BYTES);
        assert_eq!(slice_for(1_600_000), 100_000);
        assert_eq!(slice_for(100_000_000), SLICE_BYTES);
        assert_eq!(slice_for(u64::MAX), SLICE_BYTES);
    }

    #[test]
    fn keeps_a_cut_character_for_the_next_slice() {
        let e = "é".as_bytes();
        assert_eq!(complete_prefix(b"ab"), 2);
        assert_eq!(complete_prefix(&[b'a', e[0]]), 1);
        assert_eq!(complete_prefix(&[b'a', e[0], e[1]]), 3);
        let euro = "€".as_bytes();
        assert_eq!(complete_prefix(&[b'a', euro[0], euro[1]]), 1);
        assert_eq!(complete_prefix(&[]), 0);
    }
}
