//! The hospital a report is about: a name, not a phrase that ends in 医院.
//!
//! A name is read backwards from its ending (医院, 卫生院, 保健院) and must have the shape of a
//! hospital's name: a place (诸城市, 北京, 山东省; see `places`) or an institution (山东大学,
//! 安徽中医药大学, 中国中医科学院), then an affiliation (附属, 第一附属), then a kind (人民,
//! 中医, 妇幼, 第六人民, 中心), a number (一一六) or a proper name (天坛, 齐鲁), each part
//! optional but the first. A phrase that ends in 医院 (党建引领医院, 加强医院, 很多医院) has no
//! such start and is no name; nor is a kind alone (市人民医院, 省中医院), which says no place.
//! When no name is found, none is guessed: the store then asks for `--hospital`.
//!
//! Text is read in the script fold (see `cjk::fold_script`), and the name is given in it:
//! a Traditional report and its Simplified copy are filed under one hospital.

use std::collections::HashMap;

use super::places::leading_places;
use crate::cjk::{fold_script, is_han};

/// Endings of hospital names.
pub(super) const HOSPITAL_ENDINGS: &[&str] = &["医院", "卫生院", "保健院"];

/// Kinds of hospital, longest first where one ends another.
#[rustfmt::skip]
const KINDS: &[&str] = &[
    "中西医结合", "妇幼保健", "妇女儿童", "精神卫生", "中医药", "传染病", "结核病", "职业病",
    "皮肤病", "红十字", "人民", "中医", "妇幼", "妇产", "儿童", "肿瘤", "精神", "口腔", "眼科",
    "胸科", "骨科", "康复", "老年", "中心", "工人", "职工", "铁路", "市立", "县立", "省立", "区立",
    "总", "中",
];

/// Endings of institutions a hospital belongs to, longest first.
const INSTITUTIONS: &[&str] = &["医科大学", "中医药大学", "大学", "医学院", "科学院"];

/// Characters that never open a proper name or an institution's name: function words and
/// the verbs that put 医院 at the end of a phrase (加强医院, 推动医院, 让医院).
#[rustfmt::skip]
const NOT_A_START: &[char] = &[
    '与', '及', '在', '对', '为', '将', '由', '向', '了', '的', '是', '到', '从', '以', '把', '被',
    '让', '使', '等', '或', '并', '于', '该', '本', '我', '其', '各', '全', '这', '那', '个', '家',
    '所', '和', '加', '推', '结', '促', '提', '抓', '做', '办', '管', '带', '引', '进', '给', '帮',
    '支', '走', '搞', '打', '创', '争', '很', '没', '有', '多', '好', '小', '每', '前', '至', '会',
    '后', '上', '下', '里', '内', '外', '院', '来', '去', '也', '都', '就', '还', '又', '已', '正',
];

/// Words that, between a place and 医院, name a kind of hospital, not one hospital
/// (浙江省公立医院, 诸城市三甲医院).
#[rustfmt::skip]
const GENERIC: &[&str] = &[
    "公立", "民营", "三甲", "三级", "二级", "一级", "定点", "基层", "乡镇", "县级", "市级", "省级",
    "综合", "专科", "各级", "现代", "智慧", "互联网", "示范", "托管", "协作", "帮扶", "城市",
    "数字", "平安", "绿色", "清廉", "廉洁", "成员", "上级", "大型", "重点", "公益", "百年", "医共体",
    "紧密型", "县域", "全市", "全县", "全省",
];

/// Chinese numerals, for 第六 and 一一六.
const NUMERALS: &str = "一二三四五六七八九十百零〇";

/// The longest name considered, in characters before the ending.
const NAME_CHARS: usize = 24;
/// The longest institution name before its ending, and a proper name, in characters.
const INSTITUTION_NAME_CHARS: usize = 6;
const PROPER_CHARS: usize = 5;
/// How many mentions are read: a very long input stays cheap.
const MAX_MENTIONS: usize = 2048;

