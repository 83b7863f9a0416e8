//! `reportdiff.review/v1`: a review as JSON — the range, the summary, and one
//! `reportdiff.diff/v1` document per changed report.

use serde::Serialize;

use crate::review::{FigureMove, ReportReview, Review, ReviewSummary, Skipped};
use crate::store::changes::Revision;

use super::diff::{DiffJson, MetricJson};

#[derive(Serialize)]
struct ReviewJson<'a> {
    schema: &'static str,
    base: RevisionJson<'a>,
    head: RevisionJson<'a>,
    summary: SummaryJson<'a>,
    reports: Vec<ReportJson<'a>>,
    skipped: Vec<SkippedJson<'a>>,
}

#[derive(Serialize)]
struct RevisionJson<'a> {
    /// The revision as asked for or chosen (`main`, `HEAD`, a sha).
    asked: &'a str,
    /// The commit compared.
    commit: &'a str,
    /// Its short form.
    short: &'a str,
}

impl<'a> RevisionJson<'a> {
    fn new(asked: &'a str, revision: &'a Revision) -> Self {
        RevisionJson {
            asked,
            commit: &revision.id,
            short: &revision.short,
        }
    }
}

#[derive(Serialize)]
struct SummaryJson<'a> {
    reports: usize,
    added: usize,
    changed: usize,
    deleted: usize,
    renamed: usize,
    from_raw: usize,
    rules_updates: usize,
    sentences: SentencesJson,
    figures_changed: usize,
    figure_moves: Vec<FigureMoveJson<'a>>,
}

#[derive(Serialize)]
struct SentencesJson {
    added: usize,
    deleted: usize,
    changed: usize,
}

#[derive(Serialize)]
struct FigureMoveJson<'a> {
    report: &'a str,
    #[serde(flatten)]
    metric: MetricJson<'a>,
}

impl<'a> From<&'a ReviewSummary> for SummaryJson<'a> {
    fn from(s: &'a ReviewSummary) -> Self {
        SummaryJson {
            reports: s.reports,
            added: s.added,
            changed: s.changed,
            deleted: s.deleted,
            renamed: s.renamed,
            from_raw: s.from_raw,
            rules_updates: s.rules_updates,
            sentences: SentencesJson {
                added: s.sentences_added,
                deleted: s.sentences_deleted,
                changed: s.sentences_changed,
            },
            figures_changed: s.figures_changed,
            figure_moves: s
                .figure_moves
                .iter()
                .map(|m: &FigureMove| FigureMoveJson {
                    report: &m.report,
                    metric: MetricJson::from(&m.delta),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct ReportJson<'a> {
    report: &'a str,
    status: &'static str,
    source: &'static str,
    old_path: Option<&'a str>,
    new_path: Option<&'a str>,
    rules_update: &'static str,
    diff: DiffJson<'a>,
}

impl<'a> From<&'a ReportReview> for ReportJson<'a> {
    fn from(r: &'a ReportReview) -> Self {
        ReportJson {
            report: &r.name,
            status: r.status.as_str(),
            source: r.source.as_str(),
            old_path: r.old_path.as_deref(),
            new_path: r.new_path.as_deref(),
            rules_update: r.rules.as_str(),
            diff: DiffJson::from(&r.diff),
        }
    }
}

#[derive(Serialize)]
struct SkippedJson<'a> {
    path: &'a str,
    reason: &'a str,
}

impl<'a> From<&'a Skipped> for SkippedJson<'a> {
    fn from(s: &'a Skipped) -> Self {
        SkippedJson {
            path: &s.path,
            reason: &s.reason,
        }
    }
}

/// The `reportdiff.review/v1` document for a review.
pub fn review_json(review: &Review) -> String {
    let doc = ReviewJson {
        schema: "reportdiff.review/v1",
        base: RevisionJson::new(&review.range.base_asked, &review.range.base),
        head: RevisionJson::new(&review.range.head_asked, &review.range.head),
        summary: SummaryJson::from(&review.summary),
        reports: review.reports.iter().map(ReportJson::from).collect(),
        skipped: review.skipped.iter().map(SkippedJson::from).collect(),
    };
    super::to_string(&doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::review::sample::sample_review;

    #[test]
    fn the_document_follows_the_v1_schema() {
        let text = review_json(&sample_review());
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(value["schema"], "reportdiff.review/v1");
        assert_eq!(value["base"]["asked"], "main");
        assert_eq!(value["base"]["short"], "1a2b3c4");
        assert_eq!(value["head"]["commit"].as_str().map(str::len), Some(40));
        let summary = &value["summary"];
        assert_eq!(summary["reports"], 5);
        assert_eq!(summary["from_raw"], 1);
        assert_eq!(summary["sentences"]["changed"], 3);
        let first = &summary["figure_moves"][0];
        assert_eq!(first["report"], "潍坊市人民医院/简报");
        assert_eq!(first["status"], "changed");
        assert_eq!(first["new"], 1000);
        let reports = value["reports"].as_array().expect("a list");
        assert_eq!(reports.len(), 5);
        assert_eq!(reports[1]["status"], "added");
        assert!(reports[1]["old_path"].is_null());
        assert_eq!(reports[4]["source"], "raw");
        assert_eq!(reports[0]["rules_update"], "none");
        let diff = &reports[0]["diff"];
        assert_eq!(diff["schema"], "reportdiff.diff/v1");
        assert_eq!(diff["old"]["revision"], "1a2b3c4");
        assert_eq!(diff["changes"][0]["kind"], "modified");
        assert_eq!(value["skipped"][0]["path"], "raw/潍坊市人民医院/附件.pdf");
        assert!(text.ends_with("}\n"));
    }
}
