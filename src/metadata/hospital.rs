//! The hospital a report is about, from the hospital names its text mentions.
//!
//! The tables are written in Simplified script and read against the script fold of each
//! line (see `cjk::fold_script`), which keeps every byte offset: names are counted and
//! returned as written.

use std::collections::HashMap;

use crate::cjk::{fold_script, is_han};

/// Endings of hospital names.
pub(super) const HOSPITAL_ENDINGS: &[&str] = &["医院", "卫生院", "保健院"];
/// Characters that cannot be part of a hospital name: a name begins after them
/// ("与诸城市人民医院", "的北京天坛医院").
#[rustfmt::skip]
const NAME_BREAKS: &[char] = &[
    '与', '及', '在', '对', '为', '将', '由', '向', '了', '的', '是', '到', '从', '以', '把', '被',
    '让', '使', '等', '或', '并', '于', '该', '本', '我', '其', '各', '全', '这', '那', '个', '家',
    '所', '原', '共', '院',
];
/// Characters that end a place name inside a hospital name (诸城市, 定陶区, 山东省).
const PLACE_MARKERS: &[char] = &['省', '市', '县', '区', '州', '旗', '镇'];
/// Usual parts of hospital names besides places.
#[rustfmt::skip]
const NAME_PARTS: &[&str] = &[
    "人民", "中医", "中西医", "妇幼", "儿童", "附属", "第", "大学", "肿瘤", "精神", "口腔",
    "眼科", "胸科", "传染", "协和",
];
/// Words before 医院 that name a kind of hospital, not one hospital.
#[rustfmt::skip]
const GENERIC_KINDS: &[&str] = &[
    "公立", "现代", "智慧", "互联网", "专科", "综合", "三级", "二级", "一级", "定点", "基层",
    "民营", "清廉", "廉洁", "型", "示范", "百年", "县级", "市级", "省级", "公益", "重点", "上级",
    "乡镇", "各级", "大型", "成员", "托管", "协作", "帮扶", "城市", "数字", "平安", "绿色", "老",
];
/// The longest hospital name considered, in characters before the ending.
const NAME_PREFIX_CHARS: usize = 14;
/// The character every ending ends with.
const LAST_CHAR: char = '院';
/// How much text before a 院 is folded: the longest name and ending, and two characters more
/// so that the script fold reads the name's first characters in their context.
const WINDOW_CHARS: usize = NAME_PREFIX_CHARS + 3 + 2;
/// How many mentions are read: the report's own hospital is named early and often, and
/// reading a bounded number keeps a very long input cheap.
const MAX_MENTIONS: usize = 2048;
/// How many of the most mentioned names compete for the report's hospital.
const RANKED_NAMES: usize = 64;

/// The hospital the report is about: the name mentioned most, counting a shorter mention
/// ("第六人民医院") towards the full name it ends ("大同市第六人民医院"). A leading province
/// ("山西省") is dropped.
///
/// Where a name starts is read from the mentions themselves: the characters before
/// "人民医院" are extended leftwards while most mentions agree on them, never across a
/// function word (与, 在, 的 …) and never past a place name (诸城市, 大同市).
pub(super) fn find_hospital<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut mentions: Vec<Mention<'a>> = Vec::new();
    for line in lines {
        if mentions.len() >= MAX_MENTIONS {
            break;
        }
        // Every ending ends in 院, which both scripts write alike: only the text just before
        // each 院 is folded, so a long report costs one scan.
        for (end, last) in line.match_indices(LAST_CHAR) {
            let end = end + last.len();
            let window_start = line[..end]
                .char_indices()
                .rev()
                .nth(WINDOW_CHARS - 1)
                .map_or(0, |(at, _)| at);
            let window = fold_script(&line[window_start..end]);
            let Some(ending) = HOSPITAL_ENDINGS.iter().find(|e| window.ends_with(*e)) else {
                continue;
            };
            let at = window.len() - ending.len();
            let run = drop_province(han_run_before(&window[..at]));
            if run.chars().count() >= 2 {
                let at = window_start + at;
                mentions.push(Mention {
                    run: &line[at - run.len()..at],
                    folded: run.to_string(),
                    ending: &line[at..end],
                });
            }
        }
    }
    // How many runs end with each string, and how many are exactly it.
    let mut ending_with: HashMap<&str, (usize, usize)> = HashMap::new();
    for Mention { run, .. } in &mentions {
        for (at, _) in run.char_indices() {
            ending_with.entry(&run[at..]).or_default().0 += 1;
        }
        ending_with.entry(run).or_default().1 += 1;
    }
    let mut names: HashMap<String, usize> = HashMap::new();
    for mention in &mentions {
        if let Some(start) = name_in_run(mention, &ending_with)
            && !GENERIC_KINDS
                .iter()
                .any(|g| mention.folded[start..].ends_with(g))
        {
            let name = format!("{}{}", &mention.run[start..], mention.ending);
            *names.entry(name).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&String, usize)> = names.iter().map(|(n, c)| (n, *c)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    ranked
        .iter()
        .take(RANKED_NAMES)
        .map(|(name, _)| {
            let grouped: usize = name
                .char_indices()
                .filter_map(|(at, _)| names.get(&name[at..]))
                .sum();
            // A name with a place or a usual name part is more likely a real hospital.
            let folded = fold_script(name);
            let named =
                folded.contains(PLACE_MARKERS) || NAME_PARTS.iter().any(|p| folded.contains(p));
            (grouped, named, name.chars().count(), *name)
        })
        .max_by(|a, b| {
            (a.0, a.1, a.2)
                .cmp(&(b.0, b.1, b.2))
                .then_with(|| b.3.cmp(a.3))
        })
        .map(|(_, _, _, name)| name.clone())
}

/// One mention of a hospital: the Han run before its ending (province dropped: "大同市第六人民"
/// for 医院), as written and in the script fold, and the ending as written.
struct Mention<'a> {
    run: &'a str,
    folded: String,
    ending: &'a str,
}

