//! The working form of a sentence for reading figures: the one character fold (`cjk`), with
//! spaces dropped and the marks that bracket or join a figure unified.
//!
//! Figures are read from this form only, so that punctuation width, spacing and script
//! (which the front half may or may not have normalized) never change a figure.

use crate::cjk::{fold_script, fold_width, is_invisible, may_fold_script};

/// The sentence as characters: full-width ASCII forms folded to ASCII, ideographic
/// punctuation that separates clauses folded to its ASCII twin, whitespace and invisible
/// characters dropped, Traditional characters made Simplified (character for character), so
/// that `95萬人次` reads like `95万人次` and `門診量` finds the key of `门诊量`. `、` and quotes
/// stay as they are. `人/次`, a common misspelling of `人次` in tables, reads as `人次`.
pub fn fold(sentence: &str) -> Vec<char> {
    // Nearly every sentence is Simplified and has no `人/次`: its characters, folded one by
    // one, are the result, with no string built on the way.
    let mut chars = Vec::with_capacity(sentence.len() / 2);
    let mut script = false;
    for c in sentence.chars().filter_map(fold_char) {
        script |= may_fold_script(c);
        chars.push(c);
    }
    let per_person = || chars.windows(3).any(|w| w == ['人', '/', '次']);
    if !script && !per_person() {
        return chars;
    }
    let mut folded: String = chars.into_iter().collect();
    if folded.contains("人/次") {
        folded = folded.replace("人/次", "人次");
    }
    fold_script(&folded).chars().collect()
}

fn fold_char(c: char) -> Option<char> {
    if c.is_whitespace() || is_invisible(c) {
        return None;
    }
    Some(match c {
        '〜' => '~',
        '‐' | '‑' | '–' => '-',
        '【' | '〔' => '(',
        '】' | '〕' => ')',
        c => fold_width(c),
    })
}

/// Whether `c` ends a clause: a label never runs across it.
pub fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | '。'
            | '、'
            | '('
            | ')'
            | '“'
            | '”'
            | '"'
            | '‘'
            | '’'
            | '《'
            | '》'
            | '「'
            | '」'
            | '『'
            | '』'
            | '…'
            | '—'
            | '|'
            | '/'
    )
}

/// Whether `c` ends a sentence-like stretch: figures on both sides of it never pair up.
pub fn is_hard_break(c: char) -> bool {
    matches!(c, '。' | ';' | '!' | '?')
}

/// Whether `chars` begins with `word`.
pub fn starts_with(chars: &[char], word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(n, w)| chars.get(n) == Some(&w))
}

/// The characters from `start` to `end` as a string.
pub fn slice(chars: &[char], start: usize, end: usize) -> String {
    chars[start.min(chars.len())..end.min(chars.len())]
        .iter()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_script_reads_as_simplified() {
        let folded: String = fold("門診診療患者95萬人次，群眾滿意度")
            .into_iter()
            .collect();
        assert_eq!(folded, "门诊诊疗患者95万人次,群众满意度");
    }

    #[test]
    fn width_and_spacing_fold_away() {
        assert_eq!(
            fold("门诊量达到４２．１５万人次，同比增长 ５％"),
            fold("门诊量达到42.15万人次,同比增长5%")
        );
        assert_eq!(
            fold("共到38个村（社区）"),
            "共到38个村(社区)".chars().collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_slash_inside_person_times_goes() {
        let folded: String = fold("门诊服务3000人/次，每人/每次").into_iter().collect();
        assert_eq!(folded, "门诊服务3000人次,每人/每次");
    }

    #[test]
    fn quotes_and_enumeration_commas_stay() {
        let folded: String = fold("“四个意识”、“两个维护”").into_iter().collect();
        assert_eq!(folded, "“四个意识”、“两个维护”");
    }
}
