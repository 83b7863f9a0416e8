//! The one character fold: Traditional script to Simplified, full-width forms to ASCII.
//!
//! Word tables are written once, in the folded form, and matched against folded text, so
//! that no table lists `醫院` beside `医院` or `编辑：` beside `编辑:`. The text itself keeps
//! its script and width: the fold is only ever the form a comparison reads.
//!
//! Both folds go character for character. The script fold also keeps every character's
//! byte length (Han characters are three bytes in either script), so a match found in the
//! script-folded text is at the same byte offsets in the text as written; the width fold
//! shortens full-width forms to one byte.

/// The ASCII character a full-width form (`！` to `～`) stands for (`４２％` -> `42%`); every
/// other character as it is.
pub(crate) fn fold_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        _ => c,
    }
}

/// The ASCII letter or digit a full-width letter or digit stands for (`４２` -> `42`,
/// `ＰＥＴ` -> `PET`); every other character, full-width punctuation included, as it is:
/// normalized text keeps its punctuation width.
pub(crate) fn fold_width_alnum(c: char) -> char {
    let folded = fold_width(c);
    if folded.is_ascii_alphanumeric() {
        folded
    } else {
        c
    }
}

/// Traditional characters made Simplified, character for character and byte for byte (the
/// text keeps its length, and every character its offset): the one place where script is
/// folded.
///
/// ```
/// use reportdiff::compare_key::fold_script;
/// assert_eq!(fold_script("醫院黨建"), "医院党建");
/// ```
pub fn fold_script(text: &str) -> String {
    if super::traditional::may_fold(text) {
        fast2s::convert(text)
    } else {
        // Nearly every report is Simplified already: a copy, not a table look-up per
        // character.
        text.to_string()
    }
}

/// [`fold_script`] on a string the caller gives up: returned as it is when there is
/// nothing to fold, without a copy.
pub(crate) fn fold_script_owned(text: String) -> String {
    if super::traditional::may_fold(&text) {
        fast2s::convert(&text)
    } else {
        text
    }
}

/// The folded form word tables are matched on: full-width forms as ASCII, then Traditional
/// characters as Simplified (`責任編輯：（完）` -> `责任编辑:(完)`).
pub(crate) fn fold(text: &str) -> String {
    // One scan answers both questions for the common line that neither fold changes.
    let mut script = false;
    for c in text.chars() {
        if fold_width(c) != c {
            let width: String = text.chars().map(fold_width).collect();
            return fold_script_owned(width);
        }
        script |= super::traditional::may_fold_char(c);
    }
    if script {
        // The text test: a character that changes only beside certain others may be alone.
        fold_script(text)
    } else {
        text.to_string()
    }
}

/// Whether [`fold_script`] may change a text holding `c`; a text of characters for which
/// it is false is its own fold.
pub(crate) fn may_fold_script(c: char) -> bool {
    super::traditional::may_fold_char(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_full_width_form_has_its_ascii_twin() {
        let folded: String = "ＰＥＴ－ＣＴ４２％，～".chars().map(fold_width).collect();
        assert_eq!(folded, "PET-CT42%,~");
        assert_eq!(fold_width('。'), '。');
        assert_eq!(fold_width('医'), '医');
    }

    #[test]
    fn full_width_letters_and_digits_become_ascii_but_punctuation_stays() {
        let folded: String = "ＰＥＴ－ＣＴ４２，".chars().map(fold_width_alnum).collect();
        assert_eq!(folded, "PET－CT42，");
        assert_eq!(fold_width_alnum('。'), '。');
    }

    #[test]
    fn traditional_script_becomes_simplified_in_place() {
        let text = "醫院黨建：門診量達到４２萬人次，群眾滿意度𠀀";
        let folded = fold_script(text);
        assert_eq!(folded, "医院党建：门诊量达到４２万人次，群众满意度𠀀");
        let offsets = |s: &str| s.char_indices().map(|(i, _)| i).collect::<Vec<_>>();
        assert_eq!(offsets(&folded), offsets(text));
    }

    #[test]
    fn the_word_form_folds_script_and_width() {
        assert_eq!(fold("責任編輯：（完）ＩＣＰ備"), "责任编辑:(完)ICP备");
        assert_eq!(fold("医院"), "医院");
    }
}
