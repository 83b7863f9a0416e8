//! The lexicon: wordings of a label mapped to canonical metric keys.
//!
//! A built-in table covers the figures most reports share (outpatient visits, discharges,
//! beds, party branches…); a store's `reportdiff.toml` can add wordings or send one to a
//! different key in its `[lexicon]` table, which the store's configuration reads and
//! [`Lexicon::with_overrides`] puts first.
//!
//! The key scheme (README, "Metric keys"):
//! - a label's subject (`公立医院`, `基层医疗卫生机构`, `全市`; see `subject`) is kept apart
//!   from its measure: a known measure with a subject is `<subject>:<key>`
//!   (`公立医院:outpatient_visits`), never the whole's key;
//! - a built-in wording matches a label that is the wording, or ends with it after a word
//!   that does not narrow what is counted (`年门诊量`, `在职职工`, `群众就医满意度`); a word that
//!   does (`三四级手术`, `编制床位`, `门诊患者满意度`) makes another measure, keyed by its label;
//! - levels stay apart: `市级临床重点专科` is `city_clinical_key_specialties`, not
//!   `provincial_…`, and `重点学科` is not `重点专科`;
//! - any other label is keyed by itself and its unit (`检查结果互认/次`, `公立医院诊疗/人次`).

use super::subject;
use crate::cjk::{fold_script, fold_width};

/// How a wording must meet a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    /// The measure is the wording.
    Exact,
    /// The measure ends with the wording, after words that do not narrow it.
    Suffix,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    wording: String,
    key: String,
    matching: Match,
    /// Units the key admits; empty admits any.
    units: Vec<String>,
    /// Words before the wording that leave the measure as it is (beyond [`NEUTRAL`]).
    neutral: &'static [&'static str],
    /// Whether a level before the wording (国家级, 省级, 市级…) is part of the key.
    leveled: bool,
    /// An entry of the store's `[lexicon]`: it matches after any words.
    user: bool,
}

/// Maps label wordings to canonical keys; built in, extendable from `reportdiff.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    /// Checked in order: overrides first, then the built-in table.
    entries: Vec<Entry>,
}

const PEOPLE_COUNTS: &[&str] = &["人次", "人", "例", "例次", "次"];
const SPECIALTY_COUNTS: &[&str] = &["个", "项", "家"];

// Word lists are laid out by hand (`rustfmt::skip`): one entry per line would triple them.

/// Words before a wording that never narrow what it counts.
const NEUTRAL: &[&str] = &["年", "全年", "年度", "总", "累计", "全年累计", "实际", "共"];

/// A built-in row: key, match, wordings, units, extra neutral words, leveled.
type Row = (
    &'static str,
    Match,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
    bool,
);

/// The built-in table.
#[rustfmt::skip]
const BUILTIN: &[Row] = &[
    ("outpatient_visits", Match::Suffix,
        &["门诊量", "门诊诊疗", "门诊人次", "接诊量", "门诊接诊"], PEOPLE_COUNTS, &[], false),
    ("outpatient_visits", Match::Exact, &["门诊"], PEOPLE_COUNTS, &[], false),
    ("outpatient_emergency_visits", Match::Suffix,
        &["门急诊量", "门急诊人次", "门急诊诊疗", "门急诊"], PEOPLE_COUNTS, &[], false),
    ("discharges", Match::Exact,
        &["出院", "出院人次", "出院人数", "出院患者", "出院病人"], PEOPLE_COUNTS, &[], false),
    ("inpatients", Match::Exact,
        &["住院", "住院人次", "住院人数", "住院患者", "收治住院", "收住院"], PEOPLE_COUNTS, &[],
        false),
    ("surgeries", Match::Suffix, &["手术", "手术量", "手术台次"],
        &["台", "台次", "例", "例次", "人次", "次"], &["各类"], false),
    ("beds", Match::Suffix, &["床位", "病床", "床位数"], &["张", "床", "个"],
        &["开放", "实际开放"], false),
    ("beds", Match::Exact, &["床"], &["张", "床", "个"], &[], false),
    ("staff", Match::Suffix, &["职工", "员工"], &["名", "人", "位"],
        &["在职", "在岗", "干部", "全体", "现有", "在编"], false),
    ("party_branches", Match::Suffix, &["党支部"], &["个"], &[], false),
    ("party_members", Match::Exact,
        &["党员", "共产党员", "中共党员", "在职党员", "党员人数"], &["名", "人", "位"], &[], false),
    ("clinical_key_specialties", Match::Suffix, &["临床重点专科"], SPECIALTY_COUNTS, &["医学"],
        true),
    ("key_specialties", Match::Suffix, &["重点专科"], SPECIALTY_COUNTS, &["医学"], true),
    ("key_disciplines", Match::Suffix, &["重点学科"], SPECIALTY_COUNTS, &["医学"], true),
    ("new_techniques", Match::Suffix, &["新技术", "新项目", "新技术新项目"], &["项", "个", "例"],
        &[], false),
    ("satisfaction", Match::Suffix, &["满意度", "满意率"], &["%"],
        &["群众", "群众就医", "患者", "就医", "患者就医", "综合", "总体", "社会"], false),
    ("free_clinics", Match::Suffix, &["义诊"], &["次", "场", "人次", "人", "余次"],
        &["公益", "大型"], false),
    ("health_talks", Match::Suffix, &["讲座", "健康讲座"], &["场", "次", "期"],
        &["公益", "健康知识"], false),
    ("trainees", Match::Suffix,
        &["实习", "进修", "规培", "实习生", "进修生", "规培生", "进修医师"],
        &["名", "人", "人次", "位"], &[], false),
];

