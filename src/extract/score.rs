//! Scoring: which elements of a page make up its article, by text density and link density
//! as readability measures them. Every walk is iterative (ego-tree's `traverse`), so a deeply
//! nested page cannot overflow the stack.
//!
//! Each candidate container is judged on its own text and links, never on an ancestor's: a
//! page whose navigation is half its text still has an article inside. Class names are weak
//! evidence: a first pass leaves out what they call furniture, and when that leaves no
//! article worth the name, a second pass reads the page without them.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::elements::{ClassHint, class_hint, is_container, is_skipped};
use crate::page::Texture;

/// A sibling container joins the article when its score is at least this share of the best.
const SIBLING_SHARE: f32 = 0.2;
/// A sibling paragraph joins the article when it has at least this many characters.
const SIBLING_PARAGRAPH_CHARS: u32 = 40;
/// An article found with class names heeded is taken when it has at least this many
/// characters of text outside links; a shorter one is compared with the page read without
/// them, and gives way only to one with several times its text.
const ENOUGH_TEXT: u32 = 200;
/// How many times more text the page read without class names must give for its article
/// to be taken instead.
const LENIENT_GAIN: u32 = 3;
/// Weight of a container whose class names it content ("article-content", "post_body").
const CONTENT_BONUS: f32 = 1.25;

/// Per-element figures gathered by the first walk, indexed by the element's order.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Stats {
    /// Characters of text inside, whitespace not counted.
    pub(super) text: u32,
    /// Characters of link text inside.
    pub(super) link: u32,
    /// Score from the text directly inside (a container's own paragraphs).
    own_score: f32,
    /// Half the scores of the containers inside.
    child_score: f32,
    /// Whether it may hold the article.
    container: bool,
    /// Whether it is a `<p>`.
    paragraph: bool,
    /// Whether its class names call it content.
    content: bool,
    /// Whether it is skipped (furniture, or inside furniture).
    pub(super) skipped: bool,
    /// Whether it holds one of the article's elements (set by [`pick_article`]).
    pub(super) holds_article: bool,
    /// Index of the enclosing element.
    parent: Option<usize>,
}

/// The article of a page: its elements, in document order, and the figures of every element.
pub(super) struct Article {
    pub(super) stats: Vec<Stats>,
    pub(super) roots: Vec<usize>,
    pub(super) texture: Texture,
}

/// Measures the page and picks its article: first heeding class names, then, when that
/// finds little, without their furniture words (a comment thread stays out either way).
pub(super) fn find_article(html: &Html) -> Article {
    let (mut stats, texture) = measure(html, true);
    let mut roots = pick_article(&stats);
    if article_text(&stats, &roots) < ENOUGH_TEXT {
        let (lenient, _) = measure(html, false);
        let lenient_roots = pick_article(&lenient);
        let strict_text = article_text(&stats, &roots);
        let lenient_text = article_text(&lenient, &lenient_roots);
        if lenient_text >= ENOUGH_TEXT && lenient_text >= strict_text.saturating_mul(LENIENT_GAIN) {
            stats = lenient;
            roots = lenient_roots;
        }
    }
    for &root in &roots {
        let mut at = Some(root);
        while let Some(i) = at {
            stats[i].holds_article = true;
            at = stats[i].parent;
        }
    }
    Article {
        stats,
        roots,
        texture,
    }
}

/// Characters of text outside links in the article's elements.
fn article_text(stats: &[Stats], roots: &[usize]) -> u32 {
    roots
        .iter()
        .map(|&r| stats[r].text.saturating_sub(stats[r].link))
        .sum()
}

