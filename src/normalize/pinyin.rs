//! Pinyin annotations: some sites serve every character with its reading in brackets
//! ("醫(yī)院", "黨(dǎng)建", "医(yī )院"). The reading is not part of the text, so it goes.
//!
//! A bracket group is an annotation only when it follows a Han character and holds pinyin
//! with a tone mark or a tone digit; "(MDT)", "(ESD)" or "(app)" never qualify. On a line that
//! carries such annotations, neutral-tone readings ("的(de)") go too, since they belong to
//! the same markup.

use crate::cjk::is_han;

/// The longest bracket content that is still taken for a reading (a few syllables).
const MAX_READING_CHARS: usize = 24;

/// Removes pinyin annotations that follow Han characters, in place.
pub(crate) fn strip_annotations(chars: &mut Vec<char>) {
    if !chars.iter().any(|&c| c == '(' || c == '（') {
        return;
    }
    let toned_line = (0..chars.len())
        .any(|i| reading_at(chars, i).is_some_and(|(_, toned)| toned) && follows_han(&chars[..i]));
    let mut write = 0;
    let mut read = 0;
    while read < chars.len() {
        if let Some((end, toned)) = reading_at(chars, read)
            && (toned || toned_line)
            && follows_han(&chars[..write])
        {
            while write > 0 && chars[write - 1] == ' ' {
                write -= 1;
            }
            read = end;
            continue;
        }
        chars[write] = chars[read];
        write += 1;
        read += 1;
    }
    chars.truncate(write);
}

/// Whether the text before a position ends in a Han character (spaces aside).
fn follows_han(before: &[char]) -> bool {
    before
        .iter()
        .rev()
        .find(|&&c| c != ' ')
        .is_some_and(|&c| is_han(c))
}

/// If a bracket group holding a reading starts at `start`: where it ends (exclusive) and
/// whether it carries a tone.
fn reading_at(chars: &[char], start: usize) -> Option<(usize, bool)> {
    if !matches!(chars.get(start), Some('(' | '（')) {
        return None;
    }
    let mut toned = false;
    let mut letters = 0;
    let mut has_vowel = false;
    let mut after_digit = false;
    for (offset, &c) in chars[start + 1..]
        .iter()
        .enumerate()
        .take(MAX_READING_CHARS)
    {
        match c {
            ')' | '）' => {
                return (letters > 0 && has_vowel).then_some((start + offset + 2, toned));
            }
            ' ' => after_digit = false,
            '1'..='5' if letters > 0 && !after_digit => {
                toned = true;
                after_digit = true;
            }
            _ if after_digit => return None,
            'a' | 'e' | 'i' | 'o' | 'u' | 'ü' | 'v' => {
                letters += 1;
                has_vowel = true;
            }
            'a'..='z' => letters += 1,
            _ if is_toned_vowel(c) => {
                letters += 1;
                has_vowel = true;
                toned = true;
            }
            '\u{0300}'..='\u{030c}' if letters > 0 => toned = true,
            _ => return None,
        }
    }
    None
}

/// A pinyin vowel carrying a tone mark, as one precomposed character.
fn is_toned_vowel(c: char) -> bool {
    matches!(
        c,
        'ā' | 'á'
            | 'ǎ'
            | 'à'
            | 'ē'
            | 'é'
            | 'ě'
            | 'è'
            | 'ī'
            | 'í'
            | 'ǐ'
            | 'ì'
            | 'ō'
            | 'ó'
            | 'ǒ'
            | 'ò'
            | 'ū'
            | 'ú'
            | 'ǔ'
            | 'ù'
            | 'ǖ'
            | 'ǘ'
            | 'ǚ'
            | 'ǜ'
            | 'ń'
            | 'ň'
            | 'ǹ'
            | 'ḿ'
            | 'ế'
            | 'ề'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(text: &str) -> String {
        let mut chars: Vec<char> = text.chars().collect();
        strip_annotations(&mut chars);
        chars.into_iter().collect()
    }

    #[test]
    fn tone_marks_after_han_are_removed() {
        assert_eq!(strip("醫(yī)院黨(dǎng)建"), "醫院黨建");
        assert_eq!(strip("医(yī )院"), "医院");
        assert_eq!(strip("医（yī）院"), "医院");
    }

    #[test]
    fn tone_digits_count_as_pinyin() {
        assert_eq!(strip("医(yi1)院(yuan4)"), "医院");
    }

    #[test]
    fn combining_tone_marks_count_as_pinyin() {
        assert_eq!(strip("医(yi\u{0304})院"), "医院");
    }

    #[test]
    fn neutral_tone_goes_only_on_an_annotated_line() {
        assert_eq!(strip("醫(yī)院的(de)黨(dǎng)建"), "醫院的黨建");
        assert_eq!(strip("医院的(de)工作"), "医院的(de)工作");
    }

    #[test]
    fn abbreviations_and_words_in_brackets_stay() {
        for text in [
            "以多学科协作(MDT)为基础",
            "粘膜下肿瘤剥离术(ESD)等",
            "手机(app)预约",
            "共到38个村(社区)开展义诊",
        ] {
            assert_eq!(strip(text), text);
        }
    }

    #[test]
    fn a_reading_not_after_han_stays() {
        assert_eq!(strip("2024(yī)年"), "2024(yī)年");
        assert_eq!(strip("(yī)院"), "(yī)院");
    }

    #[test]
    fn repeated_readings_all_go() {
        assert_eq!(strip("醫(yī)(yī)院"), "醫院");
        assert_eq!(strip("醫 (yī)院"), "醫院");
    }

    #[test]
    fn an_unclosed_bracket_stays() {
        assert_eq!(strip("醫(yī院"), "醫(yī院");
    }
}
