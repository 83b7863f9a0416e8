//! Why a store operation failed: one error type for the whole store, each message naming
//! what to do, each cause kept as its `source`.

use std::fmt;
use std::path::PathBuf;

use thiserror::Error;

use super::names::did_you_mean;
use super::{CONFIG_FILE, ConfigError, LockError};
use crate::snapshot::SnapshotError;

/// Why a store operation failed. Each message names what to do.
#[derive(Debug, Error)]
pub enum StoreError {
    /// No repository where one was asked for.
    #[error("{}: not a git repository; run `reportdiff init` there or pass --store DIR", .dir.display())]
    NotARepository {
        /// Where one was looked for.
        dir: PathBuf,
    },
    /// A git repository is there, but nobody made or adopted it as a store: it has no
    /// `reportdiff.toml` at its root, so it is not ours to read or write.
    #[error("{}: a git repository, but not a reportdiff store (no {CONFIG_FILE} at its root); adopt it with `reportdiff init {}`", .dir.display(), .dir.display())]
    NotAStore {
        /// The repository's root.
        dir: PathBuf,
    },
    /// A repository is there but cannot be opened.
    #[error("{}: cannot open the repository", .dir.display())]
    Open {
        /// The repository.
        dir: PathBuf,
        /// What git said.
        #[source]
        source: GitError,
    },
    /// A git operation failed.
    #[error("git")]
    Git(#[from] GitError),
    /// HEAD is not on a branch, so there is nothing to commit onto.
    #[error("HEAD is detached; check out a branch before ingesting")]
    Detached,
    /// Another run holds the store, or a killed run left its lock.
    #[error(transparent)]
    Lock(#[from] LockError),
    /// The branch kept moving under us.
    #[error("the branch kept moving while committing (another writer?); run again")]
    Contended,
    /// The user has uncommitted edits to a file this run would write.
    #[error(
        "{0} has uncommitted changes; commit or discard them (git checkout -- {0}) and run again"
    )]
    Dirty(String),
    /// The configuration is broken.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A stored snapshot cannot be read.
    #[error("{path} at {commit}")]
    BadSnapshot {
        /// The file.
        path: String,
        /// The commit it was read at.
        commit: String,
        /// What is wrong with it.
        #[source]
        source: SnapshotError,
    },
    /// The report is not in the store.
    #[error("no report {report} in the store; {}", did_you_mean(.suggestions, "`reportdiff log`"))]
    UnknownReport {
        /// The report asked for, `HOSPITAL/REPORT`.
        report: String,
        /// The stored reports closest to it, best first.
        suggestions: Vec<String>,
    },
    /// The store holds no report of the hospital.
    #[error("no hospital {hospital} in the store; {}", did_you_mean(.suggestions, "`reportdiff log`"))]
    UnknownHospital {
        /// The hospital asked for.
        hospital: String,
        /// The stored hospitals closest to it, best first.
        suggestions: Vec<String>,
    },
    /// The revision names no commit. Git's own reason ("revspec not found", "OID prefix is
    /// too short") would only repeat this, so it is not kept.
    #[error("unknown revision `{0}`; use a sha, tag, branch or HEAD~N")]
    UnknownRevision(String),
    /// The report did not exist at that revision.
    #[error("{report} did not exist at {revision}")]
    NotAtRevision {
        /// The report.
        report: String,
        /// The revision.
        revision: String,
    },
    /// `@~N` went back past the first version.
    #[error(
        "{report} has {count} version{}; @~{back} goes back too far",
        if *.count == 1 { "" } else { "s" }
    )]
    TooFarBack {
        /// The report.
        report: String,
        /// How many versions it has.
        count: usize,
        /// How far back was asked.
        back: usize,
    },
    /// `@{date}` is before the first version.
    #[error("{report} has no version on or before {date}")]
    NoVersionAsOf {
        /// The report.
        report: String,
        /// The date asked for.
        date: String,
    },
    /// A file could not be written or read.
    #[error("{path}")]
    Io {
        /// The file, from the repository root.
        path: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The objects of a new commit could not be written.
    #[error("cannot write the pack of the new commit's objects")]
    Pack(#[source] std::io::Error),
}

impl From<git2::Error> for StoreError {
    fn from(e: git2::Error) -> Self {
        StoreError::Git(GitError(e))
    }
}

/// A failed git operation, as git words it.
///
/// It shows git's message alone: `git2::Error`'s own `Display` appends libgit2's class and
/// code numbers, which tell the reader nothing. The error itself is kept whole.
#[derive(Debug)]
pub struct GitError(git2::Error);

impl GitError {
    /// Whether git found nothing there (no repository, no such object).
    pub(super) fn is_not_found(&self) -> bool {
        self.0.code() == git2::ErrorCode::NotFound
    }
}

impl From<git2::Error> for GitError {
    fn from(e: git2::Error) -> Self {
        GitError(e)
    }
}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.message())
    }
}

// No `source`: the wrapped error's only content is the message shown above.
impl std::error::Error for GitError {}

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::*;

    #[test]
    fn a_git_failure_shows_the_message_and_keeps_the_error_as_its_cause() {
        let git = git2::Error::new(
            git2::ErrorCode::Exists,
            git2::ErrorClass::Os,
            "failed to make directory '诸城': directory exists",
        );
        assert!(git.to_string().contains("class="), "{git}");
        let err = StoreError::from(git);
        assert_eq!(err.to_string(), "git");
        let cause = err.source().expect("the git error");
        assert_eq!(
            cause.to_string(),
            "failed to make directory '诸城': directory exists"
        );
        assert!(cause.downcast_ref::<GitError>().is_some());
    }

    #[test]
    fn an_unreadable_snapshot_keeps_what_is_wrong_with_it() {
        let source = crate::snapshot::Snapshot::from_markdown("没有前言。\n").expect_err("bad");
        let err = StoreError::BadSnapshot {
            path: "snapshots/诸城市人民医院/联建.md".to_string(),
            commit: "3f2a9c1".to_string(),
            source,
        };
        assert_eq!(
            err.to_string(),
            "snapshots/诸城市人民医院/联建.md at 3f2a9c1"
        );
        assert!(err.source().is_some_and(|e| e.is::<SnapshotError>()));
    }
}
