//! `reportdiff.watch/v1`: a watch run as JSON — the summary, and one object per source with
//! its outcome and, for a change, the flagged sentences and figures.

use serde::Serialize;

use crate::watch::{Counts, Outcome, RunReport, SourceReport};

use super::diff::{ChangeJson, MetricJson, SummaryJson};

#[derive(Serialize)]
struct WatchJson<'a> {
    schema: &'static str,
    started: &'a str,
    dry_run: bool,
    commit: Option<&'a str>,
    flagged: bool,
    summary: CountsJson,
    sources: Vec<SourceJson<'a>>,
}

#[derive(Serialize)]
struct CountsJson {
    sources: usize,
    unchanged: usize,
    new: usize,
    changed: usize,
    flagged: usize,
    flip_backs: usize,
    errors: usize,
    broken: usize,
}

impl From<Counts> for CountsJson {
    fn from(c: Counts) -> Self {
        CountsJson {
            sources: c.sources,
            unchanged: c.unchanged,
            new: c.new,
            changed: c.changed,
            flagged: c.flagged,
            flip_backs: c.flip_backs,
            errors: c.errors,
            broken: c.broken,
        }
    }
}

#[derive(Serialize)]
struct SourceJson<'a> {
    source: &'a str,
    report: Option<&'a str>,
    status: &'static str,
    flagged: bool,
    /// `unchanged`: the server answered 304.
    not_modified: Option<bool>,
    /// `new`: its sentences.
    sentences: Option<usize>,
    /// `flip-back`: how many versions before the stored one it was seen.
    back: Option<usize>,
    /// `changed`, `flip-back`: the diff's counts against the stored version.
    summary: Option<SummaryJson>,
    /// `changed`: the flagged changes and figures.
    changes: Vec<ChangeJson<'a>>,
    metrics: Vec<MetricJson<'a>>,
    /// `error`, `broken`: why, and how many failures in a row.
    error: Option<ErrorJson<'a>>,
    failures: Option<u32>,
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    kind: &'a str,
    message: &'a str,
}

impl<'a> From<&'a SourceReport> for SourceJson<'a> {
    fn from(s: &'a SourceReport) -> Self {
        let mut json = SourceJson {
            source: &s.source,
            report: s.report.as_deref(),
            status: s.outcome.as_str(),
            flagged: s.flagged(),
            not_modified: None,
            sentences: None,
            back: None,
            summary: None,
            changes: Vec::new(),
            metrics: Vec::new(),
            error: None,
            failures: None,
        };
        match &s.outcome {
            Outcome::Unchanged { not_modified } => json.not_modified = Some(*not_modified),
            Outcome::New { sentences } => json.sentences = Some(*sentences),
            Outcome::FlipBack { back, summary } => {
                json.back = Some(*back);
                json.summary = Some(SummaryJson::from(summary));
            }
            Outcome::Changed(changed) => {
                json.summary = Some(SummaryJson::from(&changed.diff.summary));
                let diff = &changed.diff;
                json.changes = changed
                    .flagged
                    .changes
                    .iter()
                    .filter_map(|&i| diff.changes.get(i))
                    .map(ChangeJson::from)
                    .collect();
                json.metrics = changed
                    .flagged
                    .metrics
                    .iter()
                    .filter_map(|&i| diff.metrics.get(i))
                    .map(MetricJson::from)
                    .collect();
            }
            Outcome::Error { error, failures }
            | Outcome::Broken {
                error, failures, ..
            } => {
                json.error = Some(ErrorJson {
                    kind: error.kind,
                    message: &error.message,
                });
                json.failures = Some(*failures);
            }
        }
        json
    }
}

/// The `reportdiff.watch/v1` document for a run.
pub fn watch_json(report: &RunReport) -> String {
    let doc = WatchJson {
        schema: "reportdiff.watch/v1",
        started: &report.started,
        dry_run: report.dry_run,
        commit: report.commit.as_deref(),
        flagged: report.flagged(),
        summary: CountsJson::from(report.counts()),
        sources: report.sources.iter().map(SourceJson::from).collect(),
    };
    super::to_string(&doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::watch_sample::sample_run;

    #[test]
    fn the_document_follows_the_v1_schema() {
        let text = watch_json(&sample_run());
        insta::with_settings!({snapshot_path => "../../../tests/snapshots"}, {
            insta::assert_snapshot!("watch_json", text);
        });
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(value["schema"], "reportdiff.watch/v1");
        assert_eq!(value["flagged"], true);
        assert_eq!(value["summary"]["flagged"], 2);
        let changed = &value["sources"][0];
        assert_eq!(changed["status"], "changed");
        assert_eq!(changed["metrics"][0]["key"], "outpatient_visits");
        assert_eq!(value["sources"][4]["error"]["kind"], "timeout");
        assert_eq!(value["sources"][5]["failures"], 3);
    }
}
