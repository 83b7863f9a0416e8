//! The store: a git repository of snapshots, one file per report, one commit per run.
//!
//! `snapshots/<hospital>/<report>.md` holds the current version of each report and git holds
//! every earlier one; `raw/<hospital>/<report>.<ext>` keeps the input it was read from, so
//! that improved rules can re-derive every snapshot. This module is the only user of `git2`.
//! It is a place for snapshot files and knows nothing of how a report is read: its caller
//! (the `record` step) plans the [`Edit`]s against the branch [`Tip`], and [`Store::commit`]
//! writes them; `watch/<source>.toml` keeps what `watch` remembers of each source between
//! runs. Time and identity are parameters ([`CommitInfo`]): the library never reads a
//! clock or the environment.

pub mod changes;
mod commit;
pub mod config;
mod error;
mod history;
pub mod lock;
mod message;
mod names;
mod open;
pub mod path;
pub mod refs;
mod repo;
mod tip;
mod trees;

use git2::Repository;

pub use commit::{CommitInfo, CommitTime, Committed, Edit, Identity, Plan, RawInput};
pub use config::{CONFIG_FILE, Config, ConfigError};
pub use error::{GitError, StoreError};
pub use history::{LogEntry, LogQuery, ReportChange, Scope, Stored};
pub use lock::{LockError, TakenOver};
pub use open::Initialized;
pub use path::ReportPath;
pub use refs::{At, RefError, ReportRef};
pub use tip::Tip;

/// The folder of snapshots at the repository root.
pub const SNAPSHOTS_DIR: &str = "snapshots";
/// The folder of raw inputs at the repository root.
pub const RAW_DIR: &str = "raw";
/// The folder of watched sources' state files at the repository root.
pub const WATCH_DIR: &str = "watch";
/// The trailer that marks a commit made by `renormalize`.
pub const NORMALIZER_CHANGE_TRAILER: &str = "Normalizer-Change";

/// A snapshot store: a git repository (with or without a work tree) and its configuration.
pub struct Store {
    repo: Repository,
    config: Config,
}
