//! The text view: which sentences hospitals share, which they all repeat, and what each
//! says alone.
//!
//! Sentences are compared in their [`compared_form`]: the comparison key, the hospital's own
//! names and places masked ([`HospitalNames`]) and every Arabic figure folded to `#`, so
//! that a template filled in with other names and other figures reads the same. Headings
//! are not counted; they group the distinctive sentences.
//!
//! - A sentence has a *close counterpart* when another hospital has a sentence whose bigram
//!   set is at least [`CLOSE`] alike (Jaccard), directly or through a chain of such
//!   sentences ([`shingles::cluster`]).
//! - *Template text* is a sentence that most hospitals (the [`quorum`]) have in a close
//!   form; each is listed once, as the first hospital wrote it, masked.
//! - A *set phrase* is a clause repeated word for word by many hospitals inside sentences
//!   that are not template text (see [`phrases`]).
//! - A *distinctive* sentence has no close counterpart anywhere.

use std::collections::{HashMap, HashSet};

use super::names::HospitalNames;
use super::shared::compared_form;
use rayon::prelude::*;

use super::{Report, phrases, shingles};

pub use super::shared::Shared;

/// How alike (Jaccard similarity of bigram sets) two sentences must be to be counterparts.
pub const CLOSE: f64 = 0.6;

/// One hospital's sentences, counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextShare {
    /// Its sentences (headings not counted).
    pub sentences: usize,
    /// How many of them have a close counterpart in another hospital's report.
    pub with_counterpart: usize,
}

impl TextShare {
    /// The share of sentences with a close counterpart (0 when there are none).
    pub fn share(&self) -> f64 {
        if self.sentences == 0 {
            0.0
        } else {
            self.with_counterpart as f64 / self.sentences as f64
        }
    }
}

/// Sentences under one heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading; `None` before the first one.
    pub heading: Option<String>,
    /// The sentences, as written.
    pub sentences: Vec<String>,
}

/// What one hospital says that no other does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Distinctive {
    /// The hospital's position.
    pub hospital: usize,
    /// Its distinctive sentences, under their headings, in reading order.
    pub sections: Vec<Section>,
}

/// The text comparison of all hospitals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextComparison {
    /// How many hospitals make text "most reports" ([`quorum`]).
    pub quorum: usize,
    /// How many hospitals must repeat a clause for it to be a set phrase
    /// ([`phrases::phrase_quorum`]).
    pub phrase_quorum: usize,
    /// Per hospital, in comparison order.
    pub hospitals: Vec<TextShare>,
    /// Template text, the most widely shared first.
    pub templates: Vec<Shared>,
    /// Set phrases, the most widely shared first.
    pub set_phrases: Vec<Shared>,
    /// Per hospital that has any, its distinctive sentences.
    pub distinctive: Vec<Distinctive>,
}

/// "Most reports": more than half of `hospitals`, and at least two.
pub fn quorum(hospitals: usize) -> usize {
    (hospitals / 2 + 1).max(2)
}

/// A sentence of one hospital, as compared.
struct Line {
    hospital: usize,
    /// Position in the snapshot's sentences.
    index: usize,
    /// Position of its key among the distinct keys.
    key: usize,
}

/// Compares the text of `reports`, each masked with its own `names`.
pub fn compare_text(reports: &[Report], names: &[HospitalNames]) -> TextComparison {
    let quorum = quorum(reports.len());
    // Keying and masking every sentence is most of the work, and each sentence alone.
    let hospitals: Vec<usize> = (0..reports.len()).collect();
    let forms: Vec<Vec<(usize, String)>> = hospitals
        .par_iter()
        .map(|&h| {
            reports[h]
                .snapshot
                .sentences()
                .filter(|s| !s.heading)
                .map(|s| (s.index, compared_form(&names[h], s.text)))
                .collect()
        })
        .collect();
    let mut keys: Vec<String> = Vec::new();
    let mut key_id: HashMap<String, usize> = HashMap::new();
    let mut lines: Vec<Line> = Vec::new();
    for (hospital, sentences) in forms.into_iter().enumerate() {
        for (index, key) in sentences {
            let id = *key_id.entry(key).or_insert_with_key(|k| {
                keys.push(k.clone());
                keys.len() - 1
            });
            lines.push(Line {
                hospital,
                index,
                key: id,
            });
        }
    }
    drop(key_id);
    let roots = shingles::cluster(&keys, CLOSE);
    // The hospitals of each cluster, sorted, by root.
    let mut cluster_hospitals: HashMap<usize, Vec<usize>> = HashMap::new();
    for line in &lines {
        let list = cluster_hospitals.entry(roots[line.key]).or_default();
        if list.last() != Some(&line.hospital) {
            list.push(line.hospital);
        }
    }
    for list in cluster_hospitals.values_mut() {
        list.sort_unstable();
        list.dedup();
    }
    let reach = |line: &Line| cluster_hospitals[&roots[line.key]].len();

    let mut shares = vec![
        TextShare {
            sentences: 0,
            with_counterpart: 0
        };
        reports.len()
    ];
    for line in &lines {
        shares[line.hospital].sentences += 1;
        if reach(line) > 1 {
            shares[line.hospital].with_counterpart += 1;
        }
    }

    let mut templates: Vec<(usize, Shared)> = Vec::new();
    let mut listed: HashSet<usize> = HashSet::new();
    for line in &lines {
        let root = roots[line.key];
        let hospitals = &cluster_hospitals[&root];
        if hospitals.len() >= quorum && listed.insert(root) {
            let text = masked_sentence(reports, names, line);
            templates.push((
                root,
                Shared {
                    text,
                    hospitals: hospitals.clone(),
                },
            ));
        }
    }
    let mut templates: Vec<Shared> = templates.into_iter().map(|(_, s)| s).collect();
    templates.sort_by_key(|s| std::cmp::Reverse(s.hospitals.len()));

    let phrase_quorum = phrases::phrase_quorum(reports.len());
    let outside_templates = lines
        .iter()
        .filter(|l| reach(l) < quorum)
        .map(|l| (l.hospital, l.index));
    let set_phrases = phrases::find(reports, names, outside_templates, phrase_quorum);
    let distinctive = distinctive(reports, &lines, |l| reach(l) == 1);
    TextComparison {
        quorum,
        phrase_quorum,
        hospitals: shares,
        templates,
        set_phrases,
        distinctive,
    }
}

