//! Deltas: old vs new metrics, matched by key and period, and how each figure moved.
//!
//! Matching is one-to-one and keeps reading order: first every new figure takes the first
//! unused old figure with the same key, unit and period; then a figure whose period one side
//! does not know takes the first unused old figure with the same key and unit. Figures with
//! different units are different metrics (the metrics step has already scaled 万人次 to 人次).
//! Old figures are looked up in a [`MetricIndex`], the index a table over many reports uses.

use std::collections::HashMap;

use crate::changes::{DeltaStatus, MetricDelta};
use crate::metric_index::{MetricIndex, MetricSlot};
use crate::metrics::Metric;

/// The unit whose deltas are percentage points and which has no ratio.
const PERCENT: &str = "%";

/// Matches old and new metrics on key and period and says how each moved.
///
/// The result follows the reading order of the new text; a figure only old has stands after
/// the figure that preceded it in old.
pub fn compare(old: &[Metric], new: &[Metric]) -> Vec<MetricDelta> {
    let pairs = match_metrics(old, new);
    // Where each old figure went, to place removed figures after their old neighbour.
    let mut new_of_old: Vec<Option<usize>> = vec![None; old.len()];
    for (n, o) in pairs.iter().enumerate() {
        if let Some(o) = o {
            new_of_old[*o] = Some(n);
        }
    }
    // Sort key: (position in new, 0 for new figures / 1 for removed ones, old position).
    let mut placed: Vec<((usize, u8, usize), MetricDelta)> = Vec::new();
    for (n, o) in pairs.iter().enumerate() {
        placed.push(((n + 1, 0, 0), delta(o.map(|o| &old[o]), Some(&new[n]))));
    }
    let mut anchor = 0;
    for (o, metric) in old.iter().enumerate() {
        match new_of_old[o] {
            Some(n) => anchor = n + 1,
            None => placed.push(((anchor, 1, o), delta(Some(metric), None))),
        }
    }
    placed.sort_by_key(|(key, _)| *key);
    placed.into_iter().map(|(_, d)| d).collect()
}

/// For each new metric, the index of the old metric it is matched with.
fn match_metrics(old: &[Metric], new: &[Metric]) -> Vec<Option<usize>> {
    let index = MetricIndex::new(old);
    let mut used = vec![false; old.len()];
    // How far each of the index's lists has been read.
    let mut slot_read: HashMap<MetricSlot<'_>, usize> = HashMap::new();
    let mut dated_read: HashMap<(&str, &str), usize> = HashMap::new();
    let mut pairs: Vec<Option<usize>> = Vec::with_capacity(new.len());
    for m in new {
        let slot = MetricSlot::of(m);
        let read = slot_read.entry(slot).or_default();
        pairs.push(take(index.positions(&slot), read, &mut used));
    }
    // Second pass: a period that one side does not know matches any period of the other.
    for (pair, m) in pairs.iter_mut().zip(new) {
        if pair.is_some() {
            continue;
        }
        *pair = match m.period {
            Some(_) => {
                let slot = MetricSlot {
                    period: None,
                    ..MetricSlot::of(m)
                };
                let read = slot_read.entry(slot).or_default();
                take(index.positions(&slot), read, &mut used)
            }
            None => {
                let read = dated_read.entry((&m.key, &m.unit)).or_default();
                take(index.dated_positions(&m.key, &m.unit), read, &mut used)
            }
        };
    }
    pairs
}

/// The first old figure of `list` not yet used, reading on from `read`: each list is read
/// once from the front, so matching stays linear in the number of figures.
fn take(list: &[usize], read: &mut usize, used: &mut [bool]) -> Option<usize> {
    while let Some(&o) = list.get(*read) {
        *read += 1;
        if !used[o] {
            used[o] = true;
            return Some(o);
        }
    }
    None
}

