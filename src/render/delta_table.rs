//! The metric-delta table shared by the terminal, markdown and html renderings: which rows,
//! which cells, and how numbers print (no float noise, percentage points, approximate notes).

use crate::changes::{DeltaStatus, MetricDelta};
use crate::metrics::{POINTS, Qualifier};

use super::table::{Align, Table};

/// Column headers and alignments of the delta table.
pub const COLUMNS: [(&str, Align); 7] = [
    ("metric", Align::Left),
    ("period", Align::Left),
    ("old", Align::Right),
    ("new", Align::Right),
    ("delta", Align::Right),
    ("ratio", Align::Right),
    ("status", Align::Left),
];

/// One row of the delta table, as text cells in [`COLUMNS`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The cells.
    pub cells: [String; 7],
    /// The row's status, for colouring.
    pub status: DeltaStatus,
}

/// The rows worth showing: every metric that is not unchanged, in the order given.
pub fn rows(deltas: &[MetricDelta]) -> Vec<Row> {
    deltas
        .iter()
        .filter(|d| d.status != DeltaStatus::Unchanged)
        .map(row)
        .collect()
}

/// How many metrics are unchanged (and left out of the table).
pub fn unchanged_count(deltas: &[MetricDelta]) -> usize {
    deltas
        .iter()
        .filter(|d| d.status == DeltaStatus::Unchanged)
        .count()
}

/// The plain-text table of these rows (see [`rows`]), columns aligned for CJK.
pub fn render_text(rows: &[Row]) -> String {
    let mut table = Table::new(&COLUMNS);
    for row in rows {
        table.push_row(row.cells.to_vec());
    }
    table.render()
}

/// The cells of one metric delta. A change figure is named with its basis (`门诊量 同比`)
/// and shown signed (`+7.29%`, `−3.42%`); a pair across a next edition's period shift shows
/// both periods (`2022 -> 2023`).
pub fn row(delta: &MetricDelta) -> Row {
    let side = |text: &Option<String>, value: Option<f64>| match (text, value) {
        (Some(text), Some(value)) if delta.change.is_some() => signed_text(text, value),
        (Some(text), _) => text.clone(),
        (None, Some(value)) => format!("{}{}", number(value), delta.unit),
        (None, None) => "-".to_string(),
    };
    Row {
        cells: [
            metric_name(delta),
            period_cell(delta),
            side(&delta.old_text, delta.old),
            side(&delta.new_text, delta.new),
            delta_cell(delta),
            delta.ratio.map(ratio).unwrap_or_default(),
            delta.status.as_str().to_string(),
        ],
        status: delta.status,
    }
}

/// The metric cell: the label, and for a change figure its basis (`门诊量 同比`).
pub fn metric_name(delta: &MetricDelta) -> String {
    match delta.change {
        Some(basis) => format!("{} {}", delta.label, basis.word()),
        None => delta.label.clone(),
    }
}

/// The period cell: the period, or both when the pair crosses a period shift
/// (`2022 -> 2023`).
pub fn period_cell(delta: &MetricDelta) -> String {
    match (&delta.old_period, &delta.period) {
        (Some(old), Some(new)) => format!("{old} -> {new}"),
        (_, period) => period.clone().unwrap_or_default(),
    }
}

/// The minus sign of a signed change (U+2212, as print uses it; `-` would read as a dash
/// next to Chinese text).
const MINUS: char = '\u{2212}';

/// A change figure as written, with the sign its words of change give it: `增加7.29%` is
/// `+7.29%`, `减少3.42%` is `−3.42%`, `增长-22.2%` is `−22.2%`.
pub fn signed_text(text: &str, value: f64) -> String {
    let bare = text.trim_start_matches(['-', '−', '负']);
    if value > 0.0 {
        format!("+{bare}")
    } else if value < 0.0 {
        format!("{MINUS}{bare}")
    } else {
        bare.to_string()
    }
}

/// The delta cell: the amount (see [`delta_amount`]), marked when either side is
/// approximate ("+0.3万人次 (approx.)").
pub fn delta_cell(delta: &MetricDelta) -> String {
    let Some(mut cell) = delta_amount(delta) else {
        return String::new();
    };
    if is_approximate(delta.old_qualifier) || is_approximate(delta.new_qualifier) {
        cell.push_str(" (approx.)");
    }
    cell
}