/// Where a mention stands, and what it weighs: the title, the source and the lead name the
/// report's own institution more surely than the rest of the body does.
const TITLE_WEIGHT: usize = 3;
const SOURCE_WEIGHT: usize = 2;
const LEAD_WEIGHT: usize = 2;
const BODY_WEIGHT: usize = 1;
/// How many body lines make the lead, which names the report's own institution.
const LEAD_LINES: usize = 2;
/// A name mentioned once in passing is not the report's hospital for certain: it must be in
/// the title, the source or the lead, or be named twice.
const MIN_WEIGHT: usize = 2;

/// The hospital the report is about: of the names its title, source and body mention, the
/// one that weighs most (a mention in the title counts three, in the source or the lead two,
/// further in the body one), the first mentioned on a tie; none when no name weighs two.
pub(super) fn find_hospital<'a>(
    title: Option<&str>,
    source: Option<&str>,
    body: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let mut weights: HashMap<String, (usize, usize)> = HashMap::new();
    let mut order = 0;
    let mut reader = Reader::default();
    let mut count = |text: &str, weight: usize| {
        for name in reader.names_in(text) {
            let entry = weights.entry(name).or_insert((0, order));
            entry.0 += weight;
            order += 1;
        }
    };
    title.into_iter().for_each(|t| count(t, TITLE_WEIGHT));
    source.into_iter().for_each(|s| count(s, SOURCE_WEIGHT));
    for (n, line) in body.into_iter().take(MAX_MENTIONS).enumerate() {
        count(
            line,
            if n < LEAD_LINES {
                LEAD_WEIGHT
            } else {
                BODY_WEIGHT
            },
        );
    }
    weights
        .into_iter()
        .filter(|(_, (weight, _))| *weight >= MIN_WEIGHT)
        .max_by(|a, b| (a.1.0, b.1.1).cmp(&(b.1.0, a.1.1)))
        .map(|(name, _)| name)
}

/// Reads the hospital names in lines, remembering what each run of characters before an
/// ending was read as: a report names its own hospital again and again, and reading a run
/// tries every start in it.
#[derive(Default)]
struct Reader {
    /// A run and its ending, and the name read from them (`None`: no name).
    read: HashMap<(String, &'static str), Option<String>>,
}

impl Reader {
    /// Every hospital name in one line, in the script fold, in order.
    fn names_in(&mut self, line: &str) -> Vec<String> {
        let folded = fold_script(line);
        let mut names = Vec::new();
        for (end, _) in folded.match_indices('院') {
            let before = &folded[..end + '院'.len_utf8()];
            let Some(ending) = HOSPITAL_ENDINGS.iter().find(|e| before.ends_with(*e)) else {
                continue;
            };
            let stem = &before[..before.len() - ending.len()];
            let run_len: usize = stem
                .chars()
                .rev()
                .take_while(|&c| is_han(c))
                .take(NAME_CHARS)
                .map(char::len_utf8)
                .sum();
            let run = &stem[stem.len() - run_len..];
            let name = self
                .read
                .entry((run.to_string(), ending))
                .or_insert_with(|| name_in_run(run, ending));
            names.extend(name.clone());
        }
        names
    }
}

/// The name a run of Han characters before `ending` ends with: the longest part of the run
/// that reads as a name and opens with a place, else the longest that reads as a name
/// ("会联合浙江大学医学院附属第二" is 浙江大学…).
fn name_in_run(run: &str, ending: &str) -> Option<String> {
    let mut parses = run
        .char_indices()
        .map(|(start, _)| (start, &run[start..]))
        .filter(|&(start, body)| is_name(body, ending, start == 0))
        .map(|(_, body)| body);
    let first = parses.next();
    let placed = first
        .into_iter()
        .chain(parses)
        .find(|body| leading_place(body, ending, false).is_some());
    placed
        .or(first)
        .map(|name| format!("{}{ending}", drop_leading_places(name, ending)))
}

/// Whether `body` (what stands before `ending`) is a hospital's name. A township opens a
/// name only at the start of a run of Han characters (`run_start`), where nothing before it
/// could be a verb ("辗转至乡卫生院").
fn is_name(body: &str, ending: &str, run_start: bool) -> bool {
    after_places(body, ending, run_start, false, false)
}

/// Whether `rest` completes a name after the places read so far (`place`; `full_place` when
/// the last is a full name such as "长乐市", the only kind that stands before 医院 alone).
/// Every place `rest` opens with is tried, longest first: "菏泽市立" is 菏泽 and 市立.
fn after_places(rest: &str, ending: &str, town: bool, place: bool, full_place: bool) -> bool {
    for len in place_lengths(rest, ending, town || place) {
        let full = rest[..len].ends_with(['市', '县', '区', '省', '乡', '镇']);
        if after_places(&rest[len..], ending, town, true, full) {
            return true;
        }
    }
    let mut rest = rest;
    let mut institution = false;
    while let Some(len) = leading_institution(rest, place || institution) {
        rest = &rest[len..];
        institution = true;
    }
    if !(place || institution) {
        return false;
    }
    let (rest, affiliated) = strip_affiliation(rest);
    if rest.is_empty() {
        return full_place || institution || affiliated;
    }
    is_core(rest)
}

/// "山东省潍坊市人民" -> "潍坊市人民": a place before another place goes; a province before a
/// kind stays ("海南省中").
fn drop_leading_places<'a>(body: &'a str, ending: &str) -> &'a str {
    let mut body = body;
    while let Some(len) = leading_place(body, ending, true) {
        let rest = &body[len..];
        if leading_place(rest, ending, true).is_some() && is_name(rest, ending, true) {
            body = rest;
        } else {
            break;
        }
    }
    body
}

