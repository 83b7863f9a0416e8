//! The figures table: one row per measure, one cell per hospital.
//!
//! A measure is a metric key and a unit: figures of one key in units that count the same
//! thing (名, 人 and 位 all count people) share a row. A row holds every period: the cell
//! of a hospital that gives its 2022 outpatient visits stands beside one that gives 2024's,
//! and the row's period is the one most figures have, so that a renderer notes only the
//! cells that differ. With a period asked for, only the figures that belong to it are kept
//! (see [`Period::holds`](super::Period::holds)).
//!
//! Cells are sparse (a row lists only the hospitals that report it): a thousand hospitals
//! by a few hundred measures stays small.

use std::collections::HashMap;

use crate::metric_index::MetricIndex;
use crate::metrics::{Basis, Metric};

use super::{CompareOptions, Report, key_matches};

/// The figures one hospital gives for one measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The hospital's position in the comparison.
    pub hospital: usize,
    /// Its figures for the measure, in reading order.
    pub figures: Vec<Metric>,
}

/// One measure across hospitals.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRow {
    /// The metric key.
    pub key: String,
    /// The unit most of its figures are in.
    pub unit: String,
    /// For a row of change figures (a growth rate, a change in points), what they are
    /// measured against; `None` for a row of levels. A level and its growth rate share a
    /// key but never a row.
    pub change: Option<Basis>,
    /// The labels its figures were read from, each once, in reading order.
    pub labels: Vec<String>,
    /// The period most of its dated figures have (the latest among equals); `None` when
    /// none is dated.
    pub period: Option<String>,
    /// The hospitals that report it, in comparison order.
    pub cells: Vec<Cell>,
    /// For a comparison of two hospitals that give one level each: the second's value over
    /// the first's (never for change figures: a ratio of two growth rates means nothing).
    pub ratio: Option<f64>,
}

impl FigureRow {
    /// How many hospitals report the measure.
    pub fn hospitals(&self) -> usize {
        self.cells.len()
    }

    /// The figures hospital `hospital` gives for the measure (empty when none).
    pub fn cell(&self, hospital: usize) -> &[Metric] {
        self.cells
            .binary_search_by_key(&hospital, |c| c.hospital)
            .map_or(&[], |i| &self.cells[i].figures)
    }

    /// Every figure of the row, hospital by hospital.
    pub fn figures(&self) -> impl Iterator<Item = &Metric> {
        self.cells.iter().flat_map(|c| c.figures.iter())
    }
}

/// The measures one hospital alone reports.
#[derive(Debug, Clone, PartialEq)]
pub struct OnlyIn {
    /// The hospital's position in the comparison.
    pub hospital: usize,
    /// Its measures, in reading order.
    pub rows: Vec<FigureRow>,
}

/// The figures of all hospitals, by measure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FigureTable {
    /// Measures reported by two hospitals or more: the most widely reported first, then in
    /// the order first read.
    pub rows: Vec<FigureRow>,
    /// Measures reported by one hospital, hospital by hospital (only those that have some).
    pub only: Vec<OnlyIn>,
    /// Keys asked for (`--keys`) that no hospital reports.
    pub missing_keys: Vec<String>,
}

/// The unit a row is keyed on: people counted as 名, 人 or 位 are one measure.
pub fn unit_family(unit: &str) -> &str {
    match unit {
        "名" | "人" | "位" => "人",
        other => other,
    }
}

