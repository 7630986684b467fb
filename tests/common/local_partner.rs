//! A partner for tests of shared reading (see `engine/ingest/share.rs`).

use sift::engine::base::column_bytes;
use sift::engine::base::error::Error;
use sift::engine::ingest::{complete, read_part, ready, Part, Partner, Pending, ShareRequest};

/// A partner reading the same bytes in this thread when its columns are asked for, handing
/// them over as bytes, as the browser's helper worker does.
pub struct Local<'a> {
    bytes: &'a [u8],
    request: Option<ShareRequest>,
    /// How many reads it was asked to start, and how many columns it handed over.
    pub starts: usize,
    pub columns: usize,
}

impl<'a> Local<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Local { bytes, request: None, starts: 0, columns: 0 }
    }
}

impl Partner for Local<'_> {
    fn start(&mut self, request: ShareRequest) -> Result<(), Error> {
        self.request = Some(request);
        self.starts += 1;
        Ok(())
    }

    fn finish(&mut self) -> Pending<'_, Part> {
        let request = self.request.take();
        let mut source = self.bytes;
        let part = request
            .ok_or_else(|| Error::other("not started"))
            .and_then(|request| complete(read_part(&mut source, &request, &mut |_, _| true)));
        let handed = part.and_then(|part| {
            let (header, values) = part.split_values();
            let header = serde_json::from_str(&serde_json::to_string(&header).unwrap()).unwrap();
            let values =
                values.iter().map(|v| column_bytes::decode(&column_bytes::encode(v))).collect::<Result<Vec<_>, _>>()?;
            self.columns += values.len();
            Part::join_values(header, values)
        });
        ready(handed)
    }
}
