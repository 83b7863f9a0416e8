//! `reportdiff.diff/v1`: a diff result as JSON.

use serde::Serialize;

use crate::changes::{Change, DiffResult, MetricDelta, Side, Summary};

use super::Number;
use super::snapshot::MetaJson;

#[derive(Serialize)]
pub(super) struct DiffJson<'a> {
    schema: &'static str,
    old: SideJson<'a>,
    new: SideJson<'a>,
    summary: SummaryJson,
    changes: Vec<ChangeJson<'a>>,
    metrics: Vec<MetricJson<'a>>,
}

#[derive(Serialize)]
struct SideJson<'a> {
    label: &'a str,
    meta: MetaJson<'a>,
    revision: Option<&'a str>,
}

impl<'a> From<&'a Side> for SideJson<'a> {
    fn from(side: &'a Side) -> Self {
        SideJson {
            label: &side.label,
            meta: MetaJson::from(side.meta()),
            revision: side.revision.as_deref(),
        }
    }
}

#[derive(Serialize)]
pub(super) struct SummaryJson {
    added: usize,
    deleted: usize,
    modified: usize,
    moved: usize,
    split: usize,
    merged: usize,
    unchanged: usize,
    metric_changes: usize,
    /// Additive to the schema: edits left out as punctuation-, spacing- or script-only.
    hidden: HiddenJson,
}

#[derive(Serialize)]
struct HiddenJson {
    punctuation: usize,
    spacing: usize,
    script: usize,
}

impl From<&Summary> for SummaryJson {
    fn from(s: &Summary) -> Self {
        SummaryJson {
            added: s.added,
            deleted: s.deleted,
            modified: s.modified,
            moved: s.moved,
            split: s.split,
            merged: s.merged,
            unchanged: s.unchanged,
            metric_changes: s.metric_changes,
            hidden: HiddenJson {
                punctuation: s.hidden.punctuation,
                spacing: s.hidden.spacing,
                script: s.hidden.script,
            },
        }
    }
}

#[derive(Serialize)]
pub(super) struct ChangeJson<'a> {
    kind: &'static str,
    /// Additive to the schema: figures, wording, mixed, punctuation, script or spacing.
    class: &'static str,
    old: &'a [String],
    new: &'a [String],
    old_index: &'a [usize],
    new_index: &'a [usize],
    similarity: Option<f64>,
    inline: Vec<SpanJson<'a>>,
}

