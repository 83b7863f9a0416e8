//! The Markdown rendering of a watch run, fit for a CI job to open an issue with: a marker,
//! the summary, a table of the sources that did not stay unchanged, then each flagged
//! change as `diff --format markdown` shows it (flagged sentences and figures only).

use crate::watch::{Outcome, RunReport};

use super::markdown;
use super::watch::{commit_line, detail, source_name, summary};

/// The Markdown report.
pub fn render(report: &RunReport) -> String {
    let mut out = String::from("<!-- reportdiff watch -->\n");
    out.push_str(&format!("### reportdiff watch {}\n\n", report.started));
    out.push_str(&format!(
        "{}; {}\n",
        escape(&summary(report)),
        commit_line(report)
    ));
    let listed: Vec<_> = report
        .sources
        .iter()
        .filter(|s| !matches!(s.outcome, Outcome::Unchanged { .. }))
        .collect();
    if !listed.is_empty() {
        out.push_str(
            "\n| | report | outcome | detail | source |\n| --- | --- | --- | --- | --- |\n",
        );
        for source in &listed {
            let flag = if source.flagged() { "⚑" } else { "" };
            out.push_str(&format!(
                "| {flag} | {} | {} | {} | {} |\n",
                escape(source_name(source)),
                source.outcome.as_str(),
                escape(&detail(source)),
                escape(&source.source)
            ));
        }
    }
    for source in &listed {
        if let Outcome::Changed(changed) = &source.outcome
            && changed.flagged.any()
        {
            out.push_str(&format!("\n#### {}\n\n", escape(source_name(source))));
            out.push_str(&markdown::render(&changed.flagged_diff()));
        }
    }
    out
}

/// Text in a table cell or heading: the characters Markdown would read as markup escaped,
/// line breaks as spaces.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '~' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::watch_sample::sample_run;

    #[test]
    fn the_markdown_report_opens_an_issue_with_the_flagged_change() {
        let text = render(&sample_run());
        insta::with_settings!({snapshot_path => "../../tests/snapshots"}, {
            insta::assert_snapshot!("watch_markdown", text);
        });
        assert!(text.starts_with("<!-- reportdiff watch -->\n"));
    }

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(escape("a|b\n<script>"), "a\\|b \\<script\\>");
    }
}
