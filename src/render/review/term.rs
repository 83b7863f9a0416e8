//! A review in the terminal: the range and headline, the report and figure tables, then every
//! report's diff as `diff` draws it.

use crate::review::Review;

use super::super::table::Table;
use super::super::{RenderOptions, term};
use super::{
    MOVE_COLUMNS, REPORT_COLUMNS, move_rows, moves_not_shown, no_change_note, report_heading,
    report_row,
};

/// The terminal rendering: the range and headline, the report and figure tables, then
/// every report's diff under a rule with its name.
pub fn render(review: &Review, options: &RenderOptions) -> String {
    let mut out = format!(
        "review {} ({})\n{}\n",
        review.range.commits(),
        review.range.description(),
        review.summary.headline()
    );
    if review.reports.is_empty() && review.skipped.is_empty() {
        return out;
    }
    out.push('\n');
    let mut reports = Table::new(&REPORT_COLUMNS);
    for report in &review.reports {
        reports.push_row(report_row(report).to_vec());
    }
    out.push_str(&reports.render());
    let moves: Vec<[String; 7]> = move_rows(review).collect();
    if !moves.is_empty() {
        out.push_str("\nlargest figure moves\n");
        let mut table = Table::new(&MOVE_COLUMNS);
        for row in moves {
            table.push_row(row.to_vec());
        }
        out.push_str(&table.render());
        if let Some(more) = moves_not_shown(review) {
            out.push_str(&format!("({more})\n"));
        }
    }
    for skipped in &review.skipped {
        out.push_str(&format!(
            "\nnot read: {}: {}\n",
            skipped.path, skipped.reason
        ));
    }
    for report in &review.reports {
        out.push_str(&format!("\n═══ {}\n", report_heading(report)));
        let diff = term::render(&report.diff, options);
        if diff.is_empty() {
            out.push_str(&format!("{}\n", no_change_note(&report.diff)));
        } else {
            out.push_str(&diff);
        }
    }
    out
}
