//! Deltas: old vs new metrics, matched by key and period.

use crate::diff::{DeltaStatus, MetricDelta};
use crate::metrics::Metric;

/// Matches old and new metrics on key and period and says how each moved.
pub fn compare(old: &[Metric], new: &[Metric]) -> Vec<MetricDelta> {
    let mut deltas = Vec::new();
    let mut used = vec![false; old.len()];
    for n in new {
        let found = old
            .iter()
            .enumerate()
            .find(|(i, o)| !used[*i] && o.key == n.key && o.period == n.period);
        match found {
            Some((i, o)) => {
                used[i] = true;
                deltas.push(delta(Some(o), Some(n)));
            }
            None => deltas.push(delta(None, Some(n))),
        }
    }
    for (i, o) in old.iter().enumerate() {
        if !used[i] {
            deltas.push(delta(Some(o), None));
        }
    }
    deltas
}

fn delta(old: Option<&Metric>, new: Option<&Metric>) -> MetricDelta {
    let any = new.or(old).expect("one side exists");
    let status = match (old, new) {
        (Some(o), Some(n)) if o.value == n.value => DeltaStatus::Unchanged,
        (Some(_), Some(_)) => DeltaStatus::Changed,
        (None, _) => DeltaStatus::Added,
        (_, None) => DeltaStatus::Removed,
    };
    let (old_value, new_value) = (old.map(|m| m.value), new.map(|m| m.value));
    let delta = old_value.zip(new_value).map(|(o, n)| n - o);
    MetricDelta {
        key: any.key.clone(),
        label: any.label.clone(),
        unit: any.unit.clone(),
        period: any.period.clone(),
        old: old_value,
        new: new_value,
        delta,
        ratio: None,
        status,
        old_text: old.map(|m| m.text.clone()),
        new_text: new.map(|m| m.text.clone()),
        old_qualifier: old.map(|m| m.qualifier),
        new_qualifier: new.map(|m| m.qualifier),
    }
}
