//! A review in Markdown, fit for a pull-request comment or a GitHub job summary: the summary
//! (headline, a row per report, the largest figure moves), then each report's diff as `diff
//! --format markdown` draws it, folded in a `<details>` block so that a long review stays
//! readable. A job summary has a size limit: [`step_summary`] keeps under it, leaving whole
//! reports out and saying so.

use crate::review::Review;

use super::super::markdown::{self, escape};
use super::super::table::Align;
use super::{
    MOVE_COLUMNS, REPORT_COLUMNS, move_rows, moves_not_shown, no_change_note, report_heading,
    report_row,
};

/// GitHub's limit on one step's job summary, in bytes.
pub const STEP_SUMMARY_LIMIT: usize = 1024 * 1024;

/// A marker a workflow can find its own earlier comment by, to update it.
pub const MARKER: &str = "<!-- reportdiff review -->";

/// The whole review in Markdown.
pub fn render(review: &Review) -> String {
    let mut out = head(review);
    for section in sections(review) {
        out.push_str(&section);
    }
    out
}

/// The review for a job summary that already holds `used` bytes: whole report sections are
/// left out from the end, with a note, until it fits under [`STEP_SUMMARY_LIMIT`]; should the
/// summary alone not fit, it is cut at a line. Empty when not even the note fits.
pub fn step_summary(review: &Review, used: usize) -> String {
    let budget = STEP_SUMMARY_LIMIT.saturating_sub(used);
    let head = head(review);
    let sections = sections(review);
    let whole: usize = head.len() + sections.iter().map(String::len).sum::<usize>();
    if whole <= budget {
        return head + &sections.concat();
    }
    let note = |left_out: usize| {
        format!(
            "\n> **Cut to fit GitHub's 1 MiB job-summary limit:** the diffs of {left_out} of {} report(s) are left out; run `reportdiff review` to read them all.\n",
            sections.len()
        )
    };
    let room = budget.saturating_sub(note(sections.len()).len());
    if head.len() > room {
        let cut = cut_at_line(&head, room);
        return if cut.is_empty() && note(sections.len()).len() > budget {
            String::new()
        } else {
            format!("{cut}{}", note(sections.len()))
        };
    }
    let mut out = head;
    let mut kept = 0;
    for section in &sections {
        if out.len() + section.len() > room {
            break;
        }
        out.push_str(section);
        kept += 1;
    }
    out.push_str(&note(sections.len() - kept));
    out
}

/// The longest run of whole lines of `text` within `limit` bytes.
fn cut_at_line(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut at = limit;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let end = text[..at].rfind('\n').map_or(0, |i| i + 1);
    &text[..end]
}

/// The marker, the title with the range, the headline, the report table, the largest
/// figure moves and anything that could not be read.
fn head(review: &Review) -> String {
    let mut out = format!(
        "{MARKER}\n### Report changes `{}`\n\n{}\n",
        review.range.commits(),
        escape(&review.summary.headline())
    );
    if !review.reports.is_empty() {
        out.push('\n');
        let rows = review.reports.iter().map(report_row).map(|r| r.to_vec());
        out.push_str(&table(&REPORT_COLUMNS, rows));
    }
    let moves: Vec<Vec<String>> = move_rows(review).map(|r| r.to_vec()).collect();
    if !moves.is_empty() {
        out.push_str("\n#### Largest figure moves\n\n");
        out.push_str(&table(&MOVE_COLUMNS, moves.into_iter()));
        if let Some(more) = moves_not_shown(review) {
            out.push_str(&format!("\n{}.\n", escape(&more)));
        }
    }
    for skipped in &review.skipped {
        out.push_str(&format!(
            "\n> Not read: `{}`: {}\n",
            skipped.path.replace('`', "'"),
            escape(&skipped.reason)
        ));
    }
    out
}

/// One `<details>` block per report: its name, change and counts, then its diff.
fn sections(review: &Review) -> Vec<String> {
    review
        .reports
        .iter()
        .map(|report| {
            let diff = markdown::render(&report.diff);
            let body = if diff.is_empty() {
                format!("{}\n", no_change_note(&report.diff))
            } else {
                diff
            };
            format!(
                "\n<details><summary>{}</summary>\n\n{body}\n</details>\n",
                html_text(&report_heading(report))
            )
        })
        .collect()
}

/// A Markdown table: a header, its alignment row, then the rows, every cell escaped.
fn table(columns: &[(&str, Align)], rows: impl Iterator<Item = Vec<String>>) -> String {
    let headers: Vec<&str> = columns.iter().map(|(h, _)| *h).collect();
    let aligns: Vec<&str> = columns
        .iter()
        .map(|(_, a)| match a {
            Align::Left => "---",
            Align::Right => "---:",
        })
        .collect();
    let mut out = format!("| {} |\n| {} |\n", headers.join(" | "), aligns.join(" | "));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// Text inside an HTML element (`<summary>`), where Markdown escapes would show literally.
fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::sample::sample_review;
    use super::*;

    #[test]
    fn the_review_in_markdown() {
        let text = render(&sample_review());
        insta::with_settings!({snapshot_path => "../../../tests/snapshots"}, {
            insta::assert_snapshot!("review_markdown", text);
        });
    }

    #[test]
    fn report_text_never_becomes_html() {
        let mut review = sample_review();
        review.reports[0].name = "医院/<script>alert(1)</script>".to_string();
        let text = render(&review);
        assert!(!text.contains("<script>"), "{text}");
        assert!(text.contains("<summary>医院/&lt;script&gt;"), "{text}");
        assert!(text.contains("| 医院/&lt;script&gt;"), "{text}");
    }

    #[test]
    fn a_review_that_fits_is_written_whole() {
        let review = sample_review();
        assert_eq!(step_summary(&review, 0), render(&review));
        let used = STEP_SUMMARY_LIMIT - render(&review).len();
        assert_eq!(step_summary(&review, used), render(&review));
    }

    #[test]
    fn a_review_over_the_limit_leaves_whole_reports_out_and_says_so() {
        let review = sample_review();
        let whole = render(&review);
        let used = STEP_SUMMARY_LIMIT - whole.len() + 1;
        let cut = step_summary(&review, used);
        assert!(cut.len() + used <= STEP_SUMMARY_LIMIT);
        assert!(cut.starts_with(&head(&review)));
        assert!(
            cut.ends_with(
                "of 5 report(s) are left out; run `reportdiff review` to read them all.\n"
            ),
            "{cut}"
        );
        assert_eq!(
            cut.matches("<details>").count(),
            cut.matches("</details>").count()
        );
        assert!(cut.matches("<details>").count() < 5);
    }

    #[test]
    fn a_summary_too_long_for_the_room_is_cut_at_a_line() {
        let review = sample_review();
        let used = STEP_SUMMARY_LIMIT - 400;
        let cut = step_summary(&review, used);
        assert!(cut.len() <= 400, "{}", cut.len());
        assert!(cut.starts_with(MARKER));
        assert!(cut.contains("the diffs of 5 of 5 report(s) are left out"));
        assert_eq!(step_summary(&review, STEP_SUMMARY_LIMIT - 10), "");
    }

    #[test]
    fn cuts_fall_on_line_and_character_boundaries() {
        assert_eq!(cut_at_line("第一行\n第二行\n", 12), "第一行\n");
        assert_eq!(cut_at_line("第一行\n第二行\n", 11), "第一行\n");
        assert_eq!(cut_at_line("第一行\n第二行\n", 9), "");
        assert_eq!(cut_at_line("短\n", 100), "短\n");
    }
}
