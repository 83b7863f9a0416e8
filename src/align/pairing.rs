//! Pair the sentences of one unequal run by similarity: an edited sentence is one pair, a
//! sentence cut in two is a 1:2 step, two joined are a 2:1 step, the rest are deleted or added.
//!
//! A dynamic programme over the run, as sentence aligners do (Gale-Church, bleualign), with
//! steps 1:1, 1:2, 2:1, 1:0 and 0:1. Long runs are cut into windows so the work stays
//! linear in the length of the run.

use std::ops::Range;

use super::deadline::Deadline;
use super::mirror::{Mirror, in_canonical_order};
use super::similarity::{Profile, shared_bigrams};

/// Least similarity for two sentences to be one edited sentence.
pub(crate) const PAIR_THRESHOLD: f64 = 0.5;

/// Similarity that pairs an old and a new sentence standing in the same place of a run with as
/// many old as new sentences: the position already says they are the same sentence, so a
/// rewrite that keeps under half of its bigrams is still one edit, not a deletion plus an
/// addition.
const IN_PLACE_THRESHOLD: f64 = 0.25;

/// Least share of each piece of a split (or merge) found in the whole.
const PIECE_CONTAINMENT: f64 = 0.5;

/// A 1:2 or 2:1 step covers three sentences; weighting it by half of that makes a true split
/// beat "one half modified, the other added".
const MULTI_WEIGHT: f64 = 1.5;

/// Most cells (old sentences times new sentences) in one dynamic-programming window: a run
/// of 100 by 100 sentences, or 1 by 10,000, is paired in one piece.
pub(crate) const MAX_CELLS: usize = 10_000;

/// One step of a run's alignment, with indices relative to the run (or, once
/// [`shifted`](Step::shifted), to the whole text).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Step {
    /// Old sentences paired with new ones: 1:1 (modified), 1:2 (split) or 2:1 (merged).
    Pair {
        /// Old sentences of the run.
        old: Range<usize>,
        /// New sentences of the run.
        new: Range<usize>,
        /// Dice similarity of the joined keys.
        similarity: f64,
    },
    /// An old sentence with no partner.
    Deleted(usize),
    /// A new sentence with no partner.
    Added(usize),
}

impl Step {
    /// The same step with its indices moved on by where its window or run starts: how a
    /// window's steps become the run's, and a run's steps become the whole text's.
    pub(crate) fn shifted(self, old_start: usize, new_start: usize) -> Step {
        match self {
            Step::Pair {
                old,
                new,
                similarity,
            } => Step::Pair {
                old: old.start + old_start..old.end + old_start,
                new: new.start + new_start..new.end + new_start,
                similarity,
            },
            Step::Deleted(i) => Step::Deleted(i + old_start),
            Step::Added(j) => Step::Added(j + new_start),
        }
    }
}

impl Mirror for Step {
    fn mirrored(self) -> Step {
        match self {
            Step::Pair {
                old,
                new,
                similarity,
            } => Step::Pair {
                old: new,
                new: old,
                similarity,
            },
            Step::Deleted(i) => Step::Added(i),
            Step::Added(j) => Step::Deleted(j),
        }
    }
}

/// The steps of one run, in reading order, and what they cost.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Pairing {
    /// Steps covering every sentence of the run once.
    pub steps: Vec<Step>,
    /// Bigram hits and joined comparisons: bounded by the window size times the run length.
    pub evaluations: usize,
    /// Whether the deadline left part of the run unpaired.
    pub coarse: bool,
}

impl Mirror for Pairing {
    fn mirrored(self) -> Self {
        Pairing {
            steps: self.steps.mirrored(),
            ..self
        }
    }
}

/// Pairs the sentence keys of one unequal run.
///
/// The result is the mirror image of `pair_run(new, old)`: the programme always runs in one
/// canonical direction, so ties are broken the same way whichever side is old.
pub(crate) fn pair_run(old: &[&str], new: &[&str], deadline: Deadline) -> Pairing {
    let mut pairing = in_canonical_order(old, new, |a, b| pair_directed(a, b, deadline));
    deletions_first(&mut pairing.steps);
    pairing
}

/// Between two pairs, deleted sentences read before added ones: a deletion stands where the
/// old text had it, just before what replaced it.
fn deletions_first(steps: &mut [Step]) {
    for block in steps.split_mut(|s| matches!(s, Step::Pair { .. })) {
        block.sort_by_key(|s| match s {
            Step::Deleted(i) => (0, *i),
            Step::Added(j) => (1, *j),
            Step::Pair { .. } => (2, 0),
        });
    }
}

fn pair_directed(old: &[&str], new: &[&str], deadline: Deadline) -> Pairing {
    let mut pairing = Pairing::default();
    let windows = window_count(old.len(), new.len());
    for w in 0..windows {
        let o = (w * old.len() / windows)..((w + 1) * old.len() / windows);
        let n = (w * new.len() / windows)..((w + 1) * new.len() / windows);
        if deadline.passed() {
            pairing.coarse = true;
            pairing.steps.extend(o.map(Step::Deleted));
            pairing.steps.extend(n.map(Step::Added));
            continue;
        }
        let window = pair_window(&old[o.clone()], &new[n.clone()], &mut pairing.evaluations);
        pairing.steps.extend(
            window
                .into_iter()
                .map(|step| step.shifted(o.start, n.start)),
        );
    }
    pairing
}

