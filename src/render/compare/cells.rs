//! How a comparison's figures read in every human format and in CSV: a figure with its
//! qualifier (`≈`, `>`), the period where it differs from its row's, a ratio, a share, the
//! column names, and the escaping the html page and its charts share.

use crate::compare::{Comparison, FigureRow};
use crate::metrics::number::format_value;
use crate::metrics::{Metric, Qualifier};

/// The mark before a figure that is not exact: `>` over (余 多 超), `≈` about (约 左右),
/// `≲` nearly (近), `<` under (不足).
pub fn qualifier_mark(qualifier: Qualifier) -> &'static str {
    match qualifier {
        Qualifier::Exact => "",
        Qualifier::Over => ">",
        Qualifier::About => "≈",
        Qualifier::Nearly => "≲",
        Qualifier::Under => "<",
    }
}

/// A number as a Chinese reader writes it: in 万 or 亿 when that is exact to two decimals
/// (`421500` -> `42.15万`, `69363` stays), else as is.
pub fn number(value: f64) -> String {
    for (scale, name) in [(1e8, "亿"), (1e4, "万")] {
        let scaled = value / scale;
        let hundredths = scaled * 100.0;
        if value.abs() >= scale && (hundredths - hundredths.round()).abs() < 1e-6 {
            return format!("{}{name}", format_value(hundredths.round() / 100.0));
        }
    }
    format_value(value)
}

/// A figure with its qualifier, range or earlier value, and unit: `42.15万人次`, `>7600人次`,
/// `3–4户`, `18→23个`.
pub fn figure(m: &Metric) -> String {
    let mut value = number(m.value);
    if let Some(max) = m.max {
        value = format!("{value}–{}", number(max));
    }
    if let Some(from) = m.from {
        value = format!("{}→{value}", number(from));
    }
    format!("{}{value}{}", qualifier_mark(m.qualifier), m.unit)
}

/// The period note of a figure in a row: its year in brackets when it differs from the
/// row's (`(no year)` for an undated one in a dated row), else nothing.
pub fn period_note(m: &Metric, row: &FigureRow) -> Option<String> {
    match (&m.period, &row.period) {
        (Some(p), Some(r)) if p == r => None,
        (Some(p), _) => Some(format!("({p})")),
        (None, Some(_)) => Some("(no year)".to_string()),
        (None, None) => None,
    }
}

/// A figure as a cell shows it: the figure and its period note.
pub fn figure_in_row(m: &Metric, row: &FigureRow) -> String {
    match period_note(m, row) {
        Some(note) => format!("{} {note}", figure(m)),
        None => figure(m),
    }
}

/// A cell: every figure of the hospital for the row, `、` between them; empty when it
/// reports none.
pub fn cell(row: &FigureRow, hospital: usize) -> String {
    row.cell(hospital)
        .iter()
        .map(|m| figure_in_row(m, row))
        .collect::<Vec<_>>()
        .join("、")
}

/// A ratio as `×2.25` (two decimals, no trailing zeros).
pub fn ratio(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("×{text}")
}

/// A share as a whole percentage (`0.857` -> `86%`).
pub fn share(value: f64) -> String {
    format!("{:.0}%", value * 100.0)
}

/// The name each hospital's column is headed with: its name, or, when two reports of one
/// hospital are compared, its name and the report's label.
pub fn column_names(comparison: &Comparison) -> Vec<String> {
    let reports = &comparison.reports;
    reports
        .iter()
        .map(|r| {
            if reports.iter().filter(|o| o.hospital == r.hospital).count() > 1 {
                format!("{} ({})", r.hospital, r.label)
            } else {
                r.hospital.clone()
            }
        })
        .collect()
}

/// A row's measure as people read it: the key, and the unit when the key does not hold it.
pub fn measure(row: &FigureRow) -> String {
    let measure = if row.key.contains('/') {
        row.key.clone()
    } else {
        format!("{} ({})", row.key, row.unit)
    };
    match row.change {
        // A growth rate is named as the report names it: `门诊量 同比 (%)`.
        Some(basis) => format!("{measure} {}", basis.word()),
        None => measure,
    }
}

