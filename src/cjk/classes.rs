//! Character classes of mixed Chinese and Latin text: what counts as a CJK letter, as CJK
//! punctuation, as invisible, and which Han characters are numerals of list markers.
//!
//! Range checks on `char` only, so that the scanners built on them stay allocation-free.

/// A Han character (CJK ideograph, Traditional or Simplified), including `〇`.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4e00}'..='\u{9fff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{323af}'
        | '\u{3007}')
}

/// A letter of a CJK script: Han, kana, hangul or bopomofo.
pub(crate) fn is_cjk_letter(c: char) -> bool {
    is_han(c)
        || matches!(c,
            '\u{3040}'..='\u{30ff}'
            | '\u{31f0}'..='\u{31ff}'
            | '\u{3100}'..='\u{312f}'
            | '\u{31a0}'..='\u{31bf}'
            | '\u{ac00}'..='\u{d7af}'
            | '\u{1100}'..='\u{11ff}'
            | '\u{3130}'..='\u{318f}')
}

/// Punctuation that only CJK text uses: `，。、：；！？（）《》【】「」` and the rest of the
/// CJK symbol block and the full-width forms (letters and digits excluded).
pub(crate) fn is_cjk_only_punct(c: char) -> bool {
    matches!(c,
        '\u{3001}'..='\u{3006}'
        | '\u{3008}'..='\u{303f}'
        | '\u{ff01}'..='\u{ff0f}'
        | '\u{ff1a}'..='\u{ff20}'
        | '\u{ff3b}'..='\u{ff40}'
        | '\u{ff5b}'..='\u{ff65}'
        | '\u{fe10}'..='\u{fe1f}'
        | '\u{fe30}'..='\u{fe4f}')
}

/// Punctuation that Chinese uses but English typography uses too: curly quotes, the
/// ellipsis and dashes. Whether they are CJK depends on what stands beside them.
pub(crate) fn is_shared_punct(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '―' | '⋯')
}

/// A CJK letter or CJK-only punctuation: evidence that the text around is Chinese.
pub(crate) fn is_cjk(c: char) -> bool {
    is_cjk_letter(c) || is_cjk_only_punct(c)
}

/// Whether the character at `i` stands between two ASCII digits, as the point of `42.15`,
/// the colon of `16:55` or the comma of `1,000` do: such a mark belongs to a figure.
pub(crate) fn between_digits(chars: &[char], i: usize) -> bool {
    i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())
}

/// Zero-width and formatting characters that carry no text.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}' | '\u{00ad}' | '\u{202a}'..='\u{202e}'
    )
}

/// Chinese numerals as list markers use them (`一、`, `（二）`, `十三、`). Figures read a
/// wider set, with `千 万 亿` (see `metrics::number`).
pub(crate) fn is_list_numeral(c: char) -> bool {
    is_han(c) && "〇零一二三四五六七八九十百两".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_covers_both_scripts_and_rare_characters() {
        assert!("医院醫院黨建〇".chars().all(is_han));
        assert!(is_han('𠀀'));
        assert!(!is_han('A') && !is_han('，') && !is_han('。'));
    }

    #[test]
    fn cjk_punctuation_is_not_a_letter() {
        for c in "，。、：；！？（）《》【】「」『』".chars() {
            assert!(is_cjk_only_punct(c), "{c}");
            assert!(!is_cjk_letter(c), "{c}");
        }
        assert!(!is_cjk_only_punct('\u{3000}'));
        assert!(!is_cjk_only_punct('５'));
    }

    #[test]
    fn curly_quotes_are_shared_with_english() {
        assert!(is_shared_punct('“') && !is_cjk('“'));
        assert!(is_shared_punct('…') && !is_cjk('…'));
    }

    #[test]
    fn marks_inside_a_figure_stand_between_digits() {
        let chars: Vec<char> = "门诊量42.15万,16:55开会".chars().collect();
        let at = |c: char| chars.iter().position(|&x| x == c).expect("in the text");
        assert!(between_digits(&chars, at('.')));
        assert!(between_digits(&chars, at(':')));
        assert!(!between_digits(&chars, at(',')));
        assert!(!between_digits(&chars, 0));
    }

    #[test]
    fn zero_width_characters_are_invisible() {
        assert!(is_invisible('\u{200b}') && is_invisible('\u{feff}'));
        assert!(!is_invisible(' ') && !is_invisible('医'));
    }

    #[test]
    fn list_numerals_are_the_small_ones() {
        assert!("一二十百两〇".chars().all(is_list_numeral));
        assert!(!is_list_numeral('万') && !is_list_numeral('1'));
    }
}
