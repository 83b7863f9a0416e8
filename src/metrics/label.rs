//! The label of a figure: what it counts, as written.
//!
//! A measure's label stands before it ("门诊量达到42.15万人次" -> 门诊量), a classifier's after it
//! ("创建8个市级临床重点专科" -> 市级临床重点专科). Words that are not the thing counted (times,
//! the hospital's name, linking verbs) are trimmed off.

use std::sync::LazyLock;

use super::figure::Figure;
use super::fold::{Words, begins, is_clause_break, slice};
use super::from_to::CHANGE_VERBS;
use super::mentions::mention_at;
use super::number::{is_digit, starts_with};
use super::subject::{inside_institution, is_hospital_class};
use super::units::UnitKind;
use crate::cjk::is_han;

// Word lists are laid out by hand (`rustfmt::skip`): one entry per line would triple them.
// They are written in the folded form (see `cjk::fold`), as the sentences they are read in.

/// Linking words between a label and its number ("达到", "共计"); the verbs of change
/// ("提升到", "缩短至", see `from_to`) link them too.
#[rustfmt::skip]
const LINKS: &[&str] = &[
    "提前", "达到了", "高达", "多达", "共计", "总计", "累计", "合计", "分别", "先后", "仅用",
    "达", "为", "是", "共", "约", "有", "已", "了", "的", "就", "都", "均", "仅", "再", "等",
    "计", "以", "每年", "全年", "年均", "同比", "连续",
];

/// Leading words that are not the thing counted: times, connectives, adverbs.
#[rustfmt::skip]
const LEADS: &[&str] = &[
    "共有", "现有", "拥有", "今年以来", "截至目前", "近年来", "今年", "去年", "同年", "当年",
    "上半年", "下半年", "年初", "年底", "以来", "目前", "其中", "同时", "此外", "另外", "再到",
    "累计", "先后", "相继", "全年", "每年", "我院", "全院", "本院", "医院", "医护人员",
    "医务人员", "工作人员", "党员干部", "并", "还", "共", "已", "年", "起", "后", "的", "了",
    "和", "及", "与", "使", "对", "有",
];

/// Words that start with a leading word but are nouns themselves (`使用率` is no `使` + `用率`).
const NOT_LEADS: &[&str] = &[
    "使用", "共享", "对口", "对外", "后勤", "并发", "起搏", "及时", "有效", "有关", "有偿",
];

/// Characters that turn a verb into a noun when they follow it (`覆盖率`, `服务量`, `接待量`):
/// such a verb is part of the label, not the act before it.
const NOUN_ENDINGS: &[char] = &['率', '量', '面', '数', '度'];

/// Verbs before the thing counted: the label is what follows the last of them.
#[rustfmt::skip]
const VERBS: &[&str] = &[
    "柔性引进", "开展", "完成", "接待", "服务", "发放", "组织", "创建", "引进", "建成", "建立",
    "拥有", "设置", "增设", "增加", "增划", "新增", "收录", "举办", "承办", "派出", "抽调",
    "救治", "实施", "成立", "荣获", "获得", "惠及", "覆盖", "帮扶", "捐赠", "投入", "走访",
    "筛查", "发展", "现有", "共有", "录取", "招聘", "选派", "下派", "接收", "评选", "表彰",
    "下设",
];

/// Time words after `个`: `三个季度`, `两个月` count time, not things.
const SPANS_OF_TIME: &[&str] = &["季度", "月", "年", "星期", "小时", "工作日"];

/// Words after a classifier's label that end it ("职工观看…", "学科被评为…").
#[rustfmt::skip]
const STOPS: &[&str] = &[
    "观看", "参观", "进行", "开展", "荣获", "获得", "参加", "加入", "要求", "担任", "每人", "结对",
    "当选", "入围", "实施", "完成", "成为", "组成", "组建", "以及", "共同", "通过", "实现", "达到",
    "开通", "上线", "提供", "接受", "签约", "定期", "先后", "分别", "陆续", "正式", "荣膺", "作为",
    "入选", "受到", "得到", "纳入", "承担", "落户", "设有", "投入", "覆盖", "参与", "来院", "火线",
    "全部", "今后", "继续", "其中", "被", "赴", "向", "到", "在", "和", "与", "及", "为", "是",
    "均", "都", "已", "将", "对", "于", "从", "由", "的", "获", "起", "后", "重获",
];

