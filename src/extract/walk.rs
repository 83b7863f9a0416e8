//! The second walk over a page: its text as lines, each sorted above, inside or below the
//! article that `score` picked, and the page's lines assembled from them: title, header
//! lines, article, footer lines.

use scraper::node::Element;

use super::boilerplate;
use super::elements::{is_block, is_heading};
use super::score::Stats;
use super::title::{self, Head, Heading};
use crate::cjk::{ends_sentence, fold_width, is_cjk};
use crate::page::PageHints;

/// Longest title taken from a page without `<h1>`.
const TITLE_CHARS: usize = 60;
/// How many of the article's first lines may be its title's heading.
const ARTICLE_HEAD_LINES: usize = 3;

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
        let mut rest = text;
        while !rest.is_empty() {
            // A run of whitespace, then a word copied whole.
            let word = rest
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(rest.len());
            if word > 0 {
                let line_break = rest[..word].contains(['\n', '\r']);
                self.pending = Some(self.pending.unwrap_or(false) || line_break);
                rest = &rest[word..];
            }
            let Some(first) = rest.chars().next() else {
                break;
            };
            if let Some(line_break) = self.pending.take() {
                let joined = line_break
                    && is_cjk(first)
                    && self.current.chars().next_back().is_some_and(is_cjk);
                if !self.current.is_empty() && !joined {
                    self.current.push(' ');
                }
            }
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            self.current.push_str(&rest[..end]);
            rest = &rest[end..];
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

/// A heading being read: its level, text and link text so far.
struct HeadingRead {
    level: u8,
    text: String,
    chars: usize,
    link_chars: usize,
}

/// The second walk: every text goes to the lines above, inside or below the article, and
/// the headings (`<h1>` to `<h3>`) are kept apart, for the title.
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
    /// How many open links.
    link_depth: usize,
    article_seen: bool,
    /// The heading being read.
    heading: Option<HeadingRead>,
    /// The headings read so far, in order, each with where the lines after it start in
    /// `before` when it stands above the article.
    headings: Vec<(Heading, Option<usize>)>,
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
            link_depth: 0,
            article_seen: false,
            heading: None,
            headings: Vec::new(),
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
        // Link density is judged on the element itself and never on one that holds the
        // article: a page whose menus are half its text is still an article page.
        let link_block = is_block(e.name())
            && !is_heading(e.name())
            && !s.holds_article
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
        if e.name() == "a" {
            self.link_depth += 1;
        }
        if let Some(level) = title_heading_level(e.name())
            && self.heading.is_none()
        {
            self.heading = Some(HeadingRead {
                level,
                text: String::new(),
                chars: 0,
                link_chars: 0,
            });
        }
    }

    pub(super) fn text(&mut self, text: &str) {
        if self.skip_depth > 0 {
            return;
        }
        let in_article = self.in_article();
        self.target(in_article).push_text(text);
        let in_link = self.link_depth > 0;
        if let Some(heading) = self.heading.as_mut() {
            heading.text.push_str(text);
            let chars = text.chars().filter(|c| !c.is_whitespace()).count();
            heading.chars += chars;
            if in_link {
                heading.link_chars += chars;
            }
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
        if name == "a" {
            self.link_depth = self.link_depth.saturating_sub(1);
        }
        if let Some(level) = title_heading_level(name)
            && self.heading.as_ref().is_some_and(|h| h.level == level)
            && let Some(read) = self.heading.take()
        {
            let text = read.text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() {
                let above = (!in_article && !self.article_seen).then_some(self.before.lines.len());
                let heading = Heading {
                    level,
                    text,
                    all_link: read.link_chars == read.chars,
                };
                self.headings.push((heading, above));
            }
        }
        if is_article {
            self.article_depth = self.article_depth.saturating_sub(1);
        }
    }

    /// The lines of the page, and its hints with the title set (see `title`): the title's
    /// heading when it stands above the article or, on a page without one, a short cell just
    /// above the first header line, as table layouts set it; the header lines after it that
    /// state metadata; the article; and below the article only labelled metadata lines
    /// ("来源：…": a bare date there belongs to other news).
    pub(super) fn into_lines(
        mut self,
        mut head: Head,
        is_meta_line: fn(&str) -> bool,
    ) -> (Vec<String>, PageHints) {
        self.before.end_line();
        self.article.end_line();
        self.after.end_line();
        let mut hints = std::mem::take(&mut head.hints);
        // Headings above the article, or among the article's first lines: a heading further
        // down is a section of the article or a sidebar's.
        let candidates: Vec<Heading> = self
            .headings
            .iter()
            .filter(|(h, above)| {
                above.is_some() || h.level == 1 || self.article_starts_with(&h.text)
            })
            .map(|(h, _)| h.clone())
            .collect();
        let title = title::reconcile(
            &candidates,
            head.meta_title.as_deref(),
            head.head_title.as_deref(),
        );
        // The title's heading above the article, else the last `<h1>` there: the header
        // lines are read after it (a date in a list above the title belongs to other news).
        let title_above = self.headings.iter().rev().find(|(h, above)| {
            above.is_some()
                && title
                    .as_ref()
                    .is_some_and(|(t, _)| h.text == *t || h.text.contains(t.as_str()))
        });
        let h1_above = self
            .headings
            .iter()
            .rev()
            .find(|(h, above)| above.is_some() && h.level == 1);
        let (title_line, header_from) = match title_above.or(h1_above) {
            Some((h, Some(from))) => (Some(h.text.clone()), *from),
            _ => (None, 0),
        };
        if let Some((text, origin)) = title {
            hints.title = Some(text);
            hints.title_origin = Some(origin);
        }
        let mut lines = Vec::new();
        let first_meta = self.before.lines.iter().position(|l| is_meta_line(l));
        if let Some(line) = title_line {
            lines.push(line);
        } else if let Some(m) = first_meta.filter(|&m| m > 0) {
            let above = &self.before.lines[m - 1];
            if above.chars().count() <= TITLE_CHARS
                && !ends_sentence(above)
                && !boilerplate::is_boilerplate(above)
            {
                lines.push(above.clone());
            }
        }
        let header = self.before.lines.into_iter().skip(header_from);
        lines.extend(header.filter(|l| is_meta_line(l)));
        lines.extend(self.article.lines);
        let footer = self.after.lines.into_iter();
        let labelled = |l: &str| l.chars().any(|c| matches!(fold_width(c), ':' | '《'));
        lines.extend(footer.filter(|l| labelled(l) && is_meta_line(l)));
        (lines, hints)
    }

    /// Whether one of the article's first lines is `text`.
    fn article_starts_with(&self, text: &str) -> bool {
        self.article
            .lines
            .iter()
            .take(ARTICLE_HEAD_LINES)
            .any(|l| l == text)
    }
}

/// The level of a heading that may hold the title: `<h1>` to `<h3>`.
fn title_heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        _ => None,
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
