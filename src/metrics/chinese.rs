//! Chinese numerals: `十三`, `一百零五`, `两万三`, decimals (`一点五`, `零点三`), the fractions
//! written before their number (`百分之四十`, `千分之三`, `万分之五`) and years written digit by
//! digit (`二〇二三`), which are periods, never counts.

use super::number::{Decimal, is_digit, read_arabic, starts_with};

/// The value of a Chinese digit (`零〇一二两三…九`; `○`, the circle that stands in for `〇` in
/// many typed pages, counts as zero too).
pub fn chinese_digit(c: char) -> Option<u128> {
    Some(match c {
        '零' | '〇' | '○' => 0,
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

/// The characters a number can be written with: ASCII and full-width digits, and the
/// characters of [`chinese_digit`] and [`chinese_magnitude`].
const NUMBER_CHARS: &str = "0123456789０１２３４５６７８９零〇○一二两三四五六七八九十百千万亿";

/// [`NUMBER_CHARS`] as one bit per code point of the Basic Multilingual Plane.
static NUMBER_BITS: [u64; 1024] = number_bits();

const fn number_bits() -> [u64; 1024] {
    let bytes = NUMBER_CHARS.as_bytes();
    let mut out = [0u64; 1024];
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = match bytes[i] {
            b if b < 0x80 => (b as usize, 1),
            b if b & 0xe0 == 0xc0 => (
                ((b as usize & 0x1f) << 6) | (bytes[i + 1] as usize & 0x3f),
                2,
            ),
            b => (
                ((b as usize & 0x0f) << 12)
                    | ((bytes[i + 1] as usize & 0x3f) << 6)
                    | (bytes[i + 2] as usize & 0x3f),
                3,
            ),
        };
        out[c >> 6] |= 1 << (c & 63);
        i += len;
    }
    out
}

/// Whether `c` is a digit or a Chinese numeral (`is_digit(c) || is_chinese_numeral(c)`), with
/// one table look-up: the test the scan for figures makes of every character.
pub fn is_number_char(c: char) -> bool {
    let c = c as usize;
    c < 0x10000 && NUMBER_BITS[c >> 6] & (1 << (c & 63)) != 0
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

/// Reads a Chinese numeral with an optional decimal part (`一点五` = 1.5, `零点三` = 0.3,
/// `九十九点三九`): the exact value and its length. A lone `零` is no number, and neither is
/// `一点` before something that is not a digit (`一点一滴` reads as 1.1 only because 滴 is no
/// unit; `三点钟` has no fraction and stays 3).
pub fn read_chinese_decimal(chars: &[char]) -> Option<(Decimal, usize)> {
    let (whole, len) = match read_chinese(chars) {
        Some(read) => read,
        // 零点三: a zero whole part, which `read_chinese` refuses on its own.
        None if chars.first().and_then(|&c| chinese_digit(c)) == Some(0)
            && chars.get(1) == Some(&'点') =>
        {
            (0, 1)
        }
        None => return None,
    };
    let fraction = chars
        .get(len + 1..)
        .filter(|_| chars.get(len) == Some(&'点'))
        .map_or(0, |rest| {
            rest.iter()
                .take_while(|&&c| chinese_digit(c).is_some())
                .count()
        });
    if fraction == 0 {
        return (whole > 0 || len > 1).then_some((Decimal::integer(whole), len));
    }
    let mut mantissa = whole;
    for &c in &chars[len + 1..len + 1 + fraction] {
        mantissa = mantissa.checked_mul(10)?.checked_add(chinese_digit(c)?)?;
    }
    let exponent = -i32::try_from(fraction).ok()?;
    Some((Decimal { mantissa, exponent }, len + 1 + fraction))
}

/// The fractions written before their number, with the unit each gives.
const FRACTIONS: [(&str, &str); 3] = [("百分之", "%"), ("千分之", "‰"), ("万分之", "‱")];

/// Reads `百分之…`, `千分之…` or `万分之…` (`百分之四十`, `百分之九十九点三九`, `百分之2.4`,
/// `千分之三`): the number, its length, and its unit (`%`, `‰`, `‱`).
pub fn read_fraction(chars: &[char]) -> Option<(Decimal, usize, &'static str)> {
    let (prefix, unit) = FRACTIONS.iter().find(|(p, _)| starts_with(chars, p))?;
    let rest = &chars[prefix.chars().count()..];
    let (number, len) = if rest.first().copied().is_some_and(is_digit) {
        read_arabic(rest)?
    } else {
        read_chinese_decimal(rest)?
    };
    Some((number, 3 + len, unit))
}

/// Reads `百分之…` only (see [`read_fraction`]): the percentage and its length.
#[cfg(test)]
pub fn read_chinese_percent(chars: &[char]) -> Option<(Decimal, usize)> {
    read_fraction(chars)
        .filter(|(_, _, unit)| *unit == "%")
        .map(|(number, len, _)| (number, len))
}

/// A year written digit by digit (`二〇二三`, `二○二三`, `二零二三`), with its length: four
/// Chinese digits in a row, which no count is written as.
pub fn read_digit_year(chars: &[char]) -> Option<(i32, usize)> {
    let digits = chars.get(..4)?;
    let mut year = 0i32;
    for &c in digits {
        year = year * 10 + i32::try_from(chinese_digit(c)?).ok()?;
    }
    (1900..=2100).contains(&year).then_some((year, 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_table_holds_digits_and_numerals_only() {
        for c in '\0'..=char::MAX {
            assert_eq!(
                is_number_char(c),
                is_digit(c) || is_chinese_numeral(c),
                "{c:?}"
            );
        }
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn chinese(s: &str) -> Option<u128> {
        read_chinese(&chars(s)).map(|(v, _)| v)
    }

    fn decimal(s: &str) -> Option<(f64, usize)> {
        read_chinese_decimal(&chars(s)).and_then(|(d, n)| d.to_f64().map(|v| (v, n)))
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
        assert_eq!(pct("百分之二点四"), Some((2.4, 6)));
        assert_eq!(pct("百分之2.4"), Some((2.4, 6)));
        assert_eq!(pct("百分之七十六"), Some((76.0, 6)));
        assert_eq!(pct("百分之四十"), Some((40.0, 5)));
        assert_eq!(pct("百分之九十九点三九"), Some((99.39, 9)));
        assert_eq!(pct("百分之40"), Some((40.0, 5)));
        assert_eq!(pct("百分之百"), Some((100.0, 4)));
        assert_eq!(pct("百分点"), None);
    }
    #[test]
    fn chinese_decimals() {
        assert_eq!(decimal("一点五天"), Some((1.5, 3)));
        assert_eq!(decimal("零点三个百分点"), Some((0.3, 3)));
        assert_eq!(decimal("九十九点三九"), Some((99.39, 6)));
        assert_eq!(decimal("三点钟"), Some((3.0, 1)));
        assert_eq!(decimal("十三"), Some((13.0, 2)));
        assert_eq!(decimal("零"), None);
        assert_eq!(decimal("零点"), None);
    }

    #[test]
    fn fractions_written_before_the_number() {
        let read =
            |s: &str| read_fraction(&chars(s)).and_then(|(d, n, u)| d.to_f64().map(|v| (v, n, u)));
        assert_eq!(read("千分之三"), Some((3.0, 4, "‰")));
        assert_eq!(read("万分之五"), Some((5.0, 4, "‱")));
        assert_eq!(read("百分之二点四"), Some((2.4, 6, "%")));
        assert_eq!(read("千分点"), None);
    }

    #[test]
    fn years_written_digit_by_digit() {
        assert_eq!(read_digit_year(&chars("二〇二三年")), Some((2023, 4)));
        assert_eq!(read_digit_year(&chars("二○一○年")), Some((2010, 4)));
        assert_eq!(read_digit_year(&chars("二零二四年")), Some((2024, 4)));
        assert_eq!(read_digit_year(&chars("二十三年")), None);
        assert_eq!(read_digit_year(&chars("一一一")), None);
        assert_eq!(chinese("二○"), None);
    }
}
