//! The report made by two (`engine/profile/shared.rs`) is the report made alone: with an
//! analyst on this thread or another, one that fails part-way, and columns it must decline.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::thread::JoinHandle;

use sift::engine::base::column_bytes;
use sift::engine::base::error::Error;
use sift::engine::base::table::{Column, ColumnData, Table};
use sift::engine::ingest::{complete, ready, Pending};
use sift::engine::profile::{
    profile_shared, profile_with, Analyst, ColumnAnalysis, Finished, ProfileOptions, SHARE_MIN_ROWS,
};

#[path = "common/lcg.rs"]
mod lcg;
use lcg::Lcg;

/// A column handed over as the browser hands it to the helper worker: as bytes.
fn analyse_bytes(name: &str, bytes: &[u8]) -> Option<ColumnAnalysis> {
    let data = column_bytes::decode(bytes).expect("a column reads back from its bytes");
    ColumnAnalysis::of(name, &data).to_exact_json().map(|json| ColumnAnalysis::from_json(&json).unwrap())
}

/// Analyses each column it is given on this thread, when its results are asked for; fails
/// after `fail_after` columns, if set.
#[derive(Default)]
struct Local {
    in_hand: Vec<(usize, String, Vec<u8>)>,
    given: usize,
    declined: usize,
    fail_after: Option<usize>,
}

impl Analyst for Local {
    fn has_room(&self) -> bool {
        self.in_hand.len() < 2
    }

    fn give(&mut self, index: usize, name: &str, data: &ColumnData) -> Result<(), Error> {
        self.in_hand.push((index, name.to_string(), column_bytes::encode(data)));
        self.given += 1;
        Ok(())
    }

    fn finished(&mut self, wait: bool) -> Pending<'_, Finished> {
        if self.fail_after.is_some_and(|n| self.given > n) {
            return ready(Err("the analyst stopped".into()));
        }
        // Without waiting, only the oldest column is done: the others are still "running".
        let take = if wait { self.in_hand.len() } else { self.in_hand.len().min(1) };
        let done: Vec<_> =
            self.in_hand.drain(..take).map(|(i, name, bytes)| (i, analyse_bytes(&name, &bytes))).collect();
        self.declined += done.iter().filter(|(_, a)| a.is_none()).count();
        ready(Ok(done))
    }
}

/// Analyses on a second thread, as the helper worker does on the second core.
struct Threaded {
    to: Option<Sender<(usize, String, Vec<u8>)>>,
    from: Receiver<(usize, Option<ColumnAnalysis>)>,
    thread: Option<JoinHandle<()>>,
    in_hand: usize,
    given: usize,
}

impl Threaded {
    fn new() -> Self {
        let (to, inbox) = channel::<(usize, String, Vec<u8>)>();
        let (outbox, from) = channel();
        let thread = std::thread::spawn(move || {
            for (i, name, bytes) in inbox {
                let _ = outbox.send((i, analyse_bytes(&name, &bytes)));
            }
        });
        Threaded { to: Some(to), from, thread: Some(thread), in_hand: 0, given: 0 }
    }
}

impl Drop for Threaded {
    fn drop(&mut self) {
        drop(self.to.take());
        let _ = self.thread.take().map(JoinHandle::join);
    }
}

impl Analyst for Threaded {
    fn has_room(&self) -> bool {
        self.in_hand < 2
    }

    fn give(&mut self, index: usize, name: &str, data: &ColumnData) -> Result<(), Error> {
        let to = self.to.as_ref().ok_or("stopped")?;
        to.send((index, name.to_string(), column_bytes::encode(data))).map_err(|e| e.to_string())?;
        self.in_hand += 1;
        self.given += 1;
        Ok(())
    }

    fn finished(&mut self, wait: bool) -> Pending<'_, Finished> {
        let mut done: Vec<_> = self.from.try_iter().collect();
        if wait && done.is_empty() && self.in_hand > 0 {
            done.push(self.from.recv().map_err(|e| e.to_string()).unwrap());
        }
        self.in_hand -= done.len();
        ready(Ok(done))
    }
}