/// Levels of a leveled key (重点专科 and 重点学科 are awarded by level), longest first, and
/// the word the key starts with.
#[rustfmt::skip]
const LEVELS: &[(&str, &str)] = &[
    ("国家级", "national"), ("国家", "national"), ("省级", "provincial"), ("省", "provincial"),
    ("市级", "city"), ("市", "city"), ("县级", "county"), ("县", "county"), ("区级", "district"),
    ("院级", "hospital"),
];

/// Generic tails that do not change what is counted ("新技术项目" counts 新技术).
const GENERIC_TAILS: &[&str] = &["患者", "病人", "人数", "项目", "活动", "任务", "工作"];

/// Units of a change that says nothing of the unit of what changed: a change keyed without
/// a unit (`门诊量同比增长5%` is a change of `outpatient_visits`).
const RELATIVE_UNITS: &[&str] = &["%", "个百分点", "百分点", "倍"];

impl Lexicon {
    /// The built-in lexicon.
    pub fn builtin() -> Lexicon {
        let entries = BUILTIN
            .iter()
            .flat_map(|(key, matching, wordings, units, neutral, leveled)| {
                wordings.iter().map(move |w| Entry {
                    wording: (*w).to_string(),
                    key: (*key).to_string(),
                    matching: *matching,
                    units: units.iter().map(|u| (*u).to_string()).collect(),
                    neutral,
                    leveled: *leveled,
                    user: false,
                })
            })
            .collect();
        Lexicon { entries }
    }

    /// The built-in lexicon with `overrides` (wording, key) checked first: they add
    /// wordings or send a wording to another key. An override matches any unit, and any
    /// measure that ends with its wording, in either script or width; a label's subject
    /// still stays apart (`公立医院门急诊人次` is `公立医院:<key>`).
    ///
    /// ```
    /// use reportdiff::metrics::Lexicon;
    /// let lexicon = Lexicon::with_overrides([("門急診人次", "outpatient_visits")]);
    /// assert_eq!(lexicon.key_for("年门急诊人次").as_deref(), Some("outpatient_visits"));
    /// ```
    pub fn with_overrides<I, W, K>(overrides: I) -> Lexicon
    where
        I: IntoIterator<Item = (W, K)>,
        W: AsRef<str>,
        K: Into<String>,
    {
        let mut entries: Vec<Entry> = overrides
            .into_iter()
            .map(|(w, k)| Entry {
                // Labels are read from script-folded sentences: a wording is matched so.
                wording: fold_script(&normalize_label(w.as_ref())),
                key: k.into(),
                matching: Match::Suffix,
                units: Vec::new(),
                neutral: &[],
                leveled: false,
                user: true,
            })
            .collect();
        entries.extend(Lexicon::builtin().entries);
        Lexicon { entries }
    }

    /// The canonical key for a label, whatever its unit, if the lexicon knows one.
    pub fn key_for(&self, label: &str) -> Option<String> {
        self.lookup(label, None)
    }

    /// The key of a metric: the canonical key when the lexicon knows the label with this
    /// unit, else the normalized label and the unit (`检查结果互认/次`).
    pub fn key(&self, label: &str, unit: &str) -> String {
        self.lookup(label, Some(unit))
            .unwrap_or_else(|| format!("{}/{}", normalize_label(label), unit))
    }

