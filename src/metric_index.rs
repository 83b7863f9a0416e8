//! An index of a report's figures by what they measure: key, unit and period.
//!
//! `deltas` matches two reports' figures through it. A table over many hospitals reads it the
//! same way: one row per slot (see [`rows`]), one column per hospital's index, each cell the
//! figures [`MetricIndex::get`] finds there.

use std::collections::HashMap;

use crate::metrics::{Basis, Metric};

/// What a figure measures: its key, its unit, whether it is a level or a change (and of
/// which basis), and the period it belongs to when known. Figures in different units are
/// different metrics (the metrics step has already scaled 万人次 to 人次), and so are a level
/// and its growth rate (`门诊量52.1万人次` and `同比增加7.3%` share the key
/// `outpatient_visits`, never the slot).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MetricSlot<'a> {
    /// The metric's identity.
    pub key: &'a str,
    /// Unit or classifier.
    pub unit: &'a str,
    /// The period, when known.
    pub period: Option<&'a str>,
    /// For a change figure, what it is measured against; `None` for a level.
    pub change: Option<Basis>,
}

impl<'a> MetricSlot<'a> {
    /// The slot a figure stands in.
    pub fn of(metric: &'a Metric) -> MetricSlot<'a> {
        MetricSlot {
            key: &metric.key,
            unit: &metric.unit,
            period: metric.period.as_deref(),
            change: metric.change,
        }
    }

    /// The same slot with another period (or none).
    pub fn with_period(self, period: Option<&'a str>) -> MetricSlot<'a> {
        MetricSlot { period, ..self }
    }
}

/// A report's figures by slot, each slot's figures in reading order.
///
/// Built in one pass; every lookup is one hash probe, so matching or tabulating stays linear
/// in the number of figures.
#[derive(Debug, Clone)]
pub struct MetricIndex<'a> {
    metrics: &'a [Metric],
    /// Distinct slots, in the order their first figure is read.
    slots: Vec<MetricSlot<'a>>,
    /// Positions in `metrics` by slot.
    by_slot: HashMap<MetricSlot<'a>, Vec<usize>>,
    /// Positions of the figures whose period is known, by slot without its period.
    dated: HashMap<MetricSlot<'a>, Vec<usize>>,
}

impl<'a> MetricIndex<'a> {
    /// Indexes `metrics` (a report's figures in reading order).
    pub fn new(metrics: &'a [Metric]) -> MetricIndex<'a> {
        let mut slots = Vec::new();
        let mut by_slot: HashMap<MetricSlot<'a>, Vec<usize>> = HashMap::new();
        let mut dated: HashMap<MetricSlot<'a>, Vec<usize>> = HashMap::new();
        for (position, metric) in metrics.iter().enumerate() {
            let slot = MetricSlot::of(metric);
            let list = by_slot.entry(slot).or_default();
            if list.is_empty() {
                slots.push(slot);
            }
            list.push(position);
            if slot.period.is_some() {
                dated
                    .entry(slot.with_period(None))
                    .or_default()
                    .push(position);
            }
        }
        MetricIndex {
            metrics,
            slots,
            by_slot,
            dated,
        }
    }

    /// The figures indexed, in reading order.
    pub fn metrics(&self) -> &'a [Metric] {
        self.metrics
    }

    /// Every slot once, in the order its first figure is read.
    pub fn slots(&self) -> &[MetricSlot<'a>] {
        &self.slots
    }

    /// Positions (in [`metrics`](Self::metrics)) of the figures in `slot`, in reading order.
    pub fn positions(&self, slot: &MetricSlot<'a>) -> &[usize] {
        self.by_slot.get(slot).map_or(&[], Vec::as_slice)
    }

    /// The figures in `slot`, in reading order.
    pub fn get(&self, slot: &MetricSlot<'a>) -> impl Iterator<Item = &'a Metric> + '_ {
        let metrics = self.metrics;
        self.positions(slot).iter().map(move |&p| &metrics[p])
    }

    /// Positions of the levels (not changes) with this key and unit whose period is known,
    /// whatever it is, in reading order.
    pub fn dated_positions(&self, key: &'a str, unit: &'a str) -> &[usize] {
        let slot = MetricSlot {
            key,
            unit,
            period: None,
            change: None,
        };
        self.dated_in(&slot)
    }

