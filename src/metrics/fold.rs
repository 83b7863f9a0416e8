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
    let (mut script, mut per_person) = (false, false);
    for c in sentence.chars() {
        // Common Han characters fold to themselves.
        let c = if ('\u{4e00}'..='\u{9fff}').contains(&c) {
            c
        } else {
            match fold_char(c) {
                Some(c) => c,
                None => continue,
            }
        };
        script |= may_fold_script(c);
        per_person |= c == '次' && chars.ends_with(&['人', '/']);
        chars.push(c);
    }
    if !script && !per_person {
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

/// A word list decoded to characters once, for the scans that try every word at every
/// position of a sentence (decoding a word again at each try was most of their work).
pub struct Words {
    words: Vec<Vec<char>>,
    /// The characters the words start with, sorted: most positions of a text start none.
    firsts: Vec<char>,
}

impl Words {
    /// The words, in the list's order.
    pub fn new(words: &[&str]) -> Words {
        let words: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
        debug_assert!(
            words.iter().all(|w| !w.is_empty()),
            "an empty word starts everywhere"
        );
        let mut firsts: Vec<char> = words.iter().filter_map(|w| w.first().copied()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        Words { words, firsts }
    }

    /// The words as characters, in the list's order.
    pub fn iter(&self) -> impl Iterator<Item = &[char]> {
        self.words.iter().map(Vec::as_slice)
    }

    /// The first position of `text` where one of the words starts.
    pub fn first_in(&self, text: &[char]) -> Option<usize> {
        (0..text.len()).find(|&p| {
            self.firsts.binary_search(&text[p]).is_ok()
                && self.iter().any(|w| begins(&text[p..], w))
        })
    }
}

/// Whether `text` begins with `word`: `<[char]>::starts_with` without its call to `memcmp`,
/// which costs more than the comparison itself for words of a few characters that nearly
/// always differ in their first.
#[inline]
pub fn begins(text: &[char], word: &[char]) -> bool {
    text.len() >= word.len() && text.iter().zip(word).all(|(a, b)| a == b)
}

/// Whether `text` ends with `word` (see [`begins`]).
#[inline]
pub fn ends(text: &[char], word: &[char]) -> bool {
    text.len() >= word.len() && begins(&text[text.len() - word.len()..], word)
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
