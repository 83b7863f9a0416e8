//! Finding the figures of one sentence: number, multiplier, unit or classifier, qualifier,
//! range, and "由…调整为…" from->to phrases.
//!
//! Works on the folded form of a sentence (see [`super::fold`]); positions are character
//! indexes into it.

use super::chinese::{
    chinese_magnitude, is_chinese_numeral, is_number_char, read_chinese_decimal, read_fraction,
};
use super::exclude;
use super::fold::slice;
use super::number::{Decimal, is_digit, read_arabic, read_multiplier, starts_with};
use super::qualifier::{OVER_MARKS, Qualifier, word_after_unit, word_before};
use super::units::{UnitKind, read_unit};
use crate::cjk::fold_width;

/// One figure found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// First character of the figure as written (a prefix qualifier included).
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// The value, scaled by its multiplier.
    pub value: f64,
    /// Upper end of a range.
    pub max: Option<f64>,
    /// The earlier value of a from->to phrase.
    pub from: Option<f64>,
    /// Where the `由`/`从` of a from->to phrase stands (the label comes before it).
    pub from_marker: Option<usize>,
    /// Unit or classifier.
    pub unit: &'static str,
    /// How the unit's label is found.
    pub kind: UnitKind,
    /// Exact, over, about, nearly or under.
    pub qualifier: Qualifier,
}

/// A number read at some position, before its unit.
struct Reading {
    value: Decimal,
    len: usize,
    /// A lone `十 百 千 万 亿`: a figure only with a qualifier (近千, 上万, 万余).
    bare: bool,
    chinese: bool,
    /// The unit of a fraction written before its number (`百分之` is `%`, `千分之` is `‰`).
    prefix_unit: Option<&'static str>,
    /// The power of ten of a multiplier written after the digits (万 = 4), else 0.
    power: i32,
}

/// The figures of a folded sentence, in order, each number on its own: the caller joins a
/// from→to pair (`由18个…调整为23个`) with `from_to::join_from_to`.
pub fn find(chars: &[char]) -> Vec<Figure> {
    if !chars.iter().any(|&c| is_number_char(c)) {
        return Vec::new();
    }
    // Titles and slogans are only looked for once a sentence has a candidate figure.
    let mut shielded: Option<Vec<(usize, usize)>> = None;
    let mut figures = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_number_char(chars[i]) {
            i += 1;
            continue;
        }
        let starts_token = i == 0 || {
            let prev = chars[i - 1];
            if is_digit(chars[i]) {
                // Inside 1,200 or 42.15 the digits after the mark are not a new number.
                let inside = matches!(prev, '.' | ',') && i >= 2 && is_digit(chars[i - 2]);
                !is_digit(prev) && !inside
            } else {
                !is_chinese_numeral(prev)
            }
        };
        if !starts_token {
            i += 1;
            continue;
        }
        match figure_at(chars, i, &mut shielded) {
            Ok(figure) => {
                i = figure.end;
                figures.push(figure);
            }
            Err(skip) => i += skip.max(1),
        }
    }
    figures
}

/// Reads a number at `i` (Arabic with multiplier, Chinese, or `百分之…`/`千分之…`).
fn read_number(chars: &[char], i: usize) -> Option<Reading> {
    let rest = &chars[i..];
    if let Some((value, len, unit)) = read_fraction(rest) {
        return Some(Reading {
            value,
            len,
            bare: false,
            chinese: true,
            prefix_unit: Some(unit),
            power: 0,
        });
    }
    if is_digit(chars[i]) {
        let (mut value, mut len) = read_arabic(rest)?;
        let mut power = 0;
        if let Some((p, n)) = read_multiplier(&rest[len..]) {
            value = value.scaled(p);
            power = p;
            len += n;
        }
        return Some(Reading {
            value,
            len,
            bare: false,
            chinese: false,
            prefix_unit: None,
            power,
        });
    }
    let (mut value, mut len) = read_chinese_decimal(rest)?;
    let mut power = 0;
    // `零点三万张`: a Chinese decimal takes its multiplier after it (an integer's `三万` is
    // read whole).
    if rest[..len].contains(&'点')
        && let Some((p, n)) = read_multiplier(&rest[len..])
    {
        value = value.scaled(p);
        power = p;
        len += n;
    }
    Some(Reading {
        value,
        len,
        bare: len == 1 && chinese_magnitude(chars[i]).is_some(),
        chinese: true,
        prefix_unit: None,
        power,
    })
}

