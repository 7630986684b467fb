//! Small learning problems shared by the model-file tests: three features in [-1, 1) and a
//! target that follows the first two (three classes, or the value itself).

use sift::engine::learn::{Features, SplitMix64, Target, Task};

/// `n` rows of three features in [-1, 1).
pub fn points(n: usize, seed: u64) -> Features {
    let mut rng = SplitMix64::new(seed);
    let values = (0..3 * n).map(|_| (rng.next_u64() >> 11) as f64 / (1u64 << 52) as f64 - 1.0).collect();
    Features::new(n, 3, values).unwrap()
}

pub fn target(task: Task, x: &Features) -> Target {
    let f = |i: usize| x.row(i)[0] + 0.5 * x.row(i)[1];
    match task {
        Task::Classification => Target::Classes {
            labels: (0..x.rows())
                .map(|i| {
                    if f(i) < -0.4 {
                        0
                    } else if f(i) < 0.4 {
                        1
                    } else {
                        2
                    }
                })
                .collect(),
            n_classes: 3,
        },
        _ => Target::Values((0..x.rows()).map(f).collect()),
    }
}
