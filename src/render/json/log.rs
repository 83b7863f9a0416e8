//! `reportdiff.log/v1`: a store's log as JSON.

use serde::Serialize;

use crate::render::log::{Changed, Log, local_time};

use super::diff::SummaryJson;

#[derive(Serialize)]
struct LogJson {
    schema: &'static str,
    versions: Vec<VersionJson>,
}

#[derive(Serialize)]
struct VersionJson {
    commit: String,
    /// RFC 3339 in the offset the commit was made in.
    time: String,
    subject: String,
    rule_change: bool,
    reports: Vec<ReportJson>,
}

#[derive(Serialize)]
struct ReportJson {
    /// `HOSPITAL/REPORT`, a REF.
    report: String,
    /// `new`, `updated` or `removed`.
    change: &'static str,
    /// For a new report, its number of sentences.
    sentences: Option<usize>,
    /// For an updated report, the counts of `reportdiff.diff/v1`'s summary.
    summary: Option<SummaryJson>,
}

/// The `reportdiff.log/v1` document for a log.
pub fn log_json(log: &Log<'_>) -> String {
    let versions = log
        .versions
        .iter()
        .map(|version| VersionJson {
            commit: version.entry.commit.clone(),
            time: local_time(version.entry.when, "%Y-%m-%dT%H:%M:%S%:z"),
            subject: version.entry.subject.clone(),
            rule_change: version.entry.rule_change,
            reports: version
                .reports
                .iter()
                .map(|(path, changed)| {
                    let (change, sentences, summary) = match changed {
                        Changed::New(n) => ("new", Some(*n), None),
                        Changed::Removed => ("removed", None, None),
                        Changed::Updated(s) => ("updated", None, Some(SummaryJson::from(s))),
                    };
                    ReportJson {
                        report: path.to_string(),
                        change,
                        sentences,
                        summary,
                    }
                })
                .collect(),
        })
        .collect();
    super::to_string(&LogJson {
        schema: "reportdiff.log/v1",
        versions,
    })
}