/// The figure whose number starts at `i`, or how far to skip.
fn figure_at(
    chars: &[char],
    i: usize,
    shielded: &mut Option<Vec<(usize, usize)>>,
) -> Result<Figure, usize> {
    let reading = read_number(chars, i).ok_or_else(|| numeral_run(chars, i))?;
    let mut j = i + reading.len;
    let digits_end = i + chars[i..j]
        .iter()
        .take_while(|&&c| is_digit(c) || c == '.' || c == ',')
        .count();
    if !reading.chinese
        && (exclude::is_code(chars, i, digits_end)
            || exclude::is_time_or_date(chars, i, digits_end))
    {
        return Err(alnum_run(chars, i));
    }
    if exclude::is_mixed_script(chars, i, j) {
        return Err(numeral_run(chars, i));
    }
    let mut value = reading.value;
    let mut max = None;
    if reading.prefix_unit.is_none()
        && let Some(top) = range_end(chars, j, reading.chinese)
    {
        if reading.power == 0 {
            // 8.99-11.59万元: a multiplier written once applies to both ends.
            value = value.scaled(top.power);
        }
        max = Some(top.value);
        j += 1 + top.len;
    }
    let mut qualifier = Qualifier::Exact;
    if chars.get(j).is_some_and(|c| OVER_MARKS.contains(c)) {
        qualifier = Qualifier::Over;
        j += 1;
    }
    let (unit, kind) = match reading.prefix_unit {
        // 百分之四十: the unit is written before the number and already read.
        Some(unit) => (unit, UnitKind::Measure),
        None => match read_unit(&chars[j..], reading.chinese) {
            Some((unit, kind)) => {
                j += unit.chars().count();
                (unit, kind)
            }
            None => implied_unit(chars, i, j, &reading).ok_or(reading.len)?,
        },
    };
    if unit == DAY {
        j += 1;
    }
    if let Some((word, q)) = word_after_unit(&chars[j..]) {
        qualifier = q;
        j += word.chars().count();
    }
    let mut start = i;
    let mut negative = false;
    if let Some(sign) = minus_sign(chars, i) {
        negative = true;
        start = sign;
    } else if let Some((word, q)) = word_before(chars, i, reading.bare) {
        qualifier = q;
        start = i - word.chars().count();
    }
    let needs_qualifier = reading.bare && qualifier == Qualifier::Exact;
    if needs_qualifier
        || (unit == "分" && exclude::is_clock_minutes(chars, i))
        || (matches!(unit, "名" | "位") && i > 0 && chars[i - 1] == '前')
        || exclude::is_ordinal(chars, i)
        || (reading.chinese && exclude::in_set_phrase(chars, i))
        || exclude::is_shielded(
            shielded.get_or_insert_with(|| exclude::shielded_spans(chars)),
            i,
        )
        || (reading.chinese
            && reading.prefix_unit.is_none()
            && exclude::is_article(chars, i, i + reading.len))
        || (reading.chinese && exclude::is_inside_word(chars, i))
    {
        return Err(reading.len);
    }
    let value = value.to_f64().ok_or(reading.len)?;
    let value = if negative { -value } else { value };
    let max = match max {
        Some(top) => Some(top.to_f64().ok_or(reading.len)?),
        None => None,
    };
    Ok(Figure {
        start,
        end: j,
        value,
        max,
        from: None,
        from_marker: None,
        unit,
        kind,
        qualifier,
    })
}