/// Movement verbs after a count of times: "张斌共7次来院" counts visits by someone named
/// before, which no label names safely.
const VISITS: &[&str] = &["来院", "到", "赴", "前往", "深入", "走进", "下乡", "进驻"];

/// Award verbs after a classifier: the label is the title awarded ("六届荣获“全国文明单位”").
const AWARDS: &[&str] = &["荣获", "被评为", "获评", "被授予", "荣膺"];

/// People nouns: a classifier's label ends after the first of them ("同志火线入党" -> 同志).
#[rustfmt::skip]
const PEOPLE: &[&str] = &[
    "党员干部", "干部职工", "医务人员", "医护人员", "工作人员", "专家教授", "大学生", "研究生",
    "本科生", "医学生", "同志", "干部", "职工", "员工", "人员", "学生", "教授", "专家", "医生",
    "护士", "群众",
];

static STOP_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(STOPS));
static PEOPLE_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(PEOPLE));
static VERB_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(VERBS));

/// A label longer than this is a clause, not a name.
pub(super) const MAX_LABEL_CHARS: usize = 16;

/// How far back a label is looked for: a longer clause is cut to its tail (where the
/// label stands) so that the work per figure is bounded.
const BEFORE_WINDOW: usize = 48;

/// How far ahead a classifier's label is looked for: anything longer is not a label.
const AFTER_WINDOW: usize = MAX_LABEL_CHARS + 8;

/// A classifier's label found before it is a short noun ("停车位36个"); longer is a clause.
const MAX_CLASSIFIER_BEFORE_CHARS: usize = 10;

/// The label of `figure`; `floor` is where the previous figure ended (a label never reaches
/// back past it). Empty when nothing names what is counted. `by_population` says the
/// sentence counts by population (see `subject`), so that a bare `医院` in it is a subject.
pub fn label(chars: &[char], figure: &Figure, floor: usize, by_population: bool) -> String {
    let anchor = figure.from_marker.unwrap_or(figure.start);
    let before = || before_label(chars, anchor, floor, by_population);
    let after = || after_label(chars, figure.end);
    let short_before = || {
        Some(before())
            .filter(|l| l.chars().count() <= MAX_CLASSIFIER_BEFORE_CHARS)
            .unwrap_or_default()
    };
    // "一支48人的核酸检测医疗队": a number joined by 的 describes the noun after it.
    let described = chars.get(figure.end) == Some(&'的') && figure.unit != "%";
    let label = if figure.from_marker.is_some() || (figure.kind == UnitKind::Measure && !described)
    {
        if figure.kind == UnitKind::Measure
            && VISITS.iter().any(|v| starts_with(&chars[figure.end..], v))
        {
            return String::new();
        }
        let before = before();
        // "患者实施16次电除颤": a label that ends in a verb names the doer; the act follows.
        let ends_in_verb = VERBS.iter().any(|v| before.ends_with(v));
        match after() {
            after if ends_in_verb && !after.is_empty() => after,
            _ if !before.is_empty() => before,
            // "3天转移3000余群众": a span of days names nothing after it.
            _ if figure.unit == "天" => String::new(),
            after => after,
        }
    } else if figure.unit == "个"
        && SPANS_OF_TIME
            .iter()
            .any(|w| starts_with(&chars[figure.end..], w))
    {
        return String::new();
    } else {
        Some(after())
            .filter(|l| !l.is_empty())
            .unwrap_or_else(short_before)
    };
    if label.is_empty() && figure.unit == "分" {
        return score_label(chars, figure.start, floor).unwrap_or_default();
    }
    if label.chars().count() > MAX_LABEL_CHARS {
        String::new()
    } else {
        label
    }
}

