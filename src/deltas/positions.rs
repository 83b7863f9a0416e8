//! Pairing by position: the figures of two sentences that the aligner paired (unchanged,
//! modified, moved, split or merged) pair up in reading order, a figure with a figure of the
//! same measure (key, unit, level or change of one basis). A longest common subsequence on
//! those measures finds the pairs, so that a figure added or dropped in the middle of a
//! sentence does not shift the others.

use std::collections::HashMap;

use crate::changes::SentencePair;
use crate::metrics::{Basis, Metric};

/// A group with more figures than this on both sides (their product) is not paired by
/// position: the table would grow with the square of a sentence's figures.
const MAX_CELLS: usize = 64 * 64;

/// What must be equal for two figures to pair by position: key, unit, and level or change
/// of one basis (a year compared with may differ: a next edition moves it with its periods,
/// which the caller checks).
fn measure(m: &Metric) -> (&str, &str, Option<Basis>) {
    let change = m.change.map(|b| match b {
        Basis::VsYear(_) => Basis::VsYear(0),
        b => b,
    });
    (&m.key, &m.unit, change)
}

/// The figures of each sentence, by sentence index, in reading order.
fn by_sentence(metrics: &[Metric]) -> HashMap<usize, Vec<usize>> {
    let mut map: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, m) in metrics.iter().enumerate() {
        map.entry(m.sentence_index).or_default().push(i);
    }
    map
}

/// Pairs (old index, new index) of figures that stand at the same position of aligned
/// sentences, in the order found.
pub(super) fn pair_by_position(
    old: &[Metric],
    new: &[Metric],
    groups: &[SentencePair],
) -> Vec<(usize, usize)> {
    let old_at = by_sentence(old);
    let new_at = by_sentence(new);
    let gather = |at: &HashMap<usize, Vec<usize>>, sentences: &[usize]| -> Vec<usize> {
        sentences
            .iter()
            .filter_map(|s| at.get(s))
            .flatten()
            .copied()
            .collect()
    };
    let mut pairs = Vec::new();
    for group in groups {
        let a = gather(&old_at, &group.old);
        let b = gather(&new_at, &group.new);
        if a.is_empty() || b.is_empty() || a.len() * b.len() > MAX_CELLS {
            continue;
        }
        let a_measures: Vec<_> = a.iter().map(|&i| measure(&old[i])).collect();
        let b_measures: Vec<_> = b.iter().map(|&i| measure(&new[i])).collect();
        for (i, j) in common_subsequence(&a_measures, &b_measures) {
            pairs.push((a[i], b[j]));
        }
    }
    pairs
}

/// A longest common subsequence of two short sequences, as index pairs in order.
fn common_subsequence<T: PartialEq>(a: &[T], b: &[T]) -> Vec<(usize, usize)> {
    let width = b.len() + 1;
    // table[i * width + j]: the length of an LCS of a[i..] and b[j..].
    let mut table = vec![0u16; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            table[i * width + j] = if a[i] == b[j] {
                table[(i + 1) * width + j + 1] + 1
            } else {
                table[(i + 1) * width + j].max(table[i * width + j + 1])
            };
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if table[(i + 1) * width + j] >= table[i * width + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_common_subsequence_skips_what_one_side_adds() {
        assert_eq!(
            common_subsequence(&['a', 'b', 'c'], &['a', 'x', 'b', 'c']),
            [(0, 0), (1, 2), (2, 3)]
        );
        assert_eq!(common_subsequence(&['a', 'b'], &['b', 'a']).len(), 1);
        assert!(common_subsequence::<char>(&[], &['a']).is_empty());
    }
}