/// The delta of a matched pair, or of a figure only one side has.
fn delta(old: Option<&Metric>, new: Option<&Metric>) -> MetricDelta {
    let status = match (old, new) {
        (Some(o), Some(n)) if same_value(o, n) => DeltaStatus::Unchanged,
        (Some(_), Some(_)) => DeltaStatus::Changed,
        (None, _) => DeltaStatus::Added,
        (Some(_), None) => DeltaStatus::Removed,
    };
    let (old_value, new_value) = (old.map(|m| m.value), new.map(|m| m.value));
    let named = new.or(old);
    let unit = named.map(|m| m.unit.clone()).unwrap_or_default();
    let delta = old_value.zip(new_value).map(|(o, n)| clean(n - o));
    let ratio = match old_value.zip(new_value) {
        Some((o, n)) if o != 0.0 && unit != PERCENT => Some(clean(n / o - 1.0)),
        _ => None,
    };
    MetricDelta {
        key: named.map(|m| m.key.clone()).unwrap_or_default(),
        label: named.map(|m| m.label.clone()).unwrap_or_default(),
        unit,
        // A matched pair may know its period on one side only; keep what is known.
        period: new
            .and_then(|m| m.period.clone())
            .or_else(|| old.and_then(|m| m.period.clone())),
        old: old_value,
        new: new_value,
        delta,
        ratio,
        status,
        old_text: old.map(|m| m.text.clone()),
        new_text: new.map(|m| m.text.clone()),
        old_qualifier: old.map(|m| m.qualifier),
        new_qualifier: new.map(|m| m.qualifier),
    }
}

