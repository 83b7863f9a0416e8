//! Normalize: one line of report text to its canonical form — one punctuation width inside
//! Chinese text, consistent quotes, only the spaces a reader needs, ASCII digits and letters,
//! no pinyin annotations. The text keeps its script (Traditional stays Traditional) and its
//! wording: OCR slips such as "人党" are not corrected.
//!
//! The steps, each in its own module, run over one buffer of characters per line:
//! fold (invisible characters, whitespace, full-width letters and digits) -> `pinyin` ->
//! `punctuation` (which leaves the marks of the URLs `url` finds alone) -> `spacing`.

mod pinyin;
mod punctuation;
mod spacing;
mod url;

use crate::cjk::{fold_width_alnum, is_invisible};

/// Normalizes one line of text (one paragraph or heading).
///
/// Idempotent: normalizing the result again gives it back unchanged.
///
/// ```
/// use reportdiff::normalize::normalize_line;
/// assert_eq!(
///     normalize_line("  2024年,门诊量达到４２.15万人次(同比增长)。"),
///     "2024年，门诊量达到42.15万人次（同比增长）。"
/// );
/// assert_eq!(normalize_line("醫(yī)院黨(dǎng)建"), "醫院黨建");
/// ```
pub fn normalize_line(line: &str) -> String {
    let mut chars = Vec::with_capacity(line.len());
    fold_chars(line, &mut chars);
    pinyin::strip_annotations(&mut chars);
    punctuation::fix_punctuation(&mut chars);
    spacing::join_spaced(&chars)
}

/// Drops invisible and control characters, folds every run of whitespace (ASCII, NBSP,
/// the ideographic space U+3000) to one ASCII space with none at the edges, and turns
/// full-width letters and digits into ASCII. Full-width punctuation is left as it is.
pub(crate) fn fold_chars(line: &str, out: &mut Vec<char>) {
    let mut pending_space = false;
    for c in line.chars() {
        if passes_through(c) && !pending_space {
            out.push(c);
        } else if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if is_invisible(c) || c.is_control() {
            continue;
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(fold_width_alnum(c));
        }
    }
}

/// Whether a character is certainly kept as it is: CJK letters and punctuation from U+3001
/// to U+FDFF (no space, invisible or control character lives there) and the full-width
/// punctuation that is not a letter or digit. Most characters of a report are; they skip
/// the other checks.
fn passes_through(c: char) -> bool {
    matches!(c,
        '\u{3001}'..='\u{fdff}'
        | '\u{ff01}'..='\u{ff0f}'
        | '\u{ff1a}'..='\u{ff20}'
        | '\u{ff3b}'..='\u{ff40}'
        | '\u{ff5b}'..='\u{ffef}')
}

/// Removes pinyin annotations from a buffer of characters (see `pinyin`); the comparison
/// key uses it so that an annotated and a plain sentence compare equal.
pub(crate) fn strip_pinyin(chars: &mut Vec<char>) {
    pinyin::strip_annotations(chars);
}

/// Generated text for property tests of everything that folds what normalize folds.
#[cfg(test)]
pub(crate) mod samples {
    use proptest::prelude::*;

    /// Pieces that exercise every rule: Han (both scripts), Latin, digits, both widths of
    /// every mark, quotes, spaces of every kind, pinyin, URLs.
    pub(crate) const PIECES: &[&str] = &[
        "医",
        "院",
        "党",
        "建",
        "醫",
        "黨",
        "一",
        "中",
        "国",
        "は",
        " ",
        "  ",
        "\u{3000}",
        "\u{a0}",
        "\u{200b}",
        "\t",
        ",",
        ":",
        ";",
        "(",
        ")",
        "!",
        "?",
        ".",
        "...",
        "......",
        "\"",
        "'",
        "，",
        "：",
        "；",
        "（",
        "）",
        "！",
        "？",
        "。",
        "、",
        "“",
        "”",
        "‘",
        "’",
        "「",
        "」",
        "《",
        "》",
        "…",
        "—",
        "４",
        "Ａ",
        "．",
        "a",
        "b",
        "Z",
        "1",
        "2",
        "0",
        "%",
        "-",
        "+",
        "http://a.cn/x?d=1,2",
        "x@y.com",
        "(yī)",
        "(dǎng)",
        "(de)",
        "(yi1)",
        "(MDT)",
        "e.g.",
        "＂",
        "\u{304}",
    ];

