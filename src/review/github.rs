//! A review as GitHub workflow commands: `::warning file=…,line=…::…` on each changed
//! sentence's line of a snapshot file, `::notice` for the summary and for whole reports
//! (added, deleted, renamed, read from a raw input, changed by a rules update).
//!
//! GitHub shows at most 10 annotations of a level per step: the rest are counted, not
//! printed, and the figure changes go first. How one annotation is written safely is
//! `workflow_command.rs`'s job.

use crate::changes::{Change, ChangeClass, ChangeKind, DiffResult, InlineOp};

use super::workflow_command::{Annotation, Level};
use super::{ReportReview, ReportStatus, Review, RulesUpdate, Source};

/// The most annotations of one level that GitHub shows for a step.
pub const MAX_PER_LEVEL: usize = 10;

/// The annotations of a review, at most [`MAX_PER_LEVEL`] of each level: first a notice with
/// the summary (saying how many were left out), then a notice per added, deleted, renamed,
/// raw-input or rules-updated report, then a warning per changed sentence of a snapshot
/// file, figure changes first.
pub fn annotations(review: &Review) -> Vec<Annotation> {
    let mut notices = Vec::new();
    let mut warnings = Vec::new();
    for report in &review.reports {
        notices.extend(report_notice(report));
        if report.source == Source::Snapshot
            && matches!(report.status, ReportStatus::Changed | ReportStatus::Renamed)
        {
            warnings.extend(sentence_warnings(report));
        }
    }
    for skipped in &review.skipped {
        notices.push(Annotation {
            level: Level::Notice,
            file: None,
            line: None,
            title: "not a report".to_string(),
            message: format!("{}: {}", skipped.path, skipped.reason),
        });
    }
    // Stable: within a class, reading order.
    warnings.sort_by_key(|(class, _)| !matches!(class, ChangeClass::Figures | ChangeClass::Mixed));
    let room = MAX_PER_LEVEL - 1;
    let left_out =
        notices.len().saturating_sub(room) + warnings.len().saturating_sub(MAX_PER_LEVEL);
    let mut message = review.summary.headline();
    if left_out > 0 {
        message.push_str(&format!(
            "; {left_out} more annotation(s) left out (GitHub shows {MAX_PER_LEVEL} of a kind): see the job summary"
        ));
    }
    let mut all = vec![Annotation {
        level: Level::Notice,
        file: None,
        line: None,
        title: format!("reportdiff review {}", review.range.commits()),
        message,
    }];
    all.extend(notices.into_iter().take(room));
    all.extend(warnings.into_iter().take(MAX_PER_LEVEL).map(|(_, a)| a));
    all
}

/// The notice a whole report gets, if any: added, deleted, renamed, read from its raw input,
/// or changed by a rules update.
fn report_notice(report: &ReportReview) -> Option<Annotation> {
    let counts = counts(&report.diff);
    let first_line = report.new_lines.first().copied().or(Some(1));
    let (title, file, line, message) = match (report.source, report.status) {
        (Source::Raw, _) => (
            "raw input changed".to_string(),
            report.new_path.clone().or(report.old_path.clone()),
            None,
            format!(
                "{}: {} without its snapshot; normalized on the fly: {counts}",
                report.name,
                report.status.as_str()
            ),
        ),
        (Source::Snapshot, ReportStatus::Added) => (
            "new report".to_string(),
            report.new_path.clone(),
            first_line,
            format!("{}: new report: {counts}", report.name),
        ),
        (Source::Snapshot, ReportStatus::Deleted) => (
            "report deleted".to_string(),
            None,
            None,
            format!(
                "{}: deleted ({})",
                report.name,
                report.old_path.as_deref().unwrap_or_default()
            ),
        ),
        (Source::Snapshot, ReportStatus::Renamed) => (
            "report renamed".to_string(),
            report.new_path.clone(),
            first_line,
            format!(
                "{}: renamed from {}: {counts}",
                report.name,
                report.old_path.as_deref().unwrap_or_default()
            ),
        ),
        (Source::Snapshot, ReportStatus::Changed) if report.rules != RulesUpdate::None => (
            "rules update".to_string(),
            report.new_path.clone(),
            first_line,
            format!(
                "{}: changed {}by a rules update (Normalizer-Change: yes): {counts}",
                report.name,
                if report.rules == RulesUpdate::Partly {
                    "partly "
                } else {
                    ""
                }
            ),
        ),
        (Source::Snapshot, ReportStatus::Changed) => return None,
    };
    Some(Annotation {
        level: Level::Notice,
        file,
        line,
        title,
        message,
    })
}