/// The labels a row's figures were read from, `·` between them; empty when the key is
/// the one label itself (`检查结果互认/次` read from 检查结果互认).
pub fn labels(row: &FigureRow) -> String {
    match row.labels.as_slice() {
        [one]
            if row
                .key
                .strip_prefix(one.as_str())
                .is_some_and(|r| r.starts_with('/')) =>
        {
            String::new()
        }
        labels => labels.join(" · "),
    }
}

/// How a row's figures spread when there are too many hospitals for a column each: the
/// lowest, median and highest of each hospital's first figure.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Spread {
    /// The lowest figure and its hospital.
    pub lowest: Option<(usize, String)>,
    /// The median figure.
    pub median: String,
    /// The highest figure and its hospital.
    pub highest: Option<(usize, String)>,
}

impl Spread {
    /// The spread of a row.
    pub fn of(row: &FigureRow) -> Spread {
        let mut firsts: Vec<(usize, &Metric)> = row
            .cells
            .iter()
            .filter_map(|c| c.figures.first().map(|m| (c.hospital, m)))
            .collect();
        firsts.sort_by(|a, b| a.1.value.total_cmp(&b.1.value));
        let text = |&(h, m): &(usize, &Metric)| (h, figure_in_row(m, row));
        Spread {
            lowest: firsts.first().map(text),
            median: firsts
                .get(firsts.len() / 2)
                .map(|x| text(x).1)
                .unwrap_or_default(),
            highest: firsts.last().map(text),
        }
    }

    /// The lowest figure followed by its hospital's name.
    pub fn lowest_by(&self, names: &[String]) -> String {
        with_name(&self.lowest, names)
    }

    /// The highest figure followed by its hospital's name.
    pub fn highest_by(&self, names: &[String]) -> String {
        with_name(&self.highest, names)
    }
}

fn with_name(figure: &Option<(usize, String)>, names: &[String]) -> String {
    figure
        .as_ref()
        .map(|(h, text)| format!("{text} {}", names[*h]))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::{Lexicon, extract_sentence};

    fn first(text: &str) -> Metric {
        extract_sentence(text, &Lexicon::builtin()).remove(0)
    }

    #[test]
    fn numbers_read_in_wan_when_exact() {
        assert_eq!(number(421500.0), "42.15万");
        assert_eq!(number(950000.0), "95万");
        assert_eq!(number(69363.0), "69363");
        assert_eq!(number(5_900_000.0), "590万");
        assert_eq!(number(150_000_000.0), "1.5亿");
        assert_eq!(number(9800.0), "9800");
        assert_eq!(number(99.39), "99.39");
    }

    #[test]
    fn figures_carry_their_qualifier_range_and_earlier_value() {
        assert_eq!(figure(&first("服务基层群众7600余人次。")), ">7600人次");
        assert_eq!(figure(&first("居家护理近300次。")), "≲300次");
        assert_eq!(figure(&first("每人结对帮扶3-4户。")), "3–4户");
        assert_eq!(figure(&first("由18个党支部调整为23个党支部。")), "18→23个");
        assert_eq!(
            figure(&first("2024年门诊量达到42.15万人次。")),
            "42.15万人次"
        );
    }

    #[test]
    fn a_label_that_is_the_key_is_not_repeated() {
        let row = |key: &str, labels: &[&str]| FigureRow {
            key: key.into(),
            unit: "次".into(),
            change: None,
            labels: labels.iter().map(|l| l.to_string()).collect(),
            period: None,
            cells: Vec::new(),
            ratio: None,
        };
        assert_eq!(labels(&row("检查结果互认/次", &["检查结果互认"])), "");
        assert_eq!(
            labels(&row("outpatient_visits", &["门诊量", "门诊诊疗患者"])),
            "门诊量 · 门诊诊疗患者"
        );
        assert_eq!(labels(&row("互认/次", &["检查结果互认"])), "检查结果互认");
    }

    #[test]
    fn ratios_and_shares_are_short() {
        assert_eq!(ratio(950000.0 / 421500.0), "×2.25");
        assert_eq!(ratio(2.0), "×2");
        assert_eq!(ratio(0.5), "×0.5");
        assert_eq!(share(6.0 / 7.0), "86%");
        assert_eq!(share(0.0), "0%");
    }
}
