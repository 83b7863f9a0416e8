//! Near-identical texts grouped without comparing every pair: a MinHash index over
//! character bigrams proposes candidate pairs, each is checked exactly, and the pairs found
//! alike are joined into clusters.
//!
//! A thousand hospitals have some sixty thousand sentences; every pair would be two billion
//! comparisons. Each text gets `BANDS * ROWS` min-hashes of its bigram set; texts that agree
//! on all rows of one band share a bucket, and only bucket mates are compared. Two texts
//! whose bigram sets have Jaccard similarity `j` meet in some bucket with probability
//! `1 - (1 - j^ROWS)^BANDS`: 0.99 at `j = 0.6`, 0.93 at 0.5, 0.12 at 0.2. A bucket is a
//! star: each member is checked against at most `CHECKS_PER_BUCKET` members before it, so
//! a bucket of ten thousand copies of one template sentence costs linear time.

use std::collections::HashMap;

use rayon::prelude::*;

/// Bands of the index.
const BANDS: usize = 20;
/// Min-hashes per band.
const ROWS: usize = 3;
/// How many earlier members of a bucket a text is checked against.
const CHECKS_PER_BUCKET: usize = 4;

/// Union-find over text positions.
struct Clusters {
    parent: Vec<usize>,
}

impl Clusters {
    fn new(n: usize) -> Clusters {
        Clusters {
            parent: (0..n).collect(),
        }
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Joins two clusters under the smaller root, so that a cluster's root is its first
    /// member.
    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            let (low, high) = if a < b { (a, b) } else { (b, a) };
            self.parent[high] = low;
        }
    }
}

/// The distinct character bigrams of a text, hashed and sorted.
fn bigrams(text: &str) -> Vec<u64> {
    let chars: Vec<char> = text.chars().collect();
    let mut grams: Vec<u64> = chars
        .windows(2)
        .map(|w| mix((u64::from(w[0]) << 32) | u64::from(w[1])))
        .collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// Jaccard similarity of two sorted sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both as f64 / (a.len() + b.len() - both) as f64
}

/// SplitMix64's finalizer: a cheap, well-spread hash of a 64-bit value.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The hash functions of a signature: `x * a + b` with fixed odd multipliers `a`.
fn hash_functions() -> [(u64, u64); BANDS * ROWS] {
    std::array::from_fn(|k| {
        let a = mix(k as u64 * 2 + 1) | 1;
        (a, a.rotate_left(17))
    })
}

/// The min-hash signature of a bigram set: for each hash function, the least hash of any
/// bigram.
fn signature(grams: &[u64], functions: &[(u64, u64); BANDS * ROWS]) -> [u64; BANDS * ROWS] {
    let mut sig = [u64::MAX; BANDS * ROWS];
    for &g in grams {
        for (slot, &(a, b)) in sig.iter_mut().zip(functions) {
            *slot = (*slot).min(g.wrapping_mul(a).wrapping_add(b));
        }
    }
    sig
}

/// The bucket of each band: a hash of the band's number and its rows of the signature.
fn bucket_keys(sig: &[u64; BANDS * ROWS]) -> [u64; BANDS] {
    std::array::from_fn(|band| {
        sig[band * ROWS..(band + 1) * ROWS]
            .iter()
            .fold(band as u64, |h, &r| mix(h ^ r))
    })
}

/// For each text, the first text of its cluster: texts joined because their bigram sets
/// have Jaccard similarity `threshold` or more (directly, or through a chain of such
/// pairs). Texts of fewer than two characters have no bigrams and stay alone.
///
/// ```
/// use reportdiff::compare::shingles::cluster;
/// let texts = [
///     "〈院〉大力实施“人才强院”战略,引进博士#名",
///     "今年以来共开展义诊活动#次",
///     "〈院〉大力实施“人才强院”战略,新引进博士#名",
/// ];
/// assert_eq!(cluster(&texts, 0.6), [0, 1, 0]);
/// ```
pub fn cluster<S: AsRef<str> + Sync>(texts: &[S], threshold: f64) -> Vec<usize> {
    let functions = hash_functions();
    // Each text's bigrams and bucket keys alone: the part worth spreading over the cores.
    let prepared: Vec<(Vec<u64>, Option<[u64; BANDS]>)> = texts
        .par_iter()
        .map(|text| {
            let grams = bigrams(text.as_ref());
            let keys = (!grams.is_empty()).then(|| bucket_keys(&signature(&grams, &functions)));
            (grams, keys)
        })
        .collect();
    let mut clusters = Clusters::new(texts.len());
    // Each bucket keeps its first members inline: a thousand hospitals make some
    // hundreds of thousands of buckets, most holding one text.
    let mut buckets: HashMap<u64, ([usize; CHECKS_PER_BUCKET], usize)> = HashMap::new();
    for (i, (set, keys)) in prepared.iter().enumerate() {
        let Some(keys) = keys else {
            continue;
        };
        for &key in keys {
            let (members, len) = buckets.entry(key).or_insert(([0; CHECKS_PER_BUCKET], 0));
            for &other in &members[..*len] {
                if clusters.root(other) != clusters.root(i)
                    && jaccard(&prepared[other].0, set) >= threshold
                {
                    clusters.join(other, i);
                }
            }
            if *len < CHECKS_PER_BUCKET {
                members[*len] = i;
                *len += 1;
            }
        }
    }
    (0..texts.len()).map(|i| clusters.root(i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_counts_shared_bigrams() {
        let a = bigrams("全市门诊量");
        let b = bigrams("全县门诊量");
        assert_eq!(a.len(), 4);
        assert!((jaccard(&a, &b) - 2.0 / 6.0).abs() < 1e-9);
        assert_eq!(jaccard(&a, &a), 1.0);
        assert_eq!(jaccard(&[], &[]), 1.0);
    }

    #[test]
    fn alike_sentences_join_and_unrelated_ones_stay_apart() {
        let texts = [
            "坚持以高质量党建引领医院高质量发展,推动党建与业务深度融合",
            "与强者同行,方可行稳致远",
            "坚持以高质量党建引领医院高质量发展,推动党建和业务深度融合",
            "x",
            "",
            "与强者同行,方可行稳致远",
        ];
        assert_eq!(cluster(&texts, 0.6), [0, 1, 0, 3, 4, 1]);
    }

    #[test]
    fn a_chain_of_close_pairs_is_one_cluster() {
        let texts = [
            "组织党员干部深入学习贯彻党的二十大精神",
            "组织党员干部深入学习贯彻党的二十大会议精神",
            "组织全体党员干部深入学习贯彻党的二十大会议精神",
        ];
        assert_eq!(cluster(&texts, 0.6), [0, 0, 0]);
    }

    #[test]
    fn ten_thousand_copies_are_one_cluster_in_linear_time() {
        let texts: Vec<String> = (0..10_000)
            .map(|i| format!("医院全年开展义诊活动,服务群众{}人次", i % 7))
            .collect();
        let roots = cluster(&texts, 0.6);
        assert!(roots.iter().all(|&r| r == 0));
    }
}
