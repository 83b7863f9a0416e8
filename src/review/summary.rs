//! The summary at the top of a review: how many reports came, went, changed or moved, how
//! many sentences were added, deleted or otherwise changed, and the figures that moved most.

use crate::changes::{DeltaStatus, MetricDelta};

use super::{ReportReview, ReportStatus, RulesUpdate, Source};

/// Counts over every report of a review.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReviewSummary {
    /// Reports in the review.
    pub reports: usize,
    /// Reports new in head.
    pub added: usize,
    /// Reports changed in place.
    pub changed: usize,
    /// Reports gone from head.
    pub deleted: usize,
    /// Reports stored under a new name.
    pub renamed: usize,
    /// Reports read from their raw input (changed without their snapshot).
    pub from_raw: usize,
    /// Reports that a rules update changed (only or partly).
    pub rules_updates: usize,
    /// Sentences added, over all reports.
    pub sentences_added: usize,
    /// Sentences deleted.
    pub sentences_deleted: usize,
    /// Sentences modified, moved, split or merged.
    pub sentences_changed: usize,
    /// Figures changed, added or removed.
    pub figures_changed: usize,
    /// Every figure that changed, was added or was removed: the changed ones first, the
    /// largest relative move first, then the added and removed ones in report order.
    pub figure_moves: Vec<FigureMove>,
}

/// One figure that moved, and the report it stands in.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureMove {
    /// The report, `hospital/report`.
    pub report: String,
    /// How the figure moved.
    pub delta: MetricDelta,
}

impl FigureMove {
    /// How far the figure moved, relative to its old value: `|new / old - 1|`; infinite from
    /// zero. Added and removed figures have no move (0).
    pub fn size(&self) -> f64 {
        match (self.delta.status, self.delta.old, self.delta.new) {
            (DeltaStatus::Changed, Some(old), Some(new)) if old != 0.0 => ((new - old) / old).abs(),
            (DeltaStatus::Changed, Some(_), Some(_)) => f64::INFINITY,
            _ => 0.0,
        }
    }
}

impl ReviewSummary {
    /// Sums up the reports of a review.
    pub fn of(reports: &[ReportReview]) -> ReviewSummary {
        let mut summary = ReviewSummary {
            reports: reports.len(),
            ..ReviewSummary::default()
        };
        for report in reports {
            *match report.status {
                ReportStatus::Added => &mut summary.added,
                ReportStatus::Changed => &mut summary.changed,
                ReportStatus::Deleted => &mut summary.deleted,
                ReportStatus::Renamed => &mut summary.renamed,
            } += 1;
            summary.from_raw += usize::from(report.source == Source::Raw);
            summary.rules_updates += usize::from(report.rules != RulesUpdate::None);
            let s = &report.diff.summary;
            summary.sentences_added += s.added;
            summary.sentences_deleted += s.deleted;
            summary.sentences_changed += s.modified + s.moved + s.split + s.merged;
            summary.figures_changed += s.metric_changes;
            summary.figure_moves.extend(
                report
                    .diff
                    .metrics
                    .iter()
                    .filter(|d| d.status != DeltaStatus::Unchanged)
                    .map(|delta| FigureMove {
                        report: report.name.clone(),
                        delta: delta.clone(),
                    }),
            );
        }
        // Stable: equal moves keep report order.
        summary.figure_moves.sort_by(|a, b| {
            let changed = |m: &FigureMove| m.delta.status == DeltaStatus::Changed;
            changed(b)
                .cmp(&changed(a))
                .then(b.size().total_cmp(&a.size()))
        });
        summary
    }

