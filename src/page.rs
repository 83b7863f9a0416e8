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

/// The roles of the people who edit a copy ("责任编辑", "审核", "美编"), in the folded form:
/// extract drops a line that opens with one and a colon, metadata reads past one in a
/// header line.
#[rustfmt::skip]
pub(crate) const EDITOR_ROLES: &[&str] = &[
    "责任编辑", "责编", "编辑", "审核", "校对", "终审", "初审", "编审", "审稿", "排版", "美编",
];

/// One line of a page, trimmed, not yet normalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The text as written.
    pub text: String,
    /// Whether the line is page furniture (a breadcrumb, a counter, an editor, copyright or
    /// filing line) rather than report text.
    pub boilerplate: bool,
}

/// What a page states in its `<head>` and `<h1>`, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageHints {
    /// The article's heading (`<h1>`, else `og:title`).
    pub title: Option<String>,
    /// Every `<meta>` date, in page order, not yet read: the first that reads as a date wins.
    pub dates: Vec<String>,
    /// The publisher named by `<meta name="source">`.
    pub source: Option<String>,
    /// Every `<meta name="author">`, in page order, not yet read: the first that names a
    /// person wins.
    pub authors: Vec<String>,
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
}
