//! A browser `File` read through its byte stream into buffers Sift gives it ("bring your own
//! buffer"). Reading this way makes no new `ArrayBuffer` per slice: with `FileReaderSync`
//! each slice was a fresh buffer the worker's garbage collector freed only in batches, so a
//! 100 MB file left up to ~90 MB of read slices in the tab at its peak. One reused buffer
//! keeps that to a megabyte.

use crate::engine::base::error::{Error, Result};
use js_sys::{ArrayBuffer, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, ReadableStreamByobReader, ReadableStreamGetReaderOptions, ReadableStreamReaderMode};

use crate::engine::ingest::{ByteSource, Pending};

/// The reused buffer's size: the most one read hands over.
const BUFFER_BYTES: u32 = 1 << 20;

/// A file read front to back through one stream (opened again from where a read starts when
/// the reading pass goes back).
pub struct FileStream {
    file: File,
    /// The open stream's reader and the next byte it gives.
    reader: Option<(ReadableStreamByobReader, u64)>,
    /// The buffer handed back by the last read, for the next.
    buffer: Option<ArrayBuffer>,
}

impl FileStream {
    /// `file`, not yet opened.
    pub fn new(file: File) -> Self {
        FileStream { file, reader: None, buffer: None }
    }

    /// Appends bytes `start..end` to `out`.
    async fn read(&mut self, start: u64, end: u64, out: &mut Vec<u8>) -> Result<()> {
        let name = self.file.name();
        let fail = |e: JsValue| format!("could not read {name}: {}", error_text(&e));
        let (reader, mut at) = match self.reader.take() {
            Some((reader, at)) if at == start => (reader, at),
            other => {
                if let Some((old, _)) = other {
                    let _ = old.cancel();
                }
                (self.open(start).map_err(fail)?, start)
            }
        };
        while at < end {
            let buffer = self.buffer.take().unwrap_or_else(|| ArrayBuffer::new(BUFFER_BYTES));
            let want = (end - at).min(u64::from(BUFFER_BYTES)) as u32;
            let view = Uint8Array::new_with_byte_offset_and_length(&buffer, 0, want);
            let result = JsFuture::from(reader.read_with_array_buffer_view(&view)).await.map_err(fail)?;
            let done = Reflect::get(&result, &"done".into()).map_or(true, |d| d.is_truthy());
            if let Some(chunk) =
                Reflect::get(&result, &"value".into()).ok().and_then(|v| v.dyn_into::<Uint8Array>().ok())
            {
                let from = out.len();
                out.resize(from + chunk.length() as usize, 0);
                chunk.copy_to(&mut out[from..]);
                at += u64::from(chunk.length());
                self.buffer = Some(chunk.buffer());
            }
            if done && at < end {
                return Err(Error::other(format!(
                    "{name} ended before its size said it would: was it changed while Sift read it?"
                )));
            }
        }
        self.reader = Some((reader, at));
        Ok(())
    }

    /// A reader of the file's bytes from `start` on.
    fn open(&self, start: u64) -> Result<ReadableStreamByobReader, JsValue> {
        let options = ReadableStreamGetReaderOptions::new();
        options.set_mode(ReadableStreamReaderMode::Byob);
        let rest = self.file.slice_with_f64(start as f64)?;
        rest.stream().get_reader_with_options(&options).dyn_into().map_err(JsValue::from)
    }
}

impl ByteSource for FileStream {
    fn size(&self) -> u64 {
        self.file.size() as u64
    }

    fn read_into<'a>(&'a mut self, start: u64, end: u64, out: &'a mut Vec<u8>) -> Pending<'a, ()> {
        Box::pin(self.read(start, end, out))
    }
}

/// The message of a JavaScript error, or its text.
fn error_text(error: &JsValue) -> String {
    Reflect::get(error, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
