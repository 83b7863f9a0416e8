//! Extract: decoded text (plain or HTML) to the article's lines and its metadata, with web
//! boilerplate removed.

pub mod boilerplate;
pub mod html;
pub mod nesting;

use crate::metadata::{self, PageHints};
use crate::snapshot::Meta;

/// The article's lines, in order, with web boilerplate removed, and what the page says about
/// the article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// Body lines (paragraphs and headings), trimmed, not yet normalized.
    pub lines: Vec<String>,
    /// Hospital, title, date, source and authors, as written (not yet normalized).
    pub meta: Meta,
}

/// Extracts the article from plain text or an HTML page (recognized by its content).
///
/// Steps: HTML pages are reduced to their main content; link lists and the footer are cut;
/// title, date, source and bylines are read and taken out; boilerplate lines are dropped;
/// the hospital is the name the remaining text mentions most.
pub fn extract(text: &str) -> Extracted {
    let (lines, hints) = if html::looks_like_html(text) {
        let page = html::extract(text);
        (page.lines, page.hints)
    } else {
        (text_lines(text), PageHints::default())
    };
    let lines = boilerplate::cut_link_lists(lines);
    let lines = boilerplate::trim_footer(lines);
    let (mut meta, lines) = metadata::take_metadata(lines, &hints);
    let lines: Vec<String> = lines
        .into_iter()
        .filter(|line| !boilerplate::is_boilerplate(line))
        .collect();
    meta.hospital = metadata::find_hospital(meta.title.iter().chain(&lines).map(String::as_str));
    Extracted { lines, meta }
}

/// The non-empty lines of plain text, trimmed (ideographic and no-break spaces included).
fn text_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_portal_text_dump() {
        let text = "文章内容\n\n长治市人民医院 - 长治市医报\n\n以高质量党建引领医院高质量发展\n\n2021-05-10     浏览(1421)     (0)\n\n文章总结了长治市人民医院在党建引领下的发展历程。\n\n  长治市人民医院是一所百年老院,新中国成立以来,在中国共产党的领导下,得到了快速发展。\n";
        let extracted = extract(text);
        assert_eq!(
            extracted.lines,
            ["长治市人民医院是一所百年老院,新中国成立以来,在中国共产党的领导下,得到了快速发展。"]
        );
        let meta = extracted.meta;
        assert_eq!(
            meta.title.as_deref(),
            Some("以高质量党建引领医院高质量发展")
        );
        assert_eq!(meta.source.as_deref(), Some("长治市医报"));
        assert_eq!(meta.published.as_deref(), Some("2021-05-10"));
        assert_eq!(meta.hospital.as_deref(), Some("长治市人民医院"));
    }

    #[test]
    fn plain_lines_without_boilerplate_pass_through() {
        let extracted = extract("医院去年门诊量达到42.15万人次。\n");
        assert_eq!(extracted.lines, ["医院去年门诊量达到42.15万人次。"]);
        assert_eq!(extracted.meta, Meta::default());
    }
}
