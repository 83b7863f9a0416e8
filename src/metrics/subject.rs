//! Subjects: who a figure counts for. Statistical bulletins give one measure for several
//! populations (`全市医疗卫生机构总诊疗…其中:医院诊疗…;基层医疗卫生机构诊疗…`, `公立医院…民营医院…`),
//! and a figure's subject must stay in its label, or two different figures look like one.
//!
//! A subject is a population of institutions (`公立医院`, `基层医疗卫生机构`, `社区卫生服务中心(站)`,
//! `乡镇卫生院`) or a region (`全市`, `全国`). The report's own hospital (`我院`, `本院`, its name)
//! is not a subject: an unqualified figure already means it, and the label step drops it.
//!
//! Written in the folded form (see `cjk::fold`): labels are read from folded sentences.

use std::sync::LazyLock;

use super::fold::{Words, begins, ends};
use super::number::starts_with;

// Word lists are laid out by hand (`rustfmt::skip`): one entry per line would triple them.

/// Words a population of institutions ends with, longest first where one ends another.
#[rustfmt::skip]
const INSTITUTIONS: &[&str] = &[
    "医疗卫生机构", "公共卫生机构", "医疗机构", "卫生机构", "服务中心", "服务站", "卫生院",
    "卫生室", "保健院", "保健所", "保健站", "防治院", "防治所", "门诊部", "医务室", "诊所",
    "医院", "机构",
];

/// Regions a bulletin counts for, as a subject by themselves (`全市门诊量`) or before a
/// population (`全市医疗卫生机构`).
#[rustfmt::skip]
const REGIONS: &[&str] = &[
    "全国", "全省", "全区", "全市", "全州", "全盟", "全县", "全旗", "全镇", "全乡",
];

static INSTITUTION_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(INSTITUTIONS));
static REGION_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(REGIONS));

/// Words before `医院` that make it a class of hospitals (`公立医院`, `三级医院`), not one
/// hospital's name (`诸城市人民医院`): the label keeps a class and drops a name.
#[rustfmt::skip]
const HOSPITAL_CLASSES: &[&str] = &[
    "公立", "民营", "私立", "非公立", "政府办", "社会办", "三级", "二级", "一级", "未定级", "综合",
    "专科", "中医", "中西医结合", "民族医", "其他", "各级", "各类", "基层", "县级", "市级", "省级",
    "乡镇", "部属", "省属", "市属", "县属", "三甲", "二甲",
];

/// Populations other than hospitals as a whole: a sentence that names one of them counts by
/// population, so that a bare `医院` in it is the class of hospitals, not the report's own.
#[rustfmt::skip]
const POPULATIONS: &[&str] = &[
    "医疗卫生机构", "公共卫生机构", "卫生院", "卫生室", "社区卫生服务", "公立医院", "民营医院",
    "三级医院", "二级医院", "一级医院", "未定级医院", "诊所", "门诊部", "其他机构",
];

/// The characters a label's subject takes at its front (0 when it has none): the longest
/// front that ends with a population or is a region, a bracketed aside after it included
/// (`社区卫生服务中心(站)`).
pub fn subject_len(label: &[char]) -> usize {
    let mut best = REGION_WORDS
        .iter()
        .find(|r| begins(label, r))
        .map_or(0, <[char]>::len);
    for end in (best + 1..=label.len()).rev() {
        let ends_here = INSTITUTION_WORDS.iter().any(|w| ends(&label[..end], w));
        if ends_here {
            best = end;
            break;
        }
    }
    if best > 0
        && label.get(best) == Some(&'(')
        && let Some(close) = label[best..].iter().position(|&c| c == ')')
    {
        best += close + 1;
    }
    best
}

/// Whether position `at` of `text` falls inside a population word (`服务|中心` in
/// `社区卫生服务中心`): a verb that ends there (`服务`) is part of the name, not an act.
pub fn inside_institution(text: &[char], at: usize) -> bool {
    INSTITUTION_WORDS.iter().any(|w| {
        let n = w.len();
        (at.saturating_sub(n - 1)..at).any(|s| begins(&text[s..], w) && s + n > at)
    })
}

/// A label's subject and measure (`公立医院诊疗` -> `公立医院` + `诊疗`).
pub fn split(label: &str) -> (&str, &str) {
    let chars: Vec<char> = label.chars().collect();
    let n = subject_len(&chars);
    let bytes: usize = chars[..n].iter().map(|c| c.len_utf8()).sum();
    label.split_at(bytes)
}

/// Whether a label is a subject and nothing else (`民营医院`, `社区卫生服务中心(站)`): the
/// measure it counts is written elsewhere (the clause before, the section heading).
pub fn is_bare(label: &str) -> bool {
    let (subject, measure) = split(label);
    !subject.is_empty() && measure.is_empty()
}

