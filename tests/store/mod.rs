//! `reportdiff init`, `ingest`, `log`, `show`, `renormalize` and REFs, end to end in
//! temporary repositories (pinned time and signature, no user git configuration), and the
//! library's record step beneath them.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

use crate::common::{reportdiff, seed};

mod identity;
mod listing;
mod recognition;
mod record;
mod refs;
mod safety;
mod versions;

pub const SEEDS: [&str; 5] = ["000", "001", "002", "003", "004"];

/// A temporary home and a store inside it.
pub struct Fixture {
    pub tmp: tempfile::TempDir,
    pub store: PathBuf,
}

impl Fixture {
    /// An initialized store with a work tree.
    pub fn new() -> Fixture {
        let fixture = Fixture::empty();
        fixture
            .cmd()
            .current_dir(fixture.tmp.path())
            .args(["init", "store"])
            .assert()
            .success()
            .stdout("created store in store\n");
        fixture
    }

    /// A temporary home with no store yet.
    pub fn empty() -> Fixture {
        let tmp = tempfile::tempdir().expect("tempdir");
        let store = tmp.path().join("store");
        Fixture { tmp, store }
    }

    /// `reportdiff` run in the store, with no git identity configured anywhere.
    pub fn cmd(&self) -> Command {
        let mut cmd = reportdiff();
        cmd.current_dir(&self.store)
            .env("HOME", self.tmp.path())
            .env("XDG_CONFIG_HOME", self.tmp.path())
            .env_remove("GIT_AUTHOR_NAME")
            .env_remove("GIT_AUTHOR_EMAIL")
            .env_remove("GIT_COMMITTER_NAME")
            .env_remove("GIT_COMMITTER_EMAIL");
        cmd
    }

    /// `git` run in `dir`, hermetically; panics unless it succeeds.
    pub fn git_in(&self, dir: &Path, args: &[&str]) -> String {
        let output = self.git_output(dir, args);
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("utf-8")
    }

    pub fn git_output(&self, dir: &Path, args: &[&str]) -> Output {
        std::process::Command::new("git")
            .current_dir(dir)
            .args(["-c", "core.quotepath=off"])
            .args(args)
            .env("HOME", self.tmp.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "编辑")
            .env("GIT_AUTHOR_EMAIL", "editor@example.com")
            .env("GIT_COMMITTER_NAME", "编辑")
            .env("GIT_COMMITTER_EMAIL", "editor@example.com")
            .output()
            .expect("git runs")
    }

    pub fn git(&self, args: &[&str]) -> String {
        self.git_in(&self.store, args)
    }

    /// `git fsck` finds no error and `git status` nothing uncommitted.
    pub fn assert_clean(&self) {
        self.git(&["fsck", "--no-progress"]);
        assert_eq!(self.git(&["status", "--porcelain"]), "");
    }

    pub fn head(&self) -> String {
        self.git(&["rev-parse", "--short=7", "HEAD"])
            .trim()
            .to_string()
    }

    /// Ingests the five seeds in one run under one hospital.
    pub fn ingest_seeds(&self) {
        let mut cmd = self.cmd();
        cmd.arg("ingest");
        for prefix in SEEDS {
            cmd.arg(seed(prefix));
        }
        cmd.args(["--hospital", "诸城市人民医院"])
            .assert()
            .success();
    }

    /// Ingests the five seeds, then a second version of seed 003 in a second run.
    pub fn ingest_two_versions(&self) {
        self.ingest_seeds();
        self.cmd()
            .args(["ingest", "--hospital", "诸城市人民医院"])
            .arg(self.edited_seed())
            .assert()
            .success();
    }

    /// A second version of seed 003: one sentence edited, one removed; same file name.
    pub fn edited_seed(&self) -> PathBuf {
        let original = std::fs::read_to_string(seed("003")).expect("seed");
        let edited = original
            .replacen(
                "由18个党支部调整为23个党支部",
                "由18个党支部调整为25个党支部",
                1,
            )
            .replacen("与强者同行,方可行稳致远。", "", 1);
        assert_ne!(edited, original, "the seed holds the edited sentences");
        let dir = self.tmp.path().join("v2");
        std::fs::create_dir_all(&dir).expect("mkdir");
        let path = dir.join(seed("003").file_name().expect("file name"));
        std::fs::write(&path, edited).expect("write");
        path
    }

    /// Seed 003 as stored: its report id is its title.
    pub fn report_003(&self) -> String {
        "诸城市人民医院/天坛医院联建诸城的背后".to_string()
    }
}
