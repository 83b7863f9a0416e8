//! Comparison keys: the form of a sentence in which differences a reader would not call a
//! change (punctuation width, spacing, quote styles, ellipsis forms, pinyin annotations,
//! Traditional vs Simplified script) vanish.
//!
//! The snapshot keeps the text as written; diff compares keys. Every difference that
//! [`normalize_line`](crate::normalize::normalize_line) smooths out is also invisible here, so
//! a sentence and its normalized form always have the same key.

use crate::cjk::{fold_script_owned, fold_width, may_fold_script};
use crate::normalize::{fold_chars, strip_pinyin};

/// The script fold the key applies (the one the whole crate uses), for callers that compare
/// text with it.
pub use crate::cjk::fold_script;

/// The key a sentence is compared on.
///
/// Full-width and ASCII punctuation fold to one form, all whitespace and invisible characters
/// are dropped, every quote style becomes `"` or `'`, every ellipsis becomes `…`, pinyin
/// annotations go, and Traditional characters become Simplified.
///
/// ```
/// use reportdiff::compare_key::sentence_key;
/// assert_eq!(sentence_key("醫院 「黨建」:好!"), sentence_key("医院“党建”:好!"));
/// ```
pub fn sentence_key(sentence: &str) -> String {
    let mut chars = Vec::with_capacity(sentence.len());
    fold_chars(sentence, &mut chars);
    strip_pinyin(&mut chars);
    let mut folded = String::with_capacity(sentence.len());
    let mut dots = 0;
    let mut ellipsis = false;
    // Whether the script fold has anything to do, learnt on the way rather than by another
    // scan of the key.
    let mut script = false;
    for c in chars.into_iter().filter_map(fold_char) {
        script |= may_fold_script(c);
        if c == '.' || c == '…' {
            dots += 1;
            ellipsis |= c == '…';
            continue;
        }
        push_dots(&mut folded, dots, ellipsis);
        (dots, ellipsis) = (0, false);
        folded.push(c);
    }
    push_dots(&mut folded, dots, ellipsis);
    if script {
        fold_script_owned(folded)
    } else {
        folded
    }
}

/// Writes a run of dots: one `.` stays a full stop or decimal point, two stay two, and
/// three or more (or any run holding `…`) are one ellipsis.
fn push_dots(out: &mut String, dots: usize, ellipsis: bool) {
    if ellipsis || dots >= 3 {
        out.push('…');
    } else {
        out.extend(std::iter::repeat_n('.', dots));
    }
}

/// Folds one character of a sentence for its key; `None` drops it.
fn fold_char(c: char) -> Option<char> {
    if c.is_whitespace() {
        return None;
    }
    Some(match c {
        '“' | '”' | '„' | '‟' | '「' | '」' | '『' | '』' | '"' | '＂' => '"',
        '‘' | '’' | '‚' | '‛' | '\'' | '＇' => '\'',
        '、' => ',',
        '。' | '｡' => '.',
        '〔' | '【' => '(',
        '〕' | '】' => ')',
        '—' | '–' | '―' => '-',
        '…' | '⋯' => '…',
        c => fold_width(c),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize_line;
    use proptest::prelude::*;

    #[test]
    fn punctuation_width_does_not_count() {
        assert_eq!(
            sentence_key("由原来的26.3%增加到52.5%,持续提升。"),
            sentence_key("由原来的26.3％增加到52.5％，持续提升。")
        );
    }

    #[test]
    fn spacing_does_not_count() {
        assert_eq!(
            sentence_key("收录中文图书 590万册"),
            sentence_key("收录中文图书590万册")
        );
        assert_eq!(sentence_key("医院\u{3000}组织"), sentence_key("医院组织"));
    }

    #[test]
    fn quote_styles_do_not_count() {
        assert_eq!(
            sentence_key("坚持“支部建在学科上”"),
            sentence_key("坚持「支部建在学科上」")
        );
        assert_eq!(sentence_key("推行\"6S\"管理"), sentence_key("推行“6S”管理"));
    }

    #[test]
    fn traditional_script_does_not_count() {
        assert_eq!(sentence_key("醫院黨建工作"), sentence_key("医院党建工作"));
    }

    #[test]
    fn ellipsis_forms_do_not_count() {
        let chinese = sentence_key("重获新生……一次次危机的成功化解");
        assert_eq!(sentence_key("重获新生......一次次危机的成功化解"), chinese);
        assert_eq!(sentence_key("重获新生...一次次危机的成功化解"), chinese);
        assert_eq!(sentence_key("重获新生…一次次危机的成功化解"), chinese);
    }

    #[test]
    fn pinyin_annotations_do_not_count() {
        assert_eq!(sentence_key("醫(yī)院黨(dǎng)建"), sentence_key("医院党建"));
    }

    #[test]
    fn full_width_digits_do_not_count() {
        assert_eq!(sentence_key("２０２４年"), sentence_key("2024年"));
    }

    #[test]
    fn a_changed_figure_still_counts() {
        assert_ne!(
            sentence_key("门诊量达到42.15万人次。"),
            sentence_key("门诊量达到45.3万人次。")
        );
    }

    #[test]
    fn an_ocr_slip_still_counts() {
        assert_ne!(sentence_key("院长负贵制"), sentence_key("院长负责制"));
        assert_ne!(sentence_key("火线人党"), sentence_key("火线入党"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
        // PROPTEST_CASES, when set, overrides the everyday count (a long run before a release).
        std::env::var("PROPTEST_CASES").map_or(1000, |v| v.parse().unwrap_or(1000))
    ))]

        #[test]
        fn what_normalize_smooths_out_is_invisible_in_keys(
            text in crate::normalize::samples::mixed_text()
        ) {
            let normalized = normalize_line(&text);
            prop_assert_eq!(sentence_key(&normalized), sentence_key(&text));
        }
    }
}
