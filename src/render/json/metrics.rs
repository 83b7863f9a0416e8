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
    text: &'a str,
    sentence: &'a str,
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
