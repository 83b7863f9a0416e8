//! Set phrases: clauses that many hospitals write word for word inside sentences that
//! otherwise differ (增强“四个意识”、坚定“四个自信”、做到“两个维护”).
//!
//! A clause is a stretch between `，` `；` `：` and sentence ends, compared masked (the
//! hospital's names) with its figures folded. It counts when it holds six Han characters or
//! more and its sentence has another clause (a sentence of one clause is the text view's
//! business), and it is a set phrase when at least a tenth of the hospitals, and at least
//! two, repeat it ([`phrase_quorum`]): a clause of that length that unrelated reports write
//! alike is a formula, not a coincidence, and slogans are seldom repeated by a majority of a
//! province's hospitals.

use std::collections::HashMap;

use crate::cjk::is_han;

use crate::compare_key::sentence_key;

use super::names::HospitalNames;
use super::shared::{Shared, fold_figures};
use rayon::prelude::*;

use super::Report;

/// Han characters a clause needs to count as a set phrase.
const MIN_PHRASE_HAN: usize = 6;

/// How many hospitals make a set phrase: a tenth of `hospitals`, and at least two.
pub fn phrase_quorum(hospitals: usize) -> usize {
    hospitals.div_ceil(10).max(2)
}

/// The set phrases among `sentences` (hospital, sentence index), each masked with its
/// hospital's `names`: the most widely repeated first.
pub fn find(
    reports: &[Report],
    names: &[HospitalNames],
    sentences: impl Iterator<Item = (usize, usize)>,
    quorum: usize,
) -> Vec<Shared> {
    let mut phrases: Vec<Shared> = Vec::new();
    let mut phrase_id: HashMap<String, usize> = HashMap::new();
    let texts: Vec<Vec<&str>> = reports
        .iter()
        .map(|r| r.snapshot.sentences().map(|s| s.text).collect())
        .collect();
    let sentences: Vec<(usize, usize)> = sentences.collect();
    // The keys of each sentence's clauses (with the clause's place), each sentence alone;
    // a phrase's text is written out only for the phrases found.
    let keys_of: Vec<Vec<(String, usize)>> = sentences
        .par_iter()
        .map(|&(h, i)| {
            let masked = names[h].mask(texts[h][i]);
            let clauses = clauses(&masked);
            if clauses.len() < 2 {
                return Vec::new();
            }
            clauses
                .into_iter()
                .enumerate()
                .filter(|(_, c)| c.chars().filter(|c| is_han(*c)).count() >= MIN_PHRASE_HAN)
                .map(|(n, c)| (fold_figures(&sentence_key(c)), n))
                .collect()
        })
        .collect();
    // Per phrase: the hospitals repeating it, and where it was first read.
    let mut found_at: Vec<(usize, usize, usize)> = Vec::new();
    let mut hospitals_of: Vec<Vec<usize>> = Vec::new();
    for (&(hospital, index), keys) in sentences.iter().zip(keys_of) {
        for (key, clause) in keys {
            let id = *phrase_id.entry(key).or_insert_with(|| {
                found_at.push((hospital, index, clause));
                hospitals_of.push(Vec::new());
                hospitals_of.len() - 1
            });
            let hospitals = &mut hospitals_of[id];
            if hospitals.last() != Some(&hospital) {
                hospitals.push(hospital);
            }
        }
    }
    for (id, hospitals) in hospitals_of.into_iter().enumerate() {
        if hospitals.len() < quorum {
            continue;
        }
        let (h, i, n) = found_at[id];
        let masked = names[h].mask(texts[h][i]);
        let text = clauses(&masked)
            .get(n)
            .copied()
            .unwrap_or_default()
            .to_string();
        phrases.push(Shared { text, hospitals });
    }
    phrases.sort_by_key(|p| std::cmp::Reverse(p.hospitals.len()));
    phrases
}

/// The clauses of a sentence: stretches between clause and sentence punctuation, trimmed.
fn clauses(sentence: &str) -> Vec<&str> {
    sentence
        .split(['，', ',', '；', ';', '：', ':', '。', '！', '!', '？', '?'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Lexicon;
    use crate::snapshot::{Block, Snapshot};

    fn report(hospital: &str, sentence: &str) -> Report {
        let snapshot = Snapshot {
            meta: Default::default(),
            blocks: vec![Block::paragraph(vec![sentence.to_string()])],
        };
        Report::new(hospital, hospital, None, snapshot, &Lexicon::builtin())
    }

    #[test]
    fn a_tenth_of_the_hospitals_and_at_least_two() {
        assert_eq!(
            [
                phrase_quorum(2),
                phrase_quorum(5),
                phrase_quorum(25),
                phrase_quorum(1000)
            ],
            [2, 2, 3, 100]
        );
    }

    #[test]
    fn clauses_part_at_commas_semicolons_and_colons() {
        assert_eq!(
            clauses("一是强化党建，二是深化改革；三是：服务群众。"),
            ["一是强化党建", "二是深化改革", "三是", "服务群众"]
        );
    }

    #[test]
    fn a_set_phrase_inside_different_sentences_is_found_once() {
        let phrase = "增强“四个意识”、坚定“四个自信”、做到“两个维护”";
        let reports = [
            report(
                "大同市第六人民医院",
                &format!("引导全体党员干部深刻领悟“两个确立”的决定性意义，{phrase}。"),
            ),
            report(
                "定陶区人民医院",
                &format!(
                    "推动干部职工以实际行动践行初心使命，{phrase}；要求全体党员干部牢牢把握总要求。"
                ),
            ),
            report(
                "诸城市人民医院",
                "诸城市人民医院扎实开展“党建+健康”先锋行动。",
            ),
        ];
        let names: Vec<HospitalNames> = reports
            .iter()
            .map(|r| HospitalNames::new::<&str>(&r.hospital, &[]))
            .collect();
        let all = (0..reports.len()).map(|h| (h, 0));
        assert_eq!(
            find(&reports, &names, all, phrase_quorum(reports.len())),
            [Shared {
                text: phrase.into(),
                hospitals: vec![0, 1]
            }]
        );
        let one_each = [(0, 0), (2, 0)].into_iter();
        assert_eq!(find(&reports, &names, one_each, 2), []);
    }
}
