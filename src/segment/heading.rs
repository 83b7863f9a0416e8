//! Which lines are headings: short lines without a sentence terminator, and lines that are
//! nothing but a list item title ("一、…", "（一）…", "1.…"), even when those end in `。`.

use super::sentences::split_sentences;
use crate::cjk::{ends_with_terminator, is_list_numeral};

/// The longest line (in characters) still taken for a heading.
const MAX_HEADING_CHARS: usize = 40;

/// The longest line that may be one half of a two-line heading ("坚持党建引领" /
/// "筑牢医院发展根基"); longer unterminated lines next to each other are separate headings.
const MAX_HEADING_HALF_CHARS: usize = 20;

/// What one line of the body is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LineKind<'a> {
    /// A heading. `joinable` when it may be one half of a two-line heading: short,
    /// unmarked, unterminated.
    Heading {
        /// May join with a neighbouring joinable line.
        joinable: bool,
    },
    /// A paragraph with its sentences.
    Paragraph(Vec<&'a str>),
    /// Nothing but spaces.
    Empty,
}

/// Classifies one normalized line.
pub(crate) fn classify(line: &str) -> LineKind<'_> {
    let sentences = split_sentences(line);
    if sentences.is_empty() {
        return LineKind::Empty;
    }
    if sentences.len() > 1 {
        return LineKind::Paragraph(sentences);
    }
    let chars = line.chars().count();
    if chars > MAX_HEADING_CHARS {
        return LineKind::Paragraph(sentences);
    }
    if has_list_marker(line) {
        return LineKind::Heading { joinable: false };
    }
    let open_ended = line
        .trim_end()
        .ends_with(['，', '、', '；', '：', ',', ';', ':']);
    if ends_with_terminator(line) || open_ended || is_bracketed_note(line) {
        return LineKind::Paragraph(sentences);
    }
    LineKind::Heading {
        joinable: chars <= MAX_HEADING_HALF_CHARS,
    }
}

/// Whether a line starts with a list marker: "一、", "（一）", "(1)", "1.", "1、", "①".
pub(crate) fn has_list_marker(line: &str) -> bool {
    let line = line.trim_start();
    let mut chars = line.chars().peekable();
    let Some(first) = chars.next() else {
        return false;
    };
    match first {
        '①'..='⒛' => true,
        '（' | '(' => {
            let inner: String = chars
                .by_ref()
                .take_while(|&c| c != '）' && c != ')')
                .collect();
            let numeral = inner.chars().all(is_list_numeral)
                || (inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_digit()));
            !inner.is_empty() && numeral && line.contains(['）', ')'])
        }
        c if is_list_numeral(c) => {
            let rest = line.trim_start_matches(is_list_numeral);
            rest.starts_with('、')
        }
        c if c.is_ascii_digit() => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            let mut rest = line[digits..].chars();
            let mark = rest.next();
            let after = rest.next();
            digits <= 3
                && matches!(mark, Some('.' | '、' | '．'))
                && after.is_some_and(|c| !c.is_ascii_digit())
        }
        _ => false,
    }
}

/// A line that is one bracketed note and nothing else ("（资料图）"): a caption, not a heading.
fn is_bracketed_note(line: &str) -> bool {
    let line = line.trim();
    (line.starts_with('（') && line.ends_with('）'))
        || (line.starts_with('(') && line.ends_with(')'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_unterminated_line_is_a_heading() {
        assert_eq!(
            classify("“支部建在学科上”"),
            LineKind::Heading { joinable: true }
        );
        assert_eq!(
            classify("坚持“三个引领”，筑牢党建战斗堡垒"),
            LineKind::Heading { joinable: true }
        );
    }

    #[test]
    fn a_marked_line_ending_in_a_full_stop_is_a_heading() {
        assert_eq!(
            classify("（一）贯彻落实党委领导下的院长负贵制。"),
            LineKind::Heading { joinable: false }
        );
        assert_eq!(
            classify("二、实施内涵管理激发同频共振强劲动力。"),
            LineKind::Heading { joinable: false }
        );
        assert_eq!(
            classify("1.医疗质量持续改进。"),
            LineKind::Heading { joinable: false }
        );
    }

    #[test]
    fn a_marked_line_that_goes_on_is_a_paragraph() {
        let line = "（一）坚持党的全面领导，聚焦重点。“十三五”收官之际，我院被遴选为建设单位。";
        assert!(matches!(classify(line), LineKind::Paragraph(s) if s.len() == 2));
        let line = "1.医疗质量持续改进。针对薄弱环节，确立了大质控管理理念。";
        assert!(matches!(classify(line), LineKind::Paragraph(s) if s[0] == "1.医疗质量持续改进。"));
    }

    #[test]
    fn a_terminated_short_line_is_a_paragraph() {
        assert!(matches!(
            classify("蝉联国内排名第一的北京天坛医院神经外科何以开展党建联建？"),
            LineKind::Paragraph(_)
        ));
    }

    #[test]
    fn a_long_unterminated_line_is_a_paragraph() {
        let line = "实现医院发展方式从规模扩张转向提质增效，运行模式从粗放管理转向精细化管理，\
                    资源配置从注重物资要素转向更加注重人力资源发展";
        assert!(matches!(classify(line), LineKind::Paragraph(s) if s.len() == 1));
    }

    #[test]
    fn a_caption_in_brackets_is_not_a_heading() {
        assert!(matches!(classify("（资料图）"), LineKind::Paragraph(_)));
    }

    #[test]
    fn a_line_ending_in_a_comma_is_not_a_heading() {
        assert!(matches!(classify("具体措施如下："), LineKind::Paragraph(_)));
    }

    #[test]
    fn a_longer_heading_does_not_join() {
        let line = "三、传承“雪芳精神”，勇做新时代为民服务的先锋";
        assert_eq!(classify(line), LineKind::Heading { joinable: false });
        let line = "“一院多区”协同发展“智慧医院”提档升级以及其他更多内容";
        assert_eq!(classify(line), LineKind::Heading { joinable: false });
    }

    #[test]
    fn list_markers() {
        for line in [
            "一、强化顶层设计",
            "（一）切实加强",
            "(二)切实加强",
            "(12)项目",
            "1.医疗",
            "3、人才",
            "①党建",
        ] {
            assert!(has_list_marker(line), "{line}");
        }
        for line in [
            "2.7万余人次",
            "2024.5",
            "十三五",
            "一是强化党建",
            "（记者）",
            "2024年",
        ] {
            assert!(!has_list_marker(line), "{line}");
        }
    }
}
