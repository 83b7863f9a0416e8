//! Title: which of a page's headings and head titles is the article's title.
//!
//! A page states its title up to three times: in `og:title` (or a similar `<meta>`), in its
//! `<title>` (followed by the site's name: `_网易新闻`, ` - 新浪`, `-xx市卫生健康委员会`) and
//! in a heading (`<h1>`, or an `<h2>` on many templates). A heading that another statement
//! confirms is the title as the reader sees it; when they differ, their common part is; a
//! heading that only the site's name confirms is the site's logo, not the title.

use crate::cjk::fold;
use crate::page::PageHints;
use crate::provenance::Origin;

/// What a page's head states: the hints metadata reads, and the titles that the walk
/// reconciles with the page's headings.
#[derive(Debug, Default)]
pub(super) struct Head {
    pub(super) hints: PageHints,
    /// `og:title` or a similar `<meta>` title.
    pub(super) meta_title: Option<String>,
    /// The `<title>`.
    pub(super) head_title: Option<String>,
}

/// A heading of the page, as the walk found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Heading {
    /// 1 for `<h1>`, 2 for `<h2>`, 3 for `<h3>`.
    pub(super) level: u8,
    /// Its text, whitespace collapsed.
    pub(super) text: String,
    /// Whether all its text is link text (a logo, a link to another article).
    pub(super) all_link: bool,
}

/// The shortest title, in characters of its comparison key: shorter headings ("简介") are
/// never confirmed by containment alone.
const MIN_TITLE_KEY: usize = 4;
/// The shortest head title taken that no heading confirms: a shorter one names the channel
/// ("新闻动态 - 医院官网"), not the article.
const MIN_STATED_TITLE_KEY: usize = 6;
/// The longest part of a `<title>` taken for a site's name ("网易订阅", "衡水市卫生健康委员会").
const SITE_NAME_CHARS: usize = 20;

/// The comparison key of a title: folded, letters and digits only.
fn key(text: &str) -> String {
    fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A head title without the site's name after it: "X_网易订阅", "X|游民星空", "X - 新浪",
/// "X-衡水市卫生健康委员会" -> "X". A trailing part is a site's name when it is short and
/// holds no clause mark; the title itself is never cut away.
pub(super) fn strip_site_name(title: &str) -> &str {
    let mut end = title.trim_end().len();
    loop {
        let head = &title[..end];
        let Some((at, _)) = last_separator(head) else {
            break;
        };
        let tail = head[at..].trim_start_matches(is_separator_char).trim();
        let rest = head[..at].trim_end();
        let site_like = !tail.is_empty()
            && tail.chars().count() <= SITE_NAME_CHARS
            && !tail.chars().any(|c| "，。！？：；,!?:;“”\"".contains(c));
        if !site_like || key(rest).chars().count() < MIN_TITLE_KEY {
            break;
        }
        end = rest.len();
    }
    title[..end].trim()
}

fn is_separator_char(c: char) -> bool {
    matches!(c, '_' | '|' | '｜' | '-' | '－' | '–' | ' ')
}

/// Where the last separator between a title and a site name starts: `_`, `|`, a spaced
/// dash, or a bare `-` with a Han character after it (not the `-` of "Mate20-X" or a date).
fn last_separator(text: &str) -> Option<(usize, char)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    (1..chars.len())
        .rev()
        .map(|i| chars[i])
        .find(|&(at, c)| match c {
            '_' | '|' | '｜' | '－' => true,
            '-' | '–' => {
                let before = text[..at].chars().next_back();
                let after = text[at + c.len_utf8()..].chars().next();
                before == Some(' ') && after == Some(' ')
                    || after.is_some_and(crate::cjk::is_han)
                        && before.is_some_and(|b| !b.is_ascii_digit())
            }
            _ => false,
        })
}

