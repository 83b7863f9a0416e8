//! The run lock: one `reportdiff` writer per store at a time, and a clear word when another
//! holds the store or a killed run left its lock behind.
//!
//! The lock is advisory: the commit itself is a compare-and-swap on the branch, so even a
//! writer that ignores the lock (a plain `git commit`) cannot make a snapshot get lost.
//! A person running `ingest` is told about a stale lock and decides; an unattended run
//! (`watch` from cron) takes over a lock whose holder is dead on this very host, since
//! nobody would come to remove it and every later run would stay blocked.

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

/// What to do with a lock whose holder is no longer running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stale {
    /// Refuse with [`LockError::Stale`]: a person decides.
    Refuse,
    /// Take it over, when its holder ran on this host and is dead: an unattended run.
    TakeOver,
}

/// A dead run's lock that was taken over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakenOver {
    /// The lock file as shown to the user.
    pub shown: String,
    /// The dead holder's process id.
    pub pid: String,
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
    /// `now` (seconds since the epoch) is written into the file for whoever finds it, with
    /// this host's name, so that only a run on the same host judges whether its holder lives.
    pub fn acquire(
        git_dir: &Path,
        shown: &str,
        wait: Duration,
        now: i64,
    ) -> Result<RunLock, LockError> {
        Self::acquire_with(git_dir, shown, wait, now, Stale::Refuse).map(|(lock, _)| lock)
    }

    /// Takes the lock as [`RunLock::acquire`] does; with [`Stale::TakeOver`], a lock left by
    /// a dead process of this host is taken over, and said so in the second value.
    pub fn acquire_with(
        git_dir: &Path,
        shown: &str,
        wait: Duration,
        now: i64,
        stale: Stale,
    ) -> Result<(RunLock, Option<TakenOver>), LockError> {
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
        let host = this_host().unwrap_or_default();
        let written = writeln!(file, "{pid}\n{now}\n{host}").and_then(|()| file.sync_all());
        drop(file);
        if let Err(source) = written {
            let _ = fs::remove_file(&draft);
            return Err(io(source));
        }
        let start = Instant::now();
        let mut taken_over = None;
        let taken = loop {
            match fs::hard_link(&draft, &path) {
                Ok(()) => break Ok((RunLock { path }, taken_over)),
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                    let found = fs::read_to_string(&path).unwrap_or_default();
                    let pid = holder(&found);
                    if let Some(dead) = pid.as_deref().filter(|p| is_dead_here(p, &found)) {
                        if stale == Stale::Refuse {
                            break Err(LockError::Stale {
                                shown: shown.to_string(),
                                pid: dead.to_string(),
                            });
                        }
                        if set_aside(&path, &found, pid_file(git_dir)).map_err(io)? {
                            taken_over = Some(TakenOver {
                                shown: shown.to_string(),
                                pid: dead.to_string(),
                            });
                        }
                        continue;
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

/// The process id written in a lock file's text, if the file is complete.
fn holder(text: &str) -> Option<String> {
    let pid = text.lines().next()?.trim();
    (!pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())).then(|| pid.to_string())
}

/// Whether the lock's holder ran on this host and is dead. A lock of another host (a
/// shared folder) is never judged here; a lock without a host line (written before locks
/// named their host) is taken to be of this host, as it always was.
fn is_dead_here(pid: &str, text: &str) -> bool {
    let host = text.lines().nth(2).map(str::trim).filter(|h| !h.is_empty());
    let here = match host {
        None => true,
        Some(host) => this_host().is_some_and(|h| h == host),
    };
    here && !is_alive(pid)
}

/// Where a dead lock is moved before this run takes the lock's place.
fn pid_file(git_dir: &Path) -> PathBuf {
    git_dir.join(format!("{LOCK_FILE}.dead.{}", std::process::id()))
}

/// Moves a dead run's lock out of the way and removes it. The move is atomic, so of two runs
/// taking over at once only one moves it; if what was moved is no longer the dead lock
/// (another run took over in between and locked), it is put back. Whether the dead lock was
/// removed by this run.
fn set_aside(path: &Path, dead: &str, aside: PathBuf) -> std::io::Result<bool> {
    match fs::rename(path, &aside) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    }
    let moved = fs::read_to_string(&aside).unwrap_or_default();
    if moved != dead {
        // A live lock: back into place, unless yet another run holds it by now.
        let _ = fs::hard_link(&aside, path);
        let _ = fs::remove_file(&aside);
        return Ok(false);
    }
    fs::remove_file(&aside)?;
    Ok(true)
}

/// This host's name, as the kernel knows it; `None` where it cannot be read.
fn this_host() -> Option<String> {
    let name = fs::read_to_string("/proc/sys/kernel/hostname").ok()?;
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
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
        let text = fs::read_to_string(dir.path().join(LOCK_FILE)).expect("lock");
        assert_eq!(holder(&text), Some(std::process::id().to_string()));
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
    fn an_unattended_run_takes_over_a_dead_lock_of_this_host_only() {
        if !cfg!(target_os = "linux") {
            return;
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let host = this_host().expect("a host name");
        fs::write(
            dir.path().join(LOCK_FILE),
            format!("999999999\n0\n{host}\n"),
        )
        .expect("write");
        let (lock, taken) = RunLock::acquire_with(
            dir.path(),
            ".git/reportdiff.lock",
            Duration::ZERO,
            0,
            Stale::TakeOver,
        )
        .expect("taken over");
        assert_eq!(taken.map(|t| t.pid).as_deref(), Some("999999999"));
        drop(lock);
        assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 0);

        // Another host's process cannot be looked up from here: that lock is busy, not stale.
        fs::write(dir.path().join(LOCK_FILE), "999999999\n0\n另一台主机\n").expect("write");
        let err = RunLock::acquire_with(
            dir.path(),
            ".git/reportdiff.lock",
            Duration::ZERO,
            0,
            Stale::TakeOver,
        )
        .expect_err("busy");
        assert!(matches!(err, LockError::Busy { .. }), "{err}");
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
