//! Tokens for inline highlights: one Han character (or one word), a figure with its
//! multiplier and unit, a Latin word, a run of spaces, a punctuation mark.
//!
//! Chinese has no spaces between words, so splitting on whitespace (similar's `from_words`)
//! would make a whole sentence one token. A figure is one token so that `42.15万人次` ->
//! `45.30万人次` highlights the figure, never the digits "2" and "1". Units, classifiers and
//! digits are the ones figure extraction reads (`metrics`), in Simplified script: callers
//! tokenize script-folded text.

use crate::changes::Granularity;
use crate::metrics::number::is_digit;
use crate::metrics::qualifier::OVER_MARKS;
use crate::metrics::units::{is_multiplier_char, unit_len};

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TokenKind {
    /// A Han character, or with word granularity a run of them.
    Han,
    /// A number with its range, multiplier, qualifier, unit and `%`: `42.15万人次`, `3-4户`.
    Figure,
    /// A run of Latin letters (and the digits that follow them): `MDT`, `app`.
    Latin,
    /// A run of whitespace.
    Space,
    /// One punctuation mark or symbol.
    Punct,
}

/// One token: a slice of the text it was cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    /// The text as written.
    pub text: &'a str,
    /// What it is.
    pub kind: TokenKind,
}

/// Calendar units: `2024年` is one token, though a date is no figure for metrics.
const CALENDAR_UNITS: [char; 3] = ['年', '月', '日'];

/// Characters that end a word in word granularity: particles, conjunctions and prepositions
/// that stand between the content words of a report.
const FUNCTION_CHARS: [char; 14] = [
    '的', '了', '和', '与', '在', '对', '等', '及', '并', '为', '是', '将', '把', '被',
];

/// Cuts `text` into tokens; concatenating the tokens gives `text` back.
pub(crate) fn tokenize(text: &str, granularity: Granularity) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let (len, kind) = if is_digit(c) {
            (figure_len(rest), TokenKind::Figure)
        } else if c.is_ascii_alphabetic() {
            (latin_len(rest), TokenKind::Latin)
        } else if c.is_whitespace() {
            (run_len(rest, char::is_whitespace), TokenKind::Space)
        } else if c.is_alphanumeric() {
            let len = match granularity {
                Granularity::Char => c.len_utf8(),
                Granularity::Word => word_len(rest),
            };
            (len, TokenKind::Han)
        } else {
            (c.len_utf8(), TokenKind::Punct)
        };
        let (token, tail) = rest.split_at(len);
        tokens.push(Token { text: token, kind });
        rest = tail;
    }
    tokens
}

fn run_len(text: &str, keep: impl Fn(char) -> bool) -> usize {
    text.char_indices()
        .find(|&(_, c)| !keep(c))
        .map_or(text.len(), |(i, _)| i)
}

fn latin_len(text: &str) -> usize {
    run_len(text, |c| c.is_ascii_alphanumeric())
}

/// Length of the figure at the start of `text`: digits, a decimal part, a range to a second
/// number, multipliers, a qualifier, a unit, and a percent sign.
fn figure_len(text: &str) -> usize {
    let mut end = number_len(text);
    // A range: `3-4户`, `7月14日-7月16日` stops at the month (not a digit right after).
    if let Some(dash) = text[end..].chars().next()
        && matches!(dash, '-' | '~' | '～' | '—' | '至')
    {
        let after = end + dash.len_utf8();
        if text[after..].chars().next().is_some_and(is_digit) {
            end = after + number_len(&text[after..]);
        }
    }
    end += run_len(&text[end..], is_multiplier_char);
    if let Some(q) = text[end..].chars().next()
        && OVER_MARKS.contains(&q)
    {
        end += q.len_utf8();
    }
    if let Some(unit) = unit_len(&text[end..]) {
        end += unit;
    } else if let Some(c) = text[end..].chars().next()
        && CALENDAR_UNITS.contains(&c)
    {
        end += c.len_utf8();
    }
    if let Some(p) = text[end..].chars().next()
        && matches!(p, '%' | '％' | '‰')
    {
        end += p.len_utf8();
    }
    end
}

