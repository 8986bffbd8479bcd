/*!
WCAG contrast of two hex colours, without libm: the walk warns when a theme's text would be hard
to read on its background.
*/

use crate::syntax::parse_hex;

/// `x^2.4` for `x` in (0, 1], as the fifth root of `x^12` by Newton's method from `x^2` (which is
/// above the root, so the steps fall monotonically onto it). `powf` would bring libm's `pow`
/// into the wasm for this one use; this is exact to the last bits of an `f64` here.
fn pow_2_4(x: f64) -> f64 {
    let x2 = x * x;
    let x4 = x2 * x2;
    let a = x4 * x4 * x4;
    let mut y = x2;
    for _ in 0..64 {
        let y4 = (y * y) * (y * y);
        let next = (4.0 * y + a / y4) / 5.0;
        if next >= y {
            break;
        }
        y = next;
    }
    y
}

/// WCAG contrast ratio of two hex colours.
pub fn contrast(a: &str, b: &str) -> Option<f64> {
    let lum = |(r, g, b): (u8, u8, u8)| {
        let ch = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                pow_2_4((c + 0.055) / 1.055)
            }
        };
        0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)
    };
    let (la, lb) = (lum(parse_hex(a)?), lum(parse_hex(b)?));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

#[cfg(test)]
mod contrast_tests {
    use super::pow_2_4;

    #[test]
    fn the_root_matches_powf_for_every_channel_value() {
        for c in 11..=255u8 {
            let x = (f64::from(c) / 255.0 + 0.055) / 1.055;
            let (ours, std) = (pow_2_4(x), x.powf(2.4));
            assert!((ours - std).abs() <= 1e-14 * std, "{c}: {ours} vs {std}");
        }
    }
}