/// The lengths in bytes of the places `text` opens with, longest first; for a township
/// health centre (卫生院), also a township ("五横乡", "高邮镇").
fn place_lengths(text: &str, ending: &str, town: bool) -> Vec<usize> {
    let first_char = text.chars().next().map_or(0, char::len_utf8);
    let mut lengths: Vec<usize> = leading_places(text)
        // "中西" (Hong Kong's 中西区) is no place in "中西医结合".
        .filter(|&end| {
            end > first_char && !KINDS.iter().any(|k| k.len() > end && text.starts_with(k))
        })
        .collect();
    lengths.reverse();
    if lengths.is_empty() && town && ending == "卫生院" {
        let ends = text.char_indices().map(|(at, c)| at + c.len_utf8());
        lengths.extend(ends.skip(2).take(2).find(|&end| {
            text[..end].ends_with(['乡', '镇']) && !text[..end].contains(NOT_A_START)
        }));
    }
    lengths
}

/// The length in bytes of the longest place `text` opens with.
fn leading_place(text: &str, ending: &str, town: bool) -> Option<usize> {
    place_lengths(text, ending, town).first().copied()
}

/// The length in bytes of an institution `text` opens with ("山东大学" after its place,
/// "华中科技大学", "同济医学院"): a name of up to six characters (none after a place) and an
/// institution's ending.
fn leading_institution(text: &str, after_place: bool) -> Option<usize> {
    if text.starts_with(NOT_A_START) && !INSTITUTIONS.iter().any(|i| text.starts_with(i)) {
        return None;
    }
    let min = if after_place { 0 } else { 2 };
    text.char_indices()
        .map(|(at, _)| at)
        .chain([text.len()])
        .take(INSTITUTION_NAME_CHARS + 1)
        .skip(min)
        .find_map(|at| {
            INSTITUTIONS
                .iter()
                .find(|i| text[at..].starts_with(*i))
                .map(|i| at + i.len())
        })
}

/// "附属", "第一附属", "附属第一" before the kind: the text after it, and whether there was
/// one. A number before 附属 belongs to it ("第一附属医院").
fn strip_affiliation(text: &str) -> (&str, bool) {
    if let Some(rest) = text.strip_prefix("附属") {
        return (rest, true);
    }
    if let Some(number) = leading_number(text)
        && let Some(rest) = text[number..].strip_prefix("附属")
    {
        return (rest, true);
    }
    (text, false)
}

