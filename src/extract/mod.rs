//! Extract: decoded text (plain or HTML) to a [`Page`]: the article's lines with its header
//! and footer lines, and what the page's head states; web boilerplate marked, link lists and
//! the footer cut. Reading the metadata out of them is the next step's job (`metadata`).
//!
//! `html` reads a web page (`score` picks the article, `walk` sorts the text into lines,
//! `elements` says what a tag or class means, `nesting` bounds the depth before parsing);
//! `boilerplate` recognizes page furniture by its wording.

pub mod boilerplate;
mod elements;
pub mod html;
pub mod nesting;
mod score;
mod title;
mod walk;

use crate::page::{Page, PageHints};

/// Extracts the article from plain text or an HTML page (recognized by its content).
///
/// Plain text is read whole; an HTML page is reduced to its main content, with its title
/// and the lines around the article that `is_meta_line` says state metadata (the metadata
/// step's test, passed in so that the two steps stay apart). Then link lists and the footer
/// run are cut, and every line is marked boilerplate or not.
pub fn extract(text: &str, is_meta_line: fn(&str) -> bool) -> Page {
    let (lines, hints, texture) = if html::looks_like_html(text) {
        let (lines, hints, texture) = html::extract(text, is_meta_line);
        (lines, hints, Some(texture))
    } else {
        (text_lines(text).collect(), PageHints::default(), None)
    };
    // Lines are judged after the link lists go: a long list of headlines costs nothing.
    let lines = boilerplate::cut_link_lists(lines)
        .into_iter()
        .map(boilerplate::line)
        .collect();
    Page {
        lines: boilerplate::trim_footer(lines),
        hints,
        texture,
    }
}

/// The non-empty lines of plain text, trimmed (ideographic and no-break spaces included).
fn text_lines(text: &str) -> impl Iterator<Item = String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &Page) -> Vec<&str> {
        page.lines.iter().map(|l| l.text.as_str()).collect()
    }

    fn extract(text: &str) -> Page {
        super::extract(text, |_| false)
    }

    #[test]
    fn reads_a_portal_text_dump() {
        let text = "文章内容\n\n长治市人民医院 - 长治市医报\n\n以高质量党建引领医院高质量发展\n\n2021-05-10     浏览(1421)     (0)\n\n文章总结了长治市人民医院在党建引领下的发展历程。\n\n  长治市人民医院是一所百年老院,新中国成立以来,在中国共产党的领导下,得到了快速发展。\n";
        let page = extract(text);
        assert_eq!(
            texts(&page),
            [
                "文章内容",
                "长治市人民医院 - 长治市医报",
                "以高质量党建引领医院高质量发展",
                "2021-05-10     浏览(1421)     (0)",
                "文章总结了长治市人民医院在党建引领下的发展历程。",
                "长治市人民医院是一所百年老院,新中国成立以来,在中国共产党的领导下,得到了快速发展。",
            ]
        );
        let boilerplate: Vec<bool> = page.lines.iter().map(|l| l.boilerplate).collect();
        assert_eq!(boilerplate, [true, false, false, false, false, false]);
    }

    #[test]
    fn a_tag_list_after_the_body_is_cut() {
        let page = extract(
            "医院扎实开展“党建+健康”先锋行动,坚持以高质量党建引领高质量发展,推动支部建在学科上。\n标签:\n- 天坛医院联建诸城的背后\n广告\n",
        );
        assert_eq!(texts(&page).len(), 1);
    }
}
