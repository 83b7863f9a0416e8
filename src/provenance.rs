//! Provenance: where each metadata field of a snapshot was read from (a `<meta>` tag, a
//! heading, the page's `<title>`, an info line, the URL), so that a wrong title or date can
//! be traced to the page's statement that gave it. It describes a reading, not the report:
//! it is not stored in the snapshot file.

use std::fmt;

/// Where one value was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A `<meta>` tag, by its `name` or `property` ("og:title", "pubdate").
    MetaTag(String),
    /// A heading of the page: `<h1>` is 1.
    Heading(u8),
    /// The page's `<title>`, without the site's name.
    TitleTag,
    /// A short line above the article or its header lines (a table cell, a plain-text title).
    TitleLine,
    /// A header or footer line of labelled fields ("发布时间：… 来源：…").
    InfoLine,
    /// A byline or credit in the text ("本报讯(记者 …)", "(记者…报道)").
    Byline,
    /// The address the page was read from, or its canonical address.
    Url,
    /// The text of the report (the hospital it names).
    Text,
    /// The snapshot's front matter (a snapshot file read back).
    FrontMatter,
    /// The caller (`--hospital`, `--url`).
    Option,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::MetaTag(name) => write!(f, "meta:{name}"),
            Origin::Heading(level) => write!(f, "h{level}"),
            Origin::TitleTag => f.write_str("title"),
            Origin::TitleLine => f.write_str("title line"),
            Origin::InfoLine => f.write_str("info line"),
            Origin::Byline => f.write_str("byline"),
            Origin::Url => f.write_str("url"),
            Origin::Text => f.write_str("text"),
            Origin::FrontMatter => f.write_str("front matter"),
            Origin::Option => f.write_str("option"),
        }
    }
}

/// Where the hospital, title, date and source of one reading came from; `None` where the
/// field is unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    /// Where the hospital was read from.
    pub hospital: Option<Origin>,
    /// Where the title was read from.
    pub title: Option<Origin>,
    /// Where the publication date was read from.
    pub published: Option<Origin>,
    /// Where the source was read from.
    pub source: Option<Origin>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_read_as_short_names() {
        let names: Vec<String> = [
            Origin::MetaTag("article:published_time".into()),
            Origin::Heading(2),
            Origin::TitleTag,
            Origin::InfoLine,
            Origin::Url,
        ]
        .iter()
        .map(Origin::to_string)
        .collect();
        assert_eq!(
            names,
            [
                "meta:article:published_time",
                "h2",
                "title",
                "info line",
                "url"
            ]
        );
    }
}
