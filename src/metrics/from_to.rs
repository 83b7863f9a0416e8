//! From->to phrases: "由18个党支部调整为23个党支部" and "由原来的26.3%增加到52.5%" state one
//! figure with its earlier value. Works on the figures `figure` found in a folded sentence.

use super::figure::Figure;
use super::fold::{is_clause_break, is_hard_break};
use super::number::starts_with;

// Word lists are laid out by hand (`rustfmt::skip`): one entry per line would triple them.

/// Verbs of change that close a from->to phrase just before the new value ("调整为",
/// "增加到"); a label ends before them too ("住院日缩短至8天" -> 住院日). In the folded
/// form (see `cjk::fold`).
#[rustfmt::skip]
pub(super) const CHANGE_VERBS: &[&str] = &[
    "调整为", "调整到", "增加到", "增加至", "增长到", "增长至", "提升到", "提升至", "提高到",
    "提高至", "上升到", "上升至", "下降到", "下降至", "降低到", "降低至", "减少到", "减少至",
    "扩大到", "扩大至", "缩短到", "缩短至", "缩减为", "增至", "升至", "降至", "变为", "达到",
];

/// Plain words that close a from->to phrase only after `从` ("从5个到8个"): after `由` they
/// are too common to mean a change.
const PLAIN_TO_WORDS: &[&str] = &["到", "至", "为"];

/// Joins "由18个党支部调整为23个党支部" and "由原来的26.3%增加到52.5%" into one figure with
/// `from` and `value`.
pub(super) fn join_from_to(chars: &[char], figures: Vec<Figure>) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::with_capacity(figures.len());
    for figure in figures {
        let joined = out.last().and_then(|old| {
            let marker = from_marker(chars, old.start)?;
            let gap = &chars[old.end..figure.start];
            let to_word = CHANGE_VERBS.iter().chain(PLAIN_TO_WORDS).find(|w| {
                let n = w.chars().count();
                gap.len() >= n && starts_with(&gap[gap.len() - n..], w)
            })?;
            let plain = PLAIN_TO_WORDS.contains(to_word);
            let from_word = chars[marker] == '从';
            let same = old.unit == figure.unit && old.max.is_none() && figure.max.is_none();
            let clean = !gap.iter().any(|&c| is_hard_break(c) || c == ',');
            (same && clean && (!plain || from_word)).then_some(marker)
        });
        match joined {
            Some(marker) => {
                let old = out.pop();
                out.push(Figure {
                    start: old.as_ref().map_or(figure.start, |o| o.start),
                    from: old.map(|o| o.value),
                    from_marker: Some(marker),
                    ..figure
                });
            }
            None => out.push(figure),
        }
    }
    out
}

/// Where `由` or `从` stands shortly before the old value ("由原来的26.3%"), if it does.
fn from_marker(chars: &[char], start: usize) -> Option<usize> {
    let window = start.saturating_sub(5);
    (window..start)
        .rev()
        .take_while(|&k| !is_clause_break(chars[k]))
        .find(|&k| matches!(chars[k], '由' | '从'))
}

#[cfg(test)]
mod tests {
    use super::super::figure::text;
    use super::super::figures_of as find;
    use super::super::fold::fold;
    use super::*;

    /// (value, from, unit, text) of every figure in a sentence.
    fn read(sentence: &str) -> Vec<(f64, Option<f64>, &'static str, String)> {
        let chars = fold(sentence);
        find(&chars)
            .iter()
            .map(|f| (f.value, f.from, f.unit, text(&chars, f)))
            .collect()
    }

    #[test]
    fn from_to_phrases() {
        let r = read("由18个党支部调整为23个党支部");
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].0, r[0].1, r[0].2), (23.0, Some(18.0), "个"));
        let r = read("医保电子凭证使用率由原来的26.3%增加到52.5%");
        assert_eq!((r[0].0, r[0].1, r[0].2), (52.5, Some(26.3), "%"));
        assert_eq!(r[0].3, "26.3%增加到52.5%");
        let r = read("平均住院日从9.5天缩短到8天,病床从500张提升到800张");
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].0, r[0].1), (8.0, Some(9.5)));
        assert_eq!((r[1].0, r[1].1), (800.0, Some(500.0)));
        let r = read("平均住院日由9.5天降至8.2天");
        assert_eq!((r[0].0, r[0].1, r[0].2), (8.2, Some(9.5), "天"));
        let r = read("从5个到8个");
        assert_eq!((r[0].0, r[0].1), (8.0, Some(5.0)));
    }

    #[test]
    fn neighbouring_figures_without_a_change_verb_stay_apart() {
        let r = read("检查结果互认2861次、检验结果互认3796次");
        assert_eq!(r.len(), 2);
        assert!(r.iter().all(|f| f.1.is_none()));
        let r = read("由18个党支部组成,另有23个党支部");
        assert_eq!(r.len(), 2);
    }

    #[test]
    fn every_word_is_written_in_the_folded_form() {
        for word in CHANGE_VERBS.iter().chain(PLAIN_TO_WORDS) {
            assert_eq!(&crate::cjk::fold(word), word);
        }
    }
}
