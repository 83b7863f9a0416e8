//! The page: an article's lines as the extract step found them, with the header and footer
//! lines around it and what the page's head states. Extract builds it; metadata reads it.
//!
//! It sits below both steps so that neither imports the other: extract knows where the
//! article is and which lines are furniture, metadata knows which lines state a date, a
//! source or an author, and the pipeline hands the one's result to the other.

/// Words a page counts its views and comments with ("浏览(1421)", "评论(0)"), in the folded
/// form (see `cjk::fold`): extract drops a line of counters, metadata reads past them in a
/// date line.
pub(crate) const VIEW_COUNTERS: &[&str] = &["浏览", "阅读", "点击", "评论", "次数"];

/// Labels of the time a copy was crawled or filed by a collecting site ("抓取时间：…"), in the
/// folded form: never the publication date. Extract drops a line that opens with one,
/// metadata reads past one in a header line.
#[rustfmt::skip]
pub(crate) const CRAWL_LABELS: &[&str] = &[
    "抓取时间", "抓取日期", "采集时间", "采集日期", "爬取时间", "入库时间", "收录时间", "转载时间",
];

/// The roles of the people who edit a copy ("责任编辑", "审核", "美编"), in the folded form:
/// extract drops a line that opens with one and a colon, metadata reads past one in a
/// header line.
#[rustfmt::skip]
pub(crate) const EDITOR_ROLES: &[&str] = &[
    "责任编辑", "责编", "编辑", "审核", "校对", "终审", "初审", "编审", "审稿", "排版", "美编",
];

use crate::provenance::Origin;

/// One line of a page, trimmed, not yet normalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The text as written.
    pub text: String,
    /// Whether the line is page furniture (a breadcrumb, a counter, an editor, copyright or
    /// filing line) rather than report text.
    pub boilerplate: bool,
}

/// What a page states in its `<head>` and headings, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageHints {
    /// The article's title, reconciled from its headings, `og:title` and `<title>`.
    pub title: Option<String>,
    /// Where the title was read from.
    pub title_origin: Option<Origin>,
    /// Every `<meta>` date, in page order, with the tag's name, not yet read: the first that
    /// reads as a date wins.
    pub dates: Vec<(String, String)>,
    /// The publisher named by `<meta name="source">`.
    pub source: Option<String>,
    /// Every `<meta name="author">`, in page order, not yet read: the first that names a
    /// person wins.
    pub authors: Vec<String>,
    /// The page's address: the caller's, else its canonical link or `og:url`.
    pub url: Option<String>,
}

/// An article with its header and footer lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// In reading order: the title and header lines found above the article (on a web
    /// page), the article's lines, and the metadata lines found below it; link lists and
    /// the footer run already cut.
    pub lines: Vec<Line>,
    /// What the page's head states.
    pub hints: PageHints,
    /// What a web page is made of, to say why it holds no article (`None` for plain text).
    pub texture: Option<Texture>,
}

/// What a web page is made of: its visible text, the part of it inside links, and its
/// scripts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Texture {
    /// Characters of visible text, whitespace not counted.
    pub text: usize,
    /// Characters of visible text inside links.
    pub link: usize,
    /// Bytes of script.
    pub script: usize,
}

/// Why a web page holds no article, as far as its make-up tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoArticle {
    /// No visible text at all.
    NoText,
    /// Its text is mostly links: an index, a channel or a search page.
    LinkList,
    /// Almost no text but much script: the page fills itself in a browser.
    Script,
    /// Text, but only page furniture (menus, counters, footers).
    Boilerplate,
}

/// Below this many characters of visible text, a page with much script is filled in by it.
const SCRIPT_PAGE_TEXT: usize = 200;
/// A page with at least this share of its text in links is a list of links.
const LINK_LIST_SHARE: f32 = 0.5;

impl Texture {
    /// Why a page of this make-up gave no article.
    pub fn no_article(&self) -> NoArticle {
        if self.text < SCRIPT_PAGE_TEXT && self.script > self.text * 20 {
            NoArticle::Script
        } else if self.text == 0 {
            NoArticle::NoText
        } else if self.link as f32 >= self.text as f32 * LINK_LIST_SHARE {
            NoArticle::LinkList
        } else {
            NoArticle::Boilerplate
        }
    }
}

impl std::fmt::Display for NoArticle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NoArticle::NoText => "the page has no text",
            NoArticle::LinkList => "the page is a list of links, not an article",
            NoArticle::Script => {
                "the page holds script but almost no text: the article is loaded by script"
            }
            NoArticle::Boilerplate => "only page boilerplate (menus, counters, footers)",
        })
    }
}