/// The first walk: text and link length of every element, and a readability score for
/// every container (its own punctuation and text, plus half its child containers' scores).
/// With `heed_classes`, elements whose class names call them furniture are skipped.
pub(super) fn measure(html: &Html, heed_classes: bool) -> (Vec<Stats>, Texture) {
    struct Frame {
        index: usize,
        text: u32,
        link: u32,
    }
    let mut stats: Vec<Stats> = Vec::new();
    let mut texture = Texture::default();
    let mut frames: Vec<Frame> = Vec::new();
    let mut containers: Vec<usize> = Vec::new();
    let mut skip_depth = 0usize;
    let mut link_depth = 0usize;
    let mut script_depth = 0usize;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let index = stats.len();
                    let hint = class_hint(e);
                    let skipped = skip_depth > 0
                        || is_skipped(e)
                        || hint == ClassHint::Comments
                        || (heed_classes && hint == ClassHint::Furniture);
                    let container = !skipped && is_container(e.name());
                    stats.push(Stats {
                        container,
                        paragraph: e.name() == "p",
                        content: hint == ClassHint::Content,
                        skipped,
                        parent: frames.last().map(|f| f.index),
                        ..Stats::default()
                    });
                    if skipped {
                        skip_depth += 1;
                    }
                    if e.name() == "a" {
                        link_depth += 1;
                    }
                    if e.name() == "script" {
                        script_depth += 1;
                    }
                    if container {
                        containers.push(index);
                    }
                    frames.push(Frame {
                        index,
                        text: 0,
                        link: 0,
                    });
                }
                Node::Text(t) if script_depth > 0 => {
                    texture.script = texture.script.saturating_add(t.len());
                }
                Node::Text(t) if skip_depth == 0 => {
                    let (chars, punct) = count_text(t);
                    let (chars, punct) = (chars as u32, punct as f32);
                    texture.text = texture.text.saturating_add(chars as usize);
                    if let Some(frame) = frames.last_mut() {
                        frame.text += chars;
                        if link_depth > 0 {
                            frame.link += chars;
                            texture.link = texture.link.saturating_add(chars as usize);
                        }
                    }
                    if link_depth == 0
                        && let Some(&c) = containers.last()
                    {
                        stats[c].own_score += punct + chars as f32 / 100.0;
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(e) = node.value() else {
                    continue;
                };
                let Some(frame) = frames.pop() else {
                    continue;
                };
                let s = &mut stats[frame.index];
                s.text = frame.text;
                s.link = frame.link;
                if s.skipped {
                    skip_depth = skip_depth.saturating_sub(1);
                }
                if e.name() == "a" {
                    link_depth = link_depth.saturating_sub(1);
                }
                if e.name() == "script" {
                    script_depth = script_depth.saturating_sub(1);
                }
                if s.container {
                    containers.pop();
                    let own = s.own_score;
                    if let Some(&parent) = containers.last() {
                        stats[parent].child_score += own / 2.0;
                    }
                }
                if let Some(parent) = frames.last_mut() {
                    parent.text += frame.text;
                    parent.link += frame.link;
                }
            }
        }
    }
    (stats, texture)
}

/// Marks that end a clause or a sentence: article text has many, link lists and menus few.
/// The characters of a text node that are not whitespace, and its clause marks, counted in
/// one scan.
fn count_text(text: &str) -> (usize, usize) {
    let bytes = text.as_bytes();
    let (mut chars, mut punct) = (0, 0);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            chars += usize::from(!char::from(b).is_whitespace());
            punct += usize::from(b == b',');
            i += 1;
        } else if (0xe4..=0xe9).contains(&b) {
            // U+4000 to U+9FFF, nearly all Han: neither whitespace nor a clause mark.
            chars += 1;
            i += 3;
        } else {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            chars += usize::from(!c.is_whitespace());
            punct += usize::from(is_clause_mark(c));
            i += c.len_utf8();
        }
    }
    (chars, punct)
}

fn is_clause_mark(c: char) -> bool {
    matches!(c, '，' | ',' | '。' | '、' | '；' | '：' | '！' | '？')
}

/// The elements that make up the article, in document order: the container with the best
/// score (discounted by its own link density), plus its siblings that read like article
/// text (a lead paragraph or a second content block beside the main one, as readability
/// does). Empty when the page has no container with text: the whole document is then read.
pub(super) fn pick_article(stats: &[Stats]) -> Vec<usize> {
    let score = |s: &Stats| {
        let density = s.link as f32 / s.text.max(1) as f32;
        let bonus = if s.content { CONTENT_BONUS } else { 1.0 };
        (s.own_score + s.child_score) * (1.0 - density) * bonus
    };
    let Some((best, best_score)) = stats
        .iter()
        .enumerate()
        .filter(|(_, s)| s.container && s.text > 0)
        .map(|(i, s)| (i, score(s)))
        .filter(|(_, score)| *score > 0.0)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    else {
        return Vec::new();
    };
    let parent = stats[best].parent;
    if parent.is_none() {
        return vec![best];
    }
    stats
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            *i == best
                || (s.parent == parent
                    && !s.skipped
                    && s.link * 4 < s.text
                    && ((s.container && score(s) >= best_score * SIBLING_SHARE)
                        || (s.paragraph && s.text >= SIBLING_PARAGRAPH_CHARS)))
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_counted_as_characters_and_clause_marks() {
        let slow = |t: &str| {
            let chars = t.chars().filter(|c| !c.is_whitespace()).count();
            (chars, t.chars().filter(|&c| is_clause_mark(c)).count())
        };
        for text in [
            "",
            "医院 党建，好。",
            "a, b\t\n\u{3000}c\u{a0}、！？：；",
            "\u{1680}\u{2003}\u{205f}\u{85}\u{1c}𠀀é㐀䶵鿿",
        ] {
            assert_eq!(count_text(text), slow(text), "{text:?}");
        }
    }

    #[test]
    fn the_densest_text_block_is_the_article() {
        let html = Html::parse_document(
            "<html><body><div class=\"list\"><a>医院动态</a><a>党建工作</a></div><div><p>医院召开党建工作会议，部署全年重点工作，推动医院高质量发展。</p><p>会议要求，各支部要认真落实“三会一课”制度。</p></div></body></html>",
        );
        let Article { stats, roots, .. } = find_article(&html);
        assert_eq!(roots.len(), 1);
        assert!(stats[roots[0]].text > 40);
        assert_eq!(stats[roots[0]].link, 0);
    }

    #[test]
    fn a_page_without_text_has_no_article() {
        let article = find_article(&Html::parse_document("<html><body><img></body></html>"));
        assert!(article.roots.is_empty());
    }
}
