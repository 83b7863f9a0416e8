//! Find moved sentences: a deleted sentence that reappears elsewhere as an added one, by the
//! same key or a close one.
//!
//! Candidates come from a hash index of keys and of rare character bigrams, so the work stays
//! linear in the number of sentences whatever the inputs.

use std::collections::HashMap;
use std::time::Instant;

use super::pairing::Profile;

/// Least similarity for a sentence to count as moved rather than deleted and added: higher
/// than the pairing threshold, since the partner may stand anywhere in the report.
pub(crate) const MOVE_THRESHOLD: f64 = 0.6;

/// A bigram shared by more sentences (both sides together) than this says nothing about
/// identity and selects no candidates.
pub(crate) const MAX_POSTINGS: usize = 16;

/// Sentences of both sides that share one bigram, past which the bigram is common.
#[derive(Default)]
struct Postings {
    count: usize,
    sides: [Vec<u32>; 2],
}

/// Each distinct bigram of a sorted profile once.
fn distinct(grams: &[u64]) -> impl Iterator<Item = u64> + '_ {
    grams
        .iter()
        .enumerate()
        .filter(|&(k, g)| k == 0 || grams[k - 1] != *g)
        .map(|(_, &g)| g)
}

/// A deleted sentence (by its position in `deleted`) found again as an added one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Move {
    /// Position in the `deleted` slice.
    pub deleted: usize,
    /// Position in the `added` slice.
    pub added: usize,
    /// Dice similarity of the keys (1 for the same key).
    pub similarity: f64,
}

/// What finding moves found and cost.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Moves {
    /// Each deleted and added sentence takes part in at most one move.
    pub moves: Vec<Move>,
    /// Similarity computations done: at most `MAX_POSTINGS` per bigram of a deleted sentence.
    pub evaluations: usize,
    /// Whether the deadline stopped the search early.
    pub coarse: bool,
}

/// Matches deleted keys with added keys, same keys first, then the most similar pairs.
///
/// Symmetric: swapping `deleted` and `added` gives the same moves with the roles swapped.
pub(crate) fn find_moves(deleted: &[&str], added: &[&str], deadline: Option<Instant>) -> Moves {
    let mut result = Moves::default();
    let mut deleted_used = vec![false; deleted.len()];
    let mut added_used = vec![false; added.len()];

    // Same key: the k-th deleted copy goes with the k-th added copy.
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, key) in added.iter().enumerate() {
        by_key.entry(key).or_default().push(j);
    }
    let mut taken: HashMap<&str, usize> = HashMap::new();
    for (i, key) in deleted.iter().enumerate() {
        let Some(list) = by_key.get(key) else {
            continue;
        };
        let k = taken.entry(key).or_default();
        if let Some(&j) = list.get(*k) {
            *k += 1;
            deleted_used[i] = true;
            added_used[j] = true;
            result.moves.push(Move {
                deleted: i,
                added: j,
                similarity: 1.0,
            });
        }
    }

    // Close keys: a deleted and an added sentence are candidates when they share a bigram
    // that few sentences of either side have. Rarity counts both sides, so the candidates do
    // not depend on which side is old.
    let profile_of = |key: &str, used: bool| (!used).then(|| Profile::of(key));
    let deleted_profiles: Vec<Option<Profile>> = deleted
        .iter()
        .zip(&deleted_used)
        .map(|(key, &used)| profile_of(key, used))
        .collect();
    let added_profiles: Vec<Option<Profile>> = added
        .iter()
        .zip(&added_used)
        .map(|(key, &used)| profile_of(key, used))
        .collect();
    let mut postings: HashMap<u64, Postings> = HashMap::new();
    for (side, profiles) in [(0, &deleted_profiles), (1, &added_profiles)] {
        for (index, profile) in profiles.iter().enumerate() {
            let Some(profile) = profile else { continue };
            for gram in distinct(profile.grams()) {
                let entry = postings.entry(gram).or_default();
                entry.count += 1;
                // Past the cap the bigram is common: stop growing its lists.
                if entry.count <= MAX_POSTINGS {
                    entry.sides[side].push(index as u32);
                }
            }
        }
    }
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    let mut candidates: Vec<u32> = Vec::new();
    for (i, profile) in deleted_profiles.iter().enumerate() {
        let Some(profile) = profile else { continue };
        if deadline.is_some_and(|d| Instant::now() >= d) {
            result.coarse = true;
            break;
        }
        candidates.clear();
        for gram in distinct(profile.grams()) {
            if let Some(entry) = postings.get(&gram)
                && entry.count <= MAX_POSTINGS
            {
                candidates.extend(&entry.sides[1]);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        for &j in &candidates {
            let Some(other) = &added_profiles[j as usize] else {
                continue;
            };
            if profile.dice_bound(other) < MOVE_THRESHOLD {
                continue;
            }
            result.evaluations += 1;
            let similarity = profile.dice(other);
            if similarity >= MOVE_THRESHOLD {
                scored.push((similarity, i, j as usize));
            }
        }
    }
    // Best first; ties by the keys themselves, which do not depend on which side is old.
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| tie_key(deleted[a.1], added[a.2]).cmp(&tie_key(deleted[b.1], added[b.2])))
    });
    for (similarity, i, j) in scored {
        if deleted_used[i] || added_used[j] {
            continue;
        }
        deleted_used[i] = true;
        added_used[j] = true;
        result.moves.push(Move {
            deleted: i,
            added: j,
            similarity,
        });
    }
    result
}

fn tie_key<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if a <= b { (a, b) } else { (b, a) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_sentence_elsewhere_is_moved() {
        let found = find_moves(
            &["与强者同行,方可行稳致远."],
            &["新的一句.", "与强者同行,方可行稳致远."],
            None,
        );
        assert_eq!(
            found.moves,
            [Move {
                deleted: 0,
                added: 1,
                similarity: 1.0
            }]
        );
    }

    #[test]
    fn an_edited_sentence_elsewhere_is_moved() {
        let found = find_moves(
            &["2024年门诊量达到42.15万人次,患者辐射到山西省、河北省等周边地区."],
            &[
                "理念是一切行动的先导.",
                "2024年门诊量达到45.30万人次,患者辐射到山西省、河北省等周边地区.",
            ],
            None,
        );
        assert_eq!(found.moves.len(), 1);
        assert_eq!(found.moves[0].added, 1);
        assert!(found.moves[0].similarity > 0.8);
    }

    #[test]
    fn unrelated_sentences_do_not_move() {
        let found = find_moves(
            &["与强者同行,方可行稳致远."],
            &["理念是一切行动的先导."],
            None,
        );
        assert!(found.moves.is_empty());
    }

    #[test]
    fn work_is_bounded_per_deleted_sentence() {
        // Every added sentence shares the common bigrams; only rare ones select candidates.
        let name = |i: u32| -> String {
            [0x4e00 + 2 * i, 0x4e01 + 2 * i]
                .iter()
                .filter_map(|&c| char::from_u32(c))
                .collect()
        };
        let added: Vec<String> = (0..500)
            .map(|i| format!("医院工作{}项目", name(i)))
            .collect();
        let deleted: Vec<String> = (0..500).map(|i| format!("医院工作{}项", name(i))).collect();
        let added: Vec<&str> = added.iter().map(String::as_str).collect();
        let deleted: Vec<&str> = deleted.iter().map(String::as_str).collect();
        let found = find_moves(&deleted, &added, None);
        let grams: usize = deleted.iter().map(|k| k.chars().count() + 1).sum();
        assert!(found.evaluations <= MAX_POSTINGS * grams);
        assert_eq!(found.moves.len(), 500);
    }
}
