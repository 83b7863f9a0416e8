//! Deltas: old vs new metrics paired, and how each figure moved.
//!
//! A false pairing is the worst thing a diff can say (a delta between two different
//! figures), so figures pair in three steps, most certain first, and what is left unsure is
//! reported as removed and added:
//! 1. by position (`positions`): figures of one measure (key, unit, level or change of one
//!    basis) at the same place in sentences the aligner paired, when their periods agree
//!    once a next edition's period shift (`shift`) is applied;
//! 2. by measure and period: what is left of one slot (see [`MetricSlot`]) pairs when equal
//!    values pair up (unchanged) and exactly one figure remains on each side;
//! 3. the same for a period that one side does not know.
//!
//! A pair found in steps 2 and 3 whose level moved by more than a factor of
//! [`MAX_UNALIGNED_FACTOR`] is unsure too: figures that far apart and in sentences the
//! aligner did not pair are more likely two figures than one.

mod positions;
mod shift;

use std::collections::HashMap;

use crate::changes::{DeltaStatus, MetricDelta, SentencePair};
use crate::metric_index::MetricSlot;
use crate::metrics::Metric;
use shift::Shift;

/// The unit whose deltas are percentage points and which has no ratio.
const PERCENT: &str = "%";

/// How far apart two levels paired outside aligned sentences may be (`new / old` or its
/// inverse) before the pairing is too unsure to report as a change.
pub const MAX_UNALIGNED_FACTOR: f64 = 5.0;

/// Pairs old and new metrics by measure and period alone (no sentence alignment) and says
/// how each moved.
///
/// The result follows the reading order of the new text; a figure only old has stands after
/// the figure that preceded it in old.
pub fn compare(old: &[Metric], new: &[Metric]) -> Vec<MetricDelta> {
    compare_aligned(old, new, &[])
}