/// Number of windows a run of `m` old and `n` new sentences is cut into: cutting both sides
/// into `k` proportional pieces divides the cells by `k` squared.
pub(crate) fn window_count(m: usize, n: usize) -> usize {
    let mut k = 1;
    while m.div_ceil(k) * n.div_ceil(k) > MAX_CELLS {
        k += 1;
    }
    k
}

/// The moves of the programme, in the order ties are broken.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Move {
    One,
    Split,
    Merge,
    Delete,
    Add,
}

fn pair_window(old: &[&str], new: &[&str], evaluations: &mut usize) -> Vec<Step> {
    let (m, n) = (old.len(), new.len());
    let old_p: Vec<Profile> = old.iter().map(|k| Profile::of(k)).collect();
    let new_p: Vec<Profile> = new.iter().map(|k| Profile::of(k)).collect();
    let common = shared_bigrams(&old_p, &new_p, evaluations);
    let shared = |i: usize, j: usize| common[i * n + j] as usize;
    let dice = |i: usize, j: usize| -> f64 {
        2.0 * shared(i, j) as f64 / (old_p[i].size() + new_p[j].size()) as f64
    };
    // Share of a piece's bigrams found in the whole it was cut from (or joined into).
    let in_old = |j: usize, i: usize| shared(i, j) as f64 / new_p[j].size() as f64;
    let in_new = |i: usize, j: usize| shared(i, j) as f64 / old_p[i].size() as f64;
    let mut joined_dice = |a: &[&str], b: &str| -> f64 {
        *evaluations += 1;
        Profile::of(&a.concat()).dice(&Profile::of(b))
    };
    let width = n + 1;
    let mut score = vec![0.0f64; (m + 1) * width];
    let mut back: Vec<(Move, f64)> = vec![(Move::Delete, 0.0); (m + 1) * width];
    for i in 0..=m {
        for j in 0..=n {
            if i == 0 && j == 0 {
                continue;
            }
            let mut best: Option<(f64, Move, f64)> = None;
            let mut offer = |total: f64, mv: Move, s: f64| {
                if best.is_none_or(|(b, _, _)| total > b) {
                    best = Some((total, mv, s));
                }
            };
            if i >= 1 && j >= 1 {
                let s = dice(i - 1, j - 1);
                let threshold = if m == n && i == j {
                    IN_PLACE_THRESHOLD
                } else {
                    PAIR_THRESHOLD
                };
                if s >= threshold {
                    offer(score[(i - 1) * width + j - 1] + s, Move::One, s);
                }
            }
            if i >= 1
                && j >= 2
                && in_old(j - 2, i - 1) >= PIECE_CONTAINMENT
                && in_old(j - 1, i - 1) >= PIECE_CONTAINMENT
            {
                let s = joined_dice(&new[j - 2..j], old[i - 1]);
                if s >= PAIR_THRESHOLD {
                    let total = score[(i - 1) * width + j - 2] + MULTI_WEIGHT * s;
                    offer(total, Move::Split, s);
                }
            }
            if i >= 2
                && j >= 1
                && in_new(i - 2, j - 1) >= PIECE_CONTAINMENT
                && in_new(i - 1, j - 1) >= PIECE_CONTAINMENT
            {
                let s = joined_dice(&old[i - 2..i], new[j - 1]);
                if s >= PAIR_THRESHOLD {
                    let total = score[(i - 2) * width + j - 1] + MULTI_WEIGHT * s;
                    offer(total, Move::Merge, s);
                }
            }
            if i >= 1 {
                offer(score[(i - 1) * width + j], Move::Delete, 0.0);
            }
            if j >= 1 {
                offer(score[i * width + j - 1], Move::Add, 0.0);
            }
            if let Some((total, mv, s)) = best {
                score[i * width + j] = total;
                back[i * width + j] = (mv, s);
            }
        }
    }
    let mut steps = Vec::new();
    let (mut i, mut j) = (m, n);
    while i > 0 || j > 0 {
        let (mv, s) = back[i * width + j];
        let (di, dj) = match mv {
            Move::One => (1, 1),
            Move::Split => (1, 2),
            Move::Merge => (2, 1),
            Move::Delete => (1, 0),
            Move::Add => (0, 1),
        };
        steps.push(match mv {
            Move::Delete => Step::Deleted(i - 1),
            Move::Add => Step::Added(j - 1),
            _ => Step::Pair {
                old: i - di..i,
                new: j - dj..j,
                similarity: s,
            },
        });
        i -= di;
        j -= dj;
    }
    steps.reverse();
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(old: &[&str], new: &[&str]) -> Vec<String> {
        pair_run(old, new, Deadline::NONE)
            .steps
            .iter()
            .map(|s| match s {
                Step::Pair { old, new, .. } => format!("{old:?}={new:?}"),
                Step::Deleted(i) => format!("-{i}"),
                Step::Added(j) => format!("+{j}"),
            })
            .collect()
    }

    #[test]
    fn an_edited_sentence_is_one_pair() {
        assert_eq!(
            steps(
                &["贯彻落实党委领导下的院长负贵制."],
                &["新增一句完全无关的话.", "贯彻落实党委领导下的院长负责制."]
            ),
            ["+0", "0..1=1..2"]
        );
    }

    #[test]
    fn a_sentence_cut_in_two_is_a_split() {
        assert_eq!(
            steps(
                &["医院持续不断增强学科建设水平,组织对各学科负责人实施竞聘上岗."],
                &[
                    "医院持续不断增强学科建设水平.",
                    "组织对各学科负责人实施竞聘上岗."
                ]
            ),
            ["0..1=0..2"]
        );
    }

    #[test]
    fn two_sentences_joined_are_a_merge() {
        assert_eq!(
            steps(
                &[
                    "医院持续不断增强学科建设水平.",
                    "组织对各学科负责人实施竞聘上岗."
                ],
                &["医院持续不断增强学科建设水平,组织对各学科负责人实施竞聘上岗."]
            ),
            ["0..2=0..1"]
        );
    }

    #[test]
    fn a_rewritten_sentence_in_its_own_place_is_one_pair() {
        let old = ["目前,北院区建设正在全速推进中。"];
        let new = ["目前,北院区主体工程已经完工,正在进行内部装修。"];
        let pairing = pair_run(&old, &new, Deadline::NONE);
        assert!(
            matches!(pairing.steps[..], [Step::Pair { .. }]),
            "{:?}",
            pairing.steps
        );
        let unrelated = ["门诊量达到42.15万人次。"];
        let pairing = pair_run(&old, &unrelated, Deadline::NONE);
        assert_eq!(pairing.steps.len(), 2, "{:?}", pairing.steps);
        let old = [
            "目前,北院区建设正在全速推进中。",
            "最大限度的为患者打造优质无障碍就医体验平台。",
        ];
        let new = [
            "目前,北院区主体工程已经完工,正在进行内部装修。",
            "最大限度地为患者打造优质无障碍就医体验平台。",
        ];
        let pairing = pair_run(&old, &new, Deadline::NONE);
        assert!(
            matches!(pairing.steps[..], [Step::Pair { .. }, Step::Pair { .. }]),
            "{:?}",
            pairing.steps
        );
    }

    #[test]
    fn unrelated_sentences_are_deleted_and_added() {
        assert_eq!(
            steps(&["与强者同行,方可行稳致远."], &["理念是一切行动的先导."]),
            ["-0", "+0"]
        );
    }

    #[test]
    fn a_long_run_is_paired_in_windows_with_bounded_work() {
        let old: Vec<String> = (0..1000).map(|i| format!("第{i}条旧句子内容")).collect();
        let new: Vec<String> = (0..1500).map(|i| format!("第{i}项新的文字")).collect();
        let old: Vec<&str> = old.iter().map(String::as_str).collect();
        let new: Vec<&str> = new.iter().map(String::as_str).collect();
        let pairing = pair_run(&old, &new, Deadline::NONE);
        // Each cell costs at most one hit per distinct bigram of its old sentence, plus two
        // joined comparisons; the cells grow linearly with the run.
        let windows = window_count(1000, 1500);
        let cells = windows * (1000usize.div_ceil(windows) + 1) * (1500usize.div_ceil(windows) + 1);
        assert!(cells <= 2 * (1000 + 1500) * 100);
        let longest = old.iter().map(|k| k.chars().count() + 1).max().unwrap_or(0);
        let bound = (longest + 2) * cells;
        assert!(
            pairing.evaluations <= bound,
            "{} > {bound}",
            pairing.evaluations
        );
        let covered_old: usize = pairing
            .steps
            .iter()
            .map(|s| match s {
                Step::Pair { old, .. } => old.len(),
                Step::Deleted(_) => 1,
                Step::Added(_) => 0,
            })
            .sum();
        assert_eq!(covered_old, 1000);
    }

    #[test]
    fn windows_keep_cells_under_the_cap() {
        assert_eq!(window_count(1, 10_000), 1);
        assert_eq!(window_count(100, 100), 1);
        assert_eq!(window_count(101, 100), 2);
        for (m, n) in [(1000, 1500), (55_295, 84_892), (3, 1_000_000)] {
            let k = window_count(m, n);
            assert!(m.div_ceil(k) * n.div_ceil(k) <= MAX_CELLS);
            assert!(k == 1 || m.div_ceil(k - 1) * n.div_ceil(k - 1) > MAX_CELLS);
        }
    }

    #[test]
    fn past_the_deadline_a_run_is_left_unpaired() {
        let past = Deadline::after(std::time::Duration::ZERO);
        let pairing = pair_run(&["院长负贵制."], &["院长负责制."], past);
        assert!(pairing.coarse);
        assert_eq!(pairing.steps, [Step::Deleted(0), Step::Added(0)]);
    }
}
