//! Growth and change figures: `同比增加7.29%`, `比上年增加37867个`, `提高6.6个百分点`,
//! `环比下降0.8%`, `增幅为3.82%`. A change figure is read where a verb or noun of change
//! stands right before the number; its sign comes from the word (减少, 下降, 降低, 回落 … are
//! negative), its basis from the comparison the clause names (同比, 比上年, 环比, 比计划,
//! 比2015年), and a change of a rate written in points (`个百分点`) is kept in points.
//!
//! A verb followed by `到`/`至`/`为` states a level, not a change (`下降到15.1/10万`), and
//! `新增` counts new things: neither is read here.
//!
//! Written in the folded form (see `cjk::fold`): figures are read from folded sentences.

use super::figure::Figure;
use super::fold::{is_clause_break, is_hard_break};
use super::number::{digit_value, is_digit, starts_with};

/// What a change is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Basis {
    /// The same period a year before: 同比, 比上年, 较上年同期.
    Yoy,
    /// The period just before: 环比, 比上月, 较上季度.
    Mom,
    /// An earlier state the text does not date: a bare 增长5%.
    VsPrevious,
    /// A plan or target: 比计划, 超计划.
    VsPlan,
    /// A year the text names: 比2015年, 较2014年.
    VsYear(i32),
}

impl Basis {
    /// The name used in JSON: `yoy`, `mom`, `vs_previous`, `vs_plan`, `vs_year`.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Yoy => "yoy",
            Basis::Mom => "mom",
            Basis::VsPrevious => "vs_previous",
            Basis::VsPlan => "vs_plan",
            Basis::VsYear(_) => "vs_year",
        }
    }

    /// The year compared with, for [`Basis::VsYear`].
    pub fn since(self) -> Option<i32> {
        match self {
            Basis::VsYear(year) => Some(year),
            _ => None,
        }
    }

    /// How tables name it, in the report's own words: 同比, 环比, 比上期, 比计划, 比2015年.
    pub fn word(self) -> String {
        match self {
            Basis::Yoy => "同比".to_string(),
            Basis::Mom => "环比".to_string(),
            Basis::VsPrevious => "比上期".to_string(),
            Basis::VsPlan => "比计划".to_string(),
            Basis::VsYear(year) => format!("比{year}年"),
        }
    }
}

// Word lists are laid out by hand (`rustfmt::skip`): one entry per line would triple them.

/// Verbs of change and their sign (true: negative), longest first where one ends another.
#[rustfmt::skip]
const VERBS: &[(&str, bool)] = &[
    ("增加", false), ("增长", false), ("提高", false), ("提升", false), ("上升", false),
    ("上涨", false), ("增多", false), ("升高", false), ("攀升", false), ("延长", false),
    ("减少", true), ("下降", true), ("降低", true), ("回落", true), ("下滑", true),
    ("下跌", true), ("缩短", true), ("缩减", true), ("减低", true),
];

/// One-character verbs, read only right after a basis (`同比增5%`, `比上年减3个`): alone they
/// are too common (增设, 降至).
const SHORT_VERBS: &[(&str, bool)] = &[("增", false), ("升", false), ("减", true), ("降", true)];

/// Nouns of change, with the linking words allowed between them and the number
/// (`增幅为3.82%`, `降幅达5%`).
#[rustfmt::skip]
const NOUNS: &[(&str, bool)] = &[
    ("增长幅度", false), ("下降幅度", true), ("增长率", false), ("增幅", false), ("增速", false),
    ("涨幅", false), ("降幅", true), ("减幅", true),
];

/// Words between a noun of change and its number.
const NOUN_LINKS: &[&str] = &["达到", "为", "达", "是", ""];