/// The change in the figure's own unit and scale: `95万人次 -> 98.6万人次` is `+3.6万人次`
/// (not `+36000`), `69363人次 -> 71205人次` is `+1842人次`, a percentage moves in points
/// (`+0.13 pp`). The scale is the multiplier both figures are written with; when they differ
/// (`9800人次 -> 1.2万人次`) the amount is in the unit alone.
pub fn delta_amount(delta: &MetricDelta) -> Option<String> {
    let value = delta.delta?;
    if delta.unit == "%" || delta.unit == POINTS {
        return Some(format!("{} pp", signed(value)));
    }
    let multiplier = match (&delta.old_text, &delta.new_text) {
        (Some(old), Some(new)) => multiplier(old, &delta.unit)
            .zip(multiplier(new, &delta.unit))
            .filter(|((_, a), (_, b))| a == b)
            .map(|(_, new)| new),
        _ => None,
    };
    Some(match multiplier {
        Some((written, scale)) => format!("{}{written}{}", signed(value / scale), delta.unit),
        None => format!("{}{}", signed(value), delta.unit),
    })
}

/// The multiplier a figure is written with (`98.6万人次` -> `万`, 10⁴), looked for in the
/// figure as written before its unit.
fn multiplier<'a>(text: &'a str, unit: &str) -> Option<(&'a str, f64)> {
    let number = text.strip_suffix(unit).unwrap_or(text);
    let (at, c) = number
        .char_indices()
        .rev()
        .find(|(_, c)| MULTIPLIERS.iter().any(|(m, _)| m == c))?;
    let scale = MULTIPLIERS.iter().find(|(m, _)| *m == c)?.1;
    Some((&number[at..at + c.len_utf8()], scale))
}

/// Multipliers a figure may be written with, and what each multiplies by.
const MULTIPLIERS: [(char, f64); 5] = [
    ('千', 1e3),
    ('万', 1e4),
    ('萬', 1e4),
    ('亿', 1e8),
    ('億', 1e8),
];

fn is_approximate(qualifier: Option<Qualifier>) -> bool {
    qualifier.is_some_and(|q| q != Qualifier::Exact)
}