    pub(crate) fn mixed_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(PIECES), 0..48)
            .prop_map(|pieces| pieces.concat())
    }
}

#[cfg(test)]
mod tests {
    use super::samples::mixed_text;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn indentation_and_doubled_spaces_go() {
        assert_eq!(
            normalize_line("  风雨百年路,奋斗铸辉煌。  "),
            "风雨百年路，奋斗铸辉煌。"
        );
        assert_eq!(
            normalize_line("\u{3000}\u{3000}长治市人民医院是一所百年老院"),
            "长治市人民医院是一所百年老院"
        );
        assert_eq!(normalize_line("a  \t b"), "a b");
    }

    #[test]
    fn nbsp_and_zero_width_characters_are_folded() {
        assert_eq!(
            normalize_line("2021-05-10\u{a0}\u{a0}浏览(1421)"),
            "2021-05-10浏览（1421）"
        );
        assert_eq!(normalize_line("党\u{200b}建\u{feff}工作"), "党建工作");
    }

    #[test]
    fn full_width_letters_and_digits_become_ascii_but_punctuation_stays() {
        assert_eq!(
            normalize_line("ＰＥＴ－ＣＴ检查２０２４年，共１２次。"),
            "PET－CT检查2024年，共12次。"
        );
    }

    #[test]
    fn ocr_slips_are_left_as_written() {
        let line = "6名同志火线人党。";
        assert_eq!(normalize_line(line), line);
        assert_eq!(normalize_line("抓好“党建 行风建设”"), "抓好“党建 行风建设”");
    }

    #[test]
    fn traditional_script_stays_traditional() {
        assert_eq!(
            normalize_line("醫院黨建工作,成效顯著。"),
            "醫院黨建工作，成效顯著。"
        );
    }

    #[test]
    fn latin_in_brackets_inside_chinese_gets_chinese_brackets() {
        assert_eq!(
            normalize_line("生物可吸收冠状动脉雷帕霉素洗脱支架系统( Neo Vas)在冠脉介人中的应用"),
            "生物可吸收冠状动脉雷帕霉素洗脱支架系统（Neo Vas）在冠脉介人中的应用"
        );
    }

    #[test]
    fn spaces_around_a_closing_quote_go() {
        assert_eq!(
            normalize_line("医疗服务体系。” 诸城市人民医院党委书记孙鲁安如是说道。"),
            "医疗服务体系。”诸城市人民医院党委书记孙鲁安如是说道。"
        );
    }

    #[test]
    fn pinyin_with_spaces_around_is_removed() {
        assert_eq!(normalize_line("医 (yī ) 院"), "医院");
    }

    #[test]
    fn latin_lines_are_left_alone() {
        let line = "Copyright © 2015-2025 by www.zgcsb.com. all rights reserved";
        assert_eq!(normalize_line(line), line);
    }

    #[test]
    fn an_empty_line_stays_empty() {
        assert_eq!(normalize_line(" \u{3000}\u{200b} "), "");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
        // PROPTEST_CASES, when set, overrides the everyday count (a long run before a release).
        std::env::var("PROPTEST_CASES").map_or(2000, |v| v.parse().unwrap_or(2000))
    ))]

        #[test]
        fn normalizing_is_idempotent(text in mixed_text()) {
            let once = normalize_line(&text);
            prop_assert_eq!(normalize_line(&once), once);
        }

        #[test]
        fn normalized_text_has_no_edge_or_double_spaces(text in mixed_text()) {
            let once = normalize_line(&text);
            prop_assert_eq!(once.trim(), once.as_str());
            prop_assert!(!once.contains("  "));
            let folded = ['\u{3000}', '\u{a0}', '\u{200b}', '\t'];
            prop_assert!(!once.contains(folded), "unfolded space in {:?}", once);
        }
    }
}