/// Comparisons and their basis. Every one starts with 同 环 比 较 与 相 or 超, which the
/// search uses as a cheap gate.
#[rustfmt::skip]
const BASES: &[(&str, Basis)] = &[
    ("与上年同期相比", Basis::Yoy), ("与上年同期比较", Basis::Yoy), ("与去年同期相比", Basis::Yoy),
    ("与上年相比", Basis::Yoy), ("与上年比较", Basis::Yoy), ("与去年相比", Basis::Yoy),
    ("相比上年同期", Basis::Yoy), ("相比上年", Basis::Yoy), ("相比去年", Basis::Yoy),
    ("比上年同期", Basis::Yoy), ("较上年同期", Basis::Yoy), ("比去年同期", Basis::Yoy),
    ("较去年同期", Basis::Yoy), ("比上一年", Basis::Yoy), ("较上一年", Basis::Yoy),
    ("比上年末", Basis::Yoy), ("较上年末", Basis::Yoy), ("比上年", Basis::Yoy),
    ("较上年", Basis::Yoy), ("比去年", Basis::Yoy), ("较去年", Basis::Yoy), ("同比", Basis::Yoy),
    ("与上月相比", Basis::Mom), ("比上一季度", Basis::Mom), ("较上一季度", Basis::Mom),
    ("比上季度", Basis::Mom), ("较上季度", Basis::Mom), ("比上月", Basis::Mom),
    ("较上月", Basis::Mom), ("环比", Basis::Mom),
    ("比计划", Basis::VsPlan), ("较计划", Basis::VsPlan), ("超计划", Basis::VsPlan),
    ("比目标", Basis::VsPlan), ("较目标", Basis::VsPlan),
];

/// How far back a comparison is looked for across clauses (`与上年比较,床位增加4.9万张`):
/// bounds the work per figure.
const BASIS_WINDOW: usize = 64;

/// A change figure's reading: its basis and sign, and where its own label ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeWords {
    /// What the change is measured against.
    pub basis: Basis,
    /// Whether the word of change is negative (减少, 下降 …).
    pub negative: bool,
    /// Where the words of change begin: the figure's own label, if any, ends here.
    pub label_end: usize,
}

/// The change words before `figure`, if it is a change figure. `floor` is where the previous
/// figure ended: a comparison is never looked for behind it inside the same clause, but may
/// be across clauses (`比上年增加50.8万人(增长3.8%)`).
pub fn read(chars: &[char], figure: &Figure) -> Option<ChangeWords> {
    let at = figure.start;
    let (word_start, negative, short) = change_word(chars, at)?;
    let in_clause = basis_before(chars, word_start, true);
    if short && in_clause.is_none_or(|(_, _, end)| end != word_start) {
        return None;
    }
    let (basis, label_end) = match in_clause {
        // 门诊量同比增长: the label ends before the comparison.
        Some((basis, start, end)) if end == word_start => (basis, start),
        Some((basis, _, _)) => (basis, word_start),
        None => {
            let across = basis_before(chars, word_start, false).map(|(basis, _, _)| basis);
            (across.unwrap_or(Basis::VsPrevious), word_start)
        }
    };
    Some(ChangeWords {
        basis,
        negative,
        label_end,
    })
}

/// A word of change ending at `at` (a `了` or a noun's linking word between them allowed):
/// where it starts, whether it is negative, and whether it is a one-character verb.
fn change_word(chars: &[char], at: usize) -> Option<(usize, bool, bool)> {
    let ends_at = |end: usize, word: &str| {
        let n = word.chars().count();
        end >= n && starts_with(&chars[end - n..], word)
    };
    let verb_end = if at > 0 && chars[at - 1] == '了' {
        at - 1
    } else {
        at
    };
    for (verb, negative) in VERBS {
        if ends_at(verb_end, verb) {
            return Some((verb_end - verb.chars().count(), *negative, false));
        }
    }
    for link in NOUN_LINKS {
        let Some(noun_end) = at.checked_sub(link.chars().count()) else {
            continue;
        };
        if !ends_at(at, link) {
            continue;
        }
        for (noun, negative) in NOUNS {
            if ends_at(noun_end, noun) {
                return Some((noun_end - noun.chars().count(), *negative, false));
            }
        }
    }
    SHORT_VERBS
        .iter()
        .find(|(verb, _)| ends_at(verb_end, verb))
        .map(|(verb, negative)| (verb_end - verb.chars().count(), *negative, true))
}

