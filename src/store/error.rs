//! Why a store operation failed: one error type for the whole store, each message naming
//! what to do.

use thiserror::Error;

use super::{ConfigError, LockError};

/// Why a store operation failed. Each message names what to do.
#[derive(Debug, Error)]
pub enum StoreError {
    /// No repository where one was asked for.
    #[error("{0}: not a git repository; run `reportdiff init` there or pass --store DIR")]
    NotARepository(String),
    /// A git operation failed.
    #[error("git: {0}")]
    Git(String),
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
    /// A report names no hospital.
    #[error("{0}: no hospital found in the report; pass --hospital NAME")]
    NoHospital(String),
    /// No report id could be chosen.
    #[error("{0}: no URL or title to name the report by; pass --report ID")]
    NoReportId(String),
    /// Two inputs of one run land on the same snapshot.
    #[error(
        "{first} and {second} are both stored as {path}; ingest them in separate runs or pass distinct --report ids"
    )]
    SamePath {
        /// The first input.
        first: String,
        /// The second input.
        second: String,
        /// Where both would land.
        path: String,
    },
    /// The configuration is broken.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A stored snapshot cannot be read.
    #[error("{path} at {commit}: {message}")]
    BadSnapshot {
        /// The file.
        path: String,
        /// The commit it was read at.
        commit: String,
        /// What is wrong.
        message: String,
    },
    /// The report is not in the store.
    #[error("no report {0} in the store; `reportdiff log` lists the stored reports")]
    UnknownReport(String),
    /// The revision does not exist.
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
    #[error("{report} has {count} version(s); @~{back} goes back too far")]
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
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
}

impl From<git2::Error> for StoreError {
    fn from(e: git2::Error) -> Self {
        StoreError::Git(e.message().to_string())
    }
}
