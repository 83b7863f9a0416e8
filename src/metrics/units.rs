//! The words written after a number: multipliers (`万`, `亿`) and units or classifiers
//! (`人次`, `个`, `%`), with how each unit's label is found. Figure extraction reads them,
//! and so does the inline highlight, which keeps a figure and its unit in one token.
//!
//! Written in the folded form (Simplified script, ASCII width; see `cjk::fold`): figures are
//! read from folded sentences.

use std::sync::LazyLock;

use super::fold::begins;

/// How the label of a unit is usually found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// A classifier: what is counted follows ("8个市级临床重点专科").
    Classifier,
    /// A measure: what is measured precedes ("门诊量达到42.15万人次").
    Measure,
}

use UnitKind::{Classifier, Measure};

// Word lists are laid out by hand (`rustfmt::skip`): one entry per line would triple them.

/// Units and classifiers, longest first so that `人次` wins over `人`.
#[rustfmt::skip]
pub const UNITS: &[(&str, UnitKind)] = &[
    ("个百分点", Measure), ("百分点", Measure), ("平方米", Measure), ("人次", Measure),
    ("例次", Measure), ("台次", Measure), ("万元", Measure), ("亿元", Measure), ("分钟", Measure),
    ("小时", Measure), ("公里", Measure), ("千米", Measure), ("公斤", Measure), ("千克", Measure),
    ("%", Measure), ("‰", Measure), ("人", Measure), ("次", Measure), ("元", Measure),
    ("分", Measure), ("倍", Measure), ("岁", Measure), ("天", Measure), ("亩", Measure),
    ("吨", Measure), ("米", Measure),
    ("个", Classifier), ("名", Classifier), ("位", Classifier), ("项", Classifier),
    ("家", Classifier), ("所", Classifier), ("场", Classifier), ("张", Classifier),
    ("份", Classifier), ("户", Classifier), ("床", Classifier), ("台", Classifier),
    ("例", Classifier), ("条", Classifier), ("册", Classifier), ("篇", Classifier),
    ("种", Classifier), ("批", Classifier), ("支", Classifier), ("辆", Classifier),
    ("套", Classifier), ("间", Classifier), ("届", Classifier), ("艘", Classifier),
    ("件", Classifier), ("座", Classifier), ("栋", Classifier), ("处", Classifier),
    ("期", Classifier), ("类", Classifier), ("本", Classifier), ("块", Classifier),
];

/// Multipliers written after a number and the power of ten each stands for, longest first
/// (`万亿` before `万`).
pub const MULTIPLIERS: &[(&str, i32)] = &[
    ("万亿", 12),
    ("千万", 7),
    ("百万", 6),
    ("亿", 8),
    ("万", 4),
    ("千", 3),
];

/// Whether `c` is part of a multiplier (`万 亿 千 百`).
pub fn is_multiplier_char(c: char) -> bool {
    MULTIPLIERS.iter().any(|(word, _)| word.contains(c))
}

/// Length in bytes of the unit or classifier `text` starts with, if any (longest first): the
/// inline highlight keeps a figure and its unit in one token with this.
pub fn unit_len(text: &str) -> Option<usize> {
    UNITS
        .iter()
        .find(|(unit, _)| text.starts_with(unit))
        .map(|(unit, _)| unit.len())
}

/// The unit at the start of `rest`, if any. Chinese numerals never take `分` (十分 is "very").
pub(super) fn read_unit(rest: &[char], chinese: bool) -> Option<(&'static str, UnitKind)> {
    UNIT_CHARS
        .iter()
        .zip(UNITS)
        .find(|(chars, (unit, _))| begins(rest, chars) && !(chinese && unit.starts_with('分')))
        .map(|(_, unit)| *unit)
}

/// [`UNITS`] decoded to characters once: every figure tries them all.
static UNIT_CHARS: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| {
    UNITS
        .iter()
        .map(|(unit, _)| unit.chars().collect())
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cjk::fold;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn the_longest_unit_wins() {
        assert_eq!(
            read_unit(&chars("人次以上"), false),
            Some(("人次", Measure))
        );
        assert_eq!(
            read_unit(&chars("个市级重点专科"), false),
            Some(("个", Classifier))
        );
        assert_eq!(read_unit(&chars("分钟"), true), None);
        assert_eq!(unit_len("万元"), Some(6));
        assert_eq!(unit_len("年"), None);
    }

    #[test]
    fn multiplier_characters() {
        assert!("万亿千百".chars().all(is_multiplier_char));
        assert!(!is_multiplier_char('十'));
    }

    #[test]
    fn every_table_is_written_in_the_folded_form_longest_first() {
        let words = UNITS
            .iter()
            .map(|(w, _)| *w)
            .chain(MULTIPLIERS.iter().map(|(w, _)| *w));
        for word in words {
            assert_eq!(fold(word), word);
        }
        for table in [
            UNITS.iter().map(|(w, _)| *w).collect::<Vec<_>>(),
            MULTIPLIERS.iter().map(|(w, _)| *w).collect(),
        ] {
            for (i, word) in table.iter().enumerate() {
                assert!(
                    !table[..i]
                        .iter()
                        .any(|earlier| word.starts_with(earlier) && word != earlier)
                );
            }
        }
    }
}
