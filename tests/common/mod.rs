//! Shared helpers: run the binary hermetically and read fixtures.

#![allow(dead_code)] // each test module uses a different subset of the helpers

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The project's test fixtures folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A fixture's path.
pub fn fixture(name: &str) -> PathBuf {
    fixtures().join(name)
}

/// The path of a seed report by its file-name prefix ("000", "001", …).
pub fn seed(prefix: &str) -> PathBuf {
    let dir = fixtures().join("seeds");
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/seeds exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .collect();
    entries.sort();
    entries.into_iter().next().expect("seed exists")
}

/// The `reportdiff` binary with a hermetic environment: no colour, no store from the
/// environment, no user or system git configuration (libgit2 reads `~/.gitconfig` whatever
/// `GIT_CONFIG_GLOBAL` says, so `HOME` points at an empty folder), a pinned clock for commits.
pub fn reportdiff() -> Command {
    let mut cmd = Command::cargo_bin("reportdiff").expect("binary is built");
    let home = env!("CARGO_TARGET_TMPDIR");
    cmd.env_remove("REPORTDIFF_STORE")
        .env_remove("NO_COLOR")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", "2025-07-01T08:00:00+08:00")
        .env("GIT_COMMITTER_DATE", "2025-07-01T08:00:00+08:00");
    cmd
}
