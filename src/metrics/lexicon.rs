//! The lexicon: wordings of a label mapped to canonical metric keys.
//!
//! A built-in table covers the figures most reports share (outpatient visits, discharges,
//! beds, party branches…); a store's `reportdiff.toml` can add wordings or send one to a
//! different key in its `[lexicon]` table, which the store's configuration reads and
//! [`Lexicon::with_overrides`] puts first. Without a hit, a metric's key is its normalized
//! label and unit (`检查结果互认/次`).

use crate::cjk::{fold_script, fold_width};

/// How a wording must meet a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    /// The label is the wording.
    Exact,
    /// The label ends with the wording ("市级临床重点专科" ends with "重点专科").
    Suffix,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    wording: String,
    key: String,
    matching: Match,
    /// Units the key admits; empty admits any.
    units: Vec<String>,
}

/// Maps label wordings to canonical keys; built in, extendable from `reportdiff.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    /// Checked in order: overrides first, then the built-in table.
    entries: Vec<Entry>,
}

const PEOPLE_COUNTS: &[&str] = &["人次", "人", "例", "例次", "次"];

/// The built-in table: (key, match, wordings, units).
const BUILTIN: &[(&str, Match, &[&str], &[&str])] = &[
    (
        "outpatient_visits",
        Match::Suffix,
        &[
            "门诊量",
            "门急诊量",
            "门诊诊疗",
            "门诊人次",
            "门急诊人次",
            "接诊量",
            "门诊接诊",
        ],
        PEOPLE_COUNTS,
    ),
    ("outpatient_visits", Match::Exact, &["门诊"], PEOPLE_COUNTS),
    (
        "discharges",
        Match::Exact,
        &["出院", "出院人次", "出院人数", "出院患者", "出院病人"],
        PEOPLE_COUNTS,
    ),
    (
        "inpatients",
        Match::Exact,
        &[
            "住院",
            "住院人次",
            "住院人数",
            "住院患者",
            "收治住院",
            "收住院",
        ],
        PEOPLE_COUNTS,
    ),
    (
        "surgeries",
        Match::Suffix,
        &["手术", "手术量", "手术台次"],
        &["台", "台次", "例", "例次", "人次", "次"],
    ),
    (
        "beds",
        Match::Suffix,
        &["床位", "病床"],
        &["张", "床", "个"],
    ),
    ("beds", Match::Exact, &["床"], &["张", "床", "个"]),
    (
        "staff",
        Match::Suffix,
        &["职工", "员工"],
        &["名", "人", "位"],
    ),
    ("party_branches", Match::Suffix, &["党支部"], &["个"]),
    (
        "party_members",
        Match::Exact,
        &["党员", "共产党员", "中共党员", "在职党员", "党员人数"],
        &["名", "人", "位"],
    ),
    (
        "key_specialties",
        Match::Suffix,
        &["重点专科", "重点学科"],
        &["个", "项", "家"],
    ),
    (
        "new_techniques",
        Match::Suffix,
        &["新技术", "新项目", "新技术新项目"],
        &["项", "个", "例"],
    ),
    ("satisfaction", Match::Suffix, &["满意度", "满意率"], &["%"]),
    (
        "free_clinics",
        Match::Suffix,
        &["义诊"],
        &["次", "场", "人次", "人", "余次"],
    ),
    (
        "health_talks",
        Match::Suffix,
        &["讲座", "健康讲座"],
        &["场", "次", "期"],
    ),
    (
        "trainees",
        Match::Suffix,
        &[
            "实习",
            "进修",
            "规培",
            "实习生",
            "进修生",
            "规培生",
            "进修医师",
        ],
        &["名", "人", "人次", "位"],
    ),
];

/// Generic tails that do not change what is counted ("新技术项目" counts 新技术).
const GENERIC_TAILS: &[&str] = &["患者", "病人", "人数", "项目", "活动", "任务", "工作"];

impl Lexicon {
    /// The built-in lexicon.
    pub fn builtin() -> Lexicon {
        let entries = BUILTIN
            .iter()
            .flat_map(|(key, matching, wordings, units)| {
                wordings.iter().map(move |w| Entry {
                    wording: (*w).to_string(),
                    key: (*key).to_string(),
                    matching: *matching,
                    units: units.iter().map(|u| (*u).to_string()).collect(),
                })
            })
            .collect();
        Lexicon { entries }
    }

    /// The built-in lexicon with `overrides` (wording, key) checked first: they add
    /// wordings or send a wording to another key. An override matches any unit, and any
    /// label that ends with its wording, in either script or width.
    ///
    /// ```
    /// use reportdiff::metrics::Lexicon;
    /// let lexicon = Lexicon::with_overrides([("門急診人次", "outpatient_visits")]);
    /// assert_eq!(lexicon.key_for("年门急诊人次"), Some("outpatient_visits"));
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
            })
            .collect();
        entries.extend(Lexicon::builtin().entries);
        Lexicon { entries }
    }

    /// The canonical key for a label, whatever its unit, if the lexicon knows one.
    pub fn key_for(&self, label: &str) -> Option<&str> {
        self.lookup(label, None)
    }

    /// The key of a metric: the canonical key when the lexicon knows the label with this
    /// unit, else the normalized label and the unit (`检查结果互认/次`).
    pub fn key(&self, label: &str, unit: &str) -> String {
        match self.lookup(label, Some(unit)) {
            Some(key) => key.to_string(),
            None => format!("{}/{}", normalize_label(label), unit),
        }
    }

    fn lookup(&self, label: &str, unit: Option<&str>) -> Option<&str> {
        let label = normalize_label(label);
        let trimmed = GENERIC_TAILS
            .iter()
            .find_map(|t| label.strip_suffix(t).filter(|rest| !rest.is_empty()))
            .unwrap_or(&label);
        self.entries
            .iter()
            .find(|e| {
                let unit_ok =
                    unit.is_none_or(|u| e.units.is_empty() || e.units.iter().any(|x| x == u));
                let hit = |l: &str| match e.matching {
                    Match::Exact => l == e.wording,
                    Match::Suffix => l.ends_with(&e.wording),
                };
                unit_ok && (hit(&label) || hit(trimmed))
            })
            .map(|e| e.key.as_str())
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
        assert_eq!(key("三四级手术", "例"), "surgeries");
        assert_eq!(key("床位", "张"), "beds");
        assert_eq!(key("开放床位", "张"), "beds");
        assert_eq!(key("职工", "名"), "staff");
        assert_eq!(key("在职员工", "人"), "staff");
        assert_eq!(key("党支部", "个"), "party_branches");
        assert_eq!(key("党员", "名"), "party_members");
        assert_eq!(key("市级临床重点专科", "个"), "key_specialties");
        assert_eq!(key("市医学重点学科", "个"), "key_specialties");
        assert_eq!(key("新技术项目", "项"), "new_techniques");
        assert_eq!(key("新技术", "项"), "new_techniques");
        assert_eq!(key("群众就医满意度", "%"), "satisfaction");
        assert_eq!(key("义诊活动", "次"), "free_clinics");
        assert_eq!(key("公益讲座", "场"), "health_talks");
        assert_eq!(key("进修", "人"), "trainees");
        assert_eq!(key("规培", "名"), "trainees");
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
        for (_, _, wordings, units) in BUILTIN {
            for word in wordings.iter().chain(*units).chain(GENERIC_TAILS) {
                assert_eq!(&crate::cjk::fold(word), word);
            }
        }
    }
}
