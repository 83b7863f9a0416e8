//! The hospital a report is about, from the hospital names its text mentions.

use std::collections::HashMap;

use crate::cjk::is_han;

/// Endings of hospital names.
const HOSPITAL_ENDINGS: &[&str] = &["医院", "醫院", "卫生院", "衛生院", "保健院"];
/// Characters that cannot be part of a hospital name: a name begins after them
/// ("与诸城市人民医院", "的北京天坛医院").
const NAME_BREAKS: &[char] = &[
    '与', '與', '及', '在', '对', '對', '为', '為', '将', '將', '由', '向', '了', '的', '是', '到',
    '从', '從', '以', '把', '被', '让', '使', '等', '或', '并', '於', '于', '该', '該', '本', '我',
    '其', '各', '全', '这', '這', '那', '个', '個', '家', '所', '原', '共', '院',
];
/// Characters that end a place name inside a hospital name (诸城市, 定陶区, 山东省).
const PLACE_MARKERS: &[char] = &['省', '市', '县', '縣', '区', '區', '州', '旗', '镇', '鎮'];
/// Usual parts of hospital names besides places.
#[rustfmt::skip]
const NAME_PARTS: &[&str] = &[
    "人民", "中医", "中西医", "妇幼", "婦幼", "儿童", "兒童", "附属", "附屬", "第", "大学",
    "大學", "肿瘤", "腫瘤", "精神", "口腔", "眼科", "胸科", "传染", "协和", "協和",
];
/// Words before 医院 that name a kind of hospital, not one hospital.
#[rustfmt::skip]
const GENERIC_KINDS: &[&str] = &[
    "公立", "现代", "現代", "智慧", "互联网", "互聯網", "专科", "專科", "综合", "綜合", "三级",
    "二级", "一级", "三級", "二級", "定点", "基层", "民营", "清廉", "廉洁", "型",
    "示范", "百年", "县级", "市级", "省级", "公益", "重点", "上级", "乡镇", "鄉鎮", "各级",
    "大型", "成员", "托管", "协作", "帮扶", "城市", "数字", "平安", "绿色", "老",
];
/// The longest hospital name considered, in characters before the ending.
const NAME_PREFIX_CHARS: usize = 14;
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
pub fn find_hospital<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<String> {
    // The Han run before each ending, province dropped: "大同市第六人民" for 医院.
    let mut mentions: Vec<(&str, &str)> = Vec::new();
    for line in lines {
        if mentions.len() >= MAX_MENTIONS {
            break;
        }
        for ending in HOSPITAL_ENDINGS {
            for (at, _) in line.match_indices(ending) {
                let run = drop_province(han_run_before(&line[..at]));
                if run.chars().count() >= 2 {
                    mentions.push((run, ending));
                }
            }
        }
    }
    // How many runs end with each string, and how many are exactly it.
    let mut ending_with: HashMap<&str, (usize, usize)> = HashMap::new();
    for (run, _) in &mentions {
        for (at, _) in run.char_indices() {
            ending_with.entry(&run[at..]).or_default().0 += 1;
        }
        ending_with.entry(run).or_default().1 += 1;
    }
    let mut names: HashMap<String, usize> = HashMap::new();
    for (run, ending) in &mentions {
        if let Some(prefix) = name_in_run(run, &ending_with)
            && !GENERIC_KINDS.iter().any(|g| prefix.ends_with(g))
        {
            *names.entry(format!("{prefix}{ending}")).or_default() += 1;
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
            let named = name.contains(PLACE_MARKERS) || NAME_PARTS.iter().any(|p| name.contains(p));
            (grouped, named, name.chars().count(), *name)
        })
        .max_by(|a, b| {
            (a.0, a.1, a.2)
                .cmp(&(b.0, b.1, b.2))
                .then_with(|| b.3.cmp(a.3))
        })
        .map(|(_, _, _, name)| name.clone())
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

/// The name's part before the ending, found in one mention's run: two characters, extended
/// leftwards while the mentions agree, up to a function word or the start of a place name.
fn name_in_run<'a>(run: &'a str, ending_with: &HashMap<&str, (usize, usize)>) -> Option<&'a str> {
    let starts: Vec<usize> = run.char_indices().map(|(at, _)| at).collect();
    let mut n = starts.len().checked_sub(2)?;
    let last = run[starts[n]..].chars().next_back()?;
    if NAME_BREAKS.contains(&last) || run[starts[n]..].starts_with(NAME_BREAKS) {
        return None;
    }
    while n > 0 {
        let current = &run[starts[n]..];
        let wider = &run[starts[n - 1]..];
        let Some(c) = wider.chars().next() else { break };
        let place_done = current
            .find(PLACE_MARKERS)
            .is_some_and(|at| current[..at].chars().count() >= 2);
        let (count, terminal) = ending_with.get(current).copied().unwrap_or_default();
        let (wider_count, _) = ending_with.get(wider).copied().unwrap_or_default();
        // Widen when most mentions agree on the wider name, or when a place name lies ahead
        // in this mention ("长治市人民医院" named once).
        let agreed = wider_count >= 2 && wider_count * 2 >= count - terminal;
        let place_ahead =
            run[..starts[n]].contains(PLACE_MARKERS) || current.contains(PLACE_MARKERS);
        if NAME_BREAKS.contains(&c) || place_done || !(agreed || place_ahead) {
            break;
        }
        n -= 1;
    }
    Some(&run[starts[n]..])
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
}