/// Digits in thousands groups (`1,200`), with at most one decimal point followed by a digit.
fn number_len(text: &str) -> usize {
    let mut end = run_len(text, is_digit);
    while text[end..].starts_with(',') {
        let group = run_len(&text[end + 1..], is_digit);
        if group != 3 {
            break;
        }
        end += 1 + group;
    }
    let mut tail = text[end..].chars();
    if let (Some(point), Some(next)) = (tail.next(), tail.next())
        && matches!(point, '.' | '．')
        && is_digit(next)
    {
        end += point.len_utf8();
        end += run_len(&text[end..], is_digit);
    }
    end
}

/// A word of Han characters: a function character alone, or the run up to the next function
/// character, figure, Latin letter, space or punctuation.
fn word_len(text: &str) -> usize {
    let mut chars = text.char_indices();
    let Some((_, first)) = chars.next() else {
        return 0;
    };
    if FUNCTION_CHARS.contains(&first) {
        return first.len_utf8();
    }
    chars
        .find(|&(_, c)| {
            FUNCTION_CHARS.contains(&c)
                || is_digit(c)
                || c.is_ascii_alphabetic()
                || !c.is_alphanumeric()
        })
        .map_or(text.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, granularity: Granularity) -> Vec<&str> {
        tokenize(text, granularity).iter().map(|t| t.text).collect()
    }

    #[test]
    fn thousands_groups_and_long_units_stay_in_the_figure() {
        let tokens = tokenize("出院1,200人次，提高3个百分点，种植5亩", Granularity::Char);
        let figures: Vec<&str> = tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Figure)
            .map(|t| t.text)
            .collect();
        assert_eq!(figures, ["1,200人次", "3个百分点", "5亩"]);
    }

    #[test]
    fn a_figure_with_multiplier_and_unit_is_one_token() {
        assert_eq!(
            texts("门诊量达到42.15万人次,", Granularity::Char),
            ["门", "诊", "量", "达", "到", "42.15万人次", ","]
        );
        let tokens = tokenize("42.15万人次", Granularity::Char);
        assert_eq!(tokens[0].kind, TokenKind::Figure);
    }

    #[test]
    fn figures_in_every_form() {
        assert_eq!(texts("2.7万余人次", Granularity::Char), ["2.7万余人次"]);
        assert_eq!(texts("3-4户", Granularity::Char), ["3-4户"]);
        assert_eq!(texts("99.39%", Granularity::Char), ["99.39%"]);
        assert_eq!(texts("52.5％", Granularity::Char), ["52.5％"]);
        assert_eq!(texts("2024年", Granularity::Char), ["2024年"]);
        assert_eq!(
            texts("由18个党支部", Granularity::Char),
            ["由", "18个", "党", "支", "部"]
        );
    }

    #[test]
    fn a_full_stop_after_a_number_is_not_a_decimal_point() {
        assert_eq!(texts("199.", Granularity::Char), ["199", "."]);
    }

    #[test]
    fn latin_words_spaces_and_punctuation() {
        assert_eq!(
            texts("以多学科协作(MDT)为基础", Granularity::Char),
            [
                "以", "多", "学", "科", "协", "作", "(", "MDT", ")", "为", "基", "础"
            ]
        );
        assert_eq!(
            texts("图书  590万册", Granularity::Char),
            ["图", "书", "  ", "590万册"]
        );
    }

    #[test]
    fn word_granularity_cuts_han_runs_at_function_characters() {
        assert_eq!(
            texts("贯彻落实党委领导下的院长负责制。", Granularity::Word),
            ["贯彻落实党委领导下", "的", "院长负责制", "。"]
        );
        assert_eq!(
            texts("2024年门诊量达到42.15万人次", Granularity::Word),
            ["2024年", "门诊量达到", "42.15万人次"]
        );
    }

    #[test]
    fn tokens_give_the_text_back() {
        let text = "医院 「党建」:由18个调整为23个,满意度99.39%!ok";
        for granularity in [Granularity::Char, Granularity::Word] {
            let joined: String = texts(text, granularity).concat();
            assert_eq!(joined, text);
        }
    }
}
