//! Lexicon candidates: labels of different hospitals that look alike (same unit, similar
//! wording) but have no common key, so that their figures sit in different rows.
//!
//! Each candidate comes with the `reportdiff.toml` lines that would give both labels one
//! key: the canonical key when one side has it, else their common ending (`结果互认` for
//! 检查结果互认 and 检验结果互认) or the shorter label. They are suggestions for a person to
//! judge: 优秀共产党员 looks like 共产党员 and is not the same count.
//!
//! Two labels that one hospital reports side by side are different measures and are never
//! proposed. Pairs are found through an index of label bigrams per unit, skipping bigrams so
//! common that they say nothing, so the work stays linear in the number of labels.

use std::collections::{HashMap, HashSet};

use super::figures::{FigureTable, unit_family};

/// How alike two labels must be (Dice coefficient of their character bigrams).
const MIN_SIMILARITY: f64 = 0.5;
/// At most this many candidates are proposed, those covering the most hospitals first.
pub const MAX_CANDIDATES: usize = 30;
/// A bigram shared by more labels than this is too common to propose pairs.
const MAX_POSTING: usize = 64;

/// Two labels that could share a key.
#[derive(Debug, Clone, PartialEq)]
pub struct LexiconCandidate {
    /// The unit both count in.
    pub unit: String,
    /// The two labels, each with its key and the hospitals (positions) that use it.
    pub labels: [CandidateLabel; 2],
    /// The key proposed for both.
    pub key: String,
    /// The `reportdiff.toml` `[lexicon]` lines that would map them to it.
    pub toml: Vec<String>,
    /// How alike the labels are (0 to 1).
    pub similarity: f64,
}

/// A label as one side of a candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateLabel {
    /// The label as written.
    pub label: String,
    /// Its key now.
    pub key: String,
    /// The hospitals that use it, by position.
    pub hospitals: Vec<usize>,
}

/// A key from the lexicon (`outpatient_visits`), as opposed to a label's own key
/// (`检查结果互认/次`).
fn is_canonical(key: &str) -> bool {
    !key.contains('/')
}

/// Finds the candidates among the labels of a figures table.
pub fn find(table: &FigureTable) -> Vec<LexiconCandidate> {
    // Every (label, key, unit family) once, with the hospitals using it.
    let mut labels: Vec<(String, String, String, Vec<usize>)> = Vec::new();
    let mut seen: HashMap<(String, String, String), usize> = HashMap::new();
    let rows = table
        .rows
        .iter()
        .chain(table.only.iter().flat_map(|o| o.rows.iter()));
    for row in rows {
        for cell in &row.cells {
            for m in &cell.figures {
                let family = unit_family(&m.unit).to_string();
                let id = *seen
                    .entry((m.label.clone(), m.key.clone(), family.clone()))
                    .or_insert_with(|| {
                        labels.push((m.label.clone(), m.key.clone(), family, Vec::new()));
                        labels.len() - 1
                    });
                let hospitals = &mut labels[id].3;
                if hospitals.last() != Some(&cell.hospital) {
                    hospitals.push(cell.hospital);
                }
            }
        }
    }
    for entry in &mut labels {
        entry.3.sort_unstable();
        entry.3.dedup();
    }
    let grams: Vec<Vec<(char, char)>> = labels.iter().map(|l| bigrams(&l.0)).collect();
    let mut postings: HashMap<(&str, (char, char)), Vec<usize>> = HashMap::new();
    for (i, label) in labels.iter().enumerate() {
        for g in &grams[i] {
            postings.entry((label.2.as_str(), *g)).or_default().push(i);
        }
    }
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    let mut found = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        for g in &grams[i] {
            let Some(posting) = postings.get(&(label.2.as_str(), *g)) else {
                continue;
            };
            if posting.len() > MAX_POSTING {
                continue;
            }
            for &j in posting.iter().filter(|&&j| j > i) {
                if !pairs.insert((i, j)) {
                    continue;
                }
                let other = &labels[j];
                let both_canonical = is_canonical(&label.1) && is_canonical(&other.1);
                let side_by_side = label.3.iter().any(|h| other.3.contains(h));
                if label.1 == other.1 || both_canonical || side_by_side {
                    continue;
                }
                let similarity = dice(&grams[i], &grams[j]);
                if similarity >= MIN_SIMILARITY {
                    found.push(candidate(label, other, similarity));
                }
            }
        }
    }
    found.sort_by(|a, b| {
        let reach =
            |c: &LexiconCandidate| c.labels[0].hospitals.len() + c.labels[1].hospitals.len();
        reach(b)
            .cmp(&reach(a))
            .then(b.similarity.total_cmp(&a.similarity))
    });
    found.truncate(MAX_CANDIDATES);
    found
}