/// The nearest comparison ending at or before `end`: in its clause only, or anywhere in the
/// sentence up to a hard break and [`BASIS_WINDOW`] characters back. Its basis, start and end.
fn basis_before(chars: &[char], end: usize, in_clause: bool) -> Option<(Basis, usize, usize)> {
    let window = end.saturating_sub(BASIS_WINDOW);
    let mut p = end;
    while p > window {
        p -= 1;
        let c = chars[p];
        if is_hard_break(c) || (in_clause && is_clause_break(c) && c != '、') {
            return None;
        }
        if !matches!(c, '同' | '环' | '比' | '较' | '与' | '相' | '超') {
            continue;
        }
        if let Some((basis, len)) = basis_at(&chars[p..end]) {
            // 相比2021年 holds 比2021年: a longer comparison that starts just before wins.
            let longer = (p.saturating_sub(2).max(window)..p).find_map(|q| {
                basis_at(&chars[q..end])
                    .filter(|(_, n)| q + n >= p + len)
                    .map(|(b, n)| (b, q, q + n))
            });
            return Some(longer.unwrap_or((basis, p, p + len)));
        }
    }
    None
}

/// A comparison at the start of `rest`, with its length.
fn basis_at(rest: &[char]) -> Option<(Basis, usize)> {
    if let Some((word, basis)) = BASES.iter().find(|(w, _)| starts_with(rest, w)) {
        return Some((*basis, word.chars().count()));
    }
    // 比2015年, 较2014年同期, 与2021年相比, 相比2021年末
    let lead = match rest.first() {
        Some('比' | '较' | '与') => 1,
        Some('相') if rest.get(1) == Some(&'比') => 2,
        _ => return None,
    };
    if rest.len() < lead + 5 {
        return None;
    }
    let digits = &rest[lead..lead + 4];
    if !digits.iter().all(|&c| is_digit(c)) || rest[lead + 4] != '年' {
        return None;
    }
    let rest = &rest[lead - 1..];
    let year = digits
        .iter()
        .filter_map(|&c| digit_value(c))
        .fold(0i32, |acc, d| acc * 10 + d as i32);
    let mut len = 6;
    if starts_with(&rest[len..], "同期") {
        len += 2;
    } else if matches!(rest.get(len), Some('末' | '底')) {
        len += 1;
    }
    let compared = ["相比", "比较"]
        .iter()
        .any(|w| starts_with(&rest[len..], w));
    if compared {
        len += 2;
    }
    // 与2021年 alone is a companion (与2021年持平 needs no figure), not a comparison.
    if rest[0] == '与' && !compared {
        return None;
    }
    (1900..=2100)
        .contains(&year)
        .then_some((Basis::VsYear(year), len + lead - 1))
}

/// A label with the comparison it starts with taken off (`同比门诊量` -> 门诊量).
pub fn strip_basis(label: &str) -> &str {
    let chars: Vec<char> = label.chars().collect();
    match basis_at(&chars) {
        Some((_, len)) => {
            let bytes: usize = chars[..len].iter().map(|c| c.len_utf8()).sum();
            &label[bytes..]
        }
        None => label,
    }
}

#[cfg(test)]
mod tests {
    use super::super::figures_of as find;
    use super::super::fold::fold;
    use super::*;

    /// (basis, negative, own label text before the change words) of every change figure.
    fn changes(sentence: &str) -> Vec<(Basis, bool, String)> {
        let chars = fold(sentence);
        find(&chars)
            .iter()
            .filter_map(|f| {
                let words = read(&chars, f)?;
                let clause_start = (0..words.label_end)
                    .rev()
                    .find(|&k| is_clause_break(chars[k]))
                    .map_or(0, |k| k + 1);
                let own: String = chars[clause_start..words.label_end].iter().collect();
                Some((words.basis, words.negative, own))
            })
            .collect()
    }

    fn own(s: &str) -> String {
        s.to_string()
    }

