//! The rendering of a store's log: each version, newest first, with what it changed counted
//! in the words of `diff`'s summary line, as text or as `reportdiff.log/v1`.

use crate::changes::Summary;
use crate::store::{CommitTime, LogEntry, ReportPath};

use super::wording::summary_line;
use super::{Format, Render, RenderOptions};

/// A log to write: the versions, and whether they are one report's (then each version is one
/// line).
#[derive(Debug, Clone)]
pub struct Log<'a> {
    /// The versions, newest first.
    pub versions: Vec<Version<'a>>,
    /// Whether every version is of one report.
    pub one_report: bool,
}

/// One version: the commit and what it did to each report it changed.
#[derive(Debug, Clone)]
pub struct Version<'a> {
    /// The commit, as the store read it.
    pub entry: &'a LogEntry,
    /// Each report the commit changed, in the entry's order.
    pub reports: Vec<(&'a ReportPath, Changed)>,
}

/// What a version did to one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// The report's first version, with its number of sentences.
    New(usize),
    /// The report was removed.
    Removed,
    /// A new version of the report, counted as `diff` counts it.
    Updated(Summary),
}

impl Changed {
    /// `new (42 sentences)`, `removed`, or the summary line (`1 modified; 1 figure changed`).
    pub fn describe(&self) -> String {
        match self {
            Changed::New(1) => "new (1 sentence)".to_string(),
            Changed::New(n) => format!("new ({n} sentences)"),
            Changed::Removed => "removed".to_string(),
            Changed::Updated(summary) => summary_line(summary),
        }
    }
}

/// The log as text (one line per version of one report, else a line per version and one per
/// report it changed) or as `reportdiff.log/v1`.
impl Render for Log<'_> {
    fn render(&self, format: Format, _: &RenderOptions) -> Option<String> {
        match format {
            Format::Term => Some(text(self)),
            Format::Json => Some(super::json::log_json(self)),
            _ => None,
        }
    }
}

fn text(log: &Log<'_>) -> String {
    let mut out = String::new();
    for version in &log.versions {
        let entry = version.entry;
        let marker = if entry.rule_change { "[rules] " } else { "" };
        let date = local_time(entry.when, "%Y-%m-%d %H:%M %z");
        match (log.one_report, version.reports.as_slice()) {
            (true, [(_, changed)]) => out.push_str(&format!(
                "{}  {date}  {}  {marker}{}\n",
                entry.commit,
                changed.describe(),
                entry.subject
            )),
            _ => {
                out.push_str(&format!(
                    "{}  {date}  {marker}{}\n",
                    entry.commit, entry.subject
                ));
                for (path, changed) in &version.reports {
                    out.push_str(&format!("    {path}  {}\n", changed.describe()));
                }
            }
        }
    }
    out
}

/// A commit time in the offset it was made in, with a `strftime` pattern.
pub fn local_time(when: CommitTime, pattern: &str) -> String {
    let offset =
        jiff::tz::Offset::from_seconds(when.offset_minutes * 60).unwrap_or(jiff::tz::Offset::UTC);
    match jiff::Timestamp::from_second(when.seconds) {
        Ok(t) => t
            .to_zoned_datetime(jiff::tz::TimeZone::fixed(offset))
            .strftime(pattern)
            .to_string(),
        Err(_) => when.seconds.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(subject: &str) -> LogEntry {
        LogEntry {
            commit: "cb2ac30".to_string(),
            when: CommitTime {
                seconds: 1_751_328_000,
                offset_minutes: 480,
            },
            subject: subject.to_string(),
            message: format!("{subject}\n"),
            rule_change: false,
            changes: Vec::new(),
        }
    }

    #[test]
    fn one_reports_versions_are_one_line_each() {
        let entry = entry("八月更新");
        let path = ReportPath::new("诸城市人民医院", "联建");
        let summary = Summary {
            modified: 1,
            deleted: 1,
            metric_changes: 1,
            ..Summary::default()
        };
        let log = Log {
            versions: vec![Version {
                entry: &entry,
                reports: vec![(&path, Changed::Updated(summary))],
            }],
            one_report: true,
        };
        assert_eq!(
            text(&log),
            "cb2ac30  2025-07-01 08:00 +0800  1 modified, 1 deleted; 1 figure changed  八月更新\n"
        );
        let many = Log {
            one_report: false,
            ..log
        };
        assert_eq!(
            text(&many),
            "cb2ac30  2025-07-01 08:00 +0800  八月更新\n    诸城市人民医院/联建  1 modified, 1 deleted; 1 figure changed\n"
        );
        assert_eq!(Changed::New(1).describe(), "new (1 sentence)");
    }
}
