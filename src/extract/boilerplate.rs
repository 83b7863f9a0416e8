//! Boilerplate: the lines a news portal wraps around every article (breadcrumbs, counters,
//! editor and copyright lines, link lists), recognized by their wording, not by one site's
//! layout.
//!
//! The tables are written once, in the folded form (Simplified script, ASCII width; see
//! `cjk::fold`), and lines are folded before they are matched: `責任編輯：` opens an editor
//! line as `责任编辑:` does.

use std::sync::LazyLock;

use regex_lite::Regex;

use crate::cjk::{compile, ends_sentence, fold};
use crate::page::{CRAWL_LABELS, EDITOR_ROLES, Line, VIEW_COUNTERS};

// Word lists are laid out by hand (`rustfmt::skip`): one entry per line would triple them.

/// Labels that open a list of links to other articles ("标签:", "相关新闻", "热点新闻" …).
/// Nothing after such a list in a plain-text page belongs to the article.
#[rustfmt::skip]
const LINK_LIST_LABELS: &[&str] = &[
    "标签", "相关新闻", "相关阅读", "相关文章", "热点新闻", "热门新闻", "推荐阅读", "猜你喜欢",
    "延伸阅读", "热门推荐", "最新新闻", "精彩推荐", "热点推荐", "热门文章", "热点排行",
    "阅读排行",
];

/// The longest link-list label, and the character after it, in characters: how much of a
/// line is folded to look for one.
const LINK_LIST_LABEL_CHARS: usize = 5;

/// Lines that are page furniture whatever follows them.
#[rustfmt::skip]
const WHOLE_LINES: &[&str] = &[
    "文章内容", "正文", "广告", "打印", "关闭", "返回顶部", "分享到", "分享", "【打印】",
    "【关闭】", "收藏", "点赞", "扫一扫", "评论", "[打印]", "[关闭]", "字号", "大中小", "(完)",
    "【完】",
];

/// Openings of navigation, editor and sharing lines.
#[rustfmt::skip]
const OPENINGS: &[&str] = &[
    "您当前位置", "当前位置", "您的位置", "您现在的位置", "所在位置", "现在位置", "首页 >",
    "责任编辑", "责编", "上一篇", "下一篇", "上一条", "下一条", "分享到", "扫一扫", "【打印",
    "【关闭", "[打印", "字号:", "【字号",
];

/// Fragments of footer lines: copyright, licences, filing numbers, contact details.
#[rustfmt::skip]
const FOOTER_MARKS: &[&str] = &[
    "版权所有", "copyright", "©", "all rights reserved", "icp备", "icp证", "公网安备", "公安备案",
    "网站备案", "备案号", "互联网信息服务", "信息服务许可证", "联系方式", "联系电话", "联系我们",
    "举报电话", "不良信息举报", "未经书面授权", "未经授权", "转载请注明", "责任编辑",
];

/// Openings of a site's disclaimer ("特别声明：本网登载内容…"): furniture at any length.
const DISCLAIMERS: &[&str] = &[
    "特别声明:",
    "免责声明:",
    "版权声明:",
    "声明:本网",
    "声明:本站",
];

/// A footer or boilerplate line is short; body paragraphs that mention "版权所有" stay.
const SHORT_LINE: usize = 100;

/// A line of view counters: "浏览(1421) (0)".
static COUNTERS: LazyLock<Regex> = LazyLock::new(|| {
    let counters = VIEW_COUNTERS.join("|");
    compile(&format!(r"^(?:(?:{counters})?\s*:?\s*\(\s*\d+\s*\)\s*)+$"))
});

/// Editor notes a copy ends with: "(责编：王五、赵六)", "(编辑 张三)".
static EDITOR_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    let roles = EDITOR_ROLES.join("|");
    compile(&format!(
        r"^[(\[【]\s*(?:{roles})\s*:?[^)\]】]{{0,40}}[)\]】]$"
    ))
});

/// Picture credits: "(资料图)", "【图片来源：网络】", "(图/新华社)".
static PICTURE_NOTES: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^[(\[【]\s*(?:资料图片?|图片来源[^)\]】]*|摄影[^)\]】]*|图\s*[/:][^)\]】]*)\s*[)\]】]$",
    )
});

/// A line of the page with the verdict of [`is_boilerplate`] on it.
pub(crate) fn line(text: String) -> Line {
    Line {
        boilerplate: is_boilerplate(&text),
        text,
    }
}

