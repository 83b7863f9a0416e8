//! The second walk over a page: its text as lines, each sorted above, inside or below the
//! article that `score` picked, and the page's lines assembled from them: title, header
//! lines, article, footer lines.

use scraper::node::Element;

use super::boilerplate;
use super::elements::{is_block, is_heading};
use super::score::Stats;
use crate::cjk::{ends_sentence, fold_width, is_cjk};
use crate::page::PageHints;

/// Longest title taken from a page without `<h1>`.
const TITLE_CHARS: usize = 60;

/// A link-heavy block inside the article (a list of related links, "上一篇/下一篇") is left
/// out when at least this share of its text is link text.
const LINK_BLOCK_DENSITY: f32 = 0.5;

/// Collects lines: block elements end a line, `<br>` too.
#[derive(Default)]
struct Lines {
    lines: Vec<String>,
    current: String,
    /// Whitespace seen since the last character: `Some(true)` when it held a line break.
    pending: Option<bool>,
}

impl Lines {
    /// Appends text, collapsing whitespace as a browser does; a line break in the source
    /// between two wide (CJK) characters disappears, as CSS Text prescribes, because Chinese
    /// puts no space between words.
    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                let line_break = matches!(c, '\n' | '\r');
                self.pending = Some(self.pending.unwrap_or(false) || line_break);
                continue;
            }
            if let Some(line_break) = self.pending.take() {
                let joined =
                    line_break && is_cjk(c) && self.current.chars().next_back().is_some_and(is_cjk);
                if !self.current.is_empty() && !joined {
                    self.current.push(' ');
                }
            }
            self.current.push(c);
        }
    }

    fn end_line(&mut self) {
        let line = self.current.trim();
        if !line.is_empty() {
            self.lines.push(line.to_string());
        }
        self.current.clear();
        self.pending = None;
    }
}

/// The second walk: every text goes to the lines above, inside or below the article, and
/// the `<h1>` is kept apart, to become the title.
pub(super) struct Walk<'a> {
    stats: &'a [Stats],
    /// The article's elements, by their index in `stats`, in order.
    roots: &'a [usize],
    before: Lines,
    article: Lines,
    after: Lines,
    /// Elements opened so far: the next element's index in `stats`.
    index: usize,
    /// How many open elements are skipped (furniture, or a link block).
    skip_depth: usize,
    /// How many open elements are the article's.
    article_depth: usize,
    article_seen: bool,
    /// The text of the `<h1>` being read.
    h1_text: Option<String>,
    /// The last `<h1>` above the article, and where the lines after it start in `before`.
    h1_before: Option<(String, usize)>,
    /// The first `<h1>` inside the article.
    h1_inside: Option<String>,
    /// Each open element: whether it was skipped, and whether it is one of the article's.
    open: Vec<(bool, bool)>,
}