fn candidate(
    a: &(String, String, String, Vec<usize>),
    b: &(String, String, String, Vec<usize>),
    similarity: f64,
) -> LexiconCandidate {
    let side = |l: &(String, String, String, Vec<usize>)| CandidateLabel {
        label: l.0.clone(),
        key: l.1.clone(),
        hospitals: l.3.clone(),
    };
    let key = if is_canonical(&a.1) {
        a.1.clone()
    } else if is_canonical(&b.1) {
        b.1.clone()
    } else {
        let common = common_ending(&a.0, &b.0);
        if common.chars().count() >= 2 {
            common
        } else if a.0.chars().count() <= b.0.chars().count() {
            a.0.clone()
        } else {
            b.0.clone()
        }
    };
    let toml = [a, b]
        .iter()
        .filter(|l| l.1 != key)
        .map(|l| format!("{} = {}", toml_string(&l.0), toml_string(&key)))
        .collect();
    LexiconCandidate {
        unit: a.2.clone(),
        labels: [side(a), side(b)],
        key,
        toml,
        similarity,
    }
}

/// The characters two labels end with alike.
fn common_ending(a: &str, b: &str) -> String {
    let mut ending: Vec<char> = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x)
        .collect();
    ending.reverse();
    ending.into_iter().collect()
}

/// A TOML basic string: quoted, with `"` and `\` escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn bigrams(label: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = label.chars().collect();
    let mut grams: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// The Dice coefficient of two sorted bigram sets.
fn dice(a: &[(char, char)], b: &[(char, char)]) -> f64 {
    let both = a.iter().filter(|g| b.binary_search(g).is_ok()).count();
    2.0 * both as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{CompareOptions, Report, figures};
    use crate::metrics::Lexicon;
    use crate::snapshot::{Block, Snapshot};

    fn report(hospital: &str, sentences: &[&str]) -> Report {
        let snapshot = Snapshot {
            meta: Default::default(),
            blocks: vec![Block::paragraph(
                sentences.iter().map(|s| s.to_string()).collect(),
            )],
        };
        Report::new(hospital, hospital, None, snapshot, &Lexicon::builtin())
    }

    fn candidates(reports: &[Report]) -> Vec<LexiconCandidate> {
        let table = figures::tabulate(reports, &CompareOptions::default());
        find(&table)
    }

    #[test]
    fn alike_labels_of_different_hospitals_are_proposed_with_toml_lines() {
        let reports = [
            report("大同市第六人民医院", &["全年检查结果互认2861次。"]),
            report("定陶区人民医院", &["全年检验结果互认3796次。"]),
        ];
        let found = candidates(&reports);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].key, "结果互认");
        assert_eq!(
            found[0].toml,
            [
                "\"检查结果互认\" = \"结果互认\"",
                "\"检验结果互认\" = \"结果互认\""
            ]
        );
        assert_eq!(found[0].labels[0].hospitals, [0]);
        assert_eq!(found[0].labels[1].hospitals, [1]);
    }

    #[test]
    fn a_canonical_key_is_offered_to_the_other_label() {
        let reports = [
            report("长治市人民医院", &["全院有门急诊人次120万人次。"]),
            report("诸城市人民医院", &["医院日均门急诊接诊人次3000人次。"]),
        ];
        let found = candidates(&reports);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].key, "outpatient_visits");
        assert_eq!(
            found[0].toml,
            ["\"日均门急诊接诊人次\" = \"outpatient_visits\""]
        );
    }

    #[test]
    fn labels_one_hospital_reports_side_by_side_are_not_proposed() {
        let reports = [
            report(
                "大同市第六人民医院",
                &["检查结果互认2861次,检验结果互认3796次。"],
            ),
            report("定陶区人民医院", &["开展义诊38次。"]),
        ];
        assert_eq!(candidates(&reports), []);
    }

    #[test]
    fn different_units_or_unlike_labels_are_not_proposed() {
        let reports = [
            report("甲县人民医院", &["检查结果互认2861次。"]),
            report("乙县人民医院", &["检查结果互认单位12家,新建停车位36个。"]),
        ];
        assert_eq!(candidates(&reports), []);
    }

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(toml_string("门诊\"量\"\\"), "\"门诊\\\"量\\\"\\\\\"");
    }
}