/// A day count, which `read_unit` never reads: `日` after a number is a date (`16日`) unless
/// the number has a fraction (`平均住院日为8.3日`), which no date has.
const DAY: &str = "日";

/// Label endings that carry the unit of a number written without one
/// (`出院人次4323.7万`, `总诊疗人次95.5亿`), with the unit each gives.
const UNIT_IN_LABEL: [(&str, &str); 2] = [("人次", "人次"), ("人数", "人")];

/// The unit of a number that has none written after it: a fractional day count, or the unit
/// that ends the label right before the number.
fn implied_unit(
    chars: &[char],
    i: usize,
    j: usize,
    reading: &Reading,
) -> Option<(&'static str, UnitKind)> {
    let fractional = reading.value.exponent < 0 && reading.power == 0;
    if !reading.chinese && fractional && chars.get(j) == Some(&'日') {
        return Some((DAY, UnitKind::Measure));
    }
    if reading.chinese {
        return None;
    }
    UNIT_IN_LABEL
        .iter()
        .find(|(ending, _)| {
            let n = ending.chars().count();
            i >= n && starts_with(&chars[i - n..], ending)
        })
        .map(|(_, unit)| (*unit, UnitKind::Measure))
}

/// Where the minus sign of a negative number before `i` stands: `负3.9%`, `-22.2%`, `−6.4%`.
/// A dash after a digit or a letter is a range or a code (`3-4户`, `PET-CT`), never a sign.
fn minus_sign(chars: &[char], i: usize) -> Option<usize> {
    let sign = i.checked_sub(1)?;
    let before = sign.checked_sub(1).map(|k| chars[k]);
    let joined = before.is_some_and(|c| is_digit(c) || c.is_ascii_alphanumeric() || c == '.');
    match chars[sign] {
        '负' => Some(sign),
        '-' | '−' | '－' if !joined => Some(sign),
        _ => None,
    }
}

/// The upper end of a range written at `j` (`-4`, `至4`, `~100`, `到5`); its `len` does not
/// count the separator.
fn range_end(chars: &[char], j: usize, chinese: bool) -> Option<Reading> {
    let sep = *chars.get(j)?;
    if !matches!(fold_width(sep), '-' | '~' | '至' | '到' | '—') {
        return None;
    }
    let k = j + 1;
    let first = *chars.get(k)?;
    if chinese != is_chinese_numeral(first) || (!chinese && !is_digit(first)) {
        return None;
    }
    let top = read_number(chars, k)?;
    if top.bare || top.prefix_unit.is_some() {
        return None;
    }
    Some(top)
}

/// Length of the run of numeral characters at `i`: skipped together when unreadable.
fn numeral_run(chars: &[char], i: usize) -> usize {
    chars[i..]
        .iter()
        .take_while(|&&c| is_digit(c) || is_chinese_numeral(c) || c == '.' || c == ',')
        .count()
}

/// Length of a code at `i`: digits, letters and joiners (`6S`, `09012531`).
fn alnum_run(chars: &[char], i: usize) -> usize {
    chars[i..]
        .iter()
        .take_while(|&&c| {
            c.is_ascii_alphanumeric() || is_digit(c) || matches!(c, '-' | ':' | '.' | '/')
        })
        .count()
}

/// The figure's text as written, in the folded form.
pub fn text(chars: &[char], figure: &Figure) -> String {
    slice(chars, figure.start, figure.end)
}

#[cfg(test)]
mod tests {
    use super::super::figures_of as find;
    use super::super::fold::fold;
    use super::*;

    /// (value, max, from, unit, qualifier, text) of a figure.
    type Read = (
        f64,
        Option<f64>,
        Option<f64>,
        &'static str,
        Qualifier,
        String,
    );

