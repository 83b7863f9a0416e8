//! The terminal rendering of a watch run: one summary line, one line per source that did
//! not stay unchanged (flagged ones marked `!`), the flagged sentences and figures of each
//! flagged change as `diff` shows them, and what was committed.

use crate::watch::{Counts, Outcome, RunReport, SourceReport};

use super::wording::{counted, summary_line};
use super::{RenderOptions, term};

/// The summary line: `12 sources: 1 changed (1 flagged), 9 unchanged, 1 new, 1 error`;
/// a newly broken source is flagged too, and says so in its own line.
pub fn summary(report: &RunReport) -> String {
    let counts = report.counts();
    format!(
        "{}: {}",
        counted(counts.sources, "source"),
        outcome_counts(&counts)
    )
}

fn outcome_counts(counts: &Counts) -> String {
    let mut parts = Vec::new();
    if counts.changed > 0 {
        parts.push(format!(
            "{} changed ({} flagged)",
            counts.changed, counts.changed_flagged
        ));
    }
    for (n, word) in [
        (counts.unchanged, "unchanged"),
        (counts.new, "new"),
        (counts.flip_backs, "flipped back"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {word}"));
        }
    }
    if counts.errors > 0 {
        parts.push(counted(counts.errors, "error"));
    }
    if counts.broken > 0 {
        parts.push(format!("{} broken", counts.broken));
    }
    if parts.is_empty() {
        "nothing to read".to_string()
    } else {
        parts.join(", ")
    }
}

/// The last line: the commit made, or why there is none.
pub fn commit_line(report: &RunReport) -> String {
    match (&report.commit, report.dry_run) {
        (_, true) => "dry run: nothing written".to_string(),
        (Some(commit), false) => format!("committed {commit}"),
        (None, false) => "nothing to commit".to_string(),
    }
}

/// The name a source goes by in a report: its report once known, else its URL or path.
pub fn source_name(source: &SourceReport) -> &str {
    source.report.as_deref().unwrap_or(&source.source)
}

/// What became of a source, in a few words (empty for an unchanged one).
pub fn detail(source: &SourceReport) -> String {
    let failures = |n: u32| {
        if n == 1 {
            "1 failure".to_string()
        } else {
            format!("{n} failures in a row")
        }
    };
    match &source.outcome {
        Outcome::Unchanged { .. } => String::new(),
        Outcome::New { sentences } => counted(*sentences, "sentence"),
        Outcome::Changed(changed) => summary_line(&changed.diff.summary),
        Outcome::FlipBack { back: 1, summary } => format!(
            "back to the version before the stored one ({})",
            summary_line(summary)
        ),
        Outcome::FlipBack { back, summary } => format!(
            "back to a version seen {back} versions before the stored one ({})",
            summary_line(summary)
        ),
        Outcome::Error { error, failures: n } => format!("{} ({})", error.message, failures(*n)),
        Outcome::Broken {
            error, failures: n, ..
        } => format!("{} ({})", error.message, failures(*n)),
    }
}

/// The whole terminal report.
pub fn render_term(report: &RunReport, options: &RenderOptions) -> String {
    let mut out = format!("watch: {}\n", summary(report));
    let listed: Vec<&SourceReport> = report
        .sources
        .iter()
        .filter(|s| !matches!(s.outcome, Outcome::Unchanged { .. }))
        .collect();
    if !listed.is_empty() {
        out.push('\n');
    }
    for source in &listed {
        let mark = if source.flagged() { '!' } else { ' ' };
        let name = source_name(source);
        let mut line = format!("{mark} {:<9} {name}", source.outcome.as_str());
        if source.report.is_some()
            && matches!(
                source.outcome,
                Outcome::Error { .. } | Outcome::Broken { .. }
            )
        {
            line.push_str(&format!(" ({})", source.source));
        }
        let detail = detail(source);
        if !detail.is_empty() {
            line.push_str(&format!(": {detail}"));
        }
        out.push_str(&line);
        out.push('\n');
    }
    let shown = RenderOptions {
        context: 0,
        ..*options
    };
    for source in &listed {
        if let Outcome::Changed(changed) = &source.outcome
            && changed.flagged.any()
        {
            out.push('\n');
            out.push_str(&term::render(&changed.flagged_diff(), &shown));
        }
    }
    out.push('\n');
    out.push_str(&commit_line(report));
    out.push('\n');
    out
}

/// What `--quiet` prints: the summary and the commit line.
pub fn render_quiet(report: &RunReport) -> String {
    format!("watch: {}\n{}\n", summary(report), commit_line(report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::watch_sample::sample_run;

    #[test]
    fn the_terminal_report_lists_what_did_not_stay_the_same() {
        let text = render_term(&sample_run(), &RenderOptions::default());
        insta::with_settings!({snapshot_path => "../../tests/snapshots"}, {
            insta::assert_snapshot!("watch_term", text);
        });
        assert!(
            !text.contains("大同市第六人民医院"),
            "unchanged sources are only counted"
        );
    }

    #[test]
    fn quiet_is_two_lines() {
        assert_eq!(
            render_quiet(&sample_run()),
            "watch: 6 sources: 1 changed (1 flagged), 1 unchanged, 1 new, 1 flipped back, 1 error, 1 broken\ncommitted 3f2a9c1\n"
        );
    }
}