/// Pairs old and new metrics, first by their position in the sentences the aligner paired
/// (`groups`), and says how each moved. See the module documentation for the steps.
pub fn compare_aligned(
    old: &[Metric],
    new: &[Metric],
    groups: &[SentencePair],
) -> Vec<MetricDelta> {
    let pairs = match_metrics(old, new, groups);
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

/// For each new metric, the index of the old metric it is paired with.
fn match_metrics(old: &[Metric], new: &[Metric], groups: &[SentencePair]) -> Vec<Option<usize>> {
    let candidates = positions::pair_by_position(old, new, groups);
    let shift = Shift::learn(old, new, &candidates);
    let mut pairs: Vec<Option<usize>> = vec![None; new.len()];
    let mut used = vec![false; old.len()];
    for (o, n) in candidates {
        if shift.fits(old[o].period.as_deref(), new[n].period.as_deref())
            && shift.apply_basis(old[o].change) == new[n].change
        {
            pairs[n] = Some(o);
            used[o] = true;
        }
    }
    // Step 2: one slot, old's period moved by the shift.
    // Old's slots as new would write them: periods and years compared with moved on.
    let moved = |o: usize| MetricSlot {
        change: shift.apply_basis(old[o].change),
        ..MetricSlot::of(&old[o])
    };
    let moved_slot = |o: usize| moved(o).with_period(shift.apply(old[o].period.as_deref()));
    let mut by_slot: HashMap<MetricSlot<'_>, Vec<usize>> = HashMap::new();
    for o in (0..old.len()).filter(|&o| !used[o]) {
        by_slot.entry(moved_slot(o)).or_default().push(o);
    }
    for (slot, news) in grouped(new, &pairs, MetricSlot::of) {
        if let Some(olds) = by_slot.get(&slot) {
            pair_unique(old, new, olds, &news, &mut pairs, &mut used, |_, _| true);
        }
    }
    // Step 3: a period that one side does not know fits any period of the other.
    let mut by_measure: HashMap<MetricSlot<'_>, Vec<usize>> = HashMap::new();
    for o in (0..old.len()).filter(|&o| !used[o]) {
        by_measure
            .entry(moved(o).with_period(None))
            .or_default()
            .push(o);
    }
    for (measure, news) in grouped(new, &pairs, |m| MetricSlot::of(m).with_period(None)) {
        if let Some(olds) = by_measure.get(&measure) {
            let fits = |o: &Metric, n: &Metric| {
                (o.period.is_none() || n.period.is_none())
                    && shift.fits(o.period.as_deref(), n.period.as_deref())
            };
            pair_unique(old, new, olds, &news, &mut pairs, &mut used, fits);
        }
    }
    pairs
}

/// The new figures not yet paired, grouped by `slot`, groups in the order their first figure
/// is read (so that pairing never depends on a hash order).
fn grouped<'a>(
    new: &'a [Metric],
    pairs: &[Option<usize>],
    slot: impl Fn(&'a Metric) -> MetricSlot<'a>,
) -> Vec<(MetricSlot<'a>, Vec<usize>)> {
    let mut order: HashMap<MetricSlot<'a>, usize> = HashMap::new();
    let mut groups: Vec<(MetricSlot<'a>, Vec<usize>)> = Vec::new();
    for (n, m) in new.iter().enumerate() {
        if pairs[n].is_some() {
            continue;
        }
        let s = slot(m);
        let at = *order.entry(s).or_insert_with(|| {
            groups.push((s, Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(n);
    }
    groups
}

/// Pairs what one slot leaves on each side (only figures that `fits` allows together):
/// equal values first (in reading order), then the one figure left on each side, when it is
/// exactly one and the pairing is sure enough.
fn pair_unique(
    old: &[Metric],
    new: &[Metric],
    olds: &[usize],
    news: &[usize],
    pairs: &mut [Option<usize>],
    used: &mut [bool],
    fits: impl Fn(&Metric, &Metric) -> bool,
) {
    for &n in news {
        if pairs[n].is_some() {
            continue;
        }
        if let Some(&o) = olds
            .iter()
            .find(|&&o| !used[o] && fits(&old[o], &new[n]) && same_value(&old[o], &new[n]))
        {
            pairs[n] = Some(o);
            used[o] = true;
        }
    }
    let left_old: Vec<usize> = olds.iter().copied().filter(|&o| !used[o]).collect();
    let left_new: Vec<usize> = news
        .iter()
        .copied()
        .filter(|&n| pairs[n].is_none())
        .collect();
    if let ([o], [n]) = (left_old.as_slice(), left_new.as_slice())
        && fits(&old[*o], &new[*n])
        && sure_enough(&old[*o], &new[*n])
    {
        pairs[*n] = Some(*o);
        used[*o] = true;
    }
}

/// Whether two figures of one slot that no aligned sentence pairs are close enough to be one
/// figure: a level that moved by more than [`MAX_UNALIGNED_FACTOR`] is not. A change figure
/// (a growth rate) may swing any way, sign included.
fn sure_enough(old: &Metric, new: &Metric) -> bool {
    if old.change.is_some() {
        return true;
    }
    let (a, b) = (old.value.abs(), new.value.abs());
    if a == 0.0 || b == 0.0 {
        return true;
    }
    a.max(b) / a.min(b) <= MAX_UNALIGNED_FACTOR
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
    let change = named.and_then(|m| m.change);
    let delta = old_value.zip(new_value).map(|(o, n)| clean(n - o));
    let ratio = match old_value.zip(new_value) {
        Some((o, n)) if o != 0.0 && unit != PERCENT && change.is_none() => Some(clean(n / o - 1.0)),
        _ => None,
    };
    // A pair may know its period on one side only; keep what is known.
    let period = new
        .and_then(|m| m.period.clone())
        .or_else(|| old.and_then(|m| m.period.clone()));
    let old_period = old
        .and_then(|m| m.period.clone())
        .filter(|p| new.is_some() && period.as_ref() != Some(p));
    MetricDelta {
        key: named.map(|m| m.key.clone()).unwrap_or_default(),
        label: named.map(|m| m.label.clone()).unwrap_or_default(),
        unit,
        period,
        old_period,
        change,
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
    fn equal_values_pair_and_an_unsure_rest_is_removed_and_added() {
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
        // 10 may have become 11 or 3: saying either would be a guess.
        assert_eq!(
            pairs,
            [
                (Some(10.0), None),
                (None, Some(11.0)),
                (Some(16.0), Some(16.0)),
                (None, Some(3.0)),
            ]
        );
    }

    /// A metric in sentence `sentence`.
    fn at(sentence: usize, mut m: Metric) -> Metric {
        m.sentence_index = sentence;
        m
    }

    fn pair(old: &[usize], new: &[usize]) -> SentencePair {
        SentencePair {
            old: old.to_vec(),
            new: new.to_vec(),
        }
    }

    #[test]
    fn figures_of_aligned_sentences_pair_by_position() {
        let old = [
            at(0, metric("学科", 10.0, "个", None, "10个")),
            at(1, metric("学科", 16.0, "个", None, "16个")),
        ];
        let new = [
            at(0, metric("学科", 16.0, "个", None, "16个")),
            at(1, metric("学科", 17.0, "个", None, "17个")),
        ];
        let deltas = compare_aligned(&old, &new, &[pair(&[0], &[1]), pair(&[1], &[0])]);
        let pairs: Vec<(Option<f64>, Option<f64>)> =
            deltas.iter().map(|d| (d.old, d.new)).collect();
        // The aligner moved the sentences: 16 stayed 16, 10 became 17.
        assert_eq!(pairs, [(Some(16.0), Some(16.0)), (Some(10.0), Some(17.0))]);
    }

    #[test]
    fn a_next_edition_pairs_across_its_period_shift() {
        let old = [
            at(
                0,
                metric("门诊量", 950000.0, "人次", Some("2022"), "95万人次"),
            ),
            at(
                0,
                metric("出院", 69363.0, "人次", Some("2022"), "69363人次"),
            ),
            at(1, metric("床位", 800.0, "张", Some("2022"), "800张")),
        ];
        let new = [
            at(
                0,
                metric("门诊量", 986000.0, "人次", Some("2023"), "98.6万人次"),
            ),
            at(
                0,
                metric("出院", 71205.0, "人次", Some("2023"), "71205人次"),
            ),
            at(5, metric("床位", 900.0, "张", Some("2023"), "900张")),
        ];
        let deltas = compare_aligned(&old, &new, &[pair(&[0], &[0])]);
        assert_eq!(deltas.len(), 3);
        for d in &deltas {
            assert_eq!(d.status, DeltaStatus::Changed, "{d:?}");
            assert_eq!(d.old_period.as_deref(), Some("2022"));
            assert_eq!(d.period.as_deref(), Some("2023"));
        }
        assert_eq!(deltas[0].delta, Some(36000.0));
    }

    #[test]
    fn a_period_changed_in_one_place_only_is_not_a_shift() {
        let old = [
            at(
                0,
                metric("门诊量", 950000.0, "人次", Some("2022"), "95万人次"),
            ),
            at(
                1,
                metric("出院", 69363.0, "人次", Some("2022"), "69363人次"),
            ),
        ];
        let new = [
            at(
                0,
                metric("门诊量", 986000.0, "人次", Some("2023"), "98.6万人次"),
            ),
            at(
                1,
                metric("出院", 71205.0, "人次", Some("2022"), "71205人次"),
            ),
        ];
        let deltas = compare_aligned(&old, &new, &[pair(&[0], &[0]), pair(&[1], &[1])]);
        let statuses: Vec<DeltaStatus> = deltas.iter().map(|d| d.status).collect();
        assert_eq!(
            statuses,
            [
                DeltaStatus::Removed,
                DeltaStatus::Added,
                DeltaStatus::Changed
            ]
        );
    }

    #[test]
    fn a_level_and_its_growth_rate_never_pair() {
        let level = metric("outpatient_visits", 7.0, "%", Some("2023"), "7%");
        let mut rate = metric("outpatient_visits", -3.4, "%", Some("2023"), "3.4%");
        rate.change = Some(crate::metrics::Basis::Yoy);
        let statuses: Vec<DeltaStatus> = compare(&[level], &[rate])
            .iter()
            .map(|d| d.status)
            .collect();
        assert_eq!(statuses, [DeltaStatus::Removed, DeltaStatus::Added]);
    }

    #[test]
    fn a_level_far_from_its_only_match_outside_aligned_sentences_is_unsure() {
        let old = [metric("其他机构", 1668000.0, "人", None, "166.8万人")];
        let new = [metric("其他机构", 40000000.0, "人", None, "0.4亿人")];
        let statuses: Vec<DeltaStatus> = compare(&old, &new).iter().map(|d| d.status).collect();
        assert_eq!(statuses, [DeltaStatus::Removed, DeltaStatus::Added]);
        let aligned = compare_aligned(
            &[at(2, old[0].clone())],
            &[at(3, new[0].clone())],
            &[pair(&[2], &[3])],
        );
        assert_eq!(aligned[0].status, DeltaStatus::Changed);
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
