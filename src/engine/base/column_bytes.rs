//! A column's values as plain bytes and back, to hand a column from one worker to another
//! without JSON (a million numbers as text would take longer than reading them did).
//!
//! Layout, little-endian: a type tag, the row count, then per type: numbers as `f64` bits;
//! integers, dates and datetimes as a validity byte per row and then the values; booleans as
//! one byte per row (0, 1, or 2 for missing); categories as their levels, a validity byte per
//! row and `u32` codes; text as a validity byte per row, `u64` lengths and the bytes.

use crate::engine::base::error::{Error, Result};
use crate::engine::base::table::{Codes, ColumnData};

const NUMBER: u8 = 0;
const INTEGER: u8 = 1;
const BOOLEAN: u8 = 2;
const DATE: u8 = 3;
const DATETIME: u8 = 4;
const CATEGORY: u8 = 5;
const TEXT: u8 = 6;

/// The bytes of `data`.
pub fn encode(data: &ColumnData) -> Vec<u8> {
    let mut out = Writer(Vec::with_capacity(16 + data.len() * 9));
    match data {
        ColumnData::Number(v) => {
            out.head(NUMBER, v.len());
            v.iter().for_each(|x| out.0.extend_from_slice(&x.to_le_bytes()));
        }
        ColumnData::Integer(v) => {
            out.head(INTEGER, v.len());
            out.nullable(v.iter(), i64::to_le_bytes);
        }
        ColumnData::DateTime(v) => {
            out.head(DATETIME, v.len());
            out.nullable(v.iter(), i64::to_le_bytes);
        }
        ColumnData::Boolean(v) => {
            out.head(BOOLEAN, v.len());
            out.0.extend(v.iter().map(|b| b.map_or(2, u8::from)));
        }
        ColumnData::Date(v) => {
            out.head(DATE, v.len());
            out.nullable(v.iter(), i32::to_le_bytes);
        }
        ColumnData::Category { codes, levels } => {
            out.head(CATEGORY, codes.len());
            out.count(levels.len());
            for level in levels {
                out.count(level.len());
                out.0.extend_from_slice(level.as_bytes());
            }
            out.nullable(codes.iter(), u32::to_le_bytes);
        }
        ColumnData::Text(v) => {
            out.head(TEXT, v.len());
            out.validity(v.iter().map(Option::as_ref));
            v.iter().for_each(|s| out.0.extend_from_slice(&(s.as_ref().map_or(0, String::len) as u64).to_le_bytes()));
            v.iter().flatten().for_each(|s| out.0.extend_from_slice(s.as_bytes()));
        }
    }
    out.0
}

/// The column `bytes` hold; an error when they are not a whole, valid column.
pub fn decode(bytes: &[u8]) -> Result<ColumnData> {
    let mut r = Reader { bytes, at: 0 };
    let tag = r.take(1)?[0];
    let n = r.count()?;
    let data = match tag {
        NUMBER => ColumnData::Number(r.values(n, f64::from_le_bytes)?.into_iter().collect()),
        INTEGER => {
            let valid = r.take(n)?;
            ColumnData::Integer(optional(valid, r.values(n, i64::from_le_bytes)?))
        }
        DATETIME => {
            let valid = r.take(n)?;
            ColumnData::DateTime(optional(valid, r.values(n, i64::from_le_bytes)?))
        }
        BOOLEAN => ColumnData::Boolean(r.take(n)?.iter().map(|&b| (b < 2).then_some(b == 1)).collect()),
        DATE => {
            let valid = r.take(n)?;
            ColumnData::Date(optional(valid, r.values(n, i32::from_le_bytes)?))
        }
        CATEGORY => {
            let count = r.count()?;
            let levels = (0..count).map(|_| r.count().and_then(|len| r.text(len))).collect::<Result<Vec<_>, _>>()?;
            let valid = r.take(n)?;
            let codes: Codes = optional(valid, r.values(n, u32::from_le_bytes)?);
            if codes.present().any(|c| c as usize >= levels.len()) {
                return Err("a category code past its levels".into());
            }
            ColumnData::Category { codes, levels }
        }
        TEXT => {
            let valid = r.take(n)?;
            let lengths = r.values(n, u64::from_le_bytes)?;
            let mut v = Vec::with_capacity(n);
            for (&valid, len) in valid.iter().zip(lengths) {
                let len = usize::try_from(len).map_err(|_| "a text too long".to_string())?;
                v.push(if valid == 1 { Some(r.text(len)?) } else { None });
            }
            ColumnData::Text(v)
        }
        other => return Err(Error::other(format!("unknown column type {other}"))),
    };
    if r.at != bytes.len() {
        return Err("bytes left over after the column".into());
    }
    Ok(data)
}