impl<'a> From<&'a Change> for ChangeJson<'a> {
    fn from(change: &'a Change) -> Self {
        ChangeJson {
            kind: change.kind.as_str(),
            class: change.class.as_str(),
            old: &change.old,
            new: &change.new,
            old_index: &change.old_index,
            new_index: &change.new_index,
            similarity: change.similarity,
            inline: change
                .inline
                .iter()
                .map(|span| SpanJson {
                    op: span.op.as_str(),
                    text: &span.text,
                    old_text: span.old_text.as_deref(),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct SpanJson<'a> {
    op: &'static str,
    text: &'a str,
    /// Additive to the schema: an equal span's old text, only where old writes it otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    old_text: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct MetricJson<'a> {
    key: &'a str,
    label: &'a str,
    unit: &'a str,
    period: Option<&'a str>,
    old: Option<Number>,
    new: Option<Number>,
    delta: Option<Number>,
    /// Additive to the schema: the delta as the tables print it, in the figure's own unit
    /// and scale (`+3.6万人次`, `+0.13 pp`).
    delta_text: Option<String>,
    ratio: Option<Number>,
    status: &'static str,
    old_text: Option<&'a str>,
    new_text: Option<&'a str>,
}

impl<'a> From<&'a MetricDelta> for MetricJson<'a> {
    fn from(d: &'a MetricDelta) -> Self {
        MetricJson {
            key: &d.key,
            label: &d.label,
            unit: &d.unit,
            period: d.period.as_deref(),
            old: d.old.map(Number),
            new: d.new.map(Number),
            delta: d.delta.map(Number),
            delta_text: crate::render::delta_table::delta_amount(d),
            ratio: d.ratio.map(Number),
            status: d.status.as_str(),
            old_text: d.old_text.as_deref(),
            new_text: d.new_text.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct StatJson<'a> {
    schema: &'static str,
    old: SideJson<'a>,
    new: SideJson<'a>,
    summary: SummaryJson,
}

/// The `reportdiff.stat/v1` document for a diff result: both sides and the counts, what
/// `diff --stat` says in one line.
pub fn stat_json(result: &DiffResult) -> String {
    let doc = StatJson {
        schema: "reportdiff.stat/v1",
        old: SideJson::from(&result.old),
        new: SideJson::from(&result.new),
        summary: SummaryJson::from(&result.summary),
    };
    super::to_string(&doc)
}

/// The `reportdiff.diff/v1` document for a diff result.
pub fn diff_json(result: &DiffResult) -> String {
    super::to_string(&DiffJson::from(result))
}

impl<'a> From<&'a DiffResult> for DiffJson<'a> {
    fn from(result: &'a DiffResult) -> Self {
        DiffJson {
            schema: "reportdiff.diff/v1",
            old: SideJson::from(&result.old),
            new: SideJson::from(&result.new),
            summary: SummaryJson::from(&result.summary),
            changes: result.changes.iter().map(ChangeJson::from).collect(),
            metrics: result.metrics.iter().map(MetricJson::from).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::{ChangeClass, DeltaStatus, InlineOp, InlineSpan};
    use crate::metrics::Qualifier;
    use crate::render::sample::one_edit;

    fn sample_delta() -> MetricDelta {
        MetricDelta {
            key: "discharges".to_string(),
            label: "出院".to_string(),
            unit: "人次".to_string(),
            period: None,
            old: Some(69363.0),
            new: Some(71205.0),
            delta: Some(1842.0),
            ratio: Some(0.026556),
            status: DeltaStatus::Changed,
            old_text: Some("69363人次".to_string()),
            new_text: Some("71205人次".to_string()),
            old_qualifier: Some(Qualifier::Exact),
            new_qualifier: Some(Qualifier::Exact),
        }
    }

    #[test]
    fn the_document_follows_the_v1_schema() {
        let result = one_edit(
            None,
            vec![
                InlineSpan::new(InlineOp::Equal, "出院"),
                InlineSpan::new(InlineOp::Delete, "69363人次"),
                InlineSpan::new(InlineOp::Insert, "71205人次"),
                InlineSpan::new(InlineOp::Equal, "。"),
            ],
            ChangeClass::Figures,
            0.75,
            sample_delta(),
        );
        let text = diff_json(&result);
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(value["schema"], "reportdiff.diff/v1");
        assert_eq!(value["old"]["label"], "v1.txt");
        assert_eq!(value["old"]["meta"]["hospital"], "诸城市人民医院");
        assert!(value["new"]["revision"].is_null());
        assert_eq!(value["summary"]["modified"], 1);
        assert_eq!(value["summary"]["metric_changes"], 1);
        let change = &value["changes"][0];
        assert_eq!(change["kind"], "modified");
        assert_eq!(change["class"], "figures");
        assert_eq!(change["old_index"][0], 0);
        assert_eq!(change["inline"][1]["op"], "delete");
        assert_eq!(change["inline"][2]["text"], "71205人次");
        assert!(change["inline"][0].get("old_text").is_none());
        let metric = &value["metrics"][0];
        assert_eq!(metric["delta"], 1842.0);
        assert_eq!(metric["delta_text"], "+1842人次");
        assert_eq!(metric["status"], "changed");
        assert!(metric["period"].is_null());
        assert!(text.ends_with("}\n"));
    }

    #[test]
    fn an_equal_span_written_otherwise_in_old_carries_old_text() {
        let inline = vec![
            InlineSpan::equal("精神病、", "精神病,"),
            InlineSpan::new(InlineOp::Delete, "儿童"),
            InlineSpan::new(InlineOp::Equal, "青少年"),
        ];
        let mut result = one_edit(None, inline, ChangeClass::Wording, 0.8, sample_delta());
        result.metrics.clear();
        let value: serde_json::Value =
            serde_json::from_str(&diff_json(&result)).expect("valid JSON");
        let spans = &value["changes"][0]["inline"];
        assert_eq!(spans[0]["text"], "精神病,");
        assert_eq!(spans[0]["old_text"], "精神病、");
        assert!(spans[1].get("old_text").is_none());
        assert!(spans[2].get("old_text").is_none());
        assert_eq!(value["changes"][0]["old"][0], "精神病、儿童青少年");
    }
}
