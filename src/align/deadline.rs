//! The one time bound every step of the aligner watches: past it, a step leaves the rest of
//! its work coarser (runs unpaired, moves unsearched, sentences highlighted whole) instead
//! of finishing it, so that a pathological input never hangs.

use std::hash::Hash;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp};

/// When the diff's time budget runs out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Deadline(Option<Instant>);

impl Deadline {
    /// No bound: every step runs to the end.
    #[cfg(test)]
    pub(crate) const NONE: Deadline = Deadline(None);

    /// `timeout` from now; no bound when that is past what the clock can count.
    pub(crate) fn after(timeout: Duration) -> Deadline {
        Deadline(Instant::now().checked_add(timeout))
    }

    /// Whether the budget has run out.
    pub(crate) fn passed(self) -> bool {
        self.0.is_some_and(|d| Instant::now() >= d)
    }

    /// `similar`'s diff of two slices, which past the deadline ends with coarser ops.
    pub(crate) fn diff_slices<T: Eq + Hash>(
        self,
        algorithm: Algorithm,
        old: &[T],
        new: &[T],
    ) -> Vec<DiffOp> {
        similar::capture_diff_slices_deadline(algorithm, old, new, self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zero_budget_has_passed_and_no_bound_never_does() {
        assert!(Deadline::after(Duration::ZERO).passed());
        assert!(!Deadline::NONE.passed());
        assert!(!Deadline::after(Duration::from_secs(60)).passed());
        assert_eq!(Deadline::after(Duration::MAX), Deadline::NONE);
    }
}
