//! Guessing the delimiter from the first lines.

const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
const SAMPLE_LINES: usize = 50;

/// The candidate delimiter that splits the first lines most consistently (ties: more fields,
/// then the order `,` `;` TAB `|`). Quoted text is skipped.
pub fn delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(SAMPLE_LINES).collect();
    let mut best = (b',', 0usize, 0usize);
    for &candidate in &CANDIDATES {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, candidate)).collect();
        let Some(&first) = counts.first() else { continue };
        if first == 0 {
            continue;
        }
        let consistent = counts.iter().filter(|&&c| c == first).count();
        if (consistent, first) > (best.1, best.2) {
            best = (candidate, consistent, first);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    let mut count = 0;
    for &b in line.as_bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            count += 1;
        }
    }
    count
}
