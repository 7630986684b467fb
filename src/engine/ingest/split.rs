//! CSV text to records and fields, byte by byte, without copying: a field is a slice of the
//! text, unless it was quoted and had escaped quotes inside (then it is unescaped into the
//! record's scratch buffer). The rules are the `csv` crate's: a record ends at `\n`, `\r\n`
//! or a lone `\r`; empty lines are skipped; a quote opens a quoted field only as its first
//! byte, `""` inside is one quote, and text after the closing quote is kept as it is.
//!
//! Two shapes the `csv` crate reads quietly are marked on the record instead (see
//! [`StrayQuote`]), because they mean the file's quotes are not CSV quoting and reading on
//! would change the data without a word: a quote still open at the end of the text (the rest
//! of the file would be one cell), and a quoted field with text after its closing quote
//! (`"ab"c`, `"He said "hi""` — or a stray quote closed by the opening quote of a later cell,
//! lines further on; even spaces after it, since a stray quote before a cell's leading
//! space splits its row that way). Without quoting (`quote: None`) every quote is a
//! character like any other.

/// How records are split: the delimiter and quote bytes (both ASCII, so that every field is
/// whole UTF-8; no quote when quotes are read as text) and the byte where the first record
/// starts.
#[derive(Clone, Copy, Debug)]
pub struct Split {
    pub delimiter: u8,
    pub quote: Option<u8>,
    pub start: usize,
}

/// A quote that is not CSV quoting: where it opened (line and field, both 1-based) and how
/// it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrayQuote {
    pub line: u64,
    pub field: usize,
    /// `None`: never closed; else the line it closed on and the cell as written (its start).
    pub closed: Option<(u64, String)>,
}

/// Characters of a cell shown in a message about its quotes.
const EXCERPT_CHARS: usize = 40;

/// Splits text into records, front to back.
pub struct Splitter<'t> {
    text: &'t str,
    pos: usize,
    line: u64,
    delimiter: u8,
    quote: u8,
    /// Whether a quote byte opens a quoted field (not when quotes are read as text).
    quoting: bool,
    /// Bytes that end an unquoted field: the delimiter, `\n` and `\r`…
    stops: [bool; 256],
    /// …and each repeated over a word.
    stop_words: [u64; 3],
    /// Whether the text is the last piece: if not, a record that reaches its end is left for
    /// the next piece, which will start with it.
    last: bool,
}

/// Where the last whole record of `text` ends, `text` being one piece of a longer CSV text
/// split as `split` says (its `start` is ignored): the bytes from there on begin a record that
/// a later piece completes (0 when no record ends in `text`). A record whose last byte is the
/// piece's last byte counts as unfinished (its last field or line break may go on).
pub fn whole_records_end(text: &str, split: Split) -> usize {
    records_end(text, split, usize::MAX)
}

/// Where the first `count` whole records of `text` end (as [`whole_records_end`] when it has
/// fewer).
pub fn records_end(text: &str, split: Split, count: usize) -> usize {
    let mut splitter = Splitter::piece(text, split, 1, false);
    let mut record = Record::new(text);
    for _ in 0..count {
        if !splitter.next_record(&mut record) {
            break;
        }
    }
    splitter.position()
}

/// Line breaks (`\n`, `\r\n`, a lone `\r`) in `bytes`, which `next` follows.
fn line_breaks(bytes: &[u8], next: Option<u8>) -> u64 {
    let lone_cr = |k: usize| bytes[k] == b'\r' && bytes.get(k + 1).copied().or(next) != Some(b'\n');
    (0..bytes.len()).filter(|&k| bytes[k] == b'\n' || lone_cr(k)).count() as u64
}

/// The high bit of each zero byte of `word` (exact up to the lowest one, which is all that
/// is used).
#[inline]
fn zero_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    word.wrapping_sub(ONES) & !word & (ONES << 7)
}

