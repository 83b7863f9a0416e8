//! Find moved sentences: a deleted sentence that reappears elsewhere as an added one, by the
//! same key or a close one.
//!
//! Candidates come from a hash index of keys and of rare character bigrams, so the work stays
//! linear in the number of sentences whatever the inputs.

use std::collections::HashMap;

use super::deadline::Deadline;
use super::similarity::Profile;

/// Least similarity for a sentence to count as moved rather than deleted and added: higher
/// than the pairing threshold, since the partner may stand anywhere in the report.
pub(crate) const MOVE_THRESHOLD: f64 = 0.6;

/// A bigram shared by more sentences (both sides together) than this says nothing about
/// identity and selects no candidates.
pub(crate) const MAX_POSTINGS: usize = 16;

/// Past this many unmatched sentences (both sides) only same-key moves are looked for: the
/// bigram index would grow past a few times the size of the input.
pub(crate) const MAX_SIMILAR_SENTENCES: usize = 50_000;

/// Marks an added sentence in the flat posting list.
const ADDED: u32 = 1 << 31;

/// Profiles of the sentences not yet matched.
fn open_profiles(keys: &[&str], used: &[bool]) -> Vec<Option<Profile>> {
    keys.iter()
        .zip(used)
        .map(|(key, &used)| (!used).then(|| Profile::of(key)))
        .collect()
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
    /// Similarity computations done: at most `MAX_POSTINGS` squared per distinct bigram.
    pub evaluations: usize,
    /// Whether the deadline or the sentence cap left similar moves unsearched.
    pub coarse: bool,
}

/// Matches deleted keys with added keys, same keys first, then the most similar pairs.
///
/// Symmetric: swapping `deleted` and `added` gives the same moves with the roles swapped.
pub(crate) fn find_moves(deleted: &[&str], added: &[&str], deadline: Deadline) -> Moves {
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
    let open = deleted_used
        .iter()
        .chain(&added_used)
        .filter(|u| !**u)
        .count();
    if open > MAX_SIMILAR_SENTENCES || deadline.passed() {
        result.coarse = true;
        return result;
    }
    let deleted_profiles = open_profiles(deleted, &deleted_used);
    let added_profiles = open_profiles(added, &added_used);
    // (bigram, sentence) with the side in the top bit, sorted so each bigram's sentences
    // stand together: a flat posting list, far smaller than a map of vectors.
    let mut postings: Vec<(u64, u32)> = Vec::new();
    for (side, profiles) in [(0u32, &deleted_profiles), (ADDED, &added_profiles)] {
        for (index, profile) in profiles.iter().enumerate() {
            if let Some(profile) = profile {
                postings.extend(profile.distinct().map(|g| (g, side | index as u32)));
            }
        }
    }
    postings.sort_unstable();
    let mut candidates: Vec<(u32, u32)> = Vec::new();
    for group in postings.chunk_by(|a, b| a.0 == b.0) {
        if group.len() > MAX_POSTINGS {
            continue;
        }
        let (added_side, deleted_side): (Vec<u32>, Vec<u32>) =
            group.iter().map(|&(_, s)| s).partition(|s| s & ADDED != 0);
        for &i in &deleted_side {
            candidates.extend(added_side.iter().map(|&j| (i, j & !ADDED)));
        }
    }
    drop(postings);
    candidates.sort_unstable();
    candidates.dedup();
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    for (n, &(i, j)) in candidates.iter().enumerate() {
        if n % 1024 == 0 && deadline.passed() {
            result.coarse = true;
            break;
        }
        let (Some(a), Some(b)) = (&deleted_profiles[i as usize], &added_profiles[j as usize])
        else {
            continue;
        };
        if a.dice_bound(b) < MOVE_THRESHOLD {
            continue;
        }
        result.evaluations += 1;
        let similarity = a.dice(b);
        if similarity >= MOVE_THRESHOLD {
            scored.push((similarity, i as usize, j as usize));
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
            Deadline::NONE,
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
            Deadline::NONE,
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
            Deadline::NONE,
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
        let found = find_moves(&deleted, &added, Deadline::NONE);
        let grams: usize = deleted.iter().map(|k| k.chars().count() + 1).sum();
        assert!(found.evaluations <= MAX_POSTINGS * grams);
        assert_eq!(found.moves.len(), 500);
    }

    #[test]
    fn past_the_sentence_cap_only_same_keys_move() {
        let n = MAX_SIMILAR_SENTENCES / 2 + 2;
        let deleted: Vec<String> = (0..n).map(|i| format!("第{i}句旧")).collect();
        let mut added: Vec<String> = (0..n).map(|i| format!("第{i}句新")).collect();
        added[7] = deleted[3].clone();
        let deleted: Vec<&str> = deleted.iter().map(String::as_str).collect();
        let added: Vec<&str> = added.iter().map(String::as_str).collect();
        let found = find_moves(&deleted, &added, Deadline::NONE);
        assert!(found.coarse);
        assert_eq!(found.evaluations, 0);
        assert_eq!(
            found.moves,
            [Move {
                deleted: 3,
                added: 7,
                similarity: 1.0
            }]
        );
    }
}
