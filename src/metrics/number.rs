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

/// The value of a Chinese digit (`零〇一二两三…九`).
pub fn chinese_digit(c: char) -> Option<u128> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of a Chinese magnitude character (`十百千万亿`).
pub fn chinese_magnitude(c: char) -> Option<u128> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1_000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

/// Whether `c` can be part of a Chinese numeral.
pub fn is_chinese_numeral(c: char) -> bool {
    chinese_digit(c).is_some() || chinese_magnitude(c).is_some()
}

/// Reads a Chinese numeral at the start of `chars` (`十三`, `一百零五`, `三千二百`, `两万`,
/// `一百五` = 150). Returns the value and its length; `None` for runs that are not one
/// number (`三四` is "three or four", `十百`).
pub fn read_chinese(chars: &[char]) -> Option<(u128, usize)> {
    let mut high: u128 = 0; // whole 亿 groups
    let mut wan: u128 = 0; // whole 万 groups below 亿
    let mut section: u128 = 0; // below 万
    let mut pending: Option<u128> = None;
    let mut last_small_unit: u128 = 0; // the last of 十百千 in this section
    let mut after_zero = false;
    let mut len = 0;
    for &c in chars {
        if let Some(d) = chinese_digit(c) {
            if d == 0 {
                if pending.is_some() {
                    return None; // 二〇二四: digits read one by one, a year or a code
                }
                after_zero = true;
            } else if pending.is_some() {
                return None; // 三四: two digits in a row are a guess, not a number
            } else {
                pending = Some(d);
            }
        } else if let Some(m) = chinese_magnitude(c) {
            match m {
                10 | 100 | 1_000 => {
                    if last_small_unit != 0 && m >= last_small_unit {
                        return None;
                    }
                    section = section.checked_add(pending.unwrap_or(1).checked_mul(m)?)?;
                    last_small_unit = m;
                }
                10_000 => {
                    let group = section + pending.unwrap_or(0);
                    let group = if group == 0 && wan == 0 { 1 } else { group };
                    wan = wan.checked_add(group)?.checked_mul(10_000)?;
                    section = 0;
                    last_small_unit = 0;
                }
                _ => {
                    let group = wan + section + pending.unwrap_or(0);
                    let group = if group == 0 { 1 } else { group };
                    high = high.checked_add(group)?.checked_mul(100_000_000)?;
                    wan = 0;
                    section = 0;
                    last_small_unit = 0;
                }
            }
            pending = None;
            after_zero = false;
        } else {
            break;
        }
        len += 1;
    }
    if len == 0 || chars[..len].iter().all(|&c| chinese_digit(c) == Some(0)) {
        return None;
    }
    let tail = match pending {
        // 一百五 is 150 and 三千二 is 3200: a last digit right after 百/千 counts one unit lower.
        Some(d) if !after_zero && last_small_unit >= 100 => d * (last_small_unit / 10),
        Some(d) if !after_zero && last_small_unit == 0 && wan > 0 && section == 0 => d * 1_000,
        Some(d) => d,
        None => 0,
    };
    let value = high
        .checked_add(wan)?
        .checked_add(section)?
        .checked_add(tail)?;
    Some((value, len))
}

/// Reads `百分之…` (`百分之四十`, `百分之九十九点三九`, `百分之40`): the percentage and its length.
pub fn read_chinese_percent(chars: &[char]) -> Option<(Decimal, usize)> {
    if !starts_with(chars, "百分之") {
        return None;
    }
    let rest = &chars[3..];
    if rest.first().copied().is_some_and(is_digit) {
        let (number, len) = read_arabic(rest)?;
        return Some((number, 3 + len));
    }
    let (whole, mut len) = read_chinese(rest)?;
    let mut number = Decimal::integer(whole);
    if rest.get(len) == Some(&'点') {
        let mut fraction = 0;
        let mut mantissa = whole;
        while let Some(d) = rest
            .get(len + 1 + fraction)
            .copied()
            .and_then(chinese_digit)
        {
            mantissa = mantissa.checked_mul(10)?.checked_add(d)?;
            fraction += 1;
        }
        if fraction > 0 {
            number = Decimal {
                mantissa,
                exponent: -i32::try_from(fraction).ok()?,
            };
            len += 1 + fraction;
        }
    }
    Some((number, 3 + len))
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

    fn chinese(s: &str) -> Option<u128> {
        read_chinese(&chars(s)).map(|(v, _)| v)
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
    fn chinese_numerals() {
        assert_eq!(chinese("十三"), Some(13));
        assert_eq!(chinese("二十"), Some(20));
        assert_eq!(chinese("一百零五"), Some(105));
        assert_eq!(chinese("三千二百"), Some(3200));
        assert_eq!(chinese("两万"), Some(20000));
        assert_eq!(chinese("十"), Some(10));
        assert_eq!(chinese("千"), Some(1000));
        assert_eq!(chinese("万"), Some(10000));
        assert_eq!(chinese("六"), Some(6));
        assert_eq!(chinese("一百五"), Some(150));
        assert_eq!(chinese("三千二"), Some(3200));
        assert_eq!(chinese("两万三"), Some(23000));
        assert_eq!(chinese("十万"), Some(100000));
        assert_eq!(chinese("三亿五千万"), Some(350000000));
        assert_eq!(chinese("两万亿"), Some(2_000_000_000_000));
        assert_eq!(chinese("二〇"), None);
        assert_eq!(chinese("一千零一"), Some(1001));
    }

    #[test]
    fn chinese_numeral_stops_at_the_first_other_character() {
        assert_eq!(read_chinese(&chars("十余个")), Some((10, 1)));
        assert_eq!(read_chinese(&chars("近千")), None);
        assert_eq!(read_chinese(&chars("千余名")), Some((1000, 1)));
    }

    #[test]
    fn ambiguous_chinese_runs_are_refused() {
        assert_eq!(chinese("三四"), None);
        assert_eq!(chinese("十百"), None);
        assert_eq!(chinese("零"), None);
        assert_eq!(chinese(&"亿".repeat(40)), None);
    }

    #[test]
    fn chinese_percent() {
        let pct =
            |s: &str| read_chinese_percent(&chars(s)).and_then(|(d, n)| d.to_f64().map(|v| (v, n)));
        assert_eq!(pct("百分之四十"), Some((40.0, 5)));
        assert_eq!(pct("百分之九十九点三九"), Some((99.39, 9)));
        assert_eq!(pct("百分之40"), Some((40.0, 5)));
        assert_eq!(pct("百分之百"), Some((100.0, 4)));
        assert_eq!(pct("百分点"), None);
    }

    #[test]
    fn values_print_without_noise() {
        assert_eq!(format_value(421500.0), "421500");
        assert_eq!(format_value(99.39), "99.39");
        assert_eq!(format_value(26.3), "26.3");
    }
}