/// The label written before position `anchor`; `by_population` as for [`label`].
pub(super) fn before_label(
    chars: &[char],
    anchor: usize,
    floor: usize,
    by_population: bool,
) -> String {
    let start = clause_start(chars, anchor, floor);
    let mut text: Vec<char> = chars[start..anchor].to_vec();
    // `其中医院卫生技术人员`: a population named after `其中` is a part of the whole, a subject.
    let mut subset = false;
    loop {
        let len = text.len();
        strip_suffixes(&mut text, CHANGE_VERBS.iter().chain(LINKS));
        strip_leading_time(&mut text);
        subset |= starts_with(&text, "其中");
        strip_leads(&mut text, by_population || subset);
        drop_hospital_name(&mut text);
        if text.len() == len {
            break;
        }
    }
    if let Some(end) = VERB_WORDS
        .iter()
        .filter_map(|v| last_act(&text, v))
        .max()
        .filter(|&end| end < text.len())
    {
        text.drain(..end);
        strip_prefixes(&mut text, &["了"]);
    }
    let lead = text
        .iter()
        .take_while(|&&c| !is_han(c) && !c.is_ascii_alphanumeric())
        .count();
    text.drain(..lead);
    text.into_iter().collect()
}

/// Where the clause that ends at `anchor` starts (not before `floor`, nor further back than
/// the window). A short aside in brackets right after a population (`社区卫生服务中心(站)`)
/// belongs to the clause.
fn clause_start(chars: &[char], anchor: usize, floor: usize) -> usize {
    let window = anchor.saturating_sub(BEFORE_WINDOW).max(floor);
    let mut start = anchor;
    while start > window {
        let c = chars[start - 1];
        if c == ')'
            && let Some(open) = (window..start - 1).rev().take(6).find(|&p| chars[p] == '(')
            && !chars[open + 1..start - 1]
                .iter()
                .any(|&c| is_clause_break(c))
            && ends_with_institution(&chars[window..open])
        {
            start = open;
            continue;
        }
        if is_clause_break(c) {
            break;
        }
        start -= 1;
    }
    start
}

/// The end of the last act `verb` in `text` (where the label after it starts), unless the
/// verb is part of a noun there: inside a population word (`社区卫生服务中心`) or turned into
/// a noun by what follows (`覆盖率`, `服务量`).
fn last_act(text: &[char], verb: &[char]) -> Option<usize> {
    let n = verb.len();
    (0..text.len()).rev().find_map(|p| {
        let end = p + n;
        (begins(&text[p..], verb)
            && !inside_institution(text, end)
            && !text.get(end).is_some_and(|c| NOUN_ENDINGS.contains(c)))
        .then_some(end)
    })
}

/// Strips leading words that are not the thing counted; `医院` stays when it is a subject
/// (`keep_hospital`), and a noun that starts like a leading word (`使用率`) stays whole.
fn strip_leads(text: &mut Vec<char>, keep_hospital: bool) {
    while let Some(w) = LEADS.iter().find(|w| starts_with(text, w)) {
        if NOT_LEADS.iter().any(|n| starts_with(text, n)) || (keep_hospital && *w == "医院") {
            return;
        }
        text.drain(..w.chars().count());
    }
}

/// Drops one hospital's name before what is counted (`大同市第六人民医院门诊量` -> 门诊量); a
/// class of hospitals (`公立医院诊疗`) stays, as its subject.
fn drop_hospital_name(text: &mut Vec<char>) {
    if let Some(p) = find_last(text, "医院").filter(|&p| p + 2 < text.len())
        && !is_hospital_class(&text[..p])
    {
        text.drain(..p + 2);
    }
}

/// Whether `text` ends with a population of institutions (`社区卫生服务中心`).
fn ends_with_institution(text: &[char]) -> bool {
    let n = text.len();
    n > 0 && super::subject::subject_len(text) == n
}

