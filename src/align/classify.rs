//! Classify a change for filtering: only figures, only wording, both, or — hidden unless
//! asked for — only punctuation, only script (Traditional vs Simplified), only spacing.

use similar::{Algorithm, DiffOp};

use super::deadline::Deadline;
use super::inline::MAX_TOKENS;
use super::mirror::in_canonical_order;
use super::tokens::{Token, TokenKind, tokenize};
use crate::changes::{ChangeClass, Granularity};
use crate::compare_key::{fold_script, sentence_key};

/// The class of an edit from `old` to `new` (the sentences of each side joined).
///
/// Identical texts (a sentence moved without an edit) are `Wording`: nothing finer applies.
/// The class is the same in both directions.
pub(crate) fn classify(old: &str, new: &str, deadline: Deadline) -> ChangeClass {
    if old == new {
        return ChangeClass::Wording;
    }
    let (old_key, new_key) = (sentence_key(old), sentence_key(new));
    if old_key == new_key {
        return surface_class(old, new);
    }
    in_canonical_order(old_key.as_str(), new_key.as_str(), |a, b| {
        key_class(a, b, deadline)
    })
}

/// The class of an edit between two different keys, from the content tokens that differ.
fn key_class(a: &str, b: &str, deadline: Deadline) -> ChangeClass {
    let a_tokens = content_tokens(a);
    let b_tokens = content_tokens(b);
    let a_texts: Vec<&str> = a_tokens.iter().map(|t| t.text).collect();
    let b_texts: Vec<&str> = b_tokens.iter().map(|t| t.text).collect();
    if a_texts == b_texts {
        // The keys differ only in punctuation marks added or removed.
        return ChangeClass::Punctuation;
    }
    if a_texts.len().max(b_texts.len()) > MAX_TOKENS {
        return coarse_class(&a_tokens, &b_tokens);
    }
    let ops = deadline.diff_slices(Algorithm::Myers, &a_texts, &b_texts);
    let (mut figures, mut words) = (false, false);
    let mut note = |tokens: &[Token<'_>]| {
        for token in tokens {
            if token.kind == TokenKind::Figure {
                figures = true;
            } else {
                words = true;
            }
        }
    };
    for op in ops {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => note(&a_tokens[old_index..old_index + old_len]),
            DiffOp::Insert {
                new_index, new_len, ..
            } => note(&b_tokens[new_index..new_index + new_len]),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                note(&a_tokens[old_index..old_index + old_len]);
                note(&b_tokens[new_index..new_index + new_len]);
            }
        }
    }
    match (figures, words) {
        (true, false) => ChangeClass::Figures,
        (true, true) => ChangeClass::Mixed,
        _ => ChangeClass::Wording,
    }
}

/// An added or deleted sentence differs in words, and in figures too when it has any, so
/// that `--ignore wording` keeps the sentences that bring or take figures.
pub(crate) fn one_sided_class(text: &str) -> ChangeClass {
    let has_figure = tokenize(text, Granularity::Char)
        .iter()
        .any(|t| t.kind == TokenKind::Figure);
    if has_figure {
        ChangeClass::Mixed
    } else {
        ChangeClass::Wording
    }
}

/// The class of two texts too long for a token diff: words certainly differ; figures differ
/// when the figures, in order, are not the same.
fn coarse_class(a: &[Token<'_>], b: &[Token<'_>]) -> ChangeClass {
    if figures(a).eq(figures(b)) {
        ChangeClass::Wording
    } else {
        ChangeClass::Mixed
    }
}

fn figures<'a>(tokens: &'a [Token<'a>]) -> impl Iterator<Item = &'a str> {
    tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Figure)
        .map(|t| t.text)
}

/// Whether a class is hidden unless punctuation-level changes are asked for.
pub(crate) fn is_surface(class: ChangeClass) -> bool {
    matches!(
        class,
        ChangeClass::Punctuation | ChangeClass::Script | ChangeClass::Spacing
    )
}

/// Whether `--ignore` leaves out a change of this class: its class is ignored, or it is
/// mixed and both of its parts (figures and wording) are.
pub(crate) fn is_ignored(class: ChangeClass, ignore: &[ChangeClass]) -> bool {
    ignore.contains(&class)
        || (class == ChangeClass::Mixed
            && ignore.contains(&ChangeClass::Figures)
            && ignore.contains(&ChangeClass::Wording))
}

