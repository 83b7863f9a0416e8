//! The period shift of a next edition: next quarter's bulletin says `2023Q4` where this one
//! said `2023Q3`, next year's report `2023` where this one said `2022`. The shift is learned
//! from the figures themselves, never assumed: each pair of one measure with periods on both
//! sides (pairs by position first, then measures that each side states once) votes for
//! `old period -> new period`, and an old period moves only when every vote for it agrees on
//! one new period other than itself.

use std::collections::HashMap;

use crate::metric_index::MetricSlot;
use crate::metrics::{Basis, Metric};

/// Old periods and the new period each moved to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Shift {
    moved: HashMap<String, String>,
    /// When every moved period moved by the same whole number of years (`2022` -> `2023`,
    /// `2022Q4` -> `2023Q4`), that number: a year compared with moves by it too.
    years: Option<i32>,
}

impl Shift {
    /// Learns the shift from `pairs` (old, new) and from measures that each side states
    /// exactly once outside them.
    pub(super) fn learn(old: &[Metric], new: &[Metric], pairs: &[(usize, usize)]) -> Shift {
        let mut votes: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut paired_old = vec![false; old.len()];
        let mut paired_new = vec![false; new.len()];
        for &(o, n) in pairs {
            vote(&mut votes, &old[o], &new[n]);
            paired_old[o] = true;
            paired_new[n] = true;
        }
        let old_once = stated_once(old, &paired_old);
        let new_once = stated_once(new, &paired_new);
        for (slot, o) in &old_once {
            if let (Some(o), Some(Some(n))) = (o, new_once.get(slot)) {
                vote(&mut votes, &old[*o], &new[*n]);
            }
        }
        let moved: HashMap<String, String> = votes
            .into_iter()
            .filter_map(|(po, pns)| {
                let first = pns[0];
                (first != po && pns.iter().all(|&pn| pn == first))
                    .then(|| (po.to_string(), first.to_string()))
            })
            .collect();
        let offsets: Vec<Option<i32>> = moved.iter().map(|(o, n)| year_offset(o, n)).collect();
        let years = match offsets.first() {
            Some(&Some(k)) if offsets.iter().all(|&o| o == Some(k)) => Some(k),
            _ => None,
        };
        Shift { moved, years }
    }

    /// The period an old period stands for in new: where it moved, or itself.
    pub(super) fn apply<'a>(&'a self, old_period: Option<&'a str>) -> Option<&'a str> {
        old_period.map(|p| self.moved.get(p).map_or(p, String::as_str))
    }

    /// An old change's basis as new would write it: a year compared with moves with the
    /// periods (`比2015年` in a 2016 report is `比2016年` in next year's).
    pub(super) fn apply_basis(&self, basis: Option<Basis>) -> Option<Basis> {
        match basis {
            Some(Basis::VsYear(year)) => {
                let text = year.to_string();
                let moved = self.moved.get(&text).and_then(|m| m.parse().ok());
                let by_years = self.years.map(|k| year + k);
                Some(Basis::VsYear(moved.or(by_years).unwrap_or(year)))
            }
            other => other,
        }
    }

    /// Whether two periods are the same period, once old's is moved; a period one side does
    /// not know fits any.
    pub(super) fn fits(&self, old_period: Option<&str>, new_period: Option<&str>) -> bool {
        match (self.apply(old_period), new_period) {
            (Some(o), Some(n)) => o == n,
            _ => true,
        }
    }
}

/// How many years a period moved when only its year did (`2022Q4` -> `2023Q4` is 1;
/// `2023Q3` -> `2023Q4` is not a move of years).
fn year_offset(old: &str, new: &str) -> Option<i32> {
    let year = |p: &str| p.get(..4).and_then(|y| y.parse::<i32>().ok());
    let (o, n) = (year(old)?, year(new)?);
    (old.get(4..) == new.get(4..) && o != n).then_some(n - o)
}

/// One vote `old period -> new period`, when both are known.
fn vote<'a>(votes: &mut HashMap<&'a str, Vec<&'a str>>, old: &'a Metric, new: &'a Metric) {
    if let (Some(po), Some(pn)) = (old.period.as_deref(), new.period.as_deref()) {
        votes.entry(po).or_default().push(pn);
    }
}

/// The measures (slots without a period) that one side states exactly once with a known
/// period, outside the pairs already made; `None` for a measure stated more than once.
fn stated_once<'a>(
    metrics: &'a [Metric],
    paired: &[bool],
) -> HashMap<MetricSlot<'a>, Option<usize>> {
    let mut seen: HashMap<MetricSlot<'a>, Option<usize>> = HashMap::new();
    for (i, m) in metrics.iter().enumerate() {
        if paired[i] || m.period.is_none() {
            continue;
        }
        seen.entry(MetricSlot::of(m).with_period(None))
            .and_modify(|e| *e = None)
            .or_insert(Some(i));
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Qualifier;

    fn metric(key: &str, period: Option<&str>) -> Metric {
        Metric {
            key: key.to_string(),
            label: key.to_string(),
            value: 1.0,
            max: None,
            from: None,
            unit: "人次".to_string(),
            qualifier: Qualifier::Exact,
            period: period.map(str::to_string),
            change: None,
            text: String::new(),
            sentence: String::new(),
            sentence_index: 0,
        }
    }

    #[test]
    fn every_period_moved_on_by_one_year() {
        let old = [metric("门诊", Some("2022")), metric("出院", Some("2022"))];
        let new = [metric("门诊", Some("2023")), metric("出院", Some("2023"))];
        let shift = Shift::learn(&old, &new, &[(0, 0)]);
        assert_eq!(shift.apply(Some("2022")), Some("2023"));
        assert!(shift.fits(Some("2022"), Some("2023")));
        assert!(!shift.fits(Some("2022"), Some("2022")));
        assert!(shift.fits(None, Some("2023")));
    }

    #[test]
    fn a_year_compared_with_moves_with_the_periods() {
        let old = [metric("门诊", Some("2016"))];
        let new = [metric("门诊", Some("2017"))];
        let shift = Shift::learn(&old, &new, &[(0, 0)]);
        assert_eq!(
            shift.apply_basis(Some(Basis::VsYear(2016))),
            Some(Basis::VsYear(2017))
        );
        assert_eq!(
            shift.apply_basis(Some(Basis::VsYear(2015))),
            Some(Basis::VsYear(2016))
        );
        let quarters = Shift::learn(
            &[metric("门诊", Some("2023Q3"))],
            &[metric("门诊", Some("2023Q4"))],
            &[(0, 0)],
        );
        assert_eq!(
            quarters.apply_basis(Some(Basis::VsYear(2022))),
            Some(Basis::VsYear(2022))
        );
        assert_eq!(shift.apply_basis(Some(Basis::Yoy)), Some(Basis::Yoy));
    }

    #[test]
    fn a_period_that_stays_for_some_figures_does_not_move() {
        let old = [metric("门诊", Some("2022")), metric("出院", Some("2022"))];
        let new = [metric("门诊", Some("2023")), metric("出院", Some("2022"))];
        let shift = Shift::learn(&old, &new, &[(0, 0), (1, 1)]);
        assert_eq!(shift.apply(Some("2022")), Some("2022"));
    }

    #[test]
    fn a_measure_stated_twice_does_not_vote() {
        let old = [metric("门诊", Some("2022")), metric("门诊", Some("2021"))];
        let new = [metric("门诊", Some("2023"))];
        assert_eq!(Shift::learn(&old, &new, &[]), Shift::default());
    }
}