/// A line's sentence as written, masked.
fn masked_sentence(reports: &[Report], names: &[HospitalNames], line: &Line) -> String {
    names[line.hospital].mask(sentence_text(&reports[line.hospital], line.index))
}

fn sentence_text(report: &Report, index: usize) -> &str {
    report
        .snapshot
        .sentences()
        .nth(index)
        .map_or("", |s| s.text)
}

/// Each hospital's sentences that no other hospital has, under their headings.
fn distinctive(
    reports: &[Report],
    lines: &[Line],
    alone: impl Fn(&Line) -> bool,
) -> Vec<Distinctive> {
    let mut out: Vec<Distinctive> = Vec::new();
    let mut lines = lines.iter().filter(|l| alone(l)).peekable();
    for (hospital, report) in reports.iter().enumerate() {
        if lines.peek().is_none_or(|l| l.hospital != hospital) {
            continue;
        }
        let sections_of = report.snapshot.sections();
        let texts: Vec<&str> = report.snapshot.sentences().map(|s| s.text).collect();
        let mut sections: Vec<Section> = Vec::new();
        while let Some(line) = lines.next_if(|l| l.hospital == hospital) {
            let heading = sections_of[line.index].map(str::to_string);
            match sections.last_mut() {
                Some(section) if section.heading == heading => {
                    section.sentences.push(texts[line.index].to_string())
                }
                _ => sections.push(Section {
                    heading,
                    sentences: vec![texts[line.index].to_string()],
                }),
            }
        }
        out.push(Distinctive { hospital, sections });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Lexicon;
    use crate::snapshot::{Block, Snapshot};

    fn report(hospital: &str, blocks: Vec<Block>) -> Report {
        let snapshot = Snapshot {
            meta: Default::default(),
            blocks,
        };
        Report::new(hospital, hospital, None, snapshot, &Lexicon::builtin())
    }

    fn para(sentences: &[&str]) -> Block {
        Block::paragraph(sentences.iter().map(|s| s.to_string()).collect())
    }

    fn compare(reports: &[Report]) -> TextComparison {
        let names: Vec<HospitalNames> = reports
            .iter()
            .map(|r| HospitalNames::new::<&str>(&r.hospital, &[]))
            .collect();
        compare_text(reports, &names)
    }

    #[test]
    fn quorum_is_more_than_half() {
        assert_eq!(
            [quorum(1), quorum(2), quorum(3), quorum(5), quorum(1000)],
            [2, 2, 2, 3, 501]
        );
    }

    #[test]
    fn names_and_figures_do_not_keep_sentences_apart() {
        let reports = [
            report(
                "诸城市人民医院",
                vec![
                    Block::heading("大力实施“人才强院”战略"),
                    para(&[
                        "诸城市人民医院大力实施“人才强院”战略。",
                        "2023年，医院新引进博士研究生5名。",
                        "与强者同行，方可行稳致远。",
                    ]),
                ],
            ),
            report(
                "长治市人民医院",
                vec![para(&[
                    "长治市人民医院大力实施“人才强院”战略。",
                    "2021年，医院新引进博士研究生12名。",
                    "风雨百年路，奋斗铸辉煌。",
                ])],
            ),
        ];
        let text = compare(&reports);
        assert_eq!(
            text.hospitals[0],
            TextShare {
                sentences: 3,
                with_counterpart: 2
            }
        );
        assert_eq!(text.templates.len(), 2);
        assert_eq!(text.templates[0].text, "〈院〉大力实施“人才强院”战略。");
        assert_eq!(text.templates[0].hospitals, [0, 1]);
        assert_eq!(
            text.distinctive,
            [
                Distinctive {
                    hospital: 0,
                    sections: vec![Section {
                        heading: Some("大力实施“人才强院”战略".into()),
                        sentences: vec!["与强者同行，方可行稳致远。".into()],
                    }],
                },
                Distinctive {
                    hospital: 1,
                    sections: vec![Section {
                        heading: None,
                        sentences: vec!["风雨百年路，奋斗铸辉煌。".into()],
                    }],
                },
            ]
        );
    }

    #[test]
    fn a_hospital_without_sentences_has_no_share() {
        let reports = [
            report("甲县人民医院", vec![Block::heading("标题")]),
            report("乙县人民医院", vec![para(&["乙县人民医院开展义诊。"])]),
        ];
        let text = compare(&reports);
        assert_eq!(text.hospitals[0].share(), 0.0);
        assert_eq!(text.hospitals[0].sentences, 0);
    }
}
