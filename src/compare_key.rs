//! Comparison keys: the form of a sentence in which differences a reader would not call a
//! change (punctuation width, spacing, quote styles, Traditional vs Simplified script) vanish.
//!
//! The snapshot keeps the text as written; diff compares keys.

/// The key a sentence is compared on.
///
/// Full-width and ASCII punctuation fold to one form, all whitespace is dropped, every quote
/// style becomes `"`, and Traditional characters become Simplified.
///
/// ```
/// use reportdiff::compare_key::sentence_key;
/// assert_eq!(sentence_key("醫院 「黨建」:好!"), sentence_key("医院“党建”:好!"));
/// ```
pub fn sentence_key(sentence: &str) -> String {
    let folded: String = sentence.chars().filter_map(fold_char).collect();
    fast2s::convert(&folded)
}

/// Folds one character of a sentence for its key; `None` drops it.
fn fold_char(c: char) -> Option<char> {
    if c.is_whitespace() || is_invisible(c) {
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
        '…' => '.',
        // Full-width ASCII forms (！ to ～) map to their ASCII counterparts.
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        c => c,
    })
}

/// Zero-width and formatting characters that carry no text.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn traditional_script_does_not_count() {
        assert_eq!(sentence_key("醫院黨建工作"), sentence_key("医院党建工作"));
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
    }
}
