//! A review: the one dispatch to its renderings (`term.rs`, `markdown.rs`, and JSON), and the
//! words and rows they share: the summary at the
//! top (the headline, one row per report, the figures that moved most), then each report
//! drawn as `diff` draws it.

use crate::changes::DiffResult;
use crate::review::{FigureMove, ReportReview, ReportStatus, Review, RulesUpdate, Source};

use super::table::Align;
use super::{Format, Render, RenderOptions, delta_table, json};

pub mod markdown;
#[cfg(test)]
pub(crate) mod sample;
mod term;

/// How many of the largest figure moves the summary lists.
pub const MOVES_SHOWN: usize = 10;

/// The columns of the per-report table.
pub const REPORT_COLUMNS: [(&str, Align); 5] = [
    ("report", Align::Left),
    ("change", Align::Left),
    ("sentences", Align::Left),
    ("figures", Align::Right),
    ("note", Align::Left),
];

/// The columns of the largest-moves table.
pub const MOVE_COLUMNS: [(&str, Align); 7] = [
    ("report", Align::Left),
    ("metric", Align::Left),
    ("period", Align::Left),
    ("old", Align::Right),
    ("new", Align::Right),
    ("delta", Align::Right),
    ("ratio", Align::Right),
];

/// A review in the terminal, in Markdown (a pull-request comment or a job summary) and as
/// `reportdiff.review/v1`.
impl Render for Review {
    fn render(&self, format: Format, options: &RenderOptions) -> Option<String> {
        match format {
            Format::Term => Some(term::render(self, options)),
            Format::Markdown => Some(markdown::render(self)),
            Format::Json => Some(json::review_json(self)),
            Format::Html | Format::Csv => None,
        }
    }
}

/// `诸城市人民医院/年报 · changed · rules update`.
pub fn report_heading(report: &ReportReview) -> String {
    let mut heading = format!("{} · {}", report.name, report.status.as_str());
    if let Some(note) = report_note(report) {
        heading.push_str(" · ");
        heading.push_str(&note);
    }
    heading
}

/// What a report with no sentence or figure change says instead of a diff.
pub fn no_change_note(diff: &DiffResult) -> &'static str {
    if diff.old.snapshot == diff.new.snapshot {
        "(same text)"
    } else {
        "(no sentence or figure changes: punctuation, spacing or front matter only)"
    }
}

/// The cells of a report's row: name, change, sentences `+a -d ~c`, figures changed, note.
pub fn report_row(report: &ReportReview) -> [String; 5] {
    let s = &report.diff.summary;
    let changed = s.modified + s.moved + s.split + s.merged;
    let sentences = [(s.added, '+'), (s.deleted, '-'), (changed, '~')]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, sign)| format!("{sign}{n}"))
        .collect::<Vec<_>>()
        .join(" ");
    [
        report.name.clone(),
        report.status.as_str().to_string(),
        sentences,
        s.metric_changes.to_string(),
        report_note(report).unwrap_or_default(),
    ]
}

/// What the status alone does not say: where a renamed report came from, that a raw input
/// was read on the fly, that a rules update made the change.
pub fn report_note(report: &ReportReview) -> Option<String> {
    let mut notes = Vec::new();
    if report.status == ReportStatus::Renamed
        && let Some(old) = &report.old_path
    {
        notes.push(format!("from {old}"));
    }
    if report.source == Source::Raw {
        let path = report.new_path.as_ref().or(report.old_path.as_ref());
        notes.push(format!(
            "raw input {}, normalized on the fly",
            path.map_or("", String::as_str)
        ));
    }
    match report.rules {
        RulesUpdate::None => {}
        RulesUpdate::Only => notes.push("rules update".to_string()),
        RulesUpdate::Partly => notes.push("partly a rules update".to_string()),
    }
    (!notes.is_empty()).then(|| notes.join("; "))
}

/// The rows of the largest-moves table: at most [`MOVES_SHOWN`] changed figures.
pub fn move_rows(review: &Review) -> impl Iterator<Item = [String; 7]> + '_ {
    review
        .summary
        .largest_moves()
        .take(MOVES_SHOWN)
        .map(move_row)
}

fn move_row(figure: &FigureMove) -> [String; 7] {
    let [label, period, old, new, delta, ratio, _status] = delta_table::row(&figure.delta).cells;
    [figure.report.clone(), label, period, old, new, delta, ratio]
}

/// `3 more figures changed, 2 added or removed: see each report`, when the table leaves
/// some out.
pub fn moves_not_shown(review: &Review) -> Option<String> {
    let changed = review.summary.largest_moves().count();
    let more = changed.saturating_sub(MOVES_SHOWN);
    let others = review.summary.figure_moves.len() - changed;
    let mut parts = Vec::new();
    if more > 0 {
        parts.push(format!("{more} more changed"));
    }
    if others > 0 {
        parts.push(format!("{others} added or removed"));
    }
    (!parts.is_empty()).then(|| format!("{}: see each report", parts.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::sample::sample_review;
    use super::*;

    #[test]
    fn the_terminal_review_opens_with_the_summary_then_each_report() {
        let review = sample_review();
        let text = term::render(&review, &RenderOptions::default());
        insta::with_settings!({snapshot_path => "../../../tests/snapshots"}, {
            insta::assert_snapshot!("review_term", text);
        });
        let first = text
            .find("═══ 诸城市人民医院/年报")
            .expect("the changed report");
        let second = text
            .find("═══ 诸城市人民医院/新报告")
            .expect("the added report");
        assert!(text.starts_with("review 1a2b3c4..5d6e7f8 (main..HEAD)\n"));
        assert!(first < second);
    }

    #[test]
    fn a_renamed_report_without_changes_says_so() {
        let review = sample_review();
        let renamed = review
            .reports
            .iter()
            .find(|r| r.status == ReportStatus::Renamed)
            .expect("a renamed report");
        assert_eq!(no_change_note(&renamed.diff), "(same text)");
        assert_eq!(
            report_row(renamed),
            [
                "诸城市人民医院/新名".to_string(),
                "renamed".to_string(),
                String::new(),
                "0".to_string(),
                "from snapshots/诸城市人民医院/旧名.md".to_string(),
            ]
        );
    }

    #[test]
    fn a_review_has_no_html_or_csv_form() {
        let review = sample_review();
        assert!(
            review
                .render(Format::Html, &RenderOptions::default())
                .is_none()
        );
        assert!(
            review
                .render(Format::Csv, &RenderOptions::default())
                .is_none()
        );
    }
}