    /// Every figure in a sentence.
    fn read(sentence: &str) -> Vec<Read> {
        let chars = fold(sentence);
        find(&chars)
            .iter()
            .map(|f| (f.value, f.max, f.from, f.unit, f.qualifier, text(&chars, f)))
            .collect()
    }

    /// The one figure of a sentence: (value, unit, qualifier).
    fn one(sentence: &str) -> (f64, &'static str, Qualifier) {
        let all = read(sentence);
        assert_eq!(all.len(), 1, "{sentence}: {all:?}");
        (all[0].0, all[0].3, all[0].4)
    }

    use Qualifier::{About, Exact, Nearly, Over, Under};

    #[test]
    fn arabic_numbers_with_multipliers() {
        assert_eq!(one("门诊量达到42.15万人次"), (421500.0, "人次", Exact));
        assert_eq!(one("回访出院病人2.7万余人次"), (27000.0, "人次", Over));
        assert_eq!(one("融资融券余额6.69亿元"), (669000000.0, "元", Exact));
        assert_eq!(one("年门诊诊疗患者95万人次"), (950000.0, "人次", Exact));
        assert_eq!(one("视频2.3万多条"), (23000.0, "条", Over));
        assert_eq!(one("收录中文图书 590万册"), (5900000.0, "册", Exact));
        assert_eq!(one("服务群众1,200人次"), (1200.0, "人次", Exact));
        assert_eq!(one("服务群众１２００人次"), (1200.0, "人次", Exact));
        assert_eq!(one("投入资金1.5千万元"), (15000000.0, "元", Exact));
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(one("成立了十余个诊疗中心"), (10.0, "个", Over));
        assert_eq!(one("共有十三个科室"), (13.0, "个", Exact));
        assert_eq!(one("开放二十张床位"), (20.0, "张", Exact));
        assert_eq!(one("完成一百零五例手术"), (105.0, "例", Exact));
        assert_eq!(one("培训三千二百人次"), (3200.0, "人次", Exact));
        assert_eq!(one("服务两万人次"), (20000.0, "人次", Exact));
        assert_eq!(one("直接受益学生人数近千人"), (1000.0, "人", Nearly));
        assert_eq!(one("近千余名医护人员要求加入"), (1000.0, "名", Nearly));
        assert_eq!(one("培训对象上万人"), (10000.0, "人", Over));
        assert_eq!(one("转移群众万余人"), (10000.0, "人", Over));
        assert_eq!(one("连续六届荣获"), (6.0, "届", Exact));
    }

    #[test]
    fn percentages() {
        assert_eq!(one("满意度提升到99.39%"), (99.39, "%", Exact));
        assert_eq!(one("满意度提升到99.39％"), (99.39, "%", Exact));
        assert_eq!(one("使用率达到百分之四十"), (40.0, "%", Exact));
        assert_eq!(one("同比增长3个百分点"), (3.0, "个百分点", Exact));
    }

    #[test]
    fn ranges() {
        let r = read("每人结对帮扶3-4户");
        assert_eq!((r[0].0, r[0].1, r[0].3), (3.0, Some(4.0), "户"));
        assert_eq!(r[0].5, "3-4户");
        let r = read("每人结对帮扶3至4户");
        assert_eq!((r[0].0, r[0].1), (3.0, Some(4.0)));
        let r = read("每次接待80~100人");
        assert_eq!((r[0].0, r[0].1, r[0].3), (80.0, Some(100.0), "人"));
        let r = read("每次接待80～100人");
        assert_eq!((r[0].0, r[0].1), (80.0, Some(100.0)));
        let r = read("售8.99-11.59万元");
        assert_eq!((r[0].0, r[0].1), (89900.0, Some(115900.0)));
    }