    #[test]
    fn a_growth_rate_after_its_base() {
        assert_eq!(
            changes("全市医疗卫生机构总诊疗552.24万人次,同比增加7.29%。"),
            [(Basis::Yoy, false, own(""))]
        );
        assert_eq!(
            changes("基层医疗卫生机构诊疗316.71万人次,同比减少2.85%"),
            [(Basis::Yoy, true, own(""))]
        );
        assert_eq!(
            changes("诊疗人次6.9亿人次,同比提高4.2%,环比提高5.4%。"),
            [(Basis::Yoy, false, own("")), (Basis::Mom, false, own(""))]
        );
    }

    #[test]
    fn a_change_names_its_own_label_before_the_comparison() {
        assert_eq!(
            changes("卫生人员数比上年增加6.0万人"),
            [(Basis::Yoy, false, own("卫生人员数"))]
        );
        assert_eq!(
            changes("门诊量同比下降3.4%"),
            [(Basis::Yoy, true, own("门诊量"))]
        );
        assert_eq!(
            changes("与上年比较,床位增加4.9万张,人员增加7.5万人。"),
            [
                (Basis::Yoy, false, own("床位")),
                (Basis::Yoy, false, own("人员"))
            ]
        );
    }

    #[test]
    fn points_days_multiples_and_named_years() {
        assert_eq!(
            changes("医院病床使用率为76.9%,同比提高6.6个百分点"),
            [(Basis::Yoy, false, own(""))]
        );
        assert_eq!(
            changes("平均住院日为8.3日,比上年同期增加0.4日"),
            [(Basis::Yoy, false, own(""))]
        );
        assert_eq!(
            changes("门诊量比2015年增长1.3倍"),
            [(Basis::VsYear(2015), false, own("门诊量"))]
        );
        assert_eq!(
            changes("全年门诊服务251万余人次,较2014年增长4.5个百分点"),
            [(Basis::VsYear(2014), false, own(""))]
        );
    }

    #[test]
    fn a_comparison_written_with_相比() {
        assert_eq!(
            changes("全区共有医疗机构787间,相比2021年末增加66间。"),
            [(Basis::VsYear(2021), false, own(""))]
        );
        assert_eq!(
            changes("门诊量相比上年增长5%"),
            [(Basis::Yoy, false, own("门诊量"))]
        );
    }

    #[test]
    fn a_bracketed_rate_takes_the_comparison_of_its_clause_group() {
        assert_eq!(
            changes("卫生技术人员1154.7万人,比上年增加50.8万人(增长3.8%)。"),
            [(Basis::Yoy, false, own("")), (Basis::Yoy, false, own(""))]
        );
    }

    #[test]
    fn nouns_of_change() {
        assert_eq!(
            changes("门诊量增幅为3.82%"),
            [(Basis::VsPrevious, false, own("门诊量"))]
        );
        assert_eq!(
            changes("药占比同比降幅达5%"),
            [(Basis::Yoy, true, own("药占比"))]
        );
    }

    #[test]
    fn levels_and_new_things_are_not_changes() {
        assert!(changes("孕产妇死亡率下降到15.1/10万,婴儿死亡率下降到4.5‰").is_empty());
        assert!(changes("年门诊量由18.22万人次增至61.1万人次").is_empty());
        assert!(changes("新增床位300张,增设停车位36个").is_empty());
        assert!(changes("医院增加方便门诊2个").is_empty());
        assert!(changes("门诊量增5%").is_empty());
        assert_eq!(
            changes("门诊量同比增5%"),
            [(Basis::Yoy, false, own("门诊量"))]
        );
    }

    #[test]
    fn a_comparison_is_stripped_from_the_front_of_a_label() {
        assert_eq!(strip_basis("同比门诊量"), "门诊量");
        assert_eq!(strip_basis("较2014年门诊量"), "门诊量");
        assert_eq!(strip_basis("相比2021年末"), "");
        assert_eq!(strip_basis("门诊量"), "门诊量");
    }

    #[test]
    fn every_word_is_written_in_the_folded_form() {
        let words = VERBS
            .iter()
            .chain(SHORT_VERBS)
            .chain(NOUNS)
            .map(|(w, _)| *w)
            .chain(NOUN_LINKS.iter().copied())
            .chain(BASES.iter().map(|(w, _)| *w));
        for word in words {
            assert_eq!(crate::cjk::fold(word), word);
        }
    }
}
