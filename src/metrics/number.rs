//! Reading one number as written: Arabic or Chinese numerals, multipliers, exact decimals.
//!
//! Numbers are read into an exact [`Decimal`] (integer mantissa and power of ten) and turned
//! into `f64` once, by the standard correctly-rounded parser, so that `42.15万` is exactly
//! 421500 and never 421499.99999.

pub use super::fold::starts_with;
use super::units::MULTIPLIERS;
use crate::cjk::fold_width;

/// More significant digits than this are not a figure (a code, a run of noise).
const MAX_DIGITS: usize = 18;

/// Values beyond this are not figures of a hospital report.
const MAX_VALUE: f64 = 1e16;

/// A number read exactly: `mantissa × 10^exponent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    /// The digits as one integer.
    pub mantissa: u128,
    /// The power of ten they are scaled by.
    pub exponent: i32,
}

impl Decimal {
    /// An integer.
    pub fn integer(value: u128) -> Decimal {
        Decimal {
            mantissa: value,
            exponent: 0,
        }
    }

    /// The same number times `10^power`.
    pub fn scaled(self, power: i32) -> Decimal {
        Decimal {
            exponent: self.exponent.saturating_add(power),
            ..self
        }
    }

    /// The nearest `f64`, or `None` when the value is too large to be a figure.
    pub fn to_f64(self) -> Option<f64> {
        let value: f64 = format!("{}e{}", self.mantissa, self.exponent)
            .parse()
            .ok()?;
        (value.is_finite() && value <= MAX_VALUE).then_some(value)
    }
}

/// An ASCII or full-width decimal digit.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Whether `c` is an ASCII or full-width decimal digit.
pub fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// Reads an Arabic number at the start of `chars`: digits, `,` thousands separators
/// (groups of exactly three), an optional decimal fraction. Returns the number and how many
/// characters it took; `None` for version-like runs (`1.2.3`) and over-long digit runs.
pub fn read_arabic(chars: &[char]) -> Option<(Decimal, usize)> {
    let mut digits = String::new();
    let mut i = 0;
    let mut fraction_digits = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(d) = digit_value(c) {
            digits.push(char::from_digit(d, 10).unwrap_or('0'));
            i += 1;
        } else if is_comma(c) && fraction_digits == 0 && is_thousands_group(&chars[i + 1..]) {
            i += 1;
        } else {
            break;
        }
    }
    if digits.is_empty() {
        return None;
    }
    if i + 1 < chars.len() && is_point(chars[i]) && is_digit(chars[i + 1]) {
        i += 1;
        while i < chars.len() && is_digit(chars[i]) {
            if let Some(d) = digit_value(chars[i]) {
                digits.push(char::from_digit(d, 10).unwrap_or('0'));
            }
            fraction_digits += 1;
            i += 1;
        }
        if i + 1 < chars.len() && is_point(chars[i]) && is_digit(chars[i + 1]) {
            return None; // 1.2.3: a version or a section number, not a figure
        }
    }
    let significant = digits.trim_start_matches('0');
    if significant.len() > MAX_DIGITS {
        return None;
    }
    let mantissa = significant.parse::<u128>().unwrap_or(0);
    let exponent = -fraction_digits;
    Some((Decimal { mantissa, exponent }, i))
}

fn is_comma(c: char) -> bool {
    fold_width(c) == ','
}

fn is_point(c: char) -> bool {
    fold_width(c) == '.'
}

/// Three digits, then something that is not a digit: the rest of `1,200`.
fn is_thousands_group(rest: &[char]) -> bool {
    rest.len() >= 3
        && rest[..3].iter().all(|&c| is_digit(c))
        && rest.get(3).is_none_or(|&c| !is_digit(c))
}

/// A multiplier written after a number (see [`MULTIPLIERS`]). Returns the power of ten and
/// its length in characters.
pub fn read_multiplier(chars: &[char]) -> Option<(i32, usize)> {
    MULTIPLIERS
        .iter()
        .find(|(word, _)| starts_with(chars, word))
        .map(|(word, power)| (*power, word.chars().count()))
}

/// A value as tables and CSV show it: integers without a fraction, others in the shortest
/// form that reads back exactly (`421500`, `99.39`).
pub fn format_value(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn arabic(s: &str) -> Option<(f64, usize)> {
        read_arabic(&chars(s)).and_then(|(d, n)| d.to_f64().map(|v| (v, n)))
    }

    #[test]
    fn arabic_integers_decimals_and_separators() {
        assert_eq!(arabic("69363人次"), Some((69363.0, 5)));
        assert_eq!(arabic("99.39%"), Some((99.39, 5)));
        assert_eq!(arabic("1,200人"), Some((1200.0, 5)));
        assert_eq!(arabic("1,234,567元"), Some((1234567.0, 9)));
        assert_eq!(arabic("１２０名"), Some((120.0, 3)));
        assert_eq!(arabic("２．５万"), Some((2.5, 3)));
        assert_eq!(arabic("1，200人"), Some((1200.0, 5)));
    }

    #[test]
    fn a_comma_that_is_not_a_thousands_separator_ends_the_number() {
        assert_eq!(arabic("2,3个"), Some((2.0, 1)));
        assert_eq!(arabic("1,2000"), Some((1.0, 1)));
        assert_eq!(arabic("12.,"), Some((12.0, 2)));
    }

    #[test]
    fn multipliers_are_exact() {
        let scaled = |s: &str| {
            let c = chars(s);
            let (d, n) = read_arabic(&c).expect("a number");
            let (power, _) = read_multiplier(&c[n..]).expect("a multiplier");
            d.scaled(power).to_f64()
        };
        assert_eq!(scaled("42.15万"), Some(421500.0));
        assert_eq!(scaled("2.7万"), Some(27000.0));
        assert_eq!(scaled("6.69亿"), Some(669000000.0));
        assert_eq!(scaled("95万"), Some(950000.0));
        assert_eq!(scaled("2.3万"), Some(23000.0));
        assert_eq!(scaled("1.5千"), Some(1500.0));
        assert_eq!(scaled("3.2万亿"), Some(3.2e12));
        assert_eq!(scaled("0.1万"), Some(1000.0));
    }

    #[test]
    fn version_like_and_huge_runs_are_not_numbers() {
        assert_eq!(arabic("1.2.3"), None);
        assert_eq!(arabic(&"9".repeat(5000)), None);
        assert_eq!(arabic("..").map(|(v, _)| v), None);
        let huge = Decimal {
            mantissa: 1,
            exponent: 308,
        };
        assert_eq!(huge.to_f64(), None);
        let overflow = Decimal {
            mantissa: u128::MAX,
            exponent: i32::MAX,
        };
        assert_eq!(overflow.to_f64(), None);
    }

    #[test]
    fn values_print_without_noise() {
        assert_eq!(format_value(421500.0), "421500");
        assert_eq!(format_value(99.39), "99.39");
        assert_eq!(format_value(26.3), "26.3");
    }
}
