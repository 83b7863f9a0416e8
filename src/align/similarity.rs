//! How alike two sentence keys are: the Dice coefficient of their character-bigram profiles,
//! for one pair, or for every old and new sentence of a pairing window at once. Pairing
//! (`pairing.rs`) and finding moves (`moves.rs`) both measure similarity this way.

use std::collections::HashMap;

/// Windows with at most this many cells compare profiles pair by pair.
const SMALL_WINDOW_CELLS: usize = 64;

/// Character-bigram profile of a sentence key, with start and end markers, sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Profile(Vec<u64>);

const START: u64 = 0x11_0000;
const END: u64 = 0x11_0001;

impl Profile {
    /// The profile of one key.
    pub(crate) fn of(key: &str) -> Profile {
        let mut grams = Vec::with_capacity(key.len() / 2 + 2);
        let mut prev = START;
        for c in key.chars() {
            grams.push(prev << 32 | c as u64);
            prev = c as u64;
        }
        grams.push(prev << 32 | END);
        grams.sort_unstable();
        Profile(grams)
    }

    /// Number of bigrams, counted with repeats.
    pub(crate) fn size(&self) -> usize {
        self.0.len()
    }

    /// Number of bigrams shared, counted as multisets.
    pub(crate) fn common(&self, other: &Profile) -> usize {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }

    /// Dice coefficient: shared bigrams over the mean size, from 0 to 1.
    pub(crate) fn dice(&self, other: &Profile) -> f64 {
        let total = self.0.len() + other.0.len();
        if total == 0 {
            return 0.0;
        }
        2.0 * self.common(other) as f64 / total as f64
    }

    /// The highest Dice coefficient two profiles of these sizes could reach.
    pub(crate) fn dice_bound(&self, other: &Profile) -> f64 {
        let (a, b) = (self.0.len(), other.0.len());
        if a + b == 0 {
            return 0.0;
        }
        2.0 * a.min(b) as f64 / (a + b) as f64
    }

    /// Each distinct bigram with its count.
    pub(crate) fn counts(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.0
            .chunk_by(|a, b| a == b)
            .map(|run| (run[0], run.len() as u32))
    }

    /// Each distinct bigram once.
    pub(crate) fn distinct(&self) -> impl Iterator<Item = u64> + '_ {
        self.counts().map(|(gram, _)| gram)
    }
}

/// Shared bigrams (as multisets) of every old and new sentence of a window, row by row,
/// from an index of the new sentences' bigrams: the work is the number of bigram hits, not
/// a merge of every pair of profiles.
pub(crate) fn shared_bigrams(
    old: &[Profile],
    new: &[Profile],
    evaluations: &mut usize,
) -> Vec<u32> {
    let n = new.len();
    if old.len() * n <= SMALL_WINDOW_CELLS {
        // Most runs are a sentence or two: merging the profiles beats building an index.
        *evaluations += old.len() * n;
        return old
            .iter()
            .flat_map(|a| new.iter().map(move |b| a.common(b) as u32))
            .collect();
    }
    let mut index: HashMap<u64, Vec<(u32, u32)>> = HashMap::new();
    for (j, profile) in new.iter().enumerate() {
        for (gram, count) in profile.counts() {
            index.entry(gram).or_default().push((j as u32, count));
        }
    }
    let mut common = vec![0u32; old.len() * n];
    for (i, profile) in old.iter().enumerate() {
        for (gram, count) in profile.counts() {
            if let Some(list) = index.get(&gram) {
                *evaluations += list.len();
                for &(j, other) in list {
                    common[i * n + j as usize] += count.min(other);
                }
            }
        }
    }
    common
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_is_dice_of_bigrams() {
        let a = Profile::of("负贵制");
        assert_eq!(a.dice(&a), 1.0);
        // ^负 负贵 贵制 制$ vs ^负 负责 责制 制$: two of four shared.
        assert_eq!(a.dice(&Profile::of("负责制")), 0.5);
    }

    #[test]
    fn the_indexed_table_counts_what_pairwise_merges_count() {
        let keys = |n: usize, tail: &str| -> Vec<Profile> {
            (0..n)
                .map(|i| Profile::of(&format!("医院第{i}项工作{tail}")))
                .collect()
        };
        let (old, new) = (keys(9, "负贵制"), keys(8, "负责制"));
        assert!(old.len() * new.len() > SMALL_WINDOW_CELLS);
        let mut evaluations = 0;
        let table = shared_bigrams(&old, &new, &mut evaluations);
        for (i, a) in old.iter().enumerate() {
            for (j, b) in new.iter().enumerate() {
                assert_eq!(table[i * new.len() + j] as usize, a.common(b));
            }
        }
        assert!(evaluations > 0);
    }
}
