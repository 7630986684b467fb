//! The dialect: which quote character and which delimiter the file uses, guessed from its
//! first records.

use super::report::Detected;
use super::split::{Record, Split, Splitter};

/// Delimiters tried, in order of preference on a tie.
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];
/// Text looked at (from the start of the file).
const SAMPLE_BYTES: usize = 64 * 1024;
/// Records looked at per candidate delimiter.
const SAMPLE_RECORDS: usize = 200;

/// The delimiter and quote character used to split records into fields.
pub struct Dialect {
    pub delimiter: Detected<u8>,
    pub quote: Detected<u8>,
}

/// The user's choices (ASCII) where given, else the detected ones. Single quotes are chosen only
/// when fields are wrapped in them and splitting with them is at least as consistent. Without
/// `quoting` (quotes read as text) the delimiter is found splitting at every delimiter.
pub fn dialect(text: &str, delimiter: Option<u8>, quote: Option<u8>, quoting: bool) -> Dialect {
    let (sample, truncated) = sample(text);
    let quotes = match quote {
        _ if !quoting => vec![None],
        Some(q) => vec![Some(q)],
        None if looks_single_quoted(sample) => vec![Some(b'\''), Some(b'"')],
        None => vec![Some(b'"')],
    };
    let mut best: Option<(Option<u8>, u8, Score)> = None;
    for q in quotes {
        let (d, score) = best_delimiter(sample, truncated, q, delimiter);
        if best.is_none_or(|(_, _, s)| score > s) {
            best = Some((q, d, score));
        }
    }
    let (q, d, _) = best.unwrap_or((Some(b'"'), b',', Score::default()));
    Dialect {
        delimiter: Detected { value: d, detected: delimiter.is_none() },
        quote: Detected { value: q.or(quote).unwrap_or(b'"'), detected: quote.is_none() && quoting },
    }
}

/// (records with the most common field count, that count): higher is a better split.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Score {
    consistent: usize,
    fields: usize,
}

/// The start of the text, cut after a line break when the text is longer.
fn sample(text: &str) -> (&str, bool) {
    if text.len() <= SAMPLE_BYTES {
        return (text, false);
    }
    let mut end = SAMPLE_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    (head.rfind('\n').map_or(head, |i| &head[..=i]), true)
}

fn looks_single_quoted(sample: &str) -> bool {
    let single = quoted_fields(sample, b'\'');
    single >= 2 && single > 2 * quoted_fields(sample, b'"')
}

/// Fields that open with quote `q` right after a delimiter or line start and close with it
/// right before one (doubled quotes inside are escapes), with something between: `''` alone
/// is as likely two apostrophes as an empty quoted field.
fn quoted_fields(sample: &str, q: u8) -> usize {
    let b = sample.as_bytes();
    let is_edge = |c: Option<&u8>| c.is_none_or(|c| DELIMITERS.contains(c) || matches!(c, b'\n' | b'\r'));
    let (mut i, mut count) = (0, 0);
    while i < b.len() {
        if b[i] != q || !is_edge(i.checked_sub(1).and_then(|j| b.get(j))) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            let Some(k) = b[j.min(b.len())..].iter().position(|&c| c == q).map(|k| k + j) else { return count };
            if b.get(k + 1) == Some(&q) {
                j = k + 2;
            } else if is_edge(b.get(k + 1)) {
                count += usize::from(k > i + 1);
                i = k + 1;
                break;
            } else {
                j = k + 1;
            }
        }
    }
    count
}

/// The delimiter (or the chosen one) that splits the sample's records into the most
/// consistent number (≥ 2) of fields; ties go to more fields, then to the order `,` `;`
/// TAB `|`. `,` when none splits.
fn best_delimiter(sample: &str, truncated: bool, quote: Option<u8>, chosen: Option<u8>) -> (u8, Score) {
    let candidates = chosen.map_or(DELIMITERS.to_vec(), |d| vec![d]);
    let mut best = (candidates[0], Score::default());
    for delimiter in candidates {
        let mut counts = field_counts(sample, delimiter, quote);
        if truncated && counts.len() > 1 {
            counts.pop(); // the last record may be cut short
        }
        let Some((fields, consistent)) = mode(&counts) else { continue };
        let score = Score { consistent, fields };
        if fields >= 2 && score > best.1 {
            best = (delimiter, score);
        }
    }
    best
}

/// Field counts of the sample's first records (not of blank lines).
fn field_counts(sample: &str, delimiter: u8, quote: Option<u8>) -> Vec<usize> {
    let mut splitter = Splitter::new(sample, Split { delimiter, quote, start: 0 });
    let mut record = Record::new(sample);
    let mut counts = Vec::new();
    while counts.len() < SAMPLE_RECORDS && splitter.next_record(&mut record) {
        let blank = record.len() == 1 && record.field(0).bytes().all(|b| b.is_ascii_whitespace());
        if !blank {
            counts.push(record.len());
        }
    }
    counts
}

/// The most common count (ties: the larger) and how many records have it.
fn mode(counts: &[usize]) -> Option<(usize, usize)> {
    let mut sorted = counts.to_vec();
    sorted.sort_unstable();
    let mut best: Option<(usize, usize)> = None;
    for run in sorted.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(_, n)| run.len() >= n) {
            best = Some((run[0], run.len()));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sniff(text: &str) -> (char, char) {
        let d = dialect(text, None, None, true);
        (d.delimiter.value as char, d.quote.value as char)
    }

    #[test]
    fn finds_the_delimiter() {
        assert_eq!(sniff("a,b\n1,2\n").0, ',');
        assert_eq!(sniff("a;b\n1,5;2,5\n3,5;4\n").0, ';');
        assert_eq!(sniff("a\tb\n1\t2\n").0, '\t');
        assert_eq!(sniff("a|b|c\n1|2|3\n").0, '|');
        assert_eq!(sniff("name,note\nx,\"a;b;c\"\ny,\"d;e;f\"\n").0, ',');
        assert_eq!(sniff("just one column\n1\n2\n").0, ',');
    }

    #[test]
    fn finds_single_quotes() {
        assert_eq!(sniff("'a','b'\n'x, y','z'\n'p','q'\n"), (',', '\''));
        assert_eq!(sniff("name,city\nO'Brien,Cork\nD'Arcy,Paris\n").1, '"');
        assert_eq!(sniff("\"a\",\"b\"\n\"it's\",\"x\"\n").1, '"');
        // Apostrophes at the ends of words are not quotes.
        assert_eq!(sniff("c0,c1\r\n\"s\r'\",s'\r\n,s'\r\ns',s'\r\n"), (',', '"'));
        assert_eq!(sniff("a,b\nJones',x\n'90s,y\nthe Smiths',z\n"), (',', '"'));
        // Empty pairs of apostrophes say nothing.
        assert_eq!(sniff("c0,c1,c2,c3\n'',,'',\n").1, '"');
    }

    #[test]
    fn honours_choices() {
        let d = dialect("a;b\n", Some(b','), Some(b'\''), true);
        assert_eq!((d.delimiter.value, d.delimiter.detected, d.quote.detected), (b',', false, false));
    }
}