/// Where a field's text is: in the text (as written, or inside its quotes) or unescaped in
/// the scratch buffer (a quoted field).
#[derive(Clone, Copy, Debug)]
enum Span {
    Text(usize, usize),
    Quoted(usize, usize),
    Scratch(usize, usize),
}

/// One record's fields; reused from record to record.
#[derive(Debug)]
pub struct Record<'t> {
    text: &'t str,
    spans: Vec<Span>,
    scratch: String,
    /// The line the record starts on (1-based; `\n`, `\r\n` and a lone `\r` end a line).
    pub line: u64,
    /// Whether a quoted field holds a line break.
    pub has_line_break: bool,
    /// A quote in this record that is not CSV quoting.
    pub stray_quote: Option<StrayQuote>,
}

impl<'t> Record<'t> {
    /// An empty record over `text`.
    pub fn new(text: &'t str) -> Self {
        Record { text, spans: Vec::new(), scratch: String::new(), line: 0, has_line_break: false, stray_quote: None }
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Field `i`, unquoted.
    #[inline]
    pub fn field(&self, i: usize) -> &str {
        match self.spans[i] {
            Span::Text(start, end) | Span::Quoted(start, end) => &self.text[start..end],
            Span::Scratch(start, end) => &self.scratch[start..end],
        }
    }

    /// Whether field `i` was quoted.
    pub fn quoted(&self, i: usize) -> bool {
        !matches!(self.spans[i], Span::Text(..))
    }
}

impl<'t> Splitter<'t> {
    /// A splitter over `text` from `split.start` (at 0, a byte-order mark is skipped).
    pub fn new(text: &'t str, split: Split) -> Self {
        let Split { delimiter, quote, start } = split;
        let (quote, quoting) = (quote.unwrap_or(b'"'), quote.is_some());
        debug_assert!(delimiter.is_ascii() && quote.is_ascii() && text.is_char_boundary(start));
        let mut stops = [false; 256];
        let stop_bytes = [delimiter, b'\n', b'\r'];
        stop_bytes.iter().for_each(|&b| stops[usize::from(b)] = true);
        let stop_words = stop_bytes.map(|b| u64::from(b) * 0x0101_0101_0101_0101);
        let pos = if start == 0 && text.starts_with('\u{FEFF}') { 3 } else { start };
        let line = 1 + line_breaks(&text.as_bytes()[..start], None);
        Splitter { text, pos, line, delimiter, quote, quoting, stops, stop_words, last: true }
    }

    /// A splitter over one piece of a longer text: from its start (no byte-order mark, no
    /// `sep=` line) on line `line`; `last` when no piece follows.
    pub fn piece(text: &'t str, split: Split, line: u64, last: bool) -> Self {
        let mut splitter = Splitter::new(text, Split { start: 0, ..split });
        (splitter.pos, splitter.line, splitter.last) = (0, line, last);
        splitter
    }

    /// Sets whether the text is the last piece.
    pub fn set_last(&mut self, last: bool) {
        self.last = last;
    }

    /// The line the next record starts on (or a blank line before it).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Bytes of the text consumed so far.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Reads the next record into `record`; `false` at the end of the text.
    pub fn next_record(&mut self, record: &mut Record<'t>) -> bool {
        let b = self.text.as_bytes();
        while let Some(&c @ (b'\n' | b'\r')) = b.get(self.pos) {
            if !self.last && self.pos + 1 >= b.len() {
                return false; // a `\r` the next piece may follow with `\n`
            }
            self.end_line(c);
        }
        if self.pos >= b.len() {
            return false;
        }
        let start = self.pos;
        record.spans.clear();
        record.scratch.clear();
        record.line = self.line;
        record.has_line_break = false;
        record.stray_quote = None;
        loop {
            let span = if self.quoting && b.get(self.pos) == Some(&self.quote) {
                self.quoted(record)
            } else {
                let (start, end) = self.unquoted();
                Span::Text(start, end)
            };
            record.spans.push(span);
            match b.get(self.pos) {
                Some(&c) if c == self.delimiter => self.pos += 1,
                Some(&c) => {
                    self.end_line(c);
                    return self.complete(start, record);
                }
                None => return self.complete(start, record),
            }
        }
    }

