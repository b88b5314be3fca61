//! The few `f64` operations the core needs that live in std, not core (the shipped module is
//! `no_std`): rounding and integer powers. Same results as std's (tested below).

/// 2^52: from here on every `f64` is a whole number.
const WHOLE: f64 = 4_503_599_627_370_496.0;

/// The whole number nearest `x` and the part of `x` beyond it (exact for |x| < 2^52).
fn split(x: f64) -> (f64, f64) {
    let whole = x as i64 as f64;
    (whole, x - whole)
}

/// `x.round()`: halves away from zero.
pub(crate) fn round(x: f64) -> f64 {
    // NaN and infinities fail the comparison and come back unchanged, as from std.
    if x.is_nan() || x.abs() >= WHOLE {
        return x;
    }
    let (whole, rest) = split(x);
    let rounded = if rest >= 0.5 {
        whole + 1.0
    } else if rest <= -0.5 {
        whole - 1.0
    } else {
        whole
    };
    // -0.4 rounds to -0.0, as in std.
    rounded.copysign(x)
}

/// `x.round_ties_even()`: halves to the even neighbour.
pub(crate) fn round_ties_even(x: f64) -> f64 {
    let rounded = round(x);
    if x.abs() < WHOLE && (rounded - x).abs() == 0.5 && rounded % 2.0 != 0.0 {
        (rounded - x.signum()).copysign(x)
    } else {
        rounded
    }
}

/// `base.powi(n)`: square-and-multiply, the algorithm of compiler-rt's `__powidf2` that
/// std's `powi` calls, so results agree to the bit.
pub(crate) fn powi(base: f64, n: i32) -> f64 {
    let mut result = 1.0;
    let mut factor = base;
    let mut rest = n.unsigned_abs();
    loop {
        if rest & 1 == 1 {
            result *= factor;
        }
        rest >>= 1;
        if rest == 0 {
            break;
        }
        factor *= factor;
    }
    if n < 0 {
        1.0 / result
    } else {
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_agrees_with_std() {
        let mut samples = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            -1.5,
            2.5,
            -2.5,
            0.49999999999999994,
            4.45,
            44.5,
            1e15 + 0.5,
            WHOLE - 0.5,
            WHOLE,
            WHOLE + 1.0,
            1e300,
            -1e300,
            f64::MIN_POSITIVE,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        samples.extend((-2000..2000).map(|i| f64::from(i) * 0.05));
        for x in samples {
            assert_eq!(round(x).to_bits(), x.round().to_bits(), "round({x})");
            assert_eq!(
                round_ties_even(x).to_bits(),
                x.round_ties_even().to_bits(),
                "round_ties_even({x})"
            );
        }
        assert!(round(f64::NAN).is_nan() && round_ties_even(f64::NAN).is_nan());
    }

    #[test]
    fn powers_agree_with_std() {
        for n in -400..=400 {
            for base in [10.0, 2.0, 0.1, 1.5] {
                assert_eq!(
                    powi(base, n).to_bits(),
                    base.powi(n).to_bits(),
                    "{base}^{n}"
                );
            }
        }
    }
}