    /// The key of a change figure that names its own label (`门诊量同比增长5%`): a relative
    /// change (`%`, points, `倍`) is keyed by its label whatever the unit of what changed, an
    /// absolute one (`床位增加4.9万张`) like a level.
    pub fn change_key(&self, label: &str, unit: &str) -> String {
        if RELATIVE_UNITS.contains(&unit) {
            // A change in points is a change of a rate: keyed as the rate is (`病床使用率/%`).
            let unit = if unit.contains("百分点") {
                "%"
            } else {
                unit
            };
            self.key_for(label)
                .unwrap_or_else(|| format!("{}/{}", normalize_label(label), unit))
        } else {
            self.key(label, unit)
        }
    }

    fn lookup(&self, label: &str, unit: Option<&str>) -> Option<String> {
        let label = normalize_label(label);
        let (subject, measure) = subject::split(&label);
        let key = self.measure_key(measure, unit)?;
        Some(if subject.is_empty() {
            key
        } else {
            format!("{subject}:{key}")
        })
    }

    /// The canonical key of a measure (a label without its subject).
    fn measure_key(&self, measure: &str, unit: Option<&str>) -> Option<String> {
        if measure.is_empty() {
            return None;
        }
        let trimmed = GENERIC_TAILS
            .iter()
            .find_map(|t| measure.strip_suffix(t).filter(|rest| !rest.is_empty()));
        let forms = std::iter::once(measure).chain(trimmed);
        for entry in &self.entries {
            // Both matches need the last bytes to agree: a cheap test before the others.
            let last = entry.wording.as_bytes().last();
            if last.is_some() && forms.clone().all(|form| form.as_bytes().last() != last) {
                continue;
            }
            let unit_ok =
                unit.is_none_or(|u| entry.units.is_empty() || entry.units.iter().any(|x| x == u));
            if !unit_ok {
                continue;
            }
            for form in forms.clone() {
                if last.is_some() && form.as_bytes().last() != last {
                    continue;
                }
                let prefix = match entry.matching {
                    Match::Exact => (form == entry.wording).then_some(""),
                    Match::Suffix => form.strip_suffix(entry.wording.as_str()),
                };
                let Some(prefix) = prefix else { continue };
                if entry.user {
                    return Some(entry.key.clone());
                }
                if let Some(key) = entry.key_with(prefix) {
                    return Some(key);
                }
            }
        }
        None
    }
}

impl Entry {
    /// The key for a measure that is `prefix` + this entry's wording, when the prefix leaves
    /// the measure as it is (or, for a leveled key, names its level).
    fn key_with(&self, prefix: &str) -> Option<String> {
        let neutral = |p: &str| p.is_empty() || NEUTRAL.contains(&p) || self.neutral.contains(&p);
        if self.leveled
            && let Some((word, level)) = LEVELS.iter().find(|(w, _)| prefix.starts_with(w))
            && neutral(&prefix[word.len()..])
        {
            return Some(format!("{level}_{}", self.key));
        }
        neutral(prefix).then(|| self.key.clone())
    }
}

