//! Small numeric kernels shared by the engine's hot loops.

/// a · b, summed in four lanes so the additions need not wait for each other (the same
/// order every time, so the result is reproducible).
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut lanes = [0.0f64; 4];
    let (a4, b4) = (a.chunks_exact(4), b.chunks_exact(4));
    let tail: f64 = a4.remainder().iter().zip(b4.remainder()).map(|(x, y)| x * y).sum();
    for (x, y) in a4.zip(b4) {
        for l in 0..4 {
            lanes[l] += x[l] * y[l];
        }
    }
    (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]) + tail
}

#[cfg(test)]
mod tests {
    #[test]
    fn dot_covers_the_lanes_and_the_tail() {
        let a: Vec<f64> = (1..=7).map(f64::from).collect();
        assert_eq!(super::dot(&a, &a), 140.0);
        assert_eq!(super::dot(&[], &[]), 0.0);
    }
}