/// The label written after position `end` (a classifier's noun).
fn after_label(chars: &[char], end: usize) -> String {
    if let Some(title) = award_title(chars, end) {
        return title;
    }
    let window = &chars[end..chars.len().min(end + AFTER_WINDOW)];
    let stop = window
        .iter()
        .position(|&c| c != '、' && is_clause_break(c))
        .map_or(end + window.len(), |p| end + p);
    let mut text: &[char] = &chars[end..stop];
    if text.first() == Some(&'的') {
        text = &text[1..];
    } else if let Some(p) = text.iter().take(9).position(|&c| c == '的') {
        // "3场高水平、高规格的学术交流活动": a list of qualities, then the noun.
        if text[..p].contains(&'、') {
            text = &text[p + 1..];
        }
    }
    let mut cut = text
        .iter()
        .position(|&c| c == '、' || is_digit(c))
        .unwrap_or(text.len());
    // The earliest stop of all is where the first of them starts.
    if let Some(p) = STOP_WORDS.first_in(text) {
        cut = cut.min(p);
    }
    if let Some(p) = first_match(text, &PEOPLE_WORDS) {
        cut = cut.min(p);
    }
    let text = &text[..cut];
    if text
        .first()
        .is_some_and(|&c| !is_han(c) && !c.is_ascii_alphabetic())
    {
        return String::new();
    }
    slice(text, 0, text.len())
}

/// "连续六届荣获“全国文明单位”": the title after an award verb.
fn award_title(chars: &[char], end: usize) -> Option<String> {
    let verb = AWARDS.iter().find(|w| starts_with(&chars[end..], w))?;
    let mut start = end + verb.chars().count();
    if matches!(chars.get(start), Some('“' | '"' | '「')) {
        start += 1;
    }
    let len = chars[start..]
        .iter()
        .take_while(|&&c| !is_clause_break(c))
        .count();
    (len > 0).then(|| slice(chars, start, start + len))
}

/// The end of the first people noun in `text`, taking the list's order as priority.
fn first_match(text: &[char], words: &Words) -> Option<usize> {
    words.iter().find_map(|w| {
        (0..text.len())
            .find(|&p| begins(&text[p..], w))
            .map(|p| p + w.len())
    })
}

fn find_last(text: &[char], word: &str) -> Option<usize> {
    (0..text.len())
        .rev()
        .find(|&p| starts_with(&text[p..], word))
}

/// Strips the words `text` ends with, the first that fits each time (longer words first).
fn strip_suffixes<'a>(text: &mut Vec<char>, words: impl Iterator<Item = &'a &'a str> + Clone) {
    while let Some(w) = words.clone().find(|w| {
        let n = w.chars().count();
        text.len() >= n && starts_with(&text[text.len() - n..], w)
    }) {
        text.truncate(text.len() - w.chars().count());
    }
}

fn strip_prefixes(text: &mut Vec<char>, words: &[&str]) {
    while let Some(w) = words.iter().find(|w| starts_with(text, w)) {
        text.drain(..w.chars().count());
    }
}

/// Drops a leading period or date (`2024年`, `二〇二三年`, `2023年第四季度`, `2022年1-8月`,
/// `2023年7月14日`, `8月`, `2018年度`).
fn strip_leading_time(text: &mut Vec<char>) {
    while !text.is_empty()
        && let Some((_, n)) = mention_at(text, 0, None, true).filter(|&(_, n)| n > 0)
    {
        text.drain(..n.min(text.len()));
    }
    loop {
        let digits = text.iter().take_while(|&&c| is_digit(c)).count();
        if digits == 0 {
            return;
        }
        let n = match text.get(digits) {
            Some('年') if text.get(digits + 1) == Some(&'度') => digits + 2,
            Some('年' | '月' | '日' | '号') => digits + 1,
            _ => return,
        };
        text.drain(..n);
    }
}

/// Evaluations a score is given in.
const EVALUATIONS: &[&str] = &["考核", "评价", "测评", "评审", "评估", "考评", "评比"];