/// "第六", "第一", "一一六": the length in bytes of a number `text` opens with.
fn leading_number(text: &str) -> Option<usize> {
    let digits = text.strip_prefix('第').unwrap_or(text);
    let len: usize = digits
        .chars()
        .take_while(|&c| NUMERALS.contains(c) || c.is_ascii_digit())
        .map(char::len_utf8)
        .sum();
    let ordinal = digits.len() < text.len();
    let chars = digits[..len].chars().count();
    (len > 0 && (ordinal || chars >= 2)).then_some(text.len() - digits.len() + len)
}

/// What may stand between the place or institution and the ending: nothing, a kind, a
/// number with or without a kind ("第六人民"), or a proper name of two to five characters
/// ("天坛", "孙逸仙纪念").
fn is_core(text: &str) -> bool {
    if KINDS.contains(&text) {
        return true;
    }
    if let Some(len) = leading_number(text) {
        let rest = &text[len..];
        return rest.is_empty() || KINDS.contains(&rest);
    }
    let chars = text.chars().count();
    (2..=PROPER_CHARS).contains(&chars)
        && !text.starts_with(NOT_A_START)
        && !text.contains(['院', '的', '与', '及'])
        && !text.starts_with(['市', '县', '区', '省', '乡', '镇'])
        && !GENERIC.iter().any(|g| text.contains(g))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(lines: &[&str]) -> Option<String> {
        find_hospital(None, None, lines.iter().copied())
    }

    #[test]
    fn a_name_is_a_place_or_an_institution_then_a_kind() {
        for (text, name) in [
            ("诸城市人民医院召开会议", "诸城市人民医院"),
            ("北京天坛医院专家", "北京天坛医院"),
            (
                "日前，山西省大同市第六人民医院开展辅导",
                "大同市第六人民医院",
            ),
            ("海南省中医院赴三沙开展义诊", "海南省中医院"),
            (
                "安徽中医药大学第一附属医院召开会议",
                "安徽中医药大学第一附属医院",
            ),
            (
                "华中科技大学同济医学院附属协和医院",
                "华中科技大学同济医学院附属协和医院",
            ),
            ("兰州大学第二医院举办培训", "兰州大学第二医院"),
            ("中国中医科学院西苑医院", "中国中医科学院西苑医院"),
            ("安庆一一六医院", "安庆一一六医院"),
            ("长乐市医院", "长乐市医院"),
            ("五横乡卫生院开展体检", "五横乡卫生院"),
            ("常德市妇幼保健院", "常德市妇幼保健院"),
            ("菏泽市立医院", "菏泽市立医院"),
            ("長子縣中醫院舉辦活動", "长子县中医院"),
        ] {
            assert_eq!(find(&[text]).as_deref(), Some(name), "{text}");
        }
    }

    #[test]
    fn a_phrase_ending_in_hospital_is_no_name() {
        for text in [
            "以高质量党建引领医院高质量发展",
            "进一步加强医院管理",
            "坚持中西医结合医院建设",
            "增挂市传染病医院牌子",
            "很多医院都在推进改革",
            "没有医院愿意接收",
            "市里医院的专家",
            "推进公立医院改革。",
            "市人民医院召开会议",
            "平市紧急医疗救援中心挂靠医院",
            "浙江省公立医院",
            "重庆市公立医院",
        ] {
            assert_eq!(find(&[text]), None, "{text}");
        }
    }

    #[test]
    fn the_title_and_source_outweigh_a_hospital_the_body_names_more() {
        let body = [
            "日前，北京天坛医院神经外科与诸城市人民医院神经学科举办座谈会。",
            "北京天坛医院专家介绍了经验。",
        ];
        assert_eq!(
            find_hospital(Some("诸城市人民医院召开座谈会"), None, body).as_deref(),
            Some("诸城市人民医院")
        );
        assert_eq!(
            find_hospital(None, Some("诸城市人民医院"), body).as_deref(),
            Some("诸城市人民医院")
        );
        assert_eq!(find(&body).as_deref(), Some("北京天坛医院"));
    }

    #[test]
    fn every_table_is_written_in_the_folded_form() {
        for word in HOSPITAL_ENDINGS.iter().chain(KINDS).chain(INSTITUTIONS) {
            assert_eq!(&fold_script(word), word);
        }
        let chars: String = NOT_A_START.iter().collect();
        assert_eq!(fold_script(&chars), chars);
    }
}