/// Builds the figures table of `reports` (in column order).
pub fn tabulate(reports: &[Report], options: &CompareOptions) -> FigureTable {
    let mut rows: Vec<FigureRow> = Vec::new();
    let mut row_of: HashMap<(&str, &str, Option<Basis>), usize> = HashMap::new();
    for (hospital, report) in reports.iter().enumerate() {
        let published = report.snapshot.meta.published.as_deref();
        let index = MetricIndex::new(&report.metrics);
        for slot in index.slots() {
            if !key_matches(&options.keys, slot.key) {
                continue;
            }
            let kept: Vec<Metric> = index
                .get(slot)
                .filter(|m| {
                    options
                        .period
                        .as_ref()
                        .is_none_or(|p| p.holds(m, published))
                })
                .cloned()
                .collect();
            if kept.is_empty() {
                continue;
            }
            let id = *row_of
                .entry((slot.key, unit_family(slot.unit), slot.change))
                .or_insert_with(|| {
                    rows.push(FigureRow {
                        key: slot.key.to_string(),
                        unit: String::new(),
                        change: slot.change,
                        labels: Vec::new(),
                        period: None,
                        cells: Vec::new(),
                        ratio: None,
                    });
                    rows.len() - 1
                });
            let row = &mut rows[id];
            match row.cells.last_mut() {
                Some(cell) if cell.hospital == hospital => cell.figures.extend(kept),
                _ => row.cells.push(Cell {
                    hospital,
                    figures: kept,
                }),
            }
        }
    }
    for row in &mut rows {
        // A hospital's slots of one row come in several periods: put its figures back in
        // reading order.
        for cell in &mut row.cells {
            cell.figures.sort_by_key(|m| m.sentence_index);
        }
        describe(row, reports.len());
    }
    let missing_keys = options
        .keys
        .iter()
        .filter(|asked| {
            !rows
                .iter()
                .any(|r| key_matches(std::slice::from_ref(*asked), &r.key))
        })
        .cloned()
        .collect();
    let (mut shared, single): (Vec<FigureRow>, Vec<FigureRow>) =
        rows.into_iter().partition(|r| r.hospitals() > 1);
    shared.sort_by_key(|r| std::cmp::Reverse(r.hospitals()));
    let mut only: Vec<OnlyIn> = Vec::new();
    let mut single = single;
    single.sort_by_key(|r| r.cells[0].hospital);
    for row in single {
        let hospital = row.cells[0].hospital;
        match only.last_mut() {
            Some(o) if o.hospital == hospital => o.rows.push(row),
            _ => only.push(OnlyIn {
                hospital,
                rows: vec![row],
            }),
        }
    }
    FigureTable {
        rows: shared,
        only,
        missing_keys,
    }
}

/// Fills in a row's unit, labels, period and ratio from its cells.
fn describe(row: &mut FigureRow, hospitals: usize) {
    row.unit = most_common(row.figures().map(|m| m.unit.as_str()), |_| 0)
        .unwrap_or_default()
        .to_string();
    let mut labels: Vec<String> = Vec::new();
    for m in row.figures() {
        if !labels.contains(&m.label) {
            labels.push(m.label.clone());
        }
    }
    row.labels = labels;
    row.period = most_common(row.figures().filter_map(|m| m.period.as_deref()), |p| {
        p.parse::<i64>().unwrap_or(0)
    })
    .map(str::to_string);
    row.ratio = match (hospitals, row.cells.as_slice()) {
        _ if row.change.is_some() => None,
        (2, [first, second]) => match (first.figures.as_slice(), second.figures.as_slice()) {
            ([a], [b]) if a.value != 0.0 => Some(b.value / a.value),
            _ => None,
        },
        _ => None,
    };
}

