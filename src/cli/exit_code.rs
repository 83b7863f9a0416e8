//! Exit codes, as diff(1) and `git diff --exit-code` use them.

/// No difference, or success.
pub const SAME: i32 = 0;
/// Differences found, or changes flagged.
pub const DIFFERENT: i32 = 1;
/// Trouble: bad input, unknown ref, I/O error.
pub const TROUBLE: i32 = 2;