    #[test]
    fn approximations() {
        assert_eq!(one("开展义诊100余次"), (100.0, "次", Over));
        assert_eq!(one("拥有100多张床位"), (100.0, "张", Over));
        assert_eq!(one("新增病床超过300张"), (300.0, "张", Over));
        assert_eq!(one("累计培训逾500人"), (500.0, "人", Over));
        assert_eq!(one("每年接诊30万人次以上"), (300000.0, "人次", Over));
        assert_eq!(one("约50人参加"), (50.0, "人", About));
        assert_eq!(one("参加培训50人左右"), (50.0, "人", About));
        assert_eq!(one("居家护理近300次"), (300.0, "次", Nearly));
        assert_eq!(one("将近300名"), (300.0, "名", Nearly));
        assert_eq!(one("死亡率接近100%"), (100.0, "%", Nearly));
        let r = read("平均住院日不足7天,候诊不足30分钟");
        assert_eq!((r[0].0, r[0].3, r[0].4), (7.0, "天", Under));
        assert_eq!((r[1].0, r[1].3, r[1].4), (30.0, "分钟", Under));
        assert_eq!(one("等候时间10分钟以下"), (10.0, "分钟", Under));
    }

    #[test]
    fn a_figure_right_after_a_comma_is_read() {
        let r = read("组织120名职工,50名党员干部,49名党员干部");
        assert_eq!(r.len(), 3);
        assert_eq!(r[1].0, 50.0);
        let r = read("组织120名职工，50名党员干部");
        assert_eq!(r.len(), 2);
    }

    #[test]
    fn new_number_forms() {
        assert_eq!(one("增长率为负3.9%"), (-3.9, "%", Exact));
        assert_eq!(one("利润增长-22.2%"), (-22.2, "%", Exact));
        assert_eq!(one("缩短一点五天"), (1.5, "天", Exact));
        assert_eq!(one("提高零点三个百分点"), (0.3, "个百分点", Exact));
        assert_eq!(one("床位增加零点三万张"), (3000.0, "张", Exact));
        assert_eq!(one("共计一点二亿人次"), (120_000_000.0, "人次", Exact));
        assert_eq!(one("死亡率千分之三"), (3.0, "‰", Exact));
        assert_eq!(one("发生率万分之五"), (5.0, "‱", Exact));
        assert_eq!(one("使用率达到百分之二点四"), (2.4, "%", Exact));
        assert_eq!(one("平均住院日为8.3日"), (8.3, "日", Exact));
        assert_eq!(one("出院人次4323.7万,同比"), (43237000.0, "人次", Exact));
        assert_eq!(one("服务3000人/次"), (3000.0, "人次", Exact));
        assert_eq!(one("常住人口3 320.7萬人"), (33207000.0, "人", Exact));
        assert_eq!(one("以615.14分获全省第二"), (615.14, "分", Exact));
        assert!(read("8月16日").is_empty());
        assert!(read("8点30分开幕").is_empty());
        assert!(read("位列全省前3名").is_empty());
        assert!(read("每3-4户").iter().all(|f| f.0 > 0.0));
    }

    #[test]
    fn numbers_without_a_unit_are_not_figures() {
        assert!(read("2024年").is_empty());
        assert!(read("8月4日").is_empty());
        assert!(read("2020年12月30日").is_empty());
        assert!(read("发布时间:2022-02-14 16:55:24").is_empty());
        assert!(read("2021-05-10").is_empty());
        assert!(read("承办2023学术会议").is_empty());
        assert!(read("浏览(1421)").is_empty());
    }

    #[test]
    fn bad_input_never_panics() {
        let long = format!("共{}人", "9".repeat(5000));
        assert!(read(&long).is_empty());
        assert!(read("共1e308人").is_empty());
        assert!(read("..人").is_empty());
        assert!(read("版本1.2.3个").is_empty());
        assert!(read("一2三个").is_empty());
        assert!(read(&"亿".repeat(100)).is_empty());
        assert!(read(&format!("{}个", "万".repeat(100))).is_empty());
        assert!(read("42.").is_empty());
        assert!(read("").is_empty());
        assert!(read("由%增加到").is_empty());
    }
}