/// `values` where `valid` says so.
fn optional<T, C: FromIterator<Option<T>>>(valid: &[u8], values: Vec<T>) -> C {
    valid.iter().zip(values).map(|(&ok, v)| (ok == 1).then_some(v)).collect()
}

struct Writer(Vec<u8>);

impl Writer {
    fn head(&mut self, tag: u8, rows: usize) {
        self.0.push(tag);
        self.count(rows);
    }

    fn count(&mut self, n: usize) {
        self.0.extend_from_slice(&(n as u64).to_le_bytes());
    }

    fn validity<T>(&mut self, v: impl IntoIterator<Item = Option<T>>) {
        self.0.extend(v.into_iter().map(|x| u8::from(x.is_some())));
    }

    /// A validity byte per value, then the values as `bytes` writes them (a missing one as
    /// the type's default).
    fn nullable<T: Default, const B: usize>(
        &mut self,
        v: impl Iterator<Item = Option<T>> + Clone,
        bytes: fn(T) -> [u8; B],
    ) {
        self.validity(v.clone());
        v.for_each(|x| self.0.extend_from_slice(&bytes(x.unwrap_or_default())));
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end =
            self.at.checked_add(n).filter(|&end| end <= self.bytes.len()).ok_or("the column's bytes end too soon")?;
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    fn count(&mut self) -> Result<usize> {
        let n = u64::from_le_bytes(self.array()?);
        usize::try_from(n).map_err(|_| Error::other("a count too large"))
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut a = [0; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    /// `n` values of `N` bytes each.
    fn values<T, const N: usize>(&mut self, n: usize, from: fn([u8; N]) -> T) -> Result<Vec<T>> {
        let bytes = self.take(n.checked_mul(N).ok_or("a count too large")?)?;
        Ok(bytes
            .chunks_exact(N)
            .map(|c| {
                let mut a = [0; N];
                a.copy_from_slice(c);
                from(a)
            })
            .collect())
    }

    fn text(&mut self, len: usize) -> Result<String> {
        let bytes = self.take(len)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| Error::other("a text that is not UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(data: ColumnData) {
        let bytes = encode(&data);
        let back = decode(&bytes).unwrap();
        match (&data, &back) {
            (ColumnData::Number(a), ColumnData::Number(b)) => {
                assert_eq!(
                    a.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                    b.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
                );
            }
            _ => assert_eq!(data, back),
        }
        for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_err(), "a column cut at {cut} of {} bytes decoded", bytes.len());
        }
    }

    #[test]
    fn every_type_round_trips() {
        round_trip(ColumnData::Number(vec![1.5, f64::NAN, -0.0, f64::INFINITY, 1e-300].into()));
        round_trip(ColumnData::Integer(vec![Some(1), None, Some(i64::MIN), Some(i64::MAX)].into()));
        round_trip(ColumnData::DateTime(vec![None, Some(-86_400_000)].into()));
        round_trip(ColumnData::Date(vec![Some(-1), None, Some(19_000)].into()));
        round_trip(ColumnData::Boolean(vec![Some(true), None, Some(false)]));
        round_trip(ColumnData::Category {
            codes: vec![Some(1), None, Some(0)].into(),
            levels: vec!["a".into(), "é€".into()],
        });
        round_trip(ColumnData::Text(vec![Some("x".into()), None, Some(String::new()), Some("日本".into())]));
        round_trip(ColumnData::Text(Vec::new()));
    }

    #[test]
    fn refuses_bad_bytes() {
        assert!(decode(&[9, 0, 0, 0, 0, 0, 0, 0, 0]).is_err());
        let mut bytes = encode(&ColumnData::Category { codes: vec![Some(0)].into(), levels: vec!["a".into()] });
        let last = bytes.len() - 4;
        bytes[last] = 7;
        assert!(decode(&bytes).unwrap_err().contains("code"));
        let mut bytes = encode(&ColumnData::Boolean(vec![Some(true)]));
        bytes.push(0);
        assert!(decode(&bytes).unwrap_err().contains("left over"));
    }
}
