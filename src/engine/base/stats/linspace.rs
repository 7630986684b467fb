//! Evenly spaced numbers, as NumPy spaces them (the edges of uniform bins).

/// `num` evenly spaced numbers from `start` to `stop`, as `np.linspace` computes them.
pub fn linspace(start: f64, stop: f64, num: usize) -> Vec<f64> {
    if num == 1 {
        return vec![start];
    }
    let step = (stop - start) / (num - 1) as f64;
    let mut out: Vec<f64> = if step.is_finite() || !start.is_finite() || !stop.is_finite() {
        (0..num).map(|i| i as f64 * step + start).collect()
    } else {
        // The span overflows (from −1e308 to 1e308): weigh the two ends instead.
        (0..num).map(|i| i as f64 / (num - 1) as f64).map(|t| start * (1.0 - t) + stop * t).collect()
    };
    if let Some(end) = out.last_mut() {
        *end = stop;
    }
    out
}
