//! Diff: the back half of the data flow on two snapshots. Sentence alignment (`align`), figure
//! extraction (`metrics`) and metric deltas (`deltas`) put together into one [`DiffResult`].
//!
//! The result types live in [`crate::changes`], below `align` and `deltas`; the ones a caller
//! of [`diff`] names (its options, sides, result and summary) are re-exported here.

use crate::align;
use crate::changes::{Change, ChangeKind, DeltaStatus, MetricDelta};
use crate::deltas;
use crate::metrics::{self, Lexicon};
use crate::snapshot::Snapshot;

pub use crate::changes::{ChangeClass, DiffOptions, DiffResult, Granularity, Side, Summary};

/// Compares two snapshots: sentence alignment, inline highlights and metric deltas.
pub fn diff(old: Side, new: Side, lexicon: &Lexicon, options: &DiffOptions) -> DiffResult {
    let alignment = align::align(&old.snapshot, &new.snapshot, options);
    let metric_deltas = if options.ignore.contains(&ChangeClass::Figures) {
        Vec::new()
    } else {
        let old_metrics = metrics::extract(&old.snapshot, lexicon);
        let new_metrics = metrics::extract(&new.snapshot, lexicon);
        deltas::compare_aligned(&old_metrics, &new_metrics, &alignment.pairs)
    };
    let mut summary = summarize(&alignment.changes, alignment.unchanged, &metric_deltas);
    summary.hidden = alignment.hidden;
    DiffResult {
        old,
        new,
        changes: alignment.changes,
        metrics: metric_deltas,
        summary,
        coarse: alignment.coarse,
    }
}

/// What changed between two versions, counted (no labels, default options): `log` and
/// `ingest` print this for every version they list.
pub fn count_changes(old: &Snapshot, new: &Snapshot, lexicon: &Lexicon) -> Summary {
    let side = |snapshot: &Snapshot| Side {
        label: String::new(),
        revision: None,
        snapshot: snapshot.clone(),
    };
    diff(side(old), side(new), lexicon, &DiffOptions::default()).summary
}

fn summarize(changes: &[Change], unchanged: usize, metric_deltas: &[MetricDelta]) -> Summary {
    let mut summary = Summary {
        unchanged,
        metric_changes: metric_deltas
            .iter()
            .filter(|d| d.status != DeltaStatus::Unchanged)
            .count(),
        ..Summary::default()
    };
    for change in changes {
        let count = match change.kind {
            ChangeKind::Added => &mut summary.added,
            ChangeKind::Deleted => &mut summary.deleted,
            ChangeKind::Modified => &mut summary.modified,
            ChangeKind::Moved => &mut summary.moved,
            ChangeKind::Split => &mut summary.split,
            ChangeKind::Merged => &mut summary.merged,
        };
        *count += 1;
    }
    summary
}