/// Whether `医院` ending at `end` (exclusive of what precedes `start`) names a class of
/// hospitals (`公立医院`, `三级医院`) rather than one hospital (`诸城市人民医院`). `before`
/// is the text before `医院` inside the label.
pub fn is_hospital_class(before: &[char]) -> bool {
    before.is_empty()
        || HOSPITAL_CLASSES.iter().any(|w| {
            let n = w.chars().count();
            before.len() >= n && starts_with(&before[before.len() - n..], w)
        })
}

/// Whether a sentence counts by population (names a population besides hospitals as a
/// whole): then a bare `医院` in it is the class of hospitals.
pub fn counts_by_population(chars: &[char]) -> bool {
    (0..chars.len()).any(|p| {
        matches!(
            chars[p],
            '医' | '公' | '卫' | '社' | '民' | '三' | '二' | '一' | '未' | '诊' | '门' | '其'
        ) && POPULATIONS.iter().any(|w| starts_with(&chars[p..], w))
    })
}

/// Words of a title that make the whole report one that counts by population: a region's
/// or a statistical bulletin's (`全市医疗卫生机构医疗服务情况`, `卫生健康事业发展统计公报`).
const POPULATION_TITLES: &[&str] = &["医疗卫生机构", "卫生健康事业", "统计公报", "医疗服务情况"];

/// Whether a report with this title counts by population throughout.
pub fn is_population_title(title: &[char]) -> bool {
    (0..title.len()).any(|p| {
        REGIONS
            .iter()
            .chain(POPULATION_TITLES)
            .any(|w| starts_with(&title[p..], w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn a_label_splits_into_subject_and_measure() {
        assert_eq!(split("公立医院诊疗"), ("公立医院", "诊疗"));
        assert_eq!(
            split("全市医疗卫生机构总诊疗"),
            ("全市医疗卫生机构", "总诊疗")
        );
        assert_eq!(
            split("社区卫生服务中心(站)出院"),
            ("社区卫生服务中心(站)", "出院")
        );
        assert_eq!(split("基层医疗卫生机构"), ("基层医疗卫生机构", ""));
        assert_eq!(split("全市门诊量"), ("全市", "门诊量"));
        assert_eq!(split("医院病床使用率"), ("医院", "病床使用率"));
        assert_eq!(split("门诊量"), ("", "门诊量"));
        assert_eq!(split("出院人次"), ("", "出院人次"));
    }

    #[test]
    fn a_verb_inside_a_population_word() {
        let c = chars("社区卫生服务中心");
        assert!(inside_institution(&c, 6));
        assert!(!inside_institution(&c, 8));
        assert!(!inside_institution(&chars("服务群众"), 2));
    }

    #[test]
    fn a_bare_subject_has_no_measure() {
        assert!(is_bare("民营医院"));
        assert!(is_bare("社区卫生服务中心(站)"));
        assert!(is_bare("其他机构"));
        assert!(!is_bare("公立医院诊疗"));
        assert!(!is_bare("门诊量"));
    }

    #[test]
    fn classes_of_hospitals_and_names() {
        assert!(is_hospital_class(&chars("公立")));
        assert!(is_hospital_class(&chars("")));
        assert!(is_hospital_class(&chars("全国三级")));
        assert!(!is_hospital_class(&chars("诸城市人民")));
        assert!(!is_hospital_class(&chars("大同市第六人民")));
    }

    #[test]
    fn a_sentence_that_counts_by_population() {
        assert!(counts_by_population(&chars(
            "其中:医院诊疗221.23万人次;基层医疗卫生机构诊疗316.71万人次"
        )));
        assert!(counts_by_population(&chars(
            "医院5.8亿人次,其中:公立医院4.8亿人次"
        )));
        assert!(!counts_by_population(&chars("2022年,医院门诊量95万人次")));
    }

    #[test]
    fn titles_of_reports_that_count_by_population() {
        assert!(is_population_title(&chars(
            "2023年第四季度全市医疗卫生机构医疗服务情况"
        )));
        assert!(is_population_title(&chars(
            "2022年我国卫生健康事业发展统计公报"
        )));
        assert!(!is_population_title(&chars("某市人民医院2023年工作总结")));
    }

    #[test]
    fn every_word_is_written_in_the_folded_form() {
        let words = INSTITUTIONS
            .iter()
            .chain(REGIONS)
            .chain(HOSPITAL_CLASSES)
            .chain(POPULATIONS)
            .chain(POPULATION_TITLES);
        for word in words {
            assert_eq!(&crate::cjk::fold(word), word);
        }
    }
}
