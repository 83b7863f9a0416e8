//! The figures of a report as a text table for people (CJK-aligned) and as CSV for
//! spreadsheets.

use crate::metrics::Metric;
use crate::metrics::number::format_value;

use super::table::{Align, Table};

/// Columns of the CSV form, in order (the fields of `reportdiff.metrics/v1`; `change` is
/// the basis of a change figure, empty for a level).
const CSV_COLUMNS: [&str; 11] = [
    "key",
    "label",
    "value",
    "max",
    "from",
    "unit",
    "qualifier",
    "period",
    "text",
    "sentence",
    "change",
];

/// The figures as an aligned table: label, value as written, scaled value, unit, qualifier,
/// period and key. A range shows `3–4`, a from->to phrase `26.3→52.5`. When the report
/// states changes (`同比增加7.29%`), a `change` column after the unit names each one's basis
/// (`同比`), and the value is signed.
pub fn metrics_table(metrics: &[Metric]) -> String {
    let with_change = metrics.iter().any(|m| m.change.is_some());
    let mut columns = vec![
        ("label", Align::Left),
        ("figure", Align::Left),
        ("value", Align::Right),
        ("unit", Align::Left),
    ];
    if with_change {
        columns.push(("change", Align::Left));
    }
    columns.extend([
        ("qualifier", Align::Left),
        ("period", Align::Left),
        ("key", Align::Left),
    ]);
    let mut table = Table::new(&columns);
    for m in metrics {
        let mut value = format_value(m.value);
        if let Some(max) = m.max {
            value = format!("{value}–{}", format_value(max));
        }
        if let Some(from) = m.from {
            value = format!("{}→{value}", format_value(from));
        }
        if m.change.is_some() && m.value > 0.0 {
            value = format!("+{value}");
        }
        let mut row = vec![m.label.clone(), m.text.clone(), value, m.unit.clone()];
        if with_change {
            row.push(m.change.map(|b| b.word()).unwrap_or_default());
        }
        row.extend([
            m.qualifier.as_str().to_string(),
            m.period.clone().unwrap_or_default(),
            m.key.clone(),
        ]);
        table.push_row(row);
    }
    table.render()
}

/// The figures as CSV (RFC 4180: a header row, fields quoted when they hold a comma, a
/// quote or a line break, quotes doubled; LF line ends).
pub fn metrics_csv(metrics: &[Metric]) -> String {
    let mut out = String::new();
    push_record(&mut out, CSV_COLUMNS.iter().map(|c| c.to_string()));
    for m in metrics {
        let optional = |v: Option<f64>| v.map(format_value).unwrap_or_default();
        push_record(
            &mut out,
            [
                m.key.clone(),
                m.label.clone(),
                format_value(m.value),
                optional(m.max),
                optional(m.from),
                m.unit.clone(),
                m.qualifier.as_str().to_string(),
                m.period.clone().unwrap_or_default(),
                m.text.clone(),
                m.sentence.clone(),
                m.change.map(|b| b.as_str().to_string()).unwrap_or_default(),
            ]
            .into_iter(),
        );
    }
    out
}

fn push_record(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::{Lexicon, extract_sentence};

    fn metrics(text: &str) -> Vec<Metric> {
        extract_sentence(text, &Lexicon::builtin())
    }

    #[test]
    fn the_table_lines_up_chinese_labels() {
        let table = metrics_table(&metrics("2024年门诊量达到42.15万人次,增划停车位36个。"));
        assert_eq!(
            table,
            "label   figure        value  unit  qualifier  period  key\n\
             门诊量  42.15万人次  421500  人次  exact      2024    outpatient_visits\n\
             停车位  36个             36  个    exact      2024    停车位/个\n"
        );
    }

    #[test]
    fn a_report_with_changes_gets_a_change_column() {
        let table = metrics_table(&metrics("2023年门诊量42.15万人次，同比减少3.4%。"));
        assert_eq!(
            table,
            "label   figure        value  unit  change  qualifier  period  key\n\
             门诊量  42.15万人次  421500  人次          exact      2023    outpatient_visits\n\
             门诊量  3.4%           -3.4  %     同比    exact      2023    outpatient_visits\n"
        );
    }

    #[test]
    fn ranges_and_from_to_show_both_ends() {
        let table = metrics_table(&metrics(
            "医保电子凭证使用率由原来的26.3%增加到52.5%,每人结对帮扶3-4户。",
        ));
        assert!(table.contains("26.3→52.5"), "{table}");
        assert!(table.contains("3–4"), "{table}");
    }

    #[test]
    fn csv_quotes_fields_that_need_it() {
        let csv = metrics_csv(&metrics(
            "医保电子凭证使用率由原来的26.3%增加到52.5%,持续提升\"体验\"。",
        ));
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("key,label,value,max,from,unit,qualifier,period,text,sentence,change")
        );
        assert_eq!(
            lines.next(),
            Some(
                "医保电子凭证使用率/%,医保电子凭证使用率,52.5,,26.3,%,exact,,26.3%增加到52.5%,\
                 \"医保电子凭证使用率由原来的26.3%增加到52.5%,持续提升\"\"体验\"\"。\","
            )
        );
        assert_eq!(lines.next(), None);
    }
}