impl<'a> Walk<'a> {
    pub(super) fn new(stats: &'a [Stats], roots: &'a [usize]) -> Walk<'a> {
        Walk {
            stats,
            roots,
            before: Lines::default(),
            article: Lines::default(),
            after: Lines::default(),
            index: 0,
            skip_depth: 0,
            article_depth: 0,
            article_seen: false,
            h1_text: None,
            h1_before: None,
            h1_inside: None,
            open: Vec::new(),
        }
    }

    /// Whether text read now belongs to the article (all of it when none was picked).
    fn in_article(&self) -> bool {
        self.article_depth > 0 || self.roots.is_empty()
    }

    /// The lines that text read now goes to.
    fn target(&mut self, in_article: bool) -> &mut Lines {
        if in_article {
            &mut self.article
        } else if self.article_seen {
            &mut self.after
        } else {
            &mut self.before
        }
    }

    pub(super) fn open(&mut self, e: &Element) {
        let in_article = self.in_article();
        let s = self.stats.get(self.index).copied().unwrap_or_default();
        let is_article = self.roots.binary_search(&self.index).is_ok();
        self.index += 1;
        let link_block = is_block(e.name())
            && !is_heading(e.name())
            && !is_article
            && s.text > 0
            && s.link as f32 >= s.text as f32 * LINK_BLOCK_DENSITY;
        let skip = self.skip_depth > 0 || s.skipped || link_block;
        self.open.push((skip, is_article));
        if skip {
            self.skip_depth += 1;
            return;
        }
        if is_article {
            self.article_depth += 1;
            self.article_seen = true;
        }
        if is_block(e.name()) {
            self.target(in_article || is_article).end_line();
        }
        if e.name() == "h1" {
            self.h1_text = Some(String::new());
        }
    }

    pub(super) fn text(&mut self, text: &str) {
        if self.skip_depth > 0 {
            return;
        }
        let in_article = self.in_article();
        self.target(in_article).push_text(text);
        if let Some(h1) = self.h1_text.as_mut() {
            h1.push_str(text);
        }
    }

    pub(super) fn close(&mut self, name: &str) {
        let in_article = self.in_article();
        let Some((skipped, is_article)) = self.open.pop() else {
            return;
        };
        if skipped {
            self.skip_depth = self.skip_depth.saturating_sub(1);
            return;
        }
        if is_block(name) {
            self.target(in_article).end_line();
        }
        if name == "h1"
            && let Some(h1) = self.h1_text.take()
        {
            let h1 = h1.split_whitespace().collect::<Vec<_>>().join(" ");
            if in_article {
                self.h1_inside.get_or_insert(h1);
            } else if !self.article_seen && !h1.is_empty() {
                self.h1_before = Some((h1, self.before.lines.len()));
            }
        }
        if is_article {
            self.article_depth = self.article_depth.saturating_sub(1);
        }
    }

    /// The lines of the page, and its hints with the title set: the title (the `<h1>` above
    /// the article or, on a page without one,
    /// a short cell just above the first header line, as table layouts set it), the header
    /// lines after it that state metadata, the article, and below the article only labelled
    /// metadata lines ("来源：…": a bare date there belongs to other news).
    pub(super) fn into_lines(
        mut self,
        mut hints: PageHints,
        is_meta_line: fn(&str) -> bool,
    ) -> (Vec<String>, PageHints) {
        self.before.end_line();
        self.article.end_line();
        self.after.end_line();
        let (h1_before, header_from) = match self.h1_before {
            Some((h1, from)) => (Some(h1), from),
            None => (None, 0),
        };
        if let Some(title) = h1_before.clone().or(self.h1_inside) {
            hints.title = Some(title);
        }
        let mut lines = Vec::new();
        let first_meta = self.before.lines.iter().position(|l| is_meta_line(l));
        if let Some(h1) = h1_before {
            lines.push(h1);
        } else if let Some(m) = first_meta.filter(|&m| m > 0) {
            let above = &self.before.lines[m - 1];
            if above.chars().count() <= TITLE_CHARS
                && !ends_sentence(above)
                && !boilerplate::is_boilerplate(above)
            {
                lines.push(above.clone());
            }
        }
        // A date in a list above the title belongs to other news.
        let header = self.before.lines.into_iter().skip(header_from);
        lines.extend(header.filter(|l| is_meta_line(l)));
        lines.extend(self.article.lines);
        let footer = self.after.lines.into_iter();
        let labelled = |l: &str| l.chars().any(|c| matches!(fold_width(c), ':' | '《'));
        lines.extend(footer.filter(|l| labelled(l) && is_meta_line(l)));
        (lines, hints)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_and_a_line_break_between_chinese_characters_vanishes() {
        let mut lines = Lines::default();
        lines.push_text("  医院召开党建\n  工作会议，\n部署 2024   年");
        lines.end_line();
        lines.push_text("   ");
        lines.end_line();
        assert_eq!(lines.lines, ["医院召开党建工作会议，部署 2024 年"]);
    }
}