/// A number without float noise or trailing zeros: `421500`, `99.39`, `0.13`.
pub fn number(value: f64) -> String {
    let text = format!("{value:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// A number with its sign: `+1842`, `-0.5`, `0`.
pub fn signed(value: f64) -> String {
    let text = number(value);
    if text == "0" || text.starts_with('-') {
        text
    } else {
        format!("+{text}")
    }
}

/// A ratio as a signed percentage with one decimal (two when it would round to zero):
/// `0.075` -> `+7.5%`.
pub fn ratio(ratio: f64) -> String {
    let percent = ratio * 100.0;
    let places = if percent != 0.0 && percent.abs() < 0.05 {
        2
    } else {
        1
    };
    let text = format!("{percent:.places$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    match text.as_str() {
        "0" | "-0" => "0%".to_string(),
        t if t.starts_with('-') => format!("{t}%"),
        t => format!("+{t}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delta(label: &str, old: &str, new: &str, unit: &str, values: (f64, f64)) -> MetricDelta {
        let (o, n) = values;
        MetricDelta {
            key: label.to_string(),
            label: label.to_string(),
            unit: unit.to_string(),
            period: Some("2022".to_string()),
            old_period: None,
            change: None,
            old: Some(o),
            new: Some(n),
            delta: Some(((n - o) * 1e6).round() / 1e6),
            ratio: (unit != "%").then(|| n / o - 1.0),
            status: DeltaStatus::Changed,
            old_text: Some(old.to_string()),
            new_text: Some(new.to_string()),
            old_qualifier: Some(Qualifier::Exact),
            new_qualifier: Some(Qualifier::Exact),
        }
    }

    #[test]
    fn numbers_print_without_float_noise() {
        assert_eq!(number(421500.0), "421500");
        assert_eq!(number(99.39), "99.39");
        assert_eq!(number(99.52 - 99.39), "0.13");
        assert_eq!(signed(0.63), "+0.63");
        assert_eq!(signed(-3.0), "-3");
        assert_eq!(ratio(0.075), "+7.5%");
        assert_eq!(ratio(-0.5), "-50%");
        assert_eq!(ratio(0.0002), "+0.02%");
    }

    #[test]
    fn a_percentage_delta_is_in_points() {
        let d = delta("满意度", "98.76%", "99.39%", "%", (98.76, 99.39));
        let row = row(&d);
        assert_eq!(row.cells[4], "+0.63 pp");
        assert_eq!(row.cells[5], "");
    }

    #[test]
    fn an_approximate_figure_says_so() {
        let mut d = delta(
            "人次",
            "2.7万余人次",
            "3万余人次",
            "人次",
            (27000.0, 30000.0),
        );
        d.old_qualifier = Some(Qualifier::Over);
        d.new_qualifier = Some(Qualifier::Over);
        assert_eq!(delta_cell(&d), "+0.3万人次 (approx.)");
    }

    #[test]
    fn a_delta_reads_in_the_figures_own_unit_and_scale() {
        let visits = delta(
            "门诊",
            "95万人次",
            "98.6万人次",
            "人次",
            (950000.0, 986000.0),
        );
        assert_eq!(delta_cell(&visits), "+3.6万人次");
        let budget = delta("投资", "1.2亿元", "0.9億元", "元", (1.2e8, 0.9e8));
        assert_eq!(delta_cell(&budget), "-0.3億元");
        let mixed = delta("门诊", "9800人次", "1.2万人次", "人次", (9800.0, 12000.0));
        assert_eq!(delta_cell(&mixed), "+2200人次");
        let bare = delta("党支部", "18个", "23个", "个", (18.0, 23.0));
        assert_eq!(delta_cell(&bare), "+5个");
    }

    #[test]
    fn a_growth_rate_shows_its_basis_and_signs() {
        let mut d = delta("门诊量", "7.29%", "3.42%", "%", (7.29, -3.42));
        d.change = Some(crate::metrics::Basis::Yoy);
        d.ratio = None;
        let row = row(&d);
        assert_eq!(row.cells[0], "门诊量 同比");
        assert_eq!(row.cells[2], "+7.29%");
        assert_eq!(row.cells[3], "\u{2212}3.42%");
        assert_eq!(row.cells[4], "-10.71 pp");
        let mut points = delta(
            "病床使用率",
            "6.6个百分点",
            "5.2个百分点",
            POINTS,
            (6.6, -5.2),
        );
        points.change = Some(crate::metrics::Basis::Yoy);
        assert_eq!(delta_cell(&points), "-11.8 pp");
        assert_eq!(signed_text("-22.2%", -22.2), "\u{2212}22.2%");
        assert_eq!(signed_text("0%", 0.0), "0%");
    }

    #[test]
    fn a_pair_across_a_period_shift_shows_both_periods() {
        let mut d = delta(
            "门诊量",
            "95万人次",
            "98.6万人次",
            "人次",
            (950000.0, 986000.0),
        );
        d.old_period = Some("2022".to_string());
        d.period = Some("2023".to_string());
        assert_eq!(row(&d).cells[1], "2022 -> 2023");
    }

    #[test]
    fn the_table_lines_up_cjk_and_skips_unchanged_rows() {
        let mut same = delta("党支部", "23个", "23个", "个", (23.0, 23.0));
        same.status = DeltaStatus::Unchanged;
        let deltas = [
            delta("出院", "69363人次", "71205人次", "人次", (69363.0, 71205.0)),
            same,
            delta("群众就医满意度", "99.39%", "99.52%", "%", (99.39, 99.52)),
        ];
        assert_eq!(unchanged_count(&deltas), 1);
        assert_eq!(
            render_text(&rows(&deltas)),
            "\
metric          period        old        new      delta  ratio  status
出院            2022    69363人次  71205人次  +1842人次  +2.7%  changed
群众就医满意度  2022       99.39%     99.52%   +0.13 pp         changed
"
        );
    }
}
