//! The run lock: one `reportdiff` writer per store at a time, and a clear word when another
//! holds the store or a killed run left its lock behind.
//!
//! The lock is advisory: the commit itself is a compare-and-swap on the branch, so even a
//! writer that ignores the lock (a plain `git commit`) cannot make a snapshot get lost.

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use thiserror::Error;

/// The lock file's name inside the git directory.
pub const LOCK_FILE: &str = "reportdiff.lock";

const POLL: Duration = Duration::from_millis(50);

/// Why the lock could not be taken.
#[derive(Debug, Error)]
pub enum LockError {
    /// Another run holds the lock, and it is still running.
    #[error(
        "store is busy: another reportdiff run holds {shown} (pid {pid}); if no run is active, remove it"
    )]
    Busy {
        /// The lock file as shown to the user.
        shown: String,
        /// The holder's process id, as written in the lock.
        pid: String,
    },
    /// The lock was left by a run that is no longer alive.
    #[error(
        "stale lock: {shown} was left by reportdiff pid {pid}, which is no longer running (a killed run?); the branch is consistent: remove the file and run again (if `git status` then shows snapshots/ or raw/ modified, the run had committed; `git checkout HEAD -- snapshots raw` brings the work tree along)"
    )]
    Stale {
        /// The lock file as shown to the user.
        shown: String,
        /// The dead holder's process id.
        pid: String,
    },
    /// The lock file could not be created or removed.
    #[error("cannot create the lock {shown}")]
    Io {
        /// The lock file as shown to the user.
        shown: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// A held lock; dropping it removes the file.
#[derive(Debug)]
pub struct RunLock {
    path: PathBuf,
}

impl RunLock {
    /// Takes the lock in `git_dir`, waiting up to `wait` for another run to finish.
    ///
    /// `shown` is how the lock file is named in messages (`.git/reportdiff.lock`);
    /// `now` (seconds since the epoch) is written into the file for whoever finds it.
    pub fn acquire(
        git_dir: &Path,
        shown: &str,
        wait: Duration,
        now: i64,
    ) -> Result<RunLock, LockError> {
        let path = git_dir.join(LOCK_FILE);
        let io = |source| LockError::Io {
            shown: shown.to_string(),
            source,
        };
        // The lock appears complete or not at all: its content is written to a file of this
        // run's own, which is then linked in place (a link fails if the lock exists). A run
        // killed at any point so leaves either no lock or one that names it.
        let pid = std::process::id();
        let draft = git_dir.join(format!("{LOCK_FILE}.{pid}"));
        let mut file = fs::File::create(&draft).map_err(io)?;
        let written = writeln!(file, "{pid}\n{now}").and_then(|()| file.sync_all());
        drop(file);
        if let Err(source) = written {
            let _ = fs::remove_file(&draft);
            return Err(io(source));
        }
        let start = Instant::now();
        let taken = loop {
            match fs::hard_link(&draft, &path) {
                Ok(()) => break Ok(RunLock { path }),
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                    let pid = holder(&path);
                    if pid.as_deref().is_some_and(|p| !is_alive(p)) {
                        break Err(LockError::Stale {
                            shown: shown.to_string(),
                            pid: pid.unwrap_or_default(),
                        });
                    }
                    if start.elapsed() >= wait {
                        break Err(LockError::Busy {
                            shown: shown.to_string(),
                            pid: pid.unwrap_or_else(|| "unknown".to_string()),
                        });
                    }
                    std::thread::sleep(POLL);
                }
                Err(source) => break Err(io(source)),
            }
        };
        let _ = fs::remove_file(&draft);
        taken
    }
}

impl Drop for RunLock {
    fn drop(&mut self) {
        // Nothing to do if it fails: the next run finds the file and explains it.
        let _ = fs::remove_file(&self.path);
    }
}

/// The process id written in the lock file, if the file is complete.
fn holder(path: &Path) -> Option<String> {
    let text = fs::read_to_string(path).ok()?;
    let pid = text.lines().next()?.trim();
    (!pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())).then(|| pid.to_string())
}

/// Whether a process with this id runs on this machine. Where that cannot be told, a holder
/// is taken to be alive, so that the lock is never called stale by mistake.
fn is_alive(pid: &str) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_names_its_holder_and_leaves_no_draft_behind() {
        let dir = tempfile::tempdir().expect("tempdir");
        let lock =
            RunLock::acquire(dir.path(), ".git/reportdiff.lock", Duration::ZERO, 7).expect("lock");
        let files: Vec<String> = fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(files, [LOCK_FILE]);
        assert_eq!(
            holder(&dir.path().join(LOCK_FILE)),
            Some(std::process::id().to_string())
        );
        drop(lock);
        assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 0);
    }

    #[test]
    fn a_second_lock_waits_then_says_the_store_is_busy() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first =
            RunLock::acquire(dir.path(), ".git/reportdiff.lock", Duration::ZERO, 0).expect("free");
        let err = RunLock::acquire(dir.path(), ".git/reportdiff.lock", Duration::ZERO, 0)
            .expect_err("held");
        let message = err.to_string();
        assert!(message.starts_with("store is busy"), "{message}");
        assert!(
            message.contains(&std::process::id().to_string()),
            "{message}"
        );
        drop(first);
        RunLock::acquire(dir.path(), ".git/reportdiff.lock", Duration::ZERO, 0)
            .expect("released on drop");
    }

    #[test]
    fn a_lock_of_a_dead_process_is_called_stale() {
        if !cfg!(target_os = "linux") {
            return;
        }
        let dir = tempfile::tempdir().expect("tempdir");
        // Pids on Linux stay below 2^22, so this one is never alive.
        fs::write(dir.path().join(LOCK_FILE), "999999999\n0\n").expect("write");
        let err = RunLock::acquire(dir.path(), ".git/reportdiff.lock", Duration::ZERO, 0)
            .expect_err("stale");
        assert!(matches!(err, LockError::Stale { .. }), "{err}");
        assert!(err.to_string().contains("999999999"));
    }

    #[test]
    fn an_io_failure_is_the_cause_not_part_of_the_message() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("没有这个目录");
        let err = RunLock::acquire(&missing, ".git/reportdiff.lock", Duration::ZERO, 0)
            .expect_err("no folder to lock in");
        assert_eq!(
            err.to_string(),
            "cannot create the lock .git/reportdiff.lock"
        );
        let cause = std::error::Error::source(&err).expect("the I/O error");
        assert!(cause.downcast_ref::<std::io::Error>().is_some(), "{cause}");
    }
}