    /// Positions of the figures in `slot` whatever their period, as long as it is known, in
    /// reading order (the slot's own period is not looked at).
    pub fn dated_in(&self, slot: &MetricSlot<'a>) -> &[usize] {
        self.dated
            .get(&slot.with_period(None))
            .map_or(&[], Vec::as_slice)
    }
}

/// The rows of a table over several reports (one index each): every slot any of them has,
/// once, in the order first read, report by report.
pub fn rows<'a>(indexes: &[MetricIndex<'a>]) -> Vec<MetricSlot<'a>> {
    let mut seen = std::collections::HashSet::new();
    indexes
        .iter()
        .flat_map(|index| index.slots().iter().copied())
        .filter(|slot| seen.insert(*slot))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Qualifier;

    fn metric(key: &str, value: f64, unit: &str, period: Option<&str>) -> Metric {
        Metric {
            key: key.to_string(),
            label: key.to_string(),
            value,
            max: None,
            from: None,
            unit: unit.to_string(),
            qualifier: Qualifier::Exact,
            period: period.map(str::to_string),
            change: None,
            text: String::new(),
            sentence: String::new(),
            sentence_index: 0,
        }
    }

    fn slot<'a>(key: &'a str, unit: &'a str, period: Option<&'a str>) -> MetricSlot<'a> {
        MetricSlot {
            key,
            unit,
            period,
            change: None,
        }
    }

    #[test]
    fn figures_are_found_by_key_unit_and_period_in_reading_order() {
        let metrics = [
            metric("门诊量", 950000.0, "人次", Some("2022")),
            metric("出院", 69363.0, "人次", Some("2022")),
            metric("门诊量", 986000.0, "人次", Some("2023")),
            metric("门诊量", 30000.0, "人次", Some("2022")),
            metric("党支部", 23.0, "个", None),
        ];
        let index = MetricIndex::new(&metrics);
        assert_eq!(
            index.positions(&slot("门诊量", "人次", Some("2022"))),
            [0, 3]
        );
        assert_eq!(
            index.positions(&slot("门诊量", "个", Some("2022"))),
            [] as [usize; 0]
        );
        assert_eq!(index.dated_positions("门诊量", "人次"), [0, 2, 3]);
        assert_eq!(index.dated_positions("党支部", "个"), [] as [usize; 0]);
        let values: Vec<f64> = index
            .get(&slot("党支部", "个", None))
            .map(|m| m.value)
            .collect();
        assert_eq!(values, [23.0]);
        assert_eq!(
            index.slots(),
            [
                slot("门诊量", "人次", Some("2022")),
                slot("出院", "人次", Some("2022")),
                slot("门诊量", "人次", Some("2023")),
                slot("党支部", "个", None),
            ]
        );
    }

    #[test]
    fn a_level_and_its_growth_rate_stand_in_different_slots() {
        let mut rate = metric("outpatient_visits", 7.29, "%", Some("2023"));
        rate.change = Some(Basis::Yoy);
        let share = metric("outpatient_visits", 12.0, "%", Some("2023"));
        let metrics = [share, rate];
        let index = MetricIndex::new(&metrics);
        assert_eq!(index.slots().len(), 2);
        assert_eq!(index.dated_positions("outpatient_visits", "%"), [0]);
        let growth = MetricSlot::of(&metrics[1]).with_period(None);
        assert_eq!(index.dated_in(&growth), [1]);
    }

    #[test]
    fn a_table_over_several_hospitals_has_one_row_per_slot() {
        let zhucheng = [
            metric("门诊量", 986000.0, "人次", Some("2022")),
            metric("出院", 71205.0, "人次", Some("2022")),
        ];
        let tiantan = [metric("出院", 120000.0, "人次", Some("2022"))];
        let weifang = [
            metric("床位", 1200.0, "张", None),
            metric("门诊量", 2100000.0, "人次", Some("2022")),
        ];
        let indexes: Vec<MetricIndex<'_>> = [&zhucheng[..], &tiantan, &weifang]
            .into_iter()
            .map(MetricIndex::new)
            .collect();
        let table: Vec<(&str, Vec<Option<f64>>)> = rows(&indexes)
            .iter()
            .map(|row| {
                let cells = indexes
                    .iter()
                    .map(|index| index.get(row).next().map(|m| m.value))
                    .collect();
                (row.key, cells)
            })
            .collect();
        assert_eq!(
            table,
            [
                ("门诊量", vec![Some(986000.0), None, Some(2100000.0)]),
                ("出院", vec![Some(71205.0), Some(120000.0), None]),
                ("床位", vec![None, None, Some(1200.0)]),
            ]
        );
    }
}
