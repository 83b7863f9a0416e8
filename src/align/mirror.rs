//! One canonical direction. A step whose ties could be broken differently depending on which
//! side is old runs with the smaller input as old and mirrors its result back when the sides
//! were swapped, so that `diff(a, b)` is exactly the mirror image of `diff(b, a)`.

use similar::DiffOp;

use crate::changes::ChangeClass;

/// A result with an old and a new side that can trade places.
pub(crate) trait Mirror {
    /// The same result seen from the other side: old and new swapped.
    fn mirrored(self) -> Self;
}

/// Runs `step` on `old` and `new` with the smaller first, and gives its result as seen from
/// `old`.
pub(crate) fn in_canonical_order<T: Ord + Copy, R: Mirror>(
    old: T,
    new: T,
    step: impl FnOnce(T, T) -> R,
) -> R {
    if old <= new {
        step(old, new)
    } else {
        step(new, old).mirrored()
    }
}

impl<T: Mirror> Mirror for Vec<T> {
    fn mirrored(self) -> Self {
        self.into_iter().map(Mirror::mirrored).collect()
    }
}

/// A class names an edit whichever way it is read.
impl Mirror for ChangeClass {
    fn mirrored(self) -> Self {
        self
    }
}

impl Mirror for DiffOp {
    fn mirrored(self) -> Self {
        match self {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => DiffOp::Equal {
                old_index: new_index,
                new_index: old_index,
                len,
            },
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => DiffOp::Insert {
                old_index: new_index,
                new_index: old_index,
                new_len: old_len,
            },
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => DiffOp::Delete {
                old_index: new_index,
                old_len: new_len,
                new_index: old_index,
            },
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => DiffOp::Replace {
                old_index: new_index,
                old_len: new_len,
                new_index: old_index,
                new_len: old_len,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_step_sees_the_smaller_side_first_and_the_result_is_mirrored_back() {
        let step = |a: &str, b: &str| {
            vec![DiffOp::Delete {
                old_index: a.chars().count(),
                old_len: 1,
                new_index: b.chars().count(),
            }]
        };
        // "丙" sorts before "甲乙": only the second call runs as asked.
        let backward = in_canonical_order("丙", "甲乙", step);
        assert_eq!(
            backward,
            [DiffOp::Delete {
                old_index: 1,
                old_len: 1,
                new_index: 2
            }]
        );
        let forward = in_canonical_order("甲乙", "丙", step);
        assert_eq!(forward, backward.mirrored());
    }

    #[test]
    fn mirroring_twice_is_the_identity() {
        let ops = vec![
            DiffOp::Equal {
                old_index: 0,
                new_index: 0,
                len: 2,
            },
            DiffOp::Replace {
                old_index: 2,
                old_len: 1,
                new_index: 2,
                new_len: 3,
            },
        ];
        assert_eq!(ops.clone().mirrored().mirrored(), ops);
    }
}