/// The value seen most often; among equals the greatest by `tie`, then the first seen.
fn most_common<'a>(
    values: impl Iterator<Item = &'a str>,
    tie: impl Fn(&str) -> i64,
) -> Option<&'a str> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(seen, _)| *seen == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    let mut best: Option<(&str, usize)> = None;
    for (v, n) in counts {
        let better = match best {
            None => true,
            Some((b, bn)) => n > bn || (n == bn && tie(v) > tie(b)),
        };
        if better {
            best = Some((v, n));
        }
    }
    best.map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::Period;
    use crate::metrics::Lexicon;
    use crate::snapshot::{Block, Meta, Snapshot};

    fn report(hospital: &str, published: Option<&str>, sentences: &[&str]) -> Report {
        let snapshot = Snapshot {
            meta: Meta {
                hospital: Some(hospital.into()),
                published: published.map(str::to_string),
                ..Meta::default()
            },
            blocks: vec![Block::paragraph(
                sentences.iter().map(|s| s.to_string()).collect(),
            )],
        };
        Report::new(hospital, hospital, None, snapshot, &Lexicon::builtin())
    }

    fn seeds() -> Vec<Report> {
        vec![
            report(
                "大同市第六人民医院",
                Some("2025-06-30"),
                &[
                    "2024年，医院门诊量42.15万人次，职工120名。",
                    "增划停车位36个。",
                ],
            ),
            report(
                "诸城市人民医院",
                None,
                &["2022年，诸城市人民医院年门诊诊疗患者95万人次，出院69363人次。"],
            ),
            report(
                "定陶区人民医院",
                Some("2023-12-17"),
                &["全年出院3.2万人次，在职职工1500人。"],
            ),
        ]
    }

    fn values(row: &FigureRow, hospital: usize) -> Vec<f64> {
        row.cell(hospital).iter().map(|m| m.value).collect()
    }

    #[test]
    fn rows_are_measures_across_periods_ordered_by_reach() {
        let table = tabulate(&seeds(), &CompareOptions::default());
        let keys: Vec<(&str, usize)> = table
            .rows
            .iter()
            .map(|r| (r.key.as_str(), r.hospitals()))
            .collect();
        assert_eq!(
            keys,
            [("outpatient_visits", 2), ("staff", 2), ("discharges", 2)]
        );
        let visits = &table.rows[0];
        assert_eq!(values(visits, 0), [421500.0]);
        assert_eq!(values(visits, 1), [950000.0]);
        assert_eq!(values(visits, 2), [] as [f64; 0]);
        assert_eq!(visits.labels, ["门诊量", "门诊诊疗患者"]);
        assert_eq!(visits.period.as_deref(), Some("2024"));
        assert_eq!(visits.ratio, None, "three hospitals: no ratio");
        let staff = &table.rows[1];
        assert_eq!(staff.unit, "名", "名 and 人 count the same people");
        assert_eq!(values(staff, 2), [1500.0]);
    }

    #[test]
    fn a_measure_of_one_hospital_is_set_apart() {
        let table = tabulate(&seeds(), &CompareOptions::default());
        assert_eq!(table.only.len(), 1);
        assert_eq!(table.only[0].hospital, 0);
        assert_eq!(table.only[0].rows[0].key, "停车位/个");
    }

    #[test]
    fn a_growth_rate_is_a_row_of_its_own_without_a_ratio() {
        let reports = [
            report(
                "甲市人民医院",
                None,
                &["全年门诊量52.1万人次，同比增加7.3%。"],
            ),
            report(
                "乙市人民医院",
                None,
                &["全年门诊量40万人次，同比减少3.4%。"],
            ),
        ];
        let table = tabulate(&reports, &CompareOptions::default());
        assert_eq!(table.rows.len(), 2, "{:?}", table.rows);
        let level = table
            .rows
            .iter()
            .find(|r| r.change.is_none())
            .expect("level");
        let growth = table
            .rows
            .iter()
            .find(|r| r.change.is_some())
            .expect("growth");
        assert_eq!(level.key, growth.key);
        assert!(level.ratio.is_some());
        assert_eq!(
            growth.ratio, None,
            "a ratio of two growth rates means nothing"
        );
        assert_eq!(growth.change, Some(Basis::Yoy));
    }

    #[test]
    fn two_hospitals_get_a_ratio() {
        let reports = seeds().into_iter().take(2).collect::<Vec<_>>();
        let table = tabulate(&reports, &CompareOptions::default());
        let ratio = table.rows[0].ratio.expect("a ratio");
        assert!((ratio - 950000.0 / 421500.0).abs() < 1e-12);
    }

    #[test]
    fn keys_and_period_narrow_the_table() {
        let options = CompareOptions {
            keys: vec!["discharges".into(), "beds".into()],
            period: Some(Period::parse("2023").expect("year")),
            ..CompareOptions::default()
        };
        let table = tabulate(&seeds(), &options);
        assert!(table.rows.is_empty());
        assert_eq!(table.only.len(), 1);
        assert_eq!(table.only[0].hospital, 2);
        assert_eq!(table.only[0].rows[0].key, "discharges");
        assert_eq!(table.missing_keys, ["beds"]);
    }

    #[test]
    fn the_common_period_is_the_most_frequent_then_the_latest() {
        let periods = ["2022", "2024", "2022", "2023"];
        assert_eq!(
            most_common(periods.into_iter(), |p| p.parse().unwrap_or(0)),
            Some("2022")
        );
        assert_eq!(
            most_common(["2022", "2024"].into_iter(), |p| p.parse().unwrap_or(0)),
            Some("2024")
        );
        assert_eq!(most_common(std::iter::empty(), |_| 0), None);
    }
}