    /// The summary in one line: `5 reports: 1 added, 2 changed, 1 deleted, 1 renamed (1
    /// from a raw input); sentences +12 -8 ~3; 4 figures changed`, or `no report changed`.
    pub fn headline(&self) -> String {
        if self.reports == 0 {
            return "no report changed".to_string();
        }
        let statuses: Vec<String> = [
            (self.added, "added"),
            (self.changed, "changed"),
            (self.deleted, "deleted"),
            (self.renamed, "renamed"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| format!("{n} {word}"))
        .collect();
        let notes: Vec<String> = [
            (self.from_raw, "from a raw input"),
            (self.rules_updates, "by a rules update"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| format!("{n} {word}"))
        .collect();
        let mut line = format!(
            "{} report{}: {}",
            self.reports,
            if self.reports == 1 { "" } else { "s" },
            statuses.join(", ")
        );
        if !notes.is_empty() {
            line.push_str(&format!(" ({})", notes.join(", ")));
        }
        line.push_str(&format!(
            "; sentences +{} -{} ~{}; ",
            self.sentences_added, self.sentences_deleted, self.sentences_changed
        ));
        line.push_str(&match self.figures_changed {
            1 => "1 figure changed".to_string(),
            n => format!("{n} figures changed"),
        });
        line
    }

    /// The changed figures only (no added or removed ones), largest move first.
    pub fn largest_moves(&self) -> impl Iterator<Item = &FigureMove> {
        self.figure_moves
            .iter()
            .filter(|m| m.delta.status == DeltaStatus::Changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::{DiffResult, Side, Summary};
    use crate::metrics::Qualifier;
    use crate::snapshot::Snapshot;

    fn delta(label: &str, old: Option<f64>, new: Option<f64>, status: DeltaStatus) -> MetricDelta {
        MetricDelta {
            key: label.to_string(),
            label: label.to_string(),
            unit: "人次".to_string(),
            period: Some("2022".to_string()),
            old_period: None,
            change: None,
            old,
            new,
            delta: old.zip(new).map(|(o, n)| n - o),
            ratio: None,
            status,
            old_text: None,
            new_text: None,
            old_qualifier: old.map(|_| Qualifier::Exact),
            new_qualifier: new.map(|_| Qualifier::Exact),
        }
    }

    fn report(
        name: &str,
        status: ReportStatus,
        summary: Summary,
        metrics: Vec<MetricDelta>,
    ) -> ReportReview {
        let side = || Side {
            label: name.to_string(),
            revision: None,
            snapshot: Snapshot::default(),
        };
        ReportReview {
            name: name.to_string(),
            status,
            source: Source::Snapshot,
            old_path: None,
            new_path: None,
            rules: RulesUpdate::None,
            diff: DiffResult {
                old: side(),
                new: side(),
                changes: Vec::new(),
                metrics,
                summary,
                coarse: false,
            },
            new_lines: Vec::new(),
        }
    }

    #[test]
    fn counts_add_up_over_reports() {
        let summary = ReviewSummary::of(&[
            report(
                "甲医院/年报",
                ReportStatus::Changed,
                Summary {
                    added: 1,
                    deleted: 2,
                    modified: 3,
                    moved: 1,
                    metric_changes: 2,
                    ..Summary::default()
                },
                Vec::new(),
            ),
            report(
                "乙医院/新报告",
                ReportStatus::Added,
                Summary {
                    added: 10,
                    metric_changes: 4,
                    ..Summary::default()
                },
                Vec::new(),
            ),
        ]);
        assert_eq!(summary.reports, 2);
        assert_eq!(
            (
                summary.added,
                summary.changed,
                summary.deleted,
                summary.renamed
            ),
            (1, 1, 0, 0)
        );
        assert_eq!(
            (
                summary.sentences_added,
                summary.sentences_deleted,
                summary.sentences_changed
            ),
            (11, 2, 4)
        );
        assert_eq!(summary.figures_changed, 6);
        assert_eq!(
            summary.headline(),
            "2 reports: 1 added, 1 changed; sentences +11 -2 ~4; 6 figures changed"
        );
        assert_eq!(ReviewSummary::default().headline(), "no report changed");
    }

    #[test]
    fn the_largest_moves_come_first_then_added_and_removed_figures() {
        let summary = ReviewSummary::of(&[
            report(
                "甲医院/年报",
                ReportStatus::Changed,
                Summary::default(),
                vec![
                    delta("出院", Some(69363.0), Some(71205.0), DeltaStatus::Changed),
                    delta("博士研究生", None, Some(5.0), DeltaStatus::Added),
                    delta("床位", Some(800.0), Some(800.0), DeltaStatus::Unchanged),
                ],
            ),
            report(
                "乙医院/年报",
                ReportStatus::Changed,
                Summary::default(),
                vec![
                    delta(
                        "门诊诊疗",
                        Some(950000.0),
                        Some(986000.0),
                        DeltaStatus::Changed,
                    ),
                    delta("义诊", Some(0.0), Some(12.0), DeltaStatus::Changed),
                    delta("党支部", Some(18.0), None, DeltaStatus::Removed),
                ],
            ),
        ]);
        let labels: Vec<&str> = summary
            .figure_moves
            .iter()
            .map(|m| m.delta.label.as_str())
            .collect();
        assert_eq!(labels, ["义诊", "门诊诊疗", "出院", "博士研究生", "党支部"]);
        assert_eq!(summary.largest_moves().count(), 3);
        assert_eq!(summary.figure_moves[1].report, "乙医院/年报");
        assert!((summary.figure_moves[1].size() - 0.0379).abs() < 1e-4);
    }
}