/// Tokens of a key that carry content: punctuation and spaces left out.
fn content_tokens(key: &str) -> Vec<Token<'_>> {
    tokenize(key, Granularity::Char)
        .into_iter()
        .filter(|t| !matches!(t.kind, TokenKind::Punct | TokenKind::Space))
        .collect()
}

/// Two texts with the same key differ in spacing, script or punctuation form; spacing is
/// named only when it is all that differs, script when the rest is equal after conversion.
fn surface_class(old: &str, new: &str) -> ChangeClass {
    let unspaced = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let (old, new) = (unspaced(old), unspaced(new));
    if old == new {
        ChangeClass::Spacing
    } else if fold_script(&old) == fold_script(&new) {
        ChangeClass::Script
    } else {
        ChangeClass::Punctuation
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(old: &str, new: &str) -> ChangeClass {
        let forward = classify(old, new, Deadline::NONE);
        assert_eq!(
            forward,
            classify(new, old, Deadline::NONE),
            "classes are symmetric"
        );
        forward
    }

    #[test]
    fn a_changed_figure_is_figures() {
        assert_eq!(
            class(
                "2024年门诊量达到42.15万人次。",
                "2024年门诊量达到45.30万人次。"
            ),
            ChangeClass::Figures
        );
        assert_eq!(
            class("完成红外热像扫描2334人次。", "完成红外热像扫描2501人次。"),
            ChangeClass::Figures
        );
    }

    #[test]
    fn an_ocr_fix_is_wording() {
        assert_eq!(
            class(
                "贯彻落实党委领导下的院长负贵制。",
                "贯彻落实党委领导下的院长负责制。"
            ),
            ChangeClass::Wording
        );
    }

    #[test]
    fn figures_and_words_together_are_mixed() {
        assert_eq!(
            class(
                "由18个党支部调整为23个党支部。",
                "由18个党支部增加到25个党支部。"
            ),
            ChangeClass::Mixed
        );
    }

    #[test]
    fn surface_edits_say_which_surface() {
        assert_eq!(
            class("收录中文图书 590万册", "收录中文图书590万册"),
            ChangeClass::Spacing
        );
        assert_eq!(
            class(
                "满意度提升到99.39%,群众满意。",
                "满意度提升到99.39％，群众满意。"
            ),
            ChangeClass::Punctuation
        );
        assert_eq!(class("醫院黨建工作", "医院党建工作"), ChangeClass::Script);
        assert_eq!(
            class("与强者同行,方可行稳致远。", "与强者同行方可行稳致远。"),
            ChangeClass::Punctuation
        );
        assert!(is_surface(ChangeClass::Script));
        assert!(!is_surface(ChangeClass::Figures));
    }

    #[test]
    fn an_added_sentence_with_figures_is_mixed() {
        assert_eq!(
            one_sided_class("2023年,医院新引进博士研究生5名。"),
            ChangeClass::Mixed
        );
        assert_eq!(
            one_sided_class("与强者同行,方可行稳致远。"),
            ChangeClass::Wording
        );
    }

    #[test]
    fn a_mixed_change_is_ignored_only_with_both_its_parts() {
        use ChangeClass::{Figures, Mixed, Wording};
        assert!(!is_ignored(Mixed, &[Figures]));
        assert!(!is_ignored(Mixed, &[Wording]));
        assert!(is_ignored(Mixed, &[Figures, Wording]));
        assert!(is_ignored(Wording, &[Wording]));
        assert!(!is_ignored(Figures, &[Wording]));
    }

    #[test]
    fn identical_text_is_wording() {
        assert_eq!(class("与强者同行。", "与强者同行。"), ChangeClass::Wording);
    }

    #[test]
    fn texts_past_the_token_cap_are_classed_without_a_token_diff() {
        let long = "医院".repeat(MAX_TOKENS);
        assert_eq!(
            class(
                &format!("{long}门诊42.15万人次"),
                &format!("{long}住院42.15万人次")
            ),
            ChangeClass::Wording
        );
        assert_eq!(
            class(
                &format!("{long}门诊42.15万人次"),
                &format!("{long}住院45.30万人次")
            ),
            ChangeClass::Mixed
        );
    }
}
