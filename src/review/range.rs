//! The two revisions a review compares: by default, where HEAD left the default branch
//! (their merge base) and HEAD, as a pull request's "Files changed" shows them.

use crate::store::StoreError;
use crate::store::changes::{DEFAULT_BRANCHES, Revision, Revisions};

use super::ReviewError;

/// The revisions a review compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Range {
    /// The old side of every diff: the merge base of `base_asked` and `head`.
    pub base: Revision,
    /// The new side of every diff.
    pub head: Revision,
    /// The base as asked for (`--base`) or chosen (the default branch's name).
    pub base_asked: String,
    /// The head as asked for (`--head`, default `HEAD`).
    pub head_asked: String,
    /// Whether `base` is a merge base that differs from the commit `base_asked` names (the
    /// default branch moved on since HEAD left it).
    pub forked: bool,
}

impl Range {
    /// `1a2b3c4..5d6e7f8`.
    pub fn commits(&self) -> String {
        format!("{}..{}", self.base.short, self.head.short)
    }

    /// How the range was chosen: `main..HEAD`, or `merge-base of main and HEAD..HEAD` when
    /// the base branch moved on.
    pub fn description(&self) -> String {
        if self.forked {
            format!(
                "merge-base of {} and {}..{}",
                self.base_asked, self.head_asked, self.head_asked
            )
        } else {
            format!("{}..{}", self.base_asked, self.head_asked)
        }
    }
}

/// Resolves the range: `head` (default `HEAD`) and the merge base of `base` (default: the
/// first of [`DEFAULT_BRANCHES`] that exists) with it. For unrelated histories the base is
/// `base` itself.
pub fn choose(
    revisions: &Revisions,
    base: Option<&str>,
    head: Option<&str>,
) -> Result<Range, ReviewError> {
    let head_asked = head.unwrap_or("HEAD");
    let head = revisions.resolve(head_asked).map_err(|e| match (head, e) {
        (None, StoreError::UnknownRevision(_)) => ReviewError::NoHead,
        (_, e) => ReviewError::Store(e),
    })?;
    let base_asked = match base {
        Some(base) => base,
        None => revisions
            .default_branch()
            .ok_or(ReviewError::NoDefaultBranch)?,
    };
    let tip = revisions.resolve(base_asked)?;
    let base = revisions.merge_base(&tip, &head)?.unwrap_or(tip.clone());
    Ok(Range {
        forked: base != tip,
        base,
        head,
        base_asked: base_asked.to_string(),
        head_asked: head_asked.to_string(),
    })
}

/// The names looked for when no base is given, for messages.
pub fn default_branch_names() -> String {
    DEFAULT_BRANCHES.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn revision(short: &str) -> Revision {
        Revision {
            id: format!("{short}{}", "0".repeat(40 - short.len())),
            short: short.to_string(),
        }
    }

    #[test]
    fn a_range_says_how_it_was_chosen() {
        let mut range = Range {
            base: revision("1a2b3c4"),
            head: revision("5d6e7f8"),
            base_asked: "main".to_string(),
            head_asked: "HEAD".to_string(),
            forked: false,
        };
        assert_eq!(range.commits(), "1a2b3c4..5d6e7f8");
        assert_eq!(range.description(), "main..HEAD");
        range.forked = true;
        assert_eq!(range.description(), "merge-base of main and HEAD..HEAD");
    }

    #[test]
    fn the_default_branches_are_named_in_the_order_they_are_tried() {
        assert_eq!(
            default_branch_names(),
            "origin/HEAD, main, master, origin/main, origin/master"
        );
    }
}