/// Whether one line is page furniture rather than report text.
pub fn is_boilerplate(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() {
        return true;
    }
    if line.len() > SHORT_LINE * 3 {
        // Long lines are article text, unless a disclaimer or a crawl label opens them; a
        // footer line is never this long. Only the opening is folded, not the paragraph.
        let head = line
            .char_indices()
            .nth(OPENING_CHARS)
            .map_or(line, |(at, _)| &line[..at]);
        return opens_with_notice(&fold(head));
    }
    let folded = fold(line);
    if opens_with_notice(&folded) {
        return true;
    }
    if WHOLE_LINES.contains(&folded.as_str())
        || OPENINGS.iter().any(|o| folded.starts_with(o))
        || opens_with_editor(&folded)
    {
        return true;
    }
    if line.chars().count() <= SHORT_LINE {
        if has_footer_mark(&folded) {
            return true;
        }
        if is_breadcrumb(line, &folded) {
            return true;
        }
    }
    COUNTERS.is_match(&folded) || PICTURE_NOTES.is_match(&folded) || EDITOR_NOTE.is_match(&folded)
}

/// How much of a long line is read for a disclaimer or crawl label, in characters: more
/// than the longest of them.
const OPENING_CHARS: usize = 16;

/// Whether a disclaimer or a crawl label opens the (folded) line: furniture at any length.
fn opens_with_notice(folded: &str) -> bool {
    DISCLAIMERS.iter().any(|d| folded.starts_with(d))
        || CRAWL_LABELS.iter().any(|l| folded.starts_with(l))
}

/// "审核:张三": an editor's role and a colon (folded line).
fn opens_with_editor(folded: &str) -> bool {
    EDITOR_ROLES.iter().any(|role| {
        folded
            .strip_prefix(role)
            .is_some_and(|rest| rest.starts_with(':'))
    })
}

/// Whether a folded line holds a copyright, licence, filing or contact mark (Latin marks in
/// any case).
fn has_footer_mark(line: &str) -> bool {
    if line.bytes().any(|b| b.is_ascii_alphabetic()) {
        let lower = line.to_ascii_lowercase();
        FOOTER_MARKS.iter().any(|m| lower.contains(m))
    } else {
        FOOTER_MARKS.iter().any(|m| line.contains(m))
    }
}

/// "首页 > 县区新闻 > 正文": a short chain of at least two `>` steps with no sentence in it.
fn is_breadcrumb(line: &str, folded: &str) -> bool {
    let steps = folded.matches(['>', '»']).count();
    steps >= 2 && !ends_sentence(line)
}

/// Whether a line opens a list of links to other articles.
fn link_list_label(line: &str) -> bool {
    let line = line.trim();
    let head = line
        .char_indices()
        .nth(LINK_LIST_LABEL_CHARS)
        .map_or(line, |(at, _)| &line[..at]);
    let head = fold(head);
    LINK_LIST_LABELS.iter().any(|label| {
        // "相关新闻", "标签：医院 党建", "热点新闻 更多>>"; not "相关新闻发布会召开".
        head.strip_prefix(label).is_some_and(|rest| {
            rest.is_empty()
                || rest
                    .starts_with(|c: char| c.is_whitespace() || matches!(c, ':' | '>' | '》' | '|'))
        })
    })
}

/// Items of a link list: "- 标题", "· 标题", or a short line that is not a sentence.
fn is_link_item(line: &str) -> bool {
    let line = line.trim();
    line.is_empty()
        || line.starts_with(['-', '·', '•', '*', '●', '▪', '>'])
        || (line.chars().count() <= 40 && !ends_sentence(line))
}

/// Cuts link lists: once body text has started, a link-list label ends the article (what
/// follows is other articles' headlines and ads); before the body, only the list itself goes.
pub(crate) fn cut_link_lists(lines: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    let mut body_started = false;
    let mut in_list = false;
    for line in lines {
        if link_list_label(&line) {
            if body_started {
                break;
            }
            in_list = true;
            continue;
        }
        if in_list {
            if is_link_item(&line) {
                continue;
            }
            in_list = false;
        }
        if line.chars().count() > 40 {
            body_started = true;
        }
        out.push(line);
    }
    out
}

