//! `reportdiff.metrics/v1`: the figures of a report as JSON.

use serde::Serialize;

use super::Number;
use crate::metrics::Metric;

#[derive(Serialize)]
struct MetricsJson<'a> {
    schema: &'static str,
    metrics: Vec<MetricJson<'a>>,
}

#[derive(Serialize)]
struct MetricJson<'a> {
    key: &'a str,
    label: &'a str,
    value: Number,
    max: Option<Number>,
    from: Option<Number>,
    unit: &'a str,
    qualifier: &'static str,
    period: Option<&'a str>,
    /// Additive to the schema: for a change figure, `{basis, value, unit, since?}`; absent
    /// for a level.
    #[serde(skip_serializing_if = "Option::is_none")]
    change: Option<ChangeJson<'a>>,
    text: &'a str,
    sentence: &'a str,
}

/// A change figure's change: what it is measured against, by how much, in which unit.
#[derive(Serialize)]
struct ChangeJson<'a> {
    basis: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    since: Option<String>,
    value: Number,
    unit: &'a str,
}

impl<'a> From<&'a Metric> for MetricJson<'a> {
    fn from(m: &'a Metric) -> Self {
        MetricJson {
            key: &m.key,
            label: &m.label,
            value: Number(m.value),
            max: m.max.map(Number),
            from: m.from.map(Number),
            unit: &m.unit,
            qualifier: m.qualifier.as_str(),
            period: m.period.as_deref(),
            change: m.change.map(|basis| ChangeJson {
                basis: basis.as_str(),
                since: basis.since().map(|y| y.to_string()),
                value: Number(m.value),
                unit: &m.unit,
            }),
            text: &m.text,
            sentence: &m.sentence,
        }
    }
}

/// The `reportdiff.metrics/v1` document for a report's figures.
pub fn metrics_json(metrics: &[Metric]) -> String {
    let doc = MetricsJson {
        schema: "reportdiff.metrics/v1",
        metrics: metrics.iter().map(MetricJson::from).collect(),
    };
    super::to_string(&doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::{Lexicon, extract_sentence};

    #[test]
    fn every_documented_field_is_present() {
        let metrics = extract_sentence(
            "医保电子凭证使用率由原来的26.3%增加到52.5%。",
            &Lexicon::builtin(),
        );
        let json = metrics_json(&metrics);
        let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(value["schema"], "reportdiff.metrics/v1");
        let m = &value["metrics"][0];
        let mut fields: Vec<&str> = m
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            [
                "from",
                "key",
                "label",
                "max",
                "period",
                "qualifier",
                "sentence",
                "text",
                "unit",
                "value"
            ]
        );
        assert_eq!(m["value"], 52.5);
        assert_eq!(m["from"], 26.3);
        assert!(m["max"].is_null());
        assert!(m["period"].is_null());
        assert_eq!(m["qualifier"], "exact");
    }

    #[test]
    fn a_change_figure_carries_its_change() {
        let metrics = extract_sentence(
            "门诊量52.1万人次，同比减少3.4%，病床使用率76.9%，同比提高6.6个百分点。",
            &Lexicon::builtin(),
        );
        let value: serde_json::Value =
            serde_json::from_str(&metrics_json(&metrics)).expect("valid JSON");
        let m = &value["metrics"];
        assert!(m[0].get("change").is_none());
        assert_eq!(m[1]["key"], "outpatient_visits");
        assert_eq!(m[1]["value"], -3.4);
        assert_eq!(m[1]["change"]["basis"], "yoy");
        assert_eq!(m[1]["change"]["value"], -3.4);
        assert_eq!(m[1]["change"]["unit"], "%");
        assert_eq!(m[3]["change"]["unit"], "pp");
        assert_eq!(m[3]["unit"], "pp");
    }

    #[test]
    fn integers_are_written_without_a_fraction() {
        let metrics = extract_sentence("2024年门诊量达到42.15万人次。", &Lexicon::builtin());
        let json = metrics_json(&metrics);
        assert!(json.contains("\"value\": 421500,"), "{json}");
        assert!(json.contains("\"period\": \"2024\""), "{json}");
    }

    #[test]
    fn no_figures_is_an_empty_list() {
        assert_eq!(
            metrics_json(&[]),
            "{\n  \"schema\": \"reportdiff.metrics/v1\",\n  \"metrics\": []\n}\n"
        );
    }
}
