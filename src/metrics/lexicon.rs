//! The lexicon: wordings of a label mapped to canonical metric keys.
//!
//! A built-in table covers the figures most reports share (outpatient visits, discharges,
//! beds, party branches…); a store's `reportdiff.toml` can add wordings or send one to a
//! different key in its `[lexicon]` table. Without a hit, a metric's key is its normalized
//! label and unit (`检查结果互认/次`).

use thiserror::Error;

use crate::cjk::fold_width;
use crate::one_line::one_line;

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

/// Why a `[lexicon]` table could not be read.
#[derive(Debug, Error)]
pub enum LexiconError {
    /// The text is not TOML.
    #[error("reportdiff.toml is not valid TOML: {0}")]
    Toml(String),
    /// `lexicon` is not a table.
    #[error("reportdiff.toml: `lexicon` must be a table of \"wording\" = \"key\"")]
    NotATable,
    /// An entry's value is not a key string.
    #[error("reportdiff.toml: lexicon entry \"{0}\" must map to a key string")]
    NotAKey(String),
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
    /// label that ends with its wording.
    pub fn with_overrides<I, W, K>(overrides: I) -> Lexicon
    where
        I: IntoIterator<Item = (W, K)>,
        W: Into<String>,
        K: Into<String>,
    {
        let mut entries: Vec<Entry> = overrides
            .into_iter()
            .map(|(w, k)| Entry {
                wording: w.into(),
                key: k.into(),
                matching: Match::Suffix,
                units: Vec::new(),
            })
            .collect();
        entries.extend(Lexicon::builtin().entries);
        Lexicon { entries }
    }

    /// Reads the `[lexicon]` table of a `reportdiff.toml` (other tables are ignored) and
    /// merges it over the built-in lexicon.
    ///
    /// ```
    /// use reportdiff::metrics::Lexicon;
    /// let lexicon = Lexicon::from_toml_str("[lexicon]\n\"门急诊人次\" = \"outpatient_visits\"\n")?;
    /// assert_eq!(lexicon.key_for("年门急诊人次"), Some("outpatient_visits"));
    /// # Ok::<(), reportdiff::metrics::lexicon::LexiconError>(())
    /// ```
    pub fn from_toml_str(text: &str) -> Result<Lexicon, LexiconError> {
        let table: toml::Table =
            toml::from_str(text).map_err(|e| LexiconError::Toml(one_line(&e)))?;
        let Some(lexicon) = table.get("lexicon") else {
            return Ok(Lexicon::builtin());
        };
        let lexicon = lexicon.as_table().ok_or(LexiconError::NotATable)?;
        Ok(Lexicon::with_overrides(Lexicon::overrides_from_table(
            lexicon,
        )?))
    }

    /// The (wording, key) entries of a `[lexicon]` table, checked: every key is a non-empty
    /// string. The store's configuration reads its table with this too.
    pub fn overrides_from_table(
        table: &toml::Table,
    ) -> Result<Vec<(String, String)>, LexiconError> {
        table
            .iter()
            .map(|(wording, key)| {
                key.as_str()
                    .filter(|k| !k.trim().is_empty())
                    .map(|k| (wording.clone(), k.to_string()))
                    .ok_or_else(|| LexiconError::NotAKey(wording.clone()))
            })
            .collect()
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
    for c in label.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            c if c.is_whitespace() => {}
            c if depth == 0 => out.push(fold_width(c)),
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
    fn toml_overrides_add_and_replace() {
        let lexicon = Lexicon::from_toml_str(
            "[hospitals]\nx = \"y\"\n\n[lexicon]\n\"门急诊量\" = \"er_and_outpatient\"\n\"互认\" = \"mutual_recognition\"\n",
        )
        .expect("valid");
        assert_eq!(lexicon.key("门急诊量", "人次"), "er_and_outpatient");
        assert_eq!(lexicon.key("检查结果互认", "次"), "mutual_recognition");
        assert_eq!(lexicon.key("门诊量", "人次"), "outpatient_visits");
    }

    #[test]
    fn a_store_without_a_lexicon_table_uses_the_builtin() {
        let lexicon = Lexicon::from_toml_str("[watch]\n").expect("valid");
        assert_eq!(lexicon, Lexicon::builtin());
    }

    #[test]
    fn bad_tables_are_typed_errors() {
        assert!(matches!(
            Lexicon::from_toml_str("[lexicon"),
            Err(LexiconError::Toml(_))
        ));
        assert!(matches!(
            Lexicon::from_toml_str("lexicon = 3"),
            Err(LexiconError::NotATable)
        ));
        assert!(matches!(
            Lexicon::from_toml_str("[lexicon]\n\"门诊量\" = 3"),
            Err(LexiconError::NotAKey(_))
        ));
    }
}