/// A label as keys use it: no spaces, no parenthesized asides, full-width forms folded.
fn normalize_label(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut depth = 0usize;
    for c in label.chars().map(fold_width) {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if c.is_whitespace() => {}
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(label: &str, unit: &str) -> String {
        Lexicon::builtin().key(label, unit)
    }

    #[test]
    fn builtin_wordings_map_to_canonical_keys() {
        assert_eq!(key("门诊量", "人次"), "outpatient_visits");
        assert_eq!(key("门诊诊疗患者", "人次"), "outpatient_visits");
        assert_eq!(key("门诊人次", "人次"), "outpatient_visits");
        assert_eq!(key("接诊量", "人次"), "outpatient_visits");
        assert_eq!(key("出院", "人次"), "discharges");
        assert_eq!(key("出院人次", "人次"), "discharges");
        assert_eq!(key("住院患者", "人"), "inpatients");
        assert_eq!(key("手术", "台次"), "surgeries");
        assert_eq!(key("各类手术", "例"), "surgeries");
        assert_eq!(key("床位", "张"), "beds");
        assert_eq!(key("开放床位", "张"), "beds");
        assert_eq!(key("职工", "名"), "staff");
        assert_eq!(key("在职员工", "人"), "staff");
        assert_eq!(key("党支部", "个"), "party_branches");
        assert_eq!(key("党员", "名"), "party_members");
        assert_eq!(key("临床重点专科", "个"), "clinical_key_specialties");
        assert_eq!(key("新技术项目", "项"), "new_techniques");
        assert_eq!(key("新技术", "项"), "new_techniques");
        assert_eq!(key("群众就医满意度", "%"), "satisfaction");
        assert_eq!(key("义诊活动", "次"), "free_clinics");
        assert_eq!(key("公益讲座", "场"), "health_talks");
        assert_eq!(key("进修", "人"), "trainees");
        assert_eq!(key("规培", "名"), "trainees");
    }

    #[test]
    fn levels_stay_apart() {
        assert_eq!(
            key("市级临床重点专科", "个"),
            "city_clinical_key_specialties"
        );
        assert_eq!(
            key("省级临床重点专科", "个"),
            "provincial_clinical_key_specialties"
        );
        assert_eq!(
            key("国家临床重点专科", "个"),
            "national_clinical_key_specialties"
        );
        assert_eq!(key("市医学重点学科", "个"), "city_key_disciplines");
        assert_eq!(key("市级重点学科", "个"), "city_key_disciplines");
        assert_eq!(key("省重点专科", "个"), "provincial_key_specialties");
        assert_eq!(key("省重点建设学科", "个"), "省重点建设学科/个");
    }

    #[test]
    fn a_subset_is_not_its_whole() {
        assert_eq!(key("三四级手术", "例"), "三四级手术/例");
        assert_eq!(key("微创手术", "台"), "微创手术/台");
        assert_eq!(key("编制床位", "张"), "编制床位/张");
        assert_eq!(key("门诊患者满意度", "%"), "门诊患者满意度/%");
        assert_eq!(key("门急诊量", "人次"), "outpatient_emergency_visits");
    }

    #[test]
    fn a_subject_stays_in_the_key() {
        assert_eq!(key("公立医院门诊量", "人次"), "公立医院:outpatient_visits");
        assert_eq!(key("全市门诊量", "人次"), "全市:outpatient_visits");
        assert_eq!(key("公立医院诊疗", "人次"), "公立医院诊疗/人次");
        assert_eq!(
            key("社区卫生服务中心(站)出院", "人次"),
            "社区卫生服务中心:discharges"
        );
        assert_eq!(key("医院出院", "人次"), "医院:discharges");
    }

    #[test]
    fn a_change_of_a_rate_is_keyed_by_its_label() {
        let lexicon = Lexicon::builtin();
        assert_eq!(lexicon.change_key("门诊量", "%"), "outpatient_visits");
        assert_eq!(lexicon.change_key("检查结果互认", "%"), "检查结果互认/%");
        assert_eq!(lexicon.change_key("病床使用率", "个百分点"), "病床使用率/%");
        assert_eq!(lexicon.change_key("床位", "张"), "beds");
    }

    #[test]
    fn the_unit_must_fit_the_key() {
        assert_eq!(key("满意度", "分"), "满意度/分");
        assert_eq!(key("党支部", "名"), "党支部/名");
    }

    #[test]
    fn near_misses_keep_their_own_key() {
        assert_eq!(key("回访出院病人", "人次"), "回访出院病人/人次");
        assert_eq!(key("优秀共产党员", "名"), "优秀共产党员/名");
        assert_eq!(key("检查结果互认", "次"), "检查结果互认/次");
        assert_eq!(key("村(社区)", "个"), "村/个");
    }

    #[test]
    fn overrides_add_and_replace() {
        let lexicon = Lexicon::with_overrides([
            ("门急诊量", "er_and_outpatient"),
            ("互認", "mutual_recognition"),
        ]);
        assert_eq!(lexicon.key("门急诊量", "人次"), "er_and_outpatient");
        assert_eq!(lexicon.key("检查结果互认", "次"), "mutual_recognition");
        assert_eq!(lexicon.key("门诊量", "人次"), "outpatient_visits");
    }

    #[test]
    fn no_overrides_is_the_builtin() {
        let none: [(&str, &str); 0] = [];
        assert_eq!(Lexicon::with_overrides(none), Lexicon::builtin());
    }

    #[test]
    fn every_builtin_wording_is_written_in_the_folded_form() {
        for (_, _, wordings, units, neutral, _) in BUILTIN {
            let words = wordings.iter().chain(*units).chain(*neutral);
            for word in words.chain(GENERIC_TAILS).chain(NEUTRAL) {
                assert_eq!(&crate::cjk::fold(word), word);
            }
        }
    }
}
