//! Watch: the scheduled job. Re-read every source of the store's `[[watch]]` list, store
//! what changed in ONE commit through the same record step as `ingest`, and say what
//! matters: the changes the flag rules select, the sources that broke, and nothing else.
//!
//! Its enemy is the false alarm. A page is compared as its normalized sentences (their
//! comparison keys, [`state::version_hash`]), never as bytes, so a new sidebar, view count,
//! crawl time or advert that extraction drops is no change; a page that fails to load
//! changes nothing stored; and a page that comes back to a version seen shortly before (a
//! rotating page, an outage page that recovers) is a flip-back, stored to keep the history
//! true but not flagged as a new change.
//!
//! ```text
//! sources (source.rs) -> gather (fetch | file -> decode -> select -> record::read -> ignore)
//!   -> classify against each source's state (state.rs) -> record::commit_run (one commit,
//!   state files with it) -> diff + flag rules (flags.rs) -> RunReport (report.rs)
//! ```

pub mod flags;
pub mod gather;
pub mod pool;
pub mod report;
mod run;
pub mod source;
pub mod state;

use thiserror::Error;

use crate::fetch::{FetchOptions, Fetcher};
use crate::record::RecordError;
use crate::store::config::WatchSource;
use crate::store::{CONFIG_FILE, Store, StoreError};

pub use report::{Changed, Counts, Outcome, RunReport, SourceReport};
pub use run::run;
pub use source::Selection;

/// How a run goes.
#[derive(Debug, Clone, PartialEq)]
pub struct WatchOptions {
    /// Which sources it takes.
    pub selection: Selection,
    /// Read and compare, write nothing.
    pub dry_run: bool,
    /// Sources read at once.
    pub jobs: usize,
    /// Sources of one host read at once.
    pub per_host: usize,
    /// How pages are fetched.
    pub fetch: FetchOptions,
}

impl Default for WatchOptions {
    fn default() -> Self {
        WatchOptions {
            selection: Selection::default(),
            dry_run: false,
            jobs: 8,
            per_host: 2,
            fetch: FetchOptions::default(),
        }
    }
}

/// Why a run as a whole failed (a failing source is no such reason: it is reported).
#[derive(Debug, Error)]
pub enum WatchError {
    /// A `[[watch]]` table is wrong.
    #[error("{CONFIG_FILE}: [[watch]] number {source_index}: {why}")]
    Config {
        /// Which table, counting from 1.
        source_index: usize,
        /// What is wrong.
        why: String,
    },
    /// The store could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The reports could not be recorded.
    #[error(transparent)]
    Record(#[from] RecordError),
}

/// Reads a source that is not in the store's list yet, as a run would read it the first
/// time: what `watch add` checks before it adds the source. The outer error is a mistake in
/// the table; the inner one, why the source does not read.
pub fn try_source(
    entry: &WatchSource,
    store: &Store,
    fetch: FetchOptions,
) -> Result<Result<gather::ReadSource, gather::SourceError>, WatchError> {
    let source = source::source(entry, store.config(), store.root())?;
    let fetcher = Fetcher::new(fetch);
    let state = state::SourceState::default();
    Ok(
        match gather::gather(&source, &state, &fetcher, &std::thread::sleep) {
            Ok(gather::Got::Read(read)) => Ok(*read),
            // No validators were sent, so a server that answers 304 is misbehaving.
            Ok(gather::Got::NotModified) => Err(gather::SourceError::new(
                "http_status",
                "HTTP 304 to a request that was not conditional",
            )),
            Err(error) => Err(error),
        },
    )
}

/// How far a run has come, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress<'a> {
    /// The run will read this many sources.
    Total(usize),
    /// A source has been read (or failed).
    Read(&'a str),
    /// Every source is read; the commit is being made.
    Committing,
}