/// The label of a score written as `以615.14分获全省第二`: the evaluation the sentence names
/// before it, with what is evaluated (`2018年度绩效评价结果,我院以615.14分` -> 绩效评价得分).
fn score_label(chars: &[char], start: usize, floor: usize) -> Option<String> {
    if start == 0 || chars[start - 1] != '以' {
        return None;
    }
    let window = start.saturating_sub(BEFORE_WINDOW).max(floor);
    let (at, word) = (window..start).rev().find_map(|p| {
        EVALUATIONS
            .iter()
            .find(|w| starts_with(&chars[p..], w))
            .map(|w| (p, *w))
    })?;
    if chars[at..start]
        .iter()
        .any(|&c| super::fold::is_hard_break(c))
    {
        return None;
    }
    // The run of Han text that ends with the evaluation ("绩效评价工作评价"), named by its
    // first evaluation word and what comes before it (绩效评价).
    let back = chars[at.saturating_sub(8)..at]
        .iter()
        .rev()
        .take_while(|&&c| is_han(c) && !matches!(c, '年' | '度' | '的'))
        .count();
    let run_start = at - back;
    let end = (run_start..=at)
        .find_map(|p| {
            EVALUATIONS
                .iter()
                .find(|w| starts_with(&chars[p..], w))
                .map(|w| p + w.chars().count())
        })
        .unwrap_or(at + word.chars().count());
    Some(format!("{}得分", slice(chars, run_start, end)))
}

#[cfg(test)]
mod tests {
    use super::super::figures_of as find;
    use super::super::fold::fold;
    use super::*;

    /// The labels of every figure in a sentence.
    fn labels(sentence: &str) -> Vec<String> {
        let chars = fold(sentence);
        let by_population = super::super::subject::counts_by_population(&chars);
        let mut floor = 0;
        find(&chars)
            .iter()
            .map(|f| {
                let l = label(&chars, f, floor, by_population);
                floor = f.end;
                l
            })
            .collect()
    }

    #[test]
    fn a_measure_is_named_before_it() {
        assert_eq!(labels("2024年门诊量达到42.15万人次"), ["门诊量"]);
        assert_eq!(labels("出院69363人次"), ["出院"]);
        assert_eq!(labels("群众就医满意度提升到99.39%"), ["群众就医满意度"]);
        assert_eq!(
            labels("检查结果互认2861次、检验结果互认3796次"),
            ["检查结果互认", "检验结果互认"]
        );
        assert_eq!(
            labels("2022年,诸城市人民医院年门诊诊疗患者95万人次"),
            ["门诊诊疗患者"]
        );
        assert_eq!(labels("个体面询共接待来访者1000余人次"), ["来访者"]);
        assert_eq!(labels("回访率达100%"), ["回访率"]);
        assert_eq!(labels("医院共有在职职工1,200人"), ["在职职工"]);
        assert_eq!(
            labels("卫生技术人员1248.8万人,其中医院卫生技术人员772.3万人"),
            ["卫生技术人员", "医院卫生技术人员"]
        );
        assert_eq!(labels("全院有门急诊人次120万人次"), ["门急诊人次"]);
        assert_eq!(labels("有效投诉12件"), ["有效投诉"]);
    }

    #[test]
    fn a_classifier_is_named_after_it() {
        assert_eq!(
            labels("创建8个市级临床重点专科(心血管内科)"),
            ["市级临床重点专科"]
        );
        assert_eq!(labels("2024年,组织120名职工观看警示教育片"), ["职工"]);
        assert_eq!(labels("共到38个村(社区)开展义诊活动"), ["村"]);
        assert_eq!(
            labels("迅速组建了一支48人的核酸检测医疗队"),
            ["核酸检测医疗队"]
        );
        assert_eq!(
            labels("连续承办了3场高水平、高规格的学术交流活动"),
            ["学术交流活动"]
        );
        assert_eq!(labels("6名同志火线入党"), ["同志"]);
    }

    #[test]
    fn a_list_shares_its_context() {
        assert_eq!(
            labels("对1个先进基层党组织、5名优秀党务工作者、10名优秀共产党员进行通报表彰"),
            ["先进基层党组织", "优秀党务工作者", "优秀共产党员"]
        );
    }

    #[test]
    fn a_classifier_with_nothing_after_is_named_before_it() {
        assert_eq!(
            labels("增加方便门诊2个,增划停车位36个"),
            ["方便门诊", "停车位"]
        );
        assert_eq!(labels("发放健康宣传资料6000余份。"), ["健康宣传资料"]);
    }