/// Every type of column, with gaps, a constant, an infinity (which JSON cannot hold) and
/// padded text, in `rows` rows.
fn table(rows: usize) -> Table {
    let mut rng = Lcg(7);
    let mut r = move || rng.next();
    let numbers = |r: &mut dyn FnMut() -> f64, scale: f64| {
        (0..rows).map(|_| if r() < 0.03 { f64::NAN } else { (r() * scale).round() / 100.0 }).collect()
    };
    let mut with_infinity: Vec<f64> = numbers(&mut r, 1e4);
    with_infinity[17] = f64::INFINITY;
    let columns = vec![
        Column::new("id", ColumnData::Integer((0..rows as i64).map(Some).collect())),
        Column::new("price", ColumnData::Number(numbers(&mut r, 1e5).into())),
        Column::new("peak", ColumnData::Number(with_infinity.into())),
        Column::new(
            "count",
            ColumnData::Integer((0..rows).map(|_| (r() > 0.1).then(|| (r() * 50.0) as i64)).collect()),
        ),
        Column::new(
            "color",
            ColumnData::Category {
                codes: (0..rows).map(|_| Some((r() * 7.0) as u32)).collect(),
                levels: (0..7).map(|l| format!("c{l}")).collect(),
            },
        ),
        Column::new(
            "note",
            ColumnData::Text((0..rows).map(|_| Some(format!(" word {}", (r() * 900.0) as u32))).collect()),
        ),
        Column::new("day", ColumnData::Date((0..rows).map(|_| Some(15_000 + (r() * 3000.0) as i32)).collect())),
        Column::new(
            "moment",
            ColumnData::DateTime((0..rows).map(|_| (r() > 0.2).then(|| (r() * 1e12) as i64)).collect()),
        ),
        Column::new("flag", ColumnData::Boolean((0..rows).map(|_| Some(r() < 0.3)).collect())),
        Column::new("constant", ColumnData::Number(vec![1.5; rows].into())),
    ];
    Table::new("shared.csv", columns).unwrap()
}

fn options() -> ProfileOptions {
    ProfileOptions { spearman: true, target: Some("flag".into()) }
}

#[test]
fn a_report_made_with_an_analyst_is_the_report_made_alone() {
    let table = table(SHARE_MIN_ROWS);
    let alone = profile_with(&table, &options());
    let mut local = Local::default();
    assert_eq!(complete(async { Ok(profile_shared(&table, &options(), Some(&mut local)).await) }), Ok(alone.clone()));
    assert!(local.given >= 4, "the analyst was given {} columns", local.given);
    assert_eq!(local.declined, 1, "the column with an infinity is declined and analysed where the report is made");
    let mut threaded = Threaded::new();
    assert_eq!(complete(async { Ok(profile_shared(&table, &options(), Some(&mut threaded)).await) }), Ok(alone));
    assert!(threaded.given >= 4, "the thread was given {} columns", threaded.given);
}

#[test]
fn an_analyst_that_fails_leaves_the_report_whole() {
    let table = table(SHARE_MIN_ROWS);
    let alone = profile_with(&table, &options());
    for fail_after in [0, 1, 3] {
        let mut failing = Local { fail_after: Some(fail_after), ..Local::default() };
        assert_eq!(
            complete(async { Ok(profile_shared(&table, &options(), Some(&mut failing)).await) }),
            Ok(alone.clone()),
            "failing after {fail_after}"
        );
    }
}

#[test]
fn a_small_table_is_not_handed_over() {
    let table = table(1000);
    let mut local = Local::default();
    let report = complete(async { Ok(profile_shared(&table, &ProfileOptions::default(), Some(&mut local)).await) });
    assert_eq!(report, Ok(profile_with(&table, &ProfileOptions::default())));
    assert_eq!(local.given, 0);
}

/// Takes columns and never brings anything back, even when asked to wait.
#[derive(Default)]
struct Stuck(usize);

impl Analyst for Stuck {
    fn has_room(&self) -> bool {
        self.0 < 2
    }

    fn give(&mut self, _: usize, _: &str, _: &ColumnData) -> Result<(), Error> {
        self.0 += 1;
        Ok(())
    }

    fn finished(&mut self, _wait: bool) -> Pending<'_, Finished> {
        ready(Ok(Vec::new()))
    }
}

#[test]
fn an_analyst_that_brings_nothing_back_is_not_waited_for_forever() {
    let table = table(SHARE_MIN_ROWS);
    let mut stuck = Stuck::default();
    let report = complete(async { Ok(profile_shared(&table, &ProfileOptions::default(), Some(&mut stuck)).await) });
    assert_eq!(report, Ok(profile_with(&table, &ProfileOptions::default())));
    assert_eq!(stuck.0, 2, "it was given two columns, which were then analysed here");
}