/// Whether two figures state the same amount (a range's upper end counts too).
fn same_value(old: &Metric, new: &Metric) -> bool {
    close(old.value, new.value)
        && match (old.max, new.max) {
            (Some(a), Some(b)) => close(a, b),
            (None, None) => true,
            _ => false,
        }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Drops binary float noise (`99.52 - 99.39` is `0.12999999999999545`): figures are written
/// with a few decimals, so six significant places after the point are plenty.
fn clean(x: f64) -> f64 {
    let rounded = (x * 1e6).round() / 1e6;
    if rounded == 0.0 { 0.0 } else { rounded }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Qualifier;

    fn metric(key: &str, value: f64, unit: &str, period: Option<&str>, text: &str) -> Metric {
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
            text: text.to_string(),
            sentence: String::new(),
            sentence_index: 0,
        }
    }

    #[test]
    fn a_changed_count_has_delta_and_ratio() {
        let old = [metric("出院", 69363.0, "人次", Some("2022"), "69363人次")];
        let new = [metric("出院", 71205.0, "人次", Some("2022"), "71205人次")];
        let deltas = compare(&old, &new);
        assert_eq!(deltas.len(), 1);
        let d = &deltas[0];
        assert_eq!(d.status, DeltaStatus::Changed);
        assert_eq!(d.delta, Some(1842.0));
        assert_eq!(d.ratio, Some(0.026556));
        assert_eq!(d.old_text.as_deref(), Some("69363人次"));
        assert_eq!(d.new_text.as_deref(), Some("71205人次"));
    }

    #[test]
    fn a_percentage_moves_in_points_without_ratio() {
        let old = [metric("满意度", 99.39, "%", Some("2022"), "99.39%")];
        let new = [metric("满意度", 99.52, "%", Some("2022"), "99.52%")];
        let d = &compare(&old, &new)[0];
        assert_eq!(d.delta, Some(0.13));
        assert_eq!(d.ratio, None);
    }

    #[test]
    fn equal_values_are_unchanged_and_missing_ones_added_or_removed() {
        let old = [
            metric("党支部", 23.0, "个", None, "23个"),
            metric("床位", 100.0, "张", None, "100多张"),
        ];
        let new = [
            metric("党支部", 23.0, "个", None, "23个"),
            metric("义诊", 100.0, "次", None, "100余次"),
        ];
        let deltas = compare(&old, &new);
        let statuses: Vec<(&str, DeltaStatus)> =
            deltas.iter().map(|d| (d.key.as_str(), d.status)).collect();
        assert_eq!(
            statuses,
            [
                ("党支部", DeltaStatus::Unchanged),
                ("床位", DeltaStatus::Removed),
                ("义诊", DeltaStatus::Added),
            ]
        );
    }

    #[test]
    fn exact_period_wins_over_an_unknown_one() {
        let old = [
            metric("门诊量", 90.0, "人次", None, "90人次"),
            metric("门诊量", 95.0, "人次", Some("2022"), "95人次"),
        ];
        let new = [metric("门诊量", 98.0, "人次", Some("2022"), "98人次")];
        let deltas = compare(&old, &new);
        let pairs: Vec<(Option<f64>, Option<f64>)> =
            deltas.iter().map(|d| (d.old, d.new)).collect();
        // The unmatched old figure stood first in old, so it comes first.
        assert_eq!(pairs, [(Some(90.0), None), (Some(95.0), Some(98.0))]);
    }

    #[test]
    fn a_period_known_on_one_side_still_matches() {
        let old = [metric("门诊量", 950000.0, "人次", None, "95万人次")];
        let new = [metric(
            "门诊量",
            986000.0,
            "人次",
            Some("2022"),
            "98.6万人次",
        )];
        let d = &compare(&old, &new)[0];
        assert_eq!(d.status, DeltaStatus::Changed);
        assert_eq!(d.period.as_deref(), Some("2022"));
        assert_eq!(d.delta, Some(36000.0));
    }

    #[test]
    fn different_units_are_different_metrics() {
        let old = [metric("图书", 5900000.0, "册", None, "590万册")];
        let new = [metric("图书", 5900000.0, "条", None, "590万条")];
        let statuses: Vec<DeltaStatus> = compare(&old, &new).iter().map(|d| d.status).collect();
        assert_eq!(statuses, [DeltaStatus::Removed, DeltaStatus::Added]);
    }

    #[test]
    fn matching_is_one_to_one_in_reading_order() {
        let old = [
            metric("学科", 10.0, "个", None, "10个"),
            metric("学科", 16.0, "个", None, "16个"),
        ];
        let new = [
            metric("学科", 11.0, "个", None, "11个"),
            metric("学科", 16.0, "个", None, "16个"),
            metric("学科", 3.0, "个", None, "3个"),
        ];
        let pairs: Vec<(Option<f64>, Option<f64>)> =
            compare(&old, &new).iter().map(|d| (d.old, d.new)).collect();
        assert_eq!(
            pairs,
            [
                (Some(10.0), Some(11.0)),
                (Some(16.0), Some(16.0)),
                (None, Some(3.0)),
            ]
        );
    }

    #[test]
    fn qualifiers_are_kept_for_the_renderers() {
        let mut old = metric("人次", 27000.0, "人次", None, "2.7万余人次");
        old.qualifier = Qualifier::Over;
        let mut new = metric("人次", 30000.0, "人次", None, "3万余人次");
        new.qualifier = Qualifier::Over;
        let d = &compare(&[old], &[new])[0];
        assert_eq!(d.delta, Some(3000.0));
        assert_eq!(d.old_qualifier, Some(Qualifier::Over));
        assert_eq!(d.new_qualifier, Some(Qualifier::Over));
    }

    #[test]
    fn a_zero_old_value_has_no_ratio() {
        let old = [metric("新技术", 0.0, "项", None, "0项")];
        let new = [metric("新技术", 5.0, "项", None, "5项")];
        assert_eq!(compare(&old, &new)[0].ratio, None);
    }

    fn arbitrary_metrics() -> impl proptest::strategy::Strategy<Value = Vec<Metric>> {
        use proptest::prelude::*;
        let one = (
            0..3usize,
            0..4u32,
            prop::option::of(2021..2024u32),
            0..2usize,
        );
        prop::collection::vec(one, 0..12).prop_map(|rows| {
            rows.into_iter()
                .map(|(key, value, year, unit)| {
                    let key = ["门诊量", "出院", "党支部"][key];
                    let unit = ["人次", "个"][unit];
                    let year = year.map(|y| y.to_string());
                    metric(key, f64::from(value), unit, year.as_deref(), "")
                })
                .collect()
        })
    }

    proptest::proptest! {
        #[test]
        fn a_report_against_itself_has_only_unchanged_figures(metrics in arbitrary_metrics()) {
            let deltas = compare(&metrics, &metrics);
            proptest::prop_assert_eq!(deltas.len(), metrics.len());
            proptest::prop_assert!(deltas.iter().all(|d| d.status == DeltaStatus::Unchanged));
        }

        #[test]
        fn every_figure_is_accounted_for_once(
            old in arbitrary_metrics(),
            new in arbitrary_metrics(),
        ) {
            let deltas = compare(&old, &new);
            let with_old = deltas.iter().filter(|d| d.old.is_some()).count();
            let with_new = deltas.iter().filter(|d| d.new.is_some()).count();
            proptest::prop_assert_eq!(with_old, old.len());
            proptest::prop_assert_eq!(with_new, new.len());
        }
    }
}
