//! Line patterns (dates, labels, credits, counters) compiled with `regex-lite`.
//!
//! The full `regex` crate compiles a Unicode class such as `\s`, `\d` or `[^》]{2,20}` into a
//! large automaton: about a millisecond for each of the dozen patterns the front half reads a
//! page with, more than the rest of a small diff costs. `regex-lite` compiles them in tens
//! of microseconds and matches the short lines they run on fast enough. It knows ASCII
//! classes only, so [`compile`] first spells out the classes these patterns mean: `\s` and
//! `\S` as Unicode White_Space (pages space with U+3000 and U+00A0), `\d` as the ASCII digits
//! (a captured number is parsed with `str::parse`, which reads no other digit anyway).

use regex_lite::Regex;

/// Unicode White_Space, as the body of a character class.
const WHITE_SPACE: &str = "\t\n\u{b}\u{c}\r \u{85}\u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}";

/// Compiles one of the crate's own patterns; they are constants, so a pattern that does not
/// compile is a bug caught by the tests of the module that defines it.
pub(crate) fn compile(pattern: &str) -> Regex {
    let spelled = spell_classes(pattern);
    Regex::new(&spelled).unwrap_or_else(|e| panic!("pattern `{pattern}` is invalid: {e}"))
}

/// The pattern with `\s`, `\S` and `\d` written out (see the module documentation).
fn spell_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 64);
    let mut in_class = false;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('s') if in_class => out.push_str(WHITE_SPACE),
                Some('s') => {
                    out.push('[');
                    out.push_str(WHITE_SPACE);
                    out.push(']');
                }
                Some('S') => {
                    assert!(!in_class, "`\\S` inside a class in `{pattern}`");
                    out.push_str("[^");
                    out.push_str(WHITE_SPACE);
                    out.push(']');
                }
                Some('d') if in_class => out.push_str("0-9"),
                Some('d') => out.push_str("[0-9]"),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // A `]` or `^]` right after the opening bracket is a literal.
                let rest = chars.as_str();
                let literal = if rest.starts_with("^]") {
                    "^]"
                } else if rest.starts_with(']') {
                    "]"
                } else {
                    ""
                };
                out.push_str(literal);
                chars = rest[literal.len()..].chars();
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_takes_the_ideographic_and_no_break_spaces() {
        let label = compile(r"^来源\s*:\s*(\S+)$");
        for line in [
            "来源:人民网",
            "来源\u{3000}:\u{3000}人民网",
            "来源\u{a0}: 人民网",
        ] {
            assert_eq!(&label.captures(line).expect(line)[1], "人民网", "{line:?}");
        }
        assert!(!label.is_match("来源:人民\u{3000}网"));
    }

    #[test]
    fn classes_inside_brackets_are_spelled_in_place() {
        let names = compile(r"^([^\s(（\d]{2,4})\d*$");
        assert_eq!(&names.captures("张三丰12").expect("a name")[1], "张三丰");
        assert!(!names.is_match("张\u{3000}三"));
        assert!(!names.is_match("张（三"));
    }

    #[test]
    fn digits_are_ascii() {
        let year = compile(r"^\d{4}$");
        assert!(year.is_match("2023"));
        assert!(!year.is_match("２０２３"));
    }

    #[test]
    fn escapes_and_literal_brackets_are_kept() {
        assert_eq!(
            spell_classes(r"[(\[【]\(\d+\)[)\]】]"),
            r"[(\[【]\([0-9]+\)[)\]】]"
        );
        assert_eq!(spell_classes(r"[]\d]x"), r"[]0-9]x");
        assert!(compile(r"^[(\[【]\s*图\s*[)\]】]$").is_match("【图】"));
    }
}