/// `+3 -1 ~2 sentences, 1 figure changed`.
fn counts(diff: &DiffResult) -> String {
    let s = &diff.summary;
    let changed = s.modified + s.moved + s.split + s.merged;
    let figures = match s.metric_changes {
        1 => "1 figure changed".to_string(),
        n => format!("{n} figures changed"),
    };
    format!(
        "+{} -{} ~{changed} sentences, {figures}",
        s.added, s.deleted
    )
}

/// One warning per change, on the line of its first new sentence (a deletion: on the line
/// that now stands where it stood), with its class for ordering.
fn sentence_warnings(report: &ReportReview) -> Vec<(ChangeClass, Annotation)> {
    let diff = &report.diff;
    let rules = match report.rules {
        RulesUpdate::None => "",
        RulesUpdate::Only => " · rules update",
        RulesUpdate::Partly => " · partly a rules update",
    };
    diff.changes
        .iter()
        .map(|change| {
            let sentence = match change.new_index.first() {
                Some(&j) => Some(j),
                None => change
                    .old_index
                    .first()
                    .and_then(|&i| deletion_anchor(diff, i)),
            };
            let annotation = Annotation {
                level: Level::Warning,
                file: report.new_path.clone(),
                line: sentence.and_then(|j| report.new_lines.get(j).copied()),
                title: format!(
                    "{} ({}){rules}",
                    change.kind.as_str(),
                    change.class.as_str()
                ),
                message: marked(change),
            };
            (change.class, annotation)
        })
        .collect()
}

/// The new sentence that stands where the deleted old sentence `old` stood: the unchanged
/// new sentence paired with the first unchanged old sentence after it, else the last one.
fn deletion_anchor(diff: &DiffResult, old: usize) -> Option<usize> {
    let changed = |count: usize, index: fn(&Change) -> &Vec<usize>| {
        let mut flags = vec![false; count];
        for i in diff.changes.iter().flat_map(|c| index(c).iter()) {
            if let Some(flag) = flags.get_mut(*i) {
                *flag = true;
            }
        }
        flags
    };
    let old_changed = changed(diff.old.snapshot.sentence_count(), |c| &c.old_index);
    let new_changed = changed(diff.new.snapshot.sentence_count(), |c| &c.new_index);
    let before = old_changed.iter().take(old).filter(|c| !**c).count();
    (0..new_changed.len())
        .filter(|&j| !new_changed[j])
        .nth(before)
        .or(new_changed.len().checked_sub(1))
}

