//! `reportdiff.metrics/v1`: the figures of a report as JSON.

use serde::{Serialize, Serializer};

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

/// A value on the wire: integers as integers (`421500`, not `421500.0`), others as the
/// shortest decimal that reads back exactly (`99.39`).
struct Number(f64);

/// Below this every integer is exact in an `f64`.
const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0;

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.fract() == 0.0 && self.0.abs() < EXACT_INTEGER_LIMIT {
            // Exact: the value is an integer below 2^53.
            serializer.serialize_i64(self.0 as i64)
        } else {
            serializer.serialize_f64(self.0)
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