/// The Han characters just before a hospital ending (at most [`NAME_PREFIX_CHARS`]).
fn han_run_before(before: &str) -> &str {
    let mut start = before.len();
    for (n, (at, c)) in before.char_indices().rev().enumerate() {
        if !is_han(c) || n == NAME_PREFIX_CHARS {
            break;
        }
        start = at;
    }
    &before[start..]
}

/// Where the name starts in one mention's run (a byte offset): two characters before the
/// ending, extended leftwards while the mentions agree, up to a function word or the start of
/// a place name. Mentions are counted as written; the tables read the fold.
fn name_in_run(
    mention: &Mention<'_>,
    ending_with: &HashMap<&str, (usize, usize)>,
) -> Option<usize> {
    let (run, folded) = (mention.run, mention.folded.as_str());
    let starts: Vec<usize> = run.char_indices().map(|(at, _)| at).collect();
    let mut n = starts.len().checked_sub(2)?;
    let last = folded[starts[n]..].chars().next_back()?;
    if NAME_BREAKS.contains(&last) || folded[starts[n]..].starts_with(NAME_BREAKS) {
        return None;
    }
    while n > 0 {
        let (current, wider) = (&run[starts[n]..], &run[starts[n - 1]..]);
        let folded_current = &folded[starts[n]..];
        let Some(c) = folded[starts[n - 1]..].chars().next() else {
            break;
        };
        let place_done = folded_current
            .find(PLACE_MARKERS)
            .is_some_and(|at| folded_current[..at].chars().count() >= 2);
        let (count, terminal) = ending_with.get(current).copied().unwrap_or_default();
        let (wider_count, _) = ending_with.get(wider).copied().unwrap_or_default();
        // Widen when most mentions agree on the wider name, or when a place name lies ahead
        // in this mention ("长治市人民医院" named once).
        let agreed = wider_count >= 2 && wider_count * 2 >= count - terminal;
        let place_ahead =
            folded[..starts[n]].contains(PLACE_MARKERS) || folded_current.contains(PLACE_MARKERS);
        if NAME_BREAKS.contains(&c) || place_done || !(agreed || place_ahead) {
            break;
        }
        n -= 1;
    }
    Some(starts[n])
}

/// "山西省大同市第六人民" -> "大同市第六人民"; a province alone before a generic name stays
/// ("山西省人民医院").
fn drop_province(prefix: &str) -> &str {
    for marker in ["自治区", "省"] {
        if let Some(at) = prefix.find(marker) {
            let rest = &prefix[at + marker.len()..];
            let head = prefix[..at].chars().count();
            if (2..=6).contains(&head) && rest.contains(['市', '县', '区', '州', '盟', '旗'])
            {
                return rest;
            }
        }
    }
    prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_hospital_the_report_is_about() {
        let text = [
            "天坛医院联建诸城的背后",
            "日前,北京天坛医院神经外科与诸城市人民医院神经学科举办了党建联建交流座谈会。",
            "诸城市人民医院大力实施“人才强院”战略。",
            "诸城人民医院“崇医尚德,大爱为民”的党建品牌。",
        ];
        assert_eq!(find_hospital(text).as_deref(), Some("诸城市人民医院"));
        let text = [
            "山西省大同市第六人民医院开展未成年人心理健康辅导。",
            "第六人民医院坚持把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务。",
            "和北京大学第六医院建立合作关系,持续推进清廉医院建设。",
        ];
        assert_eq!(find_hospital(text).as_deref(), Some("大同市第六人民医院"));
        assert_eq!(find_hospital(["推进公立医院改革。"]), None);
    }

    #[test]
    fn a_traditional_report_names_its_hospital_as_written() {
        let text = [
            "日前,北京天壇醫院神經外科與諸城市人民醫院神經學科舉辦了黨建聯建交流座談會。",
            "諸城市人民醫院大力實施“人才強院”戰略。",
            "推進公立醫院改革。",
        ];
        assert_eq!(find_hospital(text).as_deref(), Some("諸城市人民醫院"));
    }

    #[test]
    fn every_table_is_written_in_the_folded_form() {
        let words = HOSPITAL_ENDINGS
            .iter()
            .chain(NAME_PARTS)
            .chain(GENERIC_KINDS);
        for word in words {
            assert_eq!(&fold_script(word), word);
        }
        let chars: String = NAME_BREAKS.iter().chain(PLACE_MARKERS).collect();
        assert_eq!(fold_script(&chars), chars);
        for ending in HOSPITAL_ENDINGS {
            assert!(ending.ends_with(LAST_CHAR));
            assert!(ending.chars().count() <= 3);
        }
    }
}