/// The change as plain text with its edits marked `[-deleted-]{+inserted+}`, as the
/// terminal rendering shows them without colour.
fn marked(change: &Change) -> String {
    if !change.has_inline_edits() {
        return match change.kind {
            ChangeKind::Added => format!("{{+{}+}}", change.new.join("")),
            ChangeKind::Deleted => format!("[-{}-]", change.old.join("")),
            _ => change.new.join(""),
        };
    }
    change
        .inline
        .iter()
        .map(|span| match span.op {
            InlineOp::Equal => span.text.clone(),
            InlineOp::Delete => format!("[-{}-]", span.text),
            InlineOp::Insert => format!("{{+{}+}}", span.text),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::{DiffOptions, Side};
    use crate::metrics::Lexicon;
    use crate::review::lines::sentence_lines;
    use crate::review::{Range, ReviewSummary};
    use crate::snapshot::Snapshot;
    use crate::store::changes::Revision;

    const PATH: &str = "snapshots/诸城市人民医院/年报.md";

    fn file(body: &str) -> String {
        format!("+++\nhospital = \"诸城市人民医院\"\n+++\n\n# 概况\n\n{body}")
    }

    fn revision(short: &str) -> Revision {
        Revision {
            id: format!("{short}{}", "0".repeat(33)),
            short: short.to_string(),
        }
    }

    /// A review of one report changed from `old` to `new` (snapshot file bodies).
    fn review_of(old: &str, new: &str, rules: RulesUpdate) -> Review {
        let side = |text: &str| Side {
            label: PATH.to_string(),
            revision: None,
            snapshot: Snapshot::from_markdown(&file(text)).expect("a snapshot"),
        };
        let diff = crate::diff::diff(
            side(old),
            side(new),
            &Lexicon::builtin(),
            &DiffOptions::default(),
        );
        let reports = vec![ReportReview {
            name: "诸城市人民医院/年报".to_string(),
            status: ReportStatus::Changed,
            source: Source::Snapshot,
            old_path: Some(PATH.to_string()),
            new_path: Some(PATH.to_string()),
            rules,
            diff,
            new_lines: sentence_lines(&file(new)),
        }];
        Review {
            range: Range {
                base: revision("1a2b3c4"),
                head: revision("5d6e7f8"),
                base_asked: "main".to_string(),
                head_asked: "HEAD".to_string(),
                forked: false,
            },
            summary: ReviewSummary::of(&reports),
            reports,
            skipped: Vec::new(),
        }
    }

    #[test]
    fn each_changed_sentence_is_a_warning_on_its_line() {
        let review = review_of(
            "门诊量达到42万人次。\n医院开展义诊活动。\n",
            "门诊量达到45万人次。\n医院开展义诊活动。\n::error::新增一句。\n",
            RulesUpdate::None,
        );
        let lines: Vec<String> = annotations(&review).iter().map(|a| a.to_string()).collect();
        assert_eq!(
            lines,
            [
                "::notice title=reportdiff review 1a2b3c4..5d6e7f8::1 report: 1 changed; sentences +1 -0 ~1; 1 figure changed",
                "::warning file=snapshots/诸城市人民医院/年报.md,line=7,title=modified (figures)::门诊量达到[-42万人次-]{+45万人次+}。",
                "::warning file=snapshots/诸城市人民医院/年报.md,line=9,title=added (wording)::{+::error::新增一句。+}",
            ]
        );
    }

    #[test]
    fn a_deleted_sentence_points_at_the_line_now_in_its_place() {
        let review = review_of(
            "第一句。\n被删除的一句。\n第三句。\n",
            "第一句。\n第三句。\n",
            RulesUpdate::None,
        );
        let warning = annotations(&review).pop().expect("a warning");
        assert_eq!(warning.line, Some(8));
        assert_eq!(warning.message, "[-被删除的一句。-]");
    }

    #[test]
    fn at_most_ten_of_a_kind_figures_first_and_the_rest_counted() {
        let old: String = (1..=15)
            .map(|i| format!("第{i}科室开展新技术。\n"))
            .collect();
        let mut new: String = (1..=14)
            .map(|i| format!("第{i}科室开展了新技术。\n"))
            .collect();
        new.push_str("第15科室开展新技术30项。\n");
        let review = review_of(&old, &new, RulesUpdate::Only);
        let all = annotations(&review);
        let warnings: Vec<&Annotation> = all.iter().filter(|a| a.level == Level::Warning).collect();
        assert_eq!(warnings.len(), MAX_PER_LEVEL);
        assert!(
            warnings[0].message.contains("30项"),
            "{}",
            warnings[0].message
        );
        assert!(warnings[0].title.ends_with(" · rules update"));
        let notices: Vec<&Annotation> = all.iter().filter(|a| a.level == Level::Notice).collect();
        assert_eq!(notices.len(), 2);
        assert!(
            notices[0].message.ends_with(
                "; 5 more annotation(s) left out (GitHub shows 10 of a kind): see the job summary"
            ),
            "{}",
            notices[0].message
        );
        assert_eq!(notices[1].title, "rules update");
    }
}
