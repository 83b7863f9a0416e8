//! Diff: the back half of the data flow on two snapshots. Sentence alignment (`align`), figure
//! extraction (`metrics`) and metric deltas (`deltas`) put together into one [`DiffResult`].
//!
//! The result types live in [`crate::changes`], below `align` and `deltas`; the ones a caller
//! of [`diff`] names (its options, sides, result and summary) are re-exported here.
//!
//! Between the reports of two different hospitals, sentences are compared with each one's
//! own names and places masked (see [`crate::compare::names`]), as `compare` does: a
//! bulletin template filled in by a city hospital and by a county hospital then diffs as
//! its figures and scope words, not as two unrelated texts.

use crate::align;
use crate::changes::{Change, ChangeKind, DeltaStatus, MetricDelta};
use crate::compare::names::HospitalNames;
use crate::deltas;
use crate::metrics::{self, Lexicon};
use crate::snapshot::Snapshot;

pub use crate::changes::{ChangeClass, DiffOptions, DiffResult, Granularity, Side, Summary};

/// Compares two snapshots: sentence alignment, inline highlights and metric deltas.
pub fn diff(old: Side, new: Side, lexicon: &Lexicon, options: &DiffOptions) -> DiffResult {
    let alignment = match masked_forms(&old.snapshot, &new.snapshot) {
        Some((old_forms, new_forms)) => align::align_compared(
            &old.snapshot,
            &new.snapshot,
            (&old_forms, &new_forms),
            options,
        ),
        None => align::align(&old.snapshot, &new.snapshot, options),
    };
    let metric_deltas = if options.ignore.contains(&ChangeClass::Figures) {
        Vec::new()
    } else {
        let old_metrics = metrics::extract(&old.snapshot, lexicon);
        let new_metrics = metrics::extract(&new.snapshot, lexicon);
        deltas::compare(&old_metrics, &new_metrics)
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

/// Each side's sentences with its hospital's names masked, when the two reports are about
/// different hospitals (both named, neither name the end of the other); `None` otherwise, so that a diff of one
/// hospital's versions compares the text as written.
fn masked_forms(old: &Snapshot, new: &Snapshot) -> Option<(Vec<String>, Vec<String>)> {
    let hospital = |s: &Snapshot| {
        s.meta
            .hospital
            .as_deref()
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .map(str::to_string)
    };
    let (old_hospital, new_hospital) = (hospital(old)?, hospital(new)?);
    // One name inside the other (山东省诸城市人民医院, 诸城市人民医院) is one hospital read
    // with or without its province.
    if old_hospital.ends_with(&new_hospital) || new_hospital.ends_with(&old_hospital) {
        return None;
    }
    let forms = |snapshot: &Snapshot, hospital: &str| {
        let names = HospitalNames::new::<&str>(hospital, &[]);
        snapshot
            .sentences()
            .map(|s| names.mask(s.text))
            .collect::<Vec<_>>()
    };
    Some((forms(old, &old_hospital), forms(new, &new_hospital)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{Block, Meta};

    fn side(hospital: &str, sentences: &[&str]) -> Side {
        Side {
            label: hospital.to_string(),
            revision: None,
            snapshot: Snapshot {
                meta: Meta {
                    hospital: Some(hospital.to_string()),
                    ..Meta::default()
                },
                blocks: vec![Block::paragraph(
                    sentences.iter().map(|s| s.to_string()).collect(),
                )],
            },
        }
    }

    fn run(old: Side, new: Side) -> DiffResult {
        diff(old, new, &Lexicon::builtin(), &DiffOptions::default())
    }

    #[test]
    fn between_two_hospitals_their_names_are_no_change() {
        let result = run(
            side(
                "临沂市人民医院",
                &[
                    "临沂市人民医院大力实施“人才强院”战略，为临沂百姓提供优质高效的医疗服务。",
                    "全市医疗卫生系统人才培养工作会议在我院召开。",
                ],
            ),
            side(
                "沂水县人民医院",
                &[
                    "沂水县人民医院大力实施“人才强院”战略，为沂水百姓提供优质高效的医疗服务。",
                    "全县医疗卫生系统人才培养工作会议在我院召开。",
                ],
            ),
        );
        assert_eq!(result.summary.unchanged, 1);
        assert_eq!(result.changes.len(), 1);
        let change = &result.changes[0];
        assert_eq!(change.kind, ChangeKind::Modified);
        assert_eq!(change.new, ["全县医疗卫生系统人才培养工作会议在我院召开。"]);
    }

    #[test]
    fn a_name_and_a_figure_changed_is_a_figure_change() {
        let result = run(
            side("临沂市人民医院", &["临沂市人民医院门诊量达到120.5万人次。"]),
            side("沂水县人民医院", &["沂水县人民医院门诊量达到85万人次。"]),
        );
        assert_eq!(result.changes[0].class, ChangeClass::Figures);
        // The highlight compares the sentences as written: the names show too.
        let inline: String = result.changes[0]
            .inline
            .iter()
            .filter(|s| s.op == crate::changes::InlineOp::Insert)
            .map(|s| s.text.as_str())
            .collect();
        assert!(inline.contains("沂水县"), "{inline}");
    }

    #[test]
    fn within_one_hospital_names_are_compared_as_written() {
        let old = side("诸城市人民医院", &["诸城市人民医院开展义诊。"]);
        let mut new = side("诸城市人民医院", &["诸城人民医院开展义诊。"]);
        assert_eq!(run(old.clone(), new.clone()).changes.len(), 1);
        new.snapshot.meta.hospital = Some("山东省诸城市人民医院".into());
        assert_eq!(
            run(old, new).changes.len(),
            1,
            "the same hospital with its province"
        );
    }
}
