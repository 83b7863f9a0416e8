//! How exact a figure claims to be, and the words that say it: before the number (`近千`,
//! `约50人`), right after it (`100余次`) or after the unit (`30万人次以上`).
//!
//! Written in the folded form (see `cjk::fold`): figures are read from folded sentences.

use super::number::starts_with;

/// How exact a figure claims to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    /// As stated.
    Exact,
    /// More than stated: 余 多 超 逾 以上.
    Over,
    /// Roughly: 约 左右.
    About,
    /// Just under: 近 将近 接近.
    Nearly,
    /// Less than stated: 不足 以下.
    Under,
}

impl Qualifier {
    /// The name used in JSON and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Over => "over",
            Qualifier::About => "about",
            Qualifier::Nearly => "nearly",
            Qualifier::Under => "under",
        }
    }
}

/// Words before a number that qualify it, longest first.
#[rustfmt::skip]
const BEFORE: &[(&str, Qualifier)] = &[
    ("将近", Qualifier::Nearly), ("接近", Qualifier::Nearly), ("大约", Qualifier::About),
    ("超过", Qualifier::Over), ("不足", Qualifier::Under), ("不到", Qualifier::Under),
    ("近", Qualifier::Nearly), ("约", Qualifier::About), ("逾", Qualifier::Over),
    ("超", Qualifier::Over),
];

/// Marks between a number and its unit that say "more than" (`2.7万余人次`, `100多张`).
pub const OVER_MARKS: &[char] = &['余', '多'];

/// Words after a unit that qualify the figure.
const AFTER_UNIT: &[(&str, Qualifier)] = &[
    ("以上", Qualifier::Over),
    ("以下", Qualifier::Under),
    ("左右", Qualifier::About),
];

/// A qualifier written just before the number at `i`: 近千, 约50人, 超过100例, and 上万 for a
/// `bare` magnitude.
pub(super) fn word_before(
    chars: &[char],
    i: usize,
    bare: bool,
) -> Option<(&'static str, Qualifier)> {
    if bare && i > 0 && chars[i - 1] == '上' {
        return Some(("上", Qualifier::Over));
    }
    BEFORE.iter().copied().find(|(word, _)| {
        let n = word.chars().count();
        i >= n && starts_with(&chars[i - n..], word)
    })
}

/// A qualifier written at the start of `rest`, just after a unit: 以上, 以下, 左右.
pub(super) fn word_after_unit(rest: &[char]) -> Option<(&'static str, Qualifier)> {
    AFTER_UNIT
        .iter()
        .copied()
        .find(|(word, _)| starts_with(rest, word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cjk::fold;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn words_before_the_number() {
        assert_eq!(
            word_before(&chars("将近300"), 2, false),
            Some(("将近", Qualifier::Nearly))
        );
        assert_eq!(
            word_before(&chars("近千"), 1, true),
            Some(("近", Qualifier::Nearly))
        );
        assert_eq!(
            word_before(&chars("上万"), 1, true),
            Some(("上", Qualifier::Over))
        );
        assert_eq!(word_before(&chars("上50"), 1, false), None);
        assert_eq!(
            word_after_unit(&chars("以上，")),
            Some(("以上", Qualifier::Over))
        );
    }

    #[test]
    fn every_word_is_written_in_the_folded_form() {
        for (word, _) in BEFORE.iter().chain(AFTER_UNIT) {
            assert_eq!(&fold(word), word);
        }
    }
}
