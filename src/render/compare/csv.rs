//! A comparison's figures table as CSV for a spreadsheet: UTF-8 with a byte-order mark (so
//! that Excel reads the Chinese as UTF-8, not as the system's code page), RFC 4180 quoting
//! and CRLF line ends.
//!
//! One record per measure, the widely reported first, then the measures of one hospital
//! only: `key, unit, period, hospitals, labels`, one column per hospital, and `ratio` when
//! two are compared. A cell holds the scaled value in the row's unit (`421500`), so that a
//! single exact figure is a number the spreadsheet can sum; a qualifier marks it (`>7600`),
//! a year that differs from the row's follows it (`950000 (2022)`), and several figures are
//! joined by `; `.

use crate::compare::{Comparison, FigureRow};
use crate::metrics::number::format_value;

use super::cells::{column_names, period_note, qualifier_mark};

/// The byte-order mark that opens the file.
const BOM: &str = "\u{feff}";

/// The CSV form of a comparison's figures.
pub fn render(comparison: &Comparison) -> String {
    let names = column_names(comparison);
    let two = names.len() == 2;
    let mut out = String::from(BOM);
    let mut header: Vec<String> = ["key", "unit", "period", "hospitals", "labels"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(names.iter().cloned());
    if two {
        header.push("ratio".to_string());
    }
    push_record(&mut out, &header);
    let figures = &comparison.figures;
    let rows = figures
        .rows
        .iter()
        .chain(figures.only.iter().flat_map(|o| o.rows.iter()));
    for row in rows {
        let mut record = vec![
            row.key.clone(),
            row.unit.clone(),
            row.period.clone().unwrap_or_default(),
            row.hospitals().to_string(),
            row.labels.join("; "),
        ];
        record.extend((0..names.len()).map(|h| cell(row, h)));
        if two {
            record.push(row.ratio.map(format_ratio).unwrap_or_default());
        }
        push_record(&mut out, &record);
    }
    out
}

/// A cell: each figure's value with its qualifier mark and period note.
fn cell(row: &FigureRow, hospital: usize) -> String {
    row.cell(hospital)
        .iter()
        .map(|m| {
            let mut value = format!("{}{}", qualifier_mark(m.qualifier), format_value(m.value));
            if let Some(max) = m.max {
                value = format!("{value}-{}", format_value(max));
            }
            match period_note(m, row) {
                Some(note) => format!("{value} {note}"),
                None => value,
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A ratio to four decimals, without trailing zeros.
fn format_ratio(value: f64) -> String {
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One record: fields quoted when they hold a comma, a quote or a line break (quotes
/// doubled), or when they start with a character a spreadsheet reads as a formula.
fn push_record(out: &mut String, fields: &[String]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let formula = field.starts_with(['=', '+', '@'])
            || field.starts_with("-") && field.parse::<f64>().is_err();
        if field.contains([',', '"', '\n', '\r']) || formula {
            out.push('"');
            if formula {
                // A leading apostrophe keeps a spreadsheet from evaluating report text.
                out.push('\'');
            }
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(fields: &[&str]) -> String {
        let mut out = String::new();
        push_record(
            &mut out,
            &fields.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        );
        out
    }

    #[test]
    fn fields_are_quoted_when_they_need_it() {
        assert_eq!(
            record(&["门诊量", "42.15万", "1,2"]),
            "门诊量,42.15万,\"1,2\"\r\n"
        );
        assert_eq!(record(&["说\"好\""]), "\"说\"\"好\"\"\"\r\n");
        assert_eq!(record(&["两行\n文字"]), "\"两行\n文字\"\r\n");
    }

    #[test]
    fn text_that_looks_like_a_formula_stays_text() {
        assert_eq!(
            record(&["=SUM(A1)", "-3", "-x"]),
            "\"'=SUM(A1)\",-3,\"'-x\"\r\n"
        );
    }

    #[test]
    fn ratios_keep_four_decimals() {
        assert_eq!(format_ratio(950000.0 / 421500.0), "2.2539");
        assert_eq!(format_ratio(2.0), "2");
    }
}
