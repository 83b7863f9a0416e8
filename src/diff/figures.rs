//! The new side's figures, read once: a paragraph written on both sides under the same
//! heading has the same figures on both, so the new side is read only on its headings and
//! the paragraphs that differ, and the old side's figures stand for the rest.
//!
//! `metrics::extract` reads a sentence's figures with three pieces of context only: the
//! published year, the year of the last heading before it, and the earlier sentences of its
//! own paragraph. Keeping every heading and whole paragraphs keeps all three.

use std::collections::HashMap;

use crate::metrics::{self, Lexicon, Metric};
use crate::snapshot::{BlockKind, Snapshot};

/// What [`changed`] read, to be completed by [`complete`].
pub(super) struct Changed {
    /// Figures of the headings and changed paragraphs, with indices of the new side.
    metrics: Vec<Metric>,
    /// For each reused paragraph: (first sentence on the new side, first on the old, length).
    reused: Vec<(usize, usize, usize)>,
}

/// Reads the figures of `new`'s headings and of the paragraphs not found in `old` under the
/// same heading; every figure of `new` when the published dates differ.
pub(super) fn changed(old: &Snapshot, new: &Snapshot, lexicon: &Lexicon) -> Changed {
    if old.meta.published != new.meta.published {
        return Changed {
            metrics: metrics::extract(new, lexicon),
            reused: Vec::new(),
        };
    }
    let mut known: HashMap<(Option<&str>, &[String]), usize> = HashMap::new();
    let mut heading = None;
    let mut first = 0;
    for block in &old.blocks {
        match block.kind {
            BlockKind::Heading => heading = block.sentences.first().map(String::as_str),
            BlockKind::Paragraph => {
                known.entry((heading, &block.sentences)).or_insert(first);
            }
        }
        first += block.sentences.len();
    }
    let mut reduced = Snapshot {
        meta: new.meta.clone(),
        blocks: Vec::new(),
    };
    let mut index_of = Vec::new();
    let mut reused = Vec::new();
    let (mut heading, mut first) = (None, 0);
    for block in &new.blocks {
        let found = match block.kind {
            BlockKind::Heading => {
                heading = block.sentences.first().map(String::as_str);
                None
            }
            BlockKind::Paragraph => known.get(&(heading, block.sentences.as_slice())),
        };
        match found {
            Some(&old_first) => reused.push((first, old_first, block.sentences.len())),
            None => {
                reduced.blocks.push(block.clone());
                index_of.extend(first..first + block.sentences.len());
            }
        }
        first += block.sentences.len();
    }
    let mut metrics = metrics::extract(&reduced, lexicon);
    for metric in &mut metrics {
        metric.sentence_index = index_of[metric.sentence_index];
    }
    Changed { metrics, reused }
}

/// The new side's figures in reading order: those read, and the old side's for the
/// paragraphs reused.
pub(super) fn complete(changed: Changed, old_metrics: &[Metric]) -> Vec<Metric> {
    let mut all = changed.metrics;
    for (new_first, old_first, len) in changed.reused {
        let start = old_metrics.partition_point(|m| m.sentence_index < old_first);
        let end = old_metrics.partition_point(|m| m.sentence_index < old_first + len);
        all.extend(old_metrics[start..end].iter().map(|m| Metric {
            sentence_index: m.sentence_index - old_first + new_first,
            ..m.clone()
        }));
    }
    // Stable: the figures of one sentence all come from one side, in their order.
    all.sort_by_key(|m| m.sentence_index);
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::Block;

    fn report(paragraphs: &[&[&str]], heading_every: usize) -> Snapshot {
        let mut blocks = Vec::new();
        for (i, p) in paragraphs.iter().enumerate() {
            if i % heading_every == 0 {
                blocks.push(Block::heading(format!("{}年工作回顾", 2020 + i)));
            }
            blocks.push(Block::paragraph(p.iter().map(|s| s.to_string()).collect()));
        }
        Snapshot {
            meta: Default::default(),
            blocks,
        }
    }

    fn read_once(old: &Snapshot, new: &Snapshot) -> Vec<Metric> {
        let lexicon = Lexicon::builtin();
        let old_metrics = metrics::extract(old, &lexicon);
        complete(changed(old, new, &lexicon), &old_metrics)
    }

    #[test]
    fn reading_once_gives_what_reading_everything_gives() {
        let a: &[&str] = &["门诊量达到42.15万人次。", "同比增长5%。"];
        let b: &[&str] = &["2023年出院2.7万余人次。", "由18个党支部调整为23个党支部。"];
        let c: &[&str] = &["满意度达到99.39%。"];
        let c2: &[&str] = &["满意度达到98.5%。", "新增床位200张。"];
        let old = report(&[a, b, c, a, b], 2);
        for new in [
            report(&[a, b, c2, a, b], 2),
            report(&[b, a, c, a], 2),
            report(&[a, c2, b, c, a, b], 3),
            report(&[a, b, c, a, b], 1),
            report(&[], 1),
        ] {
            assert_eq!(
                read_once(&old, &new),
                metrics::extract(&new, &Lexicon::builtin())
            );
        }
    }

    #[test]
    fn unchanged_paragraphs_are_not_read_again() {
        let a: &[&str] = &["门诊量达到42.15万人次。"];
        let b: &[&str] = &["新增床位200张。"];
        let old = report(&[a, b], 5);
        let new = report(&[a, b, b], 5);
        let read = changed(&old, &new, &Lexicon::builtin());
        assert_eq!(read.reused.len(), 3);
        assert!(read.metrics.iter().all(|m| m.sentence_index == 0));
    }
}