    /// Whether the record just read from `start` is whole: in the last piece, or ended before
    /// the piece does (a record reaching the end may go on in the next piece; it is then
    /// given back, to be read again from there).
    fn complete(&mut self, start: usize, record: &Record<'t>) -> bool {
        if self.last || self.pos < self.text.len() {
            return true;
        }
        (self.pos, self.line) = (start, record.line);
        false
    }

    /// Steps over a line break starting with `c` (`\n`, or `\r` with an optional `\n`).
    fn end_line(&mut self, c: u8) {
        self.pos += 1;
        if c == b'\r' && self.text.as_bytes().get(self.pos) == Some(&b'\n') {
            self.pos += 1;
        }
        self.line += 1;
    }

    /// An unquoted field (or the rest of a field after its closing quote): up to the next stop.
    #[inline]
    fn unquoted(&mut self) -> (usize, usize) {
        let b = self.text.as_bytes();
        let start = self.pos;
        let mut i = start;
        // Eight bytes at a time: the lowest byte equal to a stop ends the field.
        while let Some(word) = b.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
            let word = u64::from_le_bytes(word);
            let found = self.stop_words.iter().fold(0, |found, &stop| found | zero_bytes(word ^ stop));
            if found != 0 {
                i += found.trailing_zeros() as usize / 8;
                self.pos = i;
                return (start, i);
            }
            i += 8;
        }
        while i < b.len() && !self.stops[usize::from(b[i])] {
            i += 1;
        }
        self.pos = i;
        (start, i)
    }

    /// A field opening with the quote byte at `self.pos`.
    fn quoted(&mut self, record: &mut Record<'t>) -> Span {
        let b = self.text.as_bytes();
        let start = self.pos + 1;
        let opened = (self.line, record.spans.len() + 1);
        // Content before `i` is in the scratch buffer from `scratch` on, once one was needed.
        let (mut i, mut scratch) = (start, None);
        loop {
            let Some(close) = b[i..].iter().position(|&c| c == self.quote).map(|k| i + k) else {
                // Never closed: the field runs to the end of the text.
                record.stray_quote.get_or_insert(StrayQuote { line: opened.0, field: opened.1, closed: None });
                self.count_breaks(record, i, b.len());
                self.pos = b.len();
                let Some(from) = scratch else { return Span::Quoted(start, b.len()) };
                record.scratch.push_str(&self.text[i..]);
                return Span::Scratch(from, record.scratch.len());
            };
            self.count_breaks(record, i, close);
            if b.get(close + 1) == Some(&self.quote) {
                // An escaped quote: keep one, go on.
                scratch.get_or_insert(record.scratch.len());
                record.scratch.push_str(&self.text[i..=close]);
                i = close + 2;
                continue;
            }
            self.pos = close + 1;
            let at_stop = b.get(self.pos).is_none_or(|&c| self.stops[usize::from(c)]);
            if at_stop && scratch.is_none() {
                return Span::Quoted(start, close);
            }
            let from = *scratch.get_or_insert(record.scratch.len());
            record.scratch.push_str(&self.text[i..close]);
            let (rest_start, rest_end) = self.unquoted();
            let rest = &self.text[rest_start..rest_end];
            record.scratch.push_str(rest);
            if !rest.is_empty() {
                let cell: String = self.text[start - 1..rest_end].chars().take(EXCERPT_CHARS).collect();
                record.stray_quote.get_or_insert(StrayQuote {
                    line: opened.0,
                    field: opened.1,
                    closed: Some((self.line, cell)),
                });
            }
            return Span::Scratch(from, record.scratch.len());
        }
    }