/// Drops the page footer: the trailing run of short lines that starts at an editor,
/// copyright, licence or contact line.
pub(crate) fn trim_footer(mut lines: Vec<Line>) -> Vec<Line> {
    let mut cut = None;
    for (i, line) in lines.iter().enumerate().rev() {
        let trimmed = line.text.trim();
        let chars = trimmed.chars().count();
        // For a short line `is_boilerplate` already looks for footer marks.
        if chars <= SHORT_LINE && line.boilerplate {
            cut = Some(i);
        } else if chars > 40 || ends_sentence(trimmed) {
            break;
        }
    }
    if let Some(cut) = cut {
        lines.truncate(cut);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_opening_with_a_notice_is_furniture() {
        let longest = DISCLAIMERS
            .iter()
            .chain(CRAWL_LABELS)
            .map(|n| n.chars().count())
            .max()
            .unwrap_or(0);
        assert!(longest < OPENING_CHARS);
        let body = "本院全年门诊量达到四十二万人次，同比增长百分之七。".repeat(20);
        assert!(!is_boilerplate(&body));
        assert!(is_boilerplate(&format!("特別聲明：{body}")));
        assert!(is_boilerplate(&format!("抓取时间：2024-01-02 {body}")));
    }

    fn owned(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn recognizes_portal_furniture() {
        for line in [
            "文章内容",
            "(0)",
            "浏览(1421)",
            "您当前位置:荷泽市-中国菏泽市-菏泽新闻网 > 县区新闻 > 正文",
            "首页 > 新闻中心 > 医院动态",
            "责任编辑:",
            "(资料图)",
            "网站备案号:鲁ICP备09012531号",
            "Copyright© 2004-2012 hezeshi.com All rights reserved.中国菏泽网",
            "《中国城市报》社有限公司版权所有,未经书面授权禁止使用",
            "广告",
            "上一篇:医院召开党风廉政建设会议",
            "版權所有 © 2023 台北市立聯合醫院",
            "（责编：王五、赵六）",
            "（責編：王五、趙六）",
            "責任編輯：李四",
            "審核：張三",
            "版權所有 © 2023 大眾網",
            "ＩＣＰ備09012531號",
            "瀏覽（123）",
            "首頁 ＞ 新聞中心 ＞ 正文",
            "（完）",
            "(圖/新華社)",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
    }

    #[test]
    fn keeps_body_sentences_that_mention_the_same_words() {
        for line in [
            "坚持党建引领",
            "医院鼓励职工积极在学习强国、灯塔—党建在线平台上自主学习。",
            "2022年,诸城市人民医院年门诊诊疗患者95万人次,出院69363人次。",
            "(一)贯彻落实党委领导下的院长负贵制。",
        ] {
            assert!(!is_boilerplate(line), "{line}");
        }
    }

    #[test]
    fn a_tag_list_after_the_body_ends_the_article() {
        let lines = owned(&[
            "诸城市人民医院坚持在党建引领下,凝心聚力,踔厉奋发,向着国内同级先进医院的目标阔步前进。",
            "标签:",
            "- 天坛医院联建诸城的背后",
            "广告",
            "- 浙江新增新冠肺炎确诊病例75例 其中本土74例",
        ]);
        assert_eq!(cut_link_lists(lines).len(), 1);
    }

    #[test]
    fn a_heading_that_starts_like_a_label_is_body() {
        let lines = owned(&[
            "医院扎实开展“党建+健康”先锋行动,坚持以高质量党建引领高质量发展,推动支部建在学科上。",
            "相关新闻发布会召开",
            "会上,医院通报了2023年门诊量、出院人次和群众满意度等情况,回答了记者提问。",
        ]);
        assert_eq!(cut_link_lists(lines).len(), 3);
    }

    #[test]
    fn a_hot_news_list_before_the_body_goes_alone() {
        let lines = owned(&[
            "热点新闻",
            "- 北京门头沟区推进灾后事故救援和理赔",
            "医院扎实开展“党建+健康”先锋行动,坚持以高质量党建引领高质量发展,推动支部建在学科上。",
        ]);
        assert_eq!(cut_link_lists(lines).len(), 1);
    }

    #[test]
    fn the_footer_run_is_trimmed_from_its_first_mark() {
        let lines = owned(&[
            "通过推行“三三四”党建工作新模式,提升了群众就医的满意度和获得感。",
            "责任编辑:",
            "荷泽新闻网",
            "联系方式:10613862#qq.com | 互联网信息服务许可证:37120180017",
            "网站备案号:鲁ICP备09012531号",
        ]);
        assert_eq!(trim_footer(lines.into_iter().map(line).collect()).len(), 1);
    }

    #[test]
    fn a_traditional_label_opens_a_link_list() {
        let lines = owned(&[
            "醫院扎實開展“黨建+健康”先鋒行動,堅持以高質量黨建引領高質量發展,推動支部建在學科上。",
            "相關新聞：",
            "- 天壇醫院聯建諸城的背後",
        ]);
        assert_eq!(cut_link_lists(lines).len(), 1);
    }

    #[test]
    fn every_table_is_written_in_the_folded_form() {
        let tables = [
            LINK_LIST_LABELS,
            WHOLE_LINES,
            OPENINGS,
            EDITOR_ROLES,
            VIEW_COUNTERS,
            FOOTER_MARKS,
        ];
        for word in tables.iter().flat_map(|t| t.iter()) {
            assert_eq!(&fold(word), word);
        }
        assert!(
            LINK_LIST_LABELS
                .iter()
                .all(|l| l.chars().count() < LINK_LIST_LABEL_CHARS)
        );
    }
}