/// The article's title and where it came from: the first heading that a head title
/// confirms, else the common part of a heading and a head title, else the page's `<h1>`,
/// else the `og:title`, else the `<title>`, each without the site's name.
pub(super) fn reconcile(
    headings: &[Heading],
    meta_title: Option<&str>,
    head_title: Option<&str>,
) -> Option<(String, Origin)> {
    let stated: Vec<(&str, Origin)> = meta_title
        .map(|t| (t, Origin::MetaTag("og:title".into())))
        .into_iter()
        .chain(head_title.map(|t| (t, Origin::TitleTag)))
        .filter(|(t, _)| !t.trim().is_empty())
        .collect();
    let headings: Vec<&Heading> = headings.iter().filter(|h| !h.all_link).collect();
    for heading in &headings {
        let heading_key = key(&heading.text);
        if heading_key.chars().count() < MIN_TITLE_KEY {
            continue;
        }
        // The heading equal to a stated title, or within its core: the title adds a channel
        // or a site.
        let confirmed = stated.iter().any(|(title, _)| {
            let core_key = key(strip_site_name(title));
            core_key == heading_key || key(title) == heading_key || core_key.contains(&heading_key)
        });
        if confirmed {
            return Some((heading.text.clone(), Origin::Heading(heading.level)));
        }
        // A stated title's core within the heading: the heading adds a subtitle or a date
        // line. The longest such core is the common part (a `<meta>` cut short at an
        // unescaped quote is shorter than the `<title>`).
        let common = stated
            .iter()
            .map(|(title, origin)| (strip_site_name(title), origin))
            .filter(|(core, _)| {
                let core_key = key(core);
                core_key.chars().count() >= MIN_TITLE_KEY && heading_key.contains(&core_key)
            })
            .max_by_key(|(core, _)| key(core).chars().count());
        if let Some((core, origin)) = common {
            return Some((core.to_string(), origin.clone()));
        }
    }
    // An `<h1>` that only the site's name after a title holds is the site's logo.
    let logo = |h: &Heading| {
        stated.iter().any(|(title, _)| {
            let heading_key = key(&h.text);
            key(title).contains(&heading_key) && !key(strip_site_name(title)).contains(&heading_key)
        })
    };
    if let Some(h1) = headings
        .iter()
        .find(|h| h.level == 1 && key(&h.text).chars().count() >= MIN_TITLE_KEY && !logo(h))
    {
        return Some((h1.text.clone(), Origin::Heading(1)));
    }
    stated
        .into_iter()
        .map(|(title, origin)| (strip_site_name(title).to_string(), origin))
        .find(|(title, _)| key(title).chars().count() >= MIN_STATED_TITLE_KEY)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: u8, text: &str) -> Heading {
        Heading {
            level,
            text: text.into(),
            all_link: false,
        }
    }

    #[test]
    fn the_site_name_after_a_title_goes() {
        for (title, core) in [
            ("医院召开党建工作会议_网易新闻", "医院召开党建工作会议"),
            ("医院召开党建工作会议 - 新浪", "医院召开党建工作会议"),
            (
                "医院召开党建工作会议-衡水市卫生健康委员会",
                "医院召开党建工作会议",
            ),
            ("医院召开党建工作会议|健康报|首页", "医院召开党建工作会议"),
            (
                "医院召开党建工作会议_医院动态_新闻中心_衡水市人民医院",
                "医院召开党建工作会议",
            ),
            ("华为Mate20-X发布", "华为Mate20-X发布"),
            ("2019-09-26 医院召开大会", "2019-09-26 医院召开大会"),
            ("简介_新浪", "简介_新浪"),
        ] {
            assert_eq!(strip_site_name(title), core, "{title}");
        }
        // A part that reads as a clause is the title's own.
        assert_eq!(
            strip_site_name("健康中国|医院开展义诊，服务群众300余人次"),
            "健康中国|医院开展义诊，服务群众300余人次"
        );
    }

    #[test]
    fn a_heading_the_head_title_confirms_is_the_title() {
        let headings = [
            heading(2, "作者最新文章"),
            heading(2, "医院召开党建工作会议"),
        ];
        assert_eq!(
            reconcile(&headings, None, Some("医院召开党建工作会议_网易订阅")),
            Some(("医院召开党建工作会议".into(), Origin::Heading(2)))
        );
    }

    #[test]
    fn a_heading_with_a_subtitle_gives_the_common_part() {
        let headings = [heading(1, "医院召开党建工作会议 部署全年工作")];
        assert_eq!(
            reconcile(&headings, None, Some("医院召开党建工作会议")),
            Some(("医院召开党建工作会议".into(), Origin::TitleTag))
        );
    }

    #[test]
    fn a_meta_title_cut_short_at_a_quote_gives_way_to_the_head_title() {
        let headings = [heading(1, "男孩不想上补习班 写\"救命啊\"纸条引来民警")];
        assert_eq!(
            reconcile(
                &headings,
                Some("男孩不想上补习班 写"),
                Some("男孩不想上补习班 写\"救命啊\"纸条引来民警_某某新闻")
            ),
            Some((headings[0].text.clone(), Origin::Heading(1)))
        );
    }

    #[test]
    fn a_channel_name_in_the_head_is_no_title() {
        assert_eq!(reconcile(&[], None, Some("新闻动态 - 医院官网")), None);
    }

    #[test]
    fn a_logo_heading_is_not_the_title() {
        let headings = [heading(1, "健康时报网"), heading(2, "热点新闻")];
        assert_eq!(
            reconcile(&headings, None, Some("医院召开党建工作会议_健康时报网")),
            Some(("医院召开党建工作会议".into(), Origin::TitleTag))
        );
        let linked = Heading {
            all_link: true,
            ..heading(1, "医院开展义诊活动")
        };
        assert_eq!(reconcile(&[linked], None, None), None);
    }

    #[test]
    fn an_unconfirmed_h1_is_taken_before_the_head() {
        let headings = [heading(1, "医院召开党建工作会议")];
        assert_eq!(
            reconcile(&headings, None, Some("首页")),
            Some(("医院召开党建工作会议".into(), Origin::Heading(1)))
        );
        assert_eq!(
            reconcile(&[], Some("医院开展义诊活动 - 新浪"), Some("其他")),
            Some((
                "医院开展义诊活动".into(),
                Origin::MetaTag("og:title".into())
            ))
        );
    }
}