    /// Counts the line breaks in `text[from..to]`, inside a quoted field.
    fn count_breaks(&mut self, record: &mut Record<'t>, from: usize, to: usize) {
        let b = self.text.as_bytes();
        if !b[from..to].iter().any(|&c| c == b'\n' || c == b'\r') {
            return;
        }
        record.has_line_break = true;
        self.line += line_breaks(&b[from..to], b.get(to).copied());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn records(text: &str, delimiter: u8, quote: u8) -> Vec<(u64, Vec<String>)> {
        let mut splitter = Splitter::new(text, Split { delimiter, quote: Some(quote), start: 0 });
        let mut record = Record::new(text);
        let mut out = Vec::new();
        while splitter.next_record(&mut record) {
            out.push((record.line, (0..record.len()).map(|i| record.field(i).to_string()).collect()));
        }
        out
    }

    fn fields(text: &str) -> Vec<Vec<String>> {
        records(text, b',', b'"').into_iter().map(|(_, f)| f).collect()
    }

    #[test]
    fn splits_quoted_and_plain_fields() {
        assert_eq!(fields("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n"), [vec!["a", "b"], vec!["x,y", "say \"hi\""]]);
        assert_eq!(fields("\"ab\"cd,e\"f\",\n"), [vec!["abcd", "e\"f\"", ""]]);
        assert_eq!(fields("a,\"open\n,end"), [vec!["a", "open\n,end"]]);
        assert_eq!(fields("\u{FEFF}a\r\rb\r\nc"), [vec!["a"], vec!["b"], vec!["c"]]);
        assert_eq!(
            fields("a_long_field_of_many_words,x\nshort,abcdefgh\n12345678,9"),
            [vec!["a_long_field_of_many_words", "x"], vec!["short", "abcdefgh"], vec!["12345678", "9"]]
        );
    }

    #[test]
    fn numbers_the_line_each_record_starts_on() {
        let lines: Vec<u64> = records("a\n\n\"b\nc\"\r\nd\re\r\n", b',', b'"').iter().map(|r| r.0).collect();
        assert_eq!(lines, [1, 3, 5, 6]);
        let text = "sep=;\na;b\n";
        let mut splitter = Splitter::new(text, Split { delimiter: b';', quote: Some(b'"'), start: 6 });
        let mut record = Record::new(text);
        assert!(splitter.next_record(&mut record));
        assert_eq!((record.line, record.field(1)), (2, "b"));
    }

    #[test]
    fn reads_pieces_as_one_text() {
        let text = "a,\"b\nc\"\r\n\"x\"\"y\",2\r\n\n3,4\r";
        let whole = records(text, b',', b'"');
        let split = Split { delimiter: b',', quote: Some(b'"'), start: 0 };
        for cut in 1..text.len() {
            let (mut got, mut line, mut carry) = (Vec::new(), 1, String::new());
            for (piece, last) in [(&text[..cut], false), (&text[cut..], true)] {
                let buffer = format!("{carry}{piece}");
                let mut splitter = Splitter::piece(&buffer, split, line, last);
                let mut record = Record::new(&buffer);
                while splitter.next_record(&mut record) {
                    got.push((record.line, (0..record.len()).map(|i| record.field(i).to_string()).collect::<Vec<_>>()));
                }
                (line, carry) = (splitter.line(), buffer[splitter.position()..].to_string());
            }
            assert_eq!(got, whole, "cut at {cut}");
        }
    }

    proptest! {
        #[test]
        fn splits_as_the_csv_crate_does(text in "[a,;\"'\n\r x1é]{0,40}", semicolon in any::<bool>()) {
            let delimiter = if semicolon { b';' } else { b',' };
            let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
            let expected: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
            let got: Vec<Vec<String>> = records(&text, delimiter, b'"').into_iter().map(|(_, f)| f).collect();
            prop_assert_eq!(got, expected);
        }
    }
}