    #[test]
    fn from_to_takes_the_label_before_the_phrase() {
        assert_eq!(
            labels("医保电子凭证使用率由原来的26.3%增加到52.5%"),
            ["医保电子凭证使用率"]
        );
        assert_eq!(labels("调整,由18个党支部调整为23个党支部"), ["党支部"]);
    }

    #[test]
    fn nothing_to_name_gives_an_empty_label() {
        assert_eq!(labels("仅用2分钟;"), [""]);
        assert_eq!(labels("3天转移3000余群众"), [""]);
        assert_eq!(labels("连续三个季度位列前3名"), [""]);
        assert_eq!(labels("提前15天实现首季开门红"), [""]);
        assert_eq!(labels("特聘教授赵靖平、张斌共7次来院进行学术讲座"), [""]);
    }

    #[test]
    fn a_score_is_named_by_its_evaluation() {
        assert_eq!(
            labels("2019年公布2018年度绩效评价结果,我院以615.14分获全省第二"),
            ["绩效评价得分"]
        );
        assert_eq!(
            labels("2018年度绩效评价工作评价结果,我院以615.14分获全省第二"),
            ["绩效评价得分"]
        );
        assert_eq!(labels("我院以98分获评"), [""]);
    }

    #[test]
    fn a_doer_before_a_verb_is_not_the_label() {
        assert_eq!(
            labels("对骑跨型肺栓塞患者实施16次电除颤重获新生"),
            ["电除颤"]
        );
    }

    #[test]
    fn a_verb_of_change_is_not_part_of_the_label() {
        assert_eq!(labels("平均住院日缩短至8天"), ["平均住院日"]);
        assert_eq!(labels("门诊量提升到45.3万人次"), ["门诊量"]);
    }

    #[test]
    fn a_class_of_hospitals_stays_and_a_name_goes() {
        assert_eq!(
            labels("公立医院诊疗176.43万人次;民营医院诊疗44.80万人次"),
            ["公立医院诊疗", "民营医院诊疗"]
        );
        assert_eq!(
            labels("其中:医院诊疗221.23万人次;基层医疗卫生机构诊疗316.71万人次"),
            ["医院诊疗", "基层医疗卫生机构诊疗"]
        );
        assert_eq!(labels("医院共有在职职工1,200人"), ["在职职工"]);
        assert_eq!(
            labels("卫生技术人员1248.8万人,其中医院卫生技术人员772.3万人"),
            ["卫生技术人员", "医院卫生技术人员"]
        );
        assert_eq!(labels("大同市第六人民医院门诊量42万人次"), ["门诊量"]);
    }

    #[test]
    fn a_short_aside_stays_in_the_label() {
        assert_eq!(
            labels("社区卫生服务中心(站)诊疗25.58万人次,卫生院诊疗88.46万人次"),
            ["社区卫生服务中心(站)诊疗", "卫生院诊疗"]
        );
        assert_eq!(labels("(不含诊所)诊疗9.6亿人次"), ["诊疗"]);
    }

    #[test]
    fn a_leading_period_is_not_part_of_the_label() {
        assert_eq!(labels("二〇二三年门诊量42万人次"), ["门诊量"]);
        assert_eq!(labels("2023年第四季度全市诊疗552万人次"), ["全市诊疗"]);
        assert_eq!(labels("2022年1-8月全国诊疗43亿人次"), ["全国诊疗"]);
    }

    #[test]
    fn a_noun_that_starts_like_a_verb_or_a_lead_is_kept() {
        assert_eq!(labels("医保使用率达到百分之二点四"), ["医保使用率"]);
        assert_eq!(labels("使用率达到52.5%"), ["使用率"]);
        assert_eq!(labels("家庭医生签约覆盖率达到76%"), ["家庭医生签约覆盖率"]);
    }

    #[test]
    fn every_word_is_written_in_the_folded_form() {
        let tables = [
            LINKS,
            LEADS,
            VERBS,
            STOPS,
            VISITS,
            AWARDS,
            PEOPLE,
            NOT_LEADS,
            SPANS_OF_TIME,
            EVALUATIONS,
        ];
        for word in tables.iter().flat_map(|t| t.iter()) {
            assert_eq!(&crate::cjk::fold(word), word);
        }
    }
}
