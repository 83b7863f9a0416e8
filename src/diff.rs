//! Diff: the back half of the data flow on two snapshots. Sentence alignment (`align`), figure
//! extraction (`metrics`) and metric deltas (`deltas`) put together into one [`DiffResult`].
//!
//! The result types live in [`crate::changes`], below `align` and `deltas`; the ones a caller
//! of [`diff`] names (its options, sides, result and summary) are re-exported here.

mod figures;

use crate::align;
use crate::changes::{Change, ChangeKind, DeltaStatus, MetricDelta};
use crate::deltas;
use crate::metrics::{self, Lexicon};
use crate::snapshot::Snapshot;

pub use crate::changes::{ChangeClass, DiffOptions, DiffResult, Granularity, Side, Summary};

/// Compares two snapshots: sentence alignment, inline highlights and metric deltas.
///
/// On large snapshots (up to a few megabytes) each side's figures are read on a thread of its own while the
/// sentences are aligned: the three share nothing but the snapshots. The new side's
/// figures are read only on its headings and changed paragraphs (`figures`).
pub fn diff(old: Side, new: Side, lexicon: &Lexicon, options: &DiffOptions) -> DiffResult {
    let read_figures = !options.ignore.contains(&ChangeClass::Figures);
    let old_figures = || {
        if read_figures {
            metrics::extract(&old.snapshot, lexicon)
        } else {
            Vec::new()
        }
    };
    // The new side's figures are read only where it differs from the old side.
    let new_figures =
        || read_figures.then(|| figures::changed(&old.snapshot, &new.snapshot, lexicon));
    let align = || align::align(&old.snapshot, &new.snapshot, options);
    let size = text_bytes(&old.snapshot) + text_bytes(&new.snapshot);
    let (alignment, old_metrics, new_metrics) =
        if !(PARALLEL_BYTES..=PARALLEL_MAX_BYTES).contains(&size) {
            (align(), old_figures(), new_figures())
        } else {
            std::thread::scope(|scope| {
                let old_metrics = scope.spawn(old_figures);
                let new_metrics = scope.spawn(new_figures);
                let alignment = align();
                (alignment, joined(old_metrics), joined(new_metrics))
            })
        };
    let metric_deltas = match new_metrics {
        Some(changed) => {
            let new_metrics = figures::complete(changed, &old_metrics);
            deltas::compare(&old_metrics, &new_metrics)
        }
        None => Vec::new(),
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

/// Below this much sentence text on both sides together, a diff runs on one thread: a thread
/// costs more than it saves.
const PARALLEL_BYTES: usize = 64 * 1024;

/// Above this much, a diff runs on one thread too: the alignment's keys and the figures'
/// working copies would be held at once, and peak memory go over ten times the inputs.
const PARALLEL_MAX_BYTES: usize = 8 << 20;

/// A thread's result; its panic, if it had one, goes on in the caller.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

fn text_bytes(snapshot: &Snapshot) -> usize {
    snapshot.sentences().map(|s| s.text.len()).sum()
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
