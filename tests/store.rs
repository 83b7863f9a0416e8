//! `reportdiff init`, `ingest`, `log`, `show`, `renormalize` and REFs, end to end in
//! temporary repositories (pinned time and signature, no user git configuration).

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use predicates::prelude::*;

use crate::common::{reportdiff, seed};

const SEEDS: [&str; 5] = ["000", "001", "002", "003", "004"];

/// A temporary home and a store inside it.
struct Fixture {
    tmp: tempfile::TempDir,
    store: PathBuf,
}

impl Fixture {
    /// An initialized store with a work tree.
    fn new() -> Fixture {
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
    fn empty() -> Fixture {
        let tmp = tempfile::tempdir().expect("tempdir");
        let store = tmp.path().join("store");
        Fixture { tmp, store }
    }

    /// `reportdiff` run in the store, with no git identity configured anywhere.
    fn cmd(&self) -> Command {
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
    fn git_in(&self, dir: &Path, args: &[&str]) -> String {
        let output = self.git_output(dir, args);
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("utf-8")
    }

    fn git_output(&self, dir: &Path, args: &[&str]) -> Output {
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

    fn git(&self, args: &[&str]) -> String {
        self.git_in(&self.store, args)
    }

    /// `git fsck` finds no error and `git status` nothing uncommitted.
    fn assert_clean(&self) {
        self.git(&["fsck", "--no-progress"]);
        assert_eq!(self.git(&["status", "--porcelain"]), "");
    }

    fn head(&self) -> String {
        self.git(&["rev-parse", "--short=7", "HEAD"])
            .trim()
            .to_string()
    }

    /// Ingests the five seeds in one run under one hospital.
    fn ingest_seeds(&self) {
        let mut cmd = self.cmd();
        cmd.arg("ingest");
        for prefix in SEEDS {
            cmd.arg(seed(prefix));
        }
        cmd.args(["--hospital", "诸城市人民医院"])
            .assert()
            .success();
    }

    /// A second version of seed 003: one sentence edited, one removed; same file name.
    fn edited_seed(&self) -> PathBuf {
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

    fn report_003(&self) -> String {
        let stem = seed("003")
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        format!("诸城市人民医院/{stem}")
    }
}

#[test]
fn init_creates_a_repository_with_a_commented_config() {
    let f = Fixture::new();
    assert!(f.store.join("snapshots").is_dir());
    let config = std::fs::read_to_string(f.store.join("reportdiff.toml")).expect("config");
    assert!(config.contains("[aliases]") && config.contains("# "));
    assert_eq!(
        f.git(&["log", "--format=%an <%ae>|%s"]),
        "reportdiff <reportdiff@localhost>|init reportdiff store\n"
    );
    f.assert_clean();
    f.cmd()
        .args(["init", "."])
        .assert()
        .success()
        .stdout(". is already a store; nothing changed\n");
}

#[test]
fn init_adopts_an_existing_repository_and_leaves_its_work_alone() {
    let f = Fixture::empty();
    std::fs::create_dir_all(&f.store).expect("mkdir");
    f.git(&["init", "-q", "-b", "main"]);
    std::fs::write(f.store.join("笔记.txt"), "未提交的笔记\n").expect("write");
    f.cmd()
        .args(["init"])
        .assert()
        .success()
        .stdout("adopted repository . as a store\n");
    assert_eq!(f.git(&["status", "--porcelain"]), "?? 笔记.txt\n");
    assert_eq!(
        std::fs::read_to_string(f.store.join("笔记.txt")).expect("kept"),
        "未提交的笔记\n"
    );
}

#[test]
fn ingest_of_the_five_seeds_is_one_commit_with_trailers() {
    let f = Fixture::new();
    let mut cmd = f.cmd();
    cmd.arg("ingest");
    for prefix in SEEDS {
        cmd.arg(seed(prefix));
    }
    let output = cmd
        .args(["--hospital", "诸城市人民医院"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let stdout = String::from_utf8(output).expect("utf-8");
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("new 诸城市人民医院/"))
            .count(),
        5
    );
    assert_eq!(
        stdout.lines().last(),
        Some(format!("committed {}", f.head()).as_str())
    );
    assert_eq!(f.git(&["rev-list", "--count", "HEAD"]), "2\n");
    let message = f.git(&["log", "-1", "--format=%B"]);
    assert!(
        message.starts_with("ingest 5 reports (5 new, 0 updated)\n"),
        "{message}"
    );
    assert!(
        message.contains("Fetched-At: 2025-07-01T08:00:00+08:00"),
        "{message}"
    );
    let files = f.git(&["ls-files"]);
    assert_eq!(
        files
            .lines()
            .filter(|l| l.starts_with("snapshots/"))
            .count(),
        5,
        "{files}"
    );
    assert_eq!(
        files.lines().filter(|l| l.starts_with("raw/")).count(),
        5,
        "{files}"
    );
    let snapshot =
        std::fs::read_to_string(f.store.join(format!("snapshots/{}.md", f.report_003())))
            .expect("snapshot in the work tree");
    assert!(snapshot.contains("hospital = \"诸城市人民医院\""));
    assert!(snapshot.contains("normalizer = \"0.1.0+rules."));
    assert!(snapshot.contains("由18个党支部调整为23个党支部"));
    f.assert_clean();
}

#[test]
fn a_second_version_is_a_new_commit_and_an_unchanged_one_is_none() {
    let f = Fixture::new();
    f.ingest_seeds();
    let edited = f.edited_seed();
    f.cmd()
        .args(["ingest", "--hospital", "诸城市人民医院"])
        .arg(&edited)
        .env("GIT_COMMITTER_DATE", "2025-08-01T08:00:00+08:00")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!(
            "updated {} (+0 -1 ~1",
            f.report_003()
        )))
        .stdout(predicate::str::contains("committed "));
    assert_eq!(
        f.git(&["log", "-1", "--format=%s"]),
        format!("update {}\n", f.report_003())
    );
    let before = f.head();
    f.cmd()
        .args(["ingest", "--hospital", "诸城市人民医院"])
        .arg(&edited)
        .assert()
        .success()
        .stdout(format!(
            "unchanged {}\nnothing to commit: all 1 reports unchanged\n",
            f.report_003()
        ));
    assert_eq!(f.head(), before);
    f.assert_clean();
}

#[test]
fn log_lists_versions_newest_first_with_counts() {
    let f = Fixture::new();
    f.ingest_seeds();
    f.cmd()
        .args(["ingest", "--hospital", "诸城市人民医院", "-m", "八月更新"])
        .arg(f.edited_seed())
        .env("GIT_COMMITTER_DATE", "2025-08-01T08:00:00+08:00")
        .assert()
        .success();
    let stdout = f
        .cmd()
        .args(["log", &f.report_003()])
        .output()
        .expect("runs")
        .stdout;
    let stdout = String::from_utf8(stdout).expect("utf-8");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].contains("2025-08-01 08:00 +0800  +0 -1 ~1  八月更新"),
        "{stdout}"
    );
    assert!(
        lines[1].contains("2025-07-01 08:00 +0800  new ("),
        "{stdout}"
    );
    let all = f.cmd().arg("log").output().expect("runs").stdout;
    let all = String::from_utf8(all).expect("utf-8");
    assert_eq!(
        all.lines().filter(|l| l.starts_with("    ")).count(),
        6,
        "{all}"
    );
    f.cmd()
        .args(["log", "诸城市人民医院/没有这篇"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no report 诸城市人民医院/没有这篇",
        ));
}

#[test]
fn show_reads_every_ref_form() {
    let f = Fixture::new();
    f.ingest_seeds();
    let first = f.head();
    f.git(&["tag", "v1"]);
    f.cmd()
        .args(["ingest", "--hospital", "诸城市人民医院"])
        .arg(f.edited_seed())
        .env("GIT_COMMITTER_DATE", "2025-08-01T08:00:00+08:00")
        .assert()
        .success();
    std::fs::write(
        f.store.join("reportdiff.toml"),
        "[aliases]\n\"诸城人医\" = \"诸城市人民医院\"\n",
    )
    .expect("write config");
    f.git(&["commit", "-qam", "别名"]);
    let report = f.report_003();
    let old = "由18个党支部调整为23个党支部";
    let new = "由18个党支部调整为25个党支部";
    let show = |reference: String, expected: &str| {
        f.cmd()
            .args(["show", &reference])
            .assert()
            .success()
            .stdout(predicate::str::contains(expected));
    };
    show(report.clone(), new);
    show(format!("{report}@{first}"), old);
    show(format!("{report}@v1"), old);
    show(format!("{report}@HEAD~2"), old);
    show(format!("{report}@main"), new);
    show(format!("{report}@~1"), old);
    show(format!("{report}@~0"), new);
    show(format!("{report}@{{2025-07-31}}"), old);
    show(format!("{report}@{{2025-08-01}}"), new);
    show(report.replace("诸城市人民医院", "诸城人医"), new);
    f.cmd()
        .args(["show", &report, "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("reportdiff.snapshot/v1"));
    let fails = |reference: String, message: &str| {
        f.cmd()
            .args(["show", &reference])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(message))
            .stderr(predicate::function(|s: &str| s.lines().count() == 1));
    };
    fails(
        format!("{report}@~5"),
        "has 2 version(s); @~5 goes back too far",
    );
    fails(
        format!("{report}@{{2025-06-30}}"),
        "no version on or before 2025-06-30",
    );
    fails(format!("{report}@没有"), "unknown revision `没有`");
    fails(format!("{report}@{{去年}}"), "YYYY-MM-DD");
    fails("诸城市人民医院".to_string(), "HOSPITAL/REPORT");
}

#[test]
fn refs_are_inputs_and_two_versions_diff() {
    let f = Fixture::new();
    f.ingest_seeds();
    f.cmd()
        .args(["ingest", "--hospital", "诸城市人民医院"])
        .arg(f.edited_seed())
        .assert()
        .success();
    let report = f.report_003();
    f.cmd()
        .args(["normalize", &format!("{report}@~1")])
        .assert()
        .success()
        .stdout(predicate::str::contains("由18个党支部调整为23个党支部"));

    let store = reportdiff::store::Store::open(&f.store).expect("store");
    let read = |text: String| {
        let reference = reportdiff::store::ReportRef::parse(&text).expect("REF");
        let stored = store.read(&reference).expect("stored");
        reportdiff::diff::Side {
            label: text,
            revision: Some(stored.commit),
            snapshot: stored.snapshot,
        }
    };
    let result = reportdiff::diff::diff(
        read(format!("{report}@~1")),
        read(report.clone()),
        &reportdiff::metrics::Lexicon::builtin(),
        &reportdiff::diff::DiffOptions::default(),
    );
    assert_eq!(result.summary.deleted, 1);
    assert!(
        result
            .changes
            .iter()
            .any(|c| c.new.iter().any(|s| s.contains("调整为25个")))
    );
    assert_ne!(result.old.revision, result.new.revision);
}

#[test]
fn uncommitted_edits_to_a_snapshot_are_refused_and_other_work_is_kept() {
    let f = Fixture::new();
    f.ingest_seeds();
    let snapshot = f.store.join(format!("snapshots/{}.md", f.report_003()));
    std::fs::write(f.store.join("笔记.txt"), "未提交\n").expect("write");
    std::fs::write(f.store.join("reportdiff.toml"), "[aliases]\n").expect("write");
    f.git(&["add", "reportdiff.toml"]);
    let edited = f.edited_seed();

    let mut hand_edit = std::fs::read_to_string(&snapshot).expect("snapshot");
    hand_edit.push_str("手工添加的一句。\n");
    std::fs::write(&snapshot, &hand_edit).expect("write");
    let before = f.head();
    f.cmd()
        .args(["ingest", "--hospital", "诸城市人民医院"])
        .arg(&edited)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has uncommitted changes"))
        .stderr(predicate::str::contains(f.report_003()));
    assert_eq!(f.head(), before);
    assert_eq!(std::fs::read_to_string(&snapshot).expect("kept"), hand_edit);

    f.git(&["checkout", "--", "snapshots"]);
    f.cmd()
        .args(["ingest", "--hospital", "诸城市人民医院"])
        .arg(&edited)
        .assert()
        .success();
    assert_eq!(
        f.git(&["status", "--porcelain"]),
        "M  reportdiff.toml\n?? 笔记.txt\n"
    );
    assert_eq!(
        f.git(&["show", "--stat", "--format=", "HEAD"])
            .lines()
            .count(),
        3
    );
}

#[test]
fn a_bare_store_takes_ingests_and_answers_refs() {
    let f = Fixture::empty();
    f.cmd()
        .current_dir(f.tmp.path())
        .args(["init", "--bare", "store"])
        .assert()
        .success();
    f.cmd()
        .current_dir(f.tmp.path())
        .args(["--store", "store", "ingest", "--hospital", "定陶区人民医院"])
        .arg(seed("002"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with("new 定陶区人民医院/"));
    let stem = seed("002")
        .file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned();
    f.cmd()
        .current_dir(f.tmp.path())
        .env("REPORTDIFF_STORE", "store")
        .args(["show", &format!("定陶区人民医院/{stem}")])
        .assert()
        .success()
        .stdout(predicate::str::contains("hospital = \"定陶区人民医院\""));
    f.git(&["fsck", "--no-progress"]);
    let files = f.git(&["ls-tree", "-r", "--name-only", "main"]);
    assert!(
        files.contains(&format!("snapshots/定陶区人民医院/{stem}.md")),
        "{files}"
    );
}

#[test]
fn two_ingests_at_once_both_land_or_one_says_the_store_is_busy() {
    let f = Fixture::new();
    let spawn = |prefix: &str| {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("reportdiff"));
        cmd.current_dir(&f.store)
            .env("HOME", f.tmp.path())
            .env("GIT_COMMITTER_DATE", "2025-07-01T08:00:00+08:00")
            .env_remove("REPORTDIFF_STORE")
            .args(["ingest", "--hospital", "诸城市人民医院"])
            .arg(seed(prefix))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawns")
    };
    let runs = [spawn("001"), spawn("004")];
    let outputs: Vec<Output> = runs
        .into_iter()
        .map(|child| child.wait_with_output().expect("waits"))
        .collect();
    let files = f.git(&["ls-tree", "-r", "--name-only", "HEAD", "snapshots"]);
    for (output, prefix) in outputs.iter().zip(["001", "004"]) {
        let stem = seed(prefix)
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        if output.status.success() {
            assert!(files.contains(&stem), "{prefix} landed: {files}");
        } else {
            assert_eq!(output.status.code(), Some(2));
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(stderr.contains("store is busy"), "{stderr}");
        }
    }
    assert!(outputs.iter().any(|o| o.status.success()));
    f.assert_clean();
}

#[test]
fn a_stale_lock_is_explained() {
    let f = Fixture::new();
    std::fs::write(f.store.join(".git/reportdiff.lock"), "999999999\n0\n").expect("write");
    f.cmd()
        .args(["ingest", "--hospital", "诸城市人民医院"])
        .arg(seed("003"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("stale lock: .git/reportdiff.lock"))
        .stderr(predicate::str::contains("999999999"));
}

#[test]
fn hostile_hospital_names_stay_inside_snapshots() {
    let f = Fixture::new();
    let long = "长".repeat(200);
    for (hospital, folder) in [("../../etc", "_._etc"), ("CON", "CON_")] {
        f.cmd()
            .args(["ingest", "--hospital", hospital])
            .arg(seed("003"))
            .assert()
            .success();
        assert!(
            f.store.join("snapshots").join(folder).is_dir(),
            "{hospital}"
        );
    }
    f.cmd()
        .args(["ingest", "--hospital", &long])
        .arg(seed("003"))
        .assert()
        .success();
    let files = f.git(&["ls-files", "snapshots"]);
    assert_eq!(files.lines().count(), 3, "{files}");
    for line in files.lines() {
        let folder = line.split('/').nth(1).expect("folder");
        assert!(folder.len() <= 100, "{folder}");
        assert!(!folder.contains(".."), "{folder}");
    }
    assert!(!f.tmp.path().join("etc").exists());
    f.assert_clean();
}

#[test]
fn a_report_without_a_hospital_asks_for_one() {
    let f = Fixture::new();
    f.cmd()
        .args(["ingest", "-"])
        .write_stdin("2024年门诊量达到42.15万人次。\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pass --hospital"));
}

#[test]
fn renormalize_restores_snapshots_from_raw_inputs_as_a_rule_change() {
    let f = Fixture::new();
    f.ingest_seeds();
    f.cmd()
        .arg("renormalize")
        .assert()
        .success()
        .stdout("nothing to commit: all 5 snapshots match the current rules\n");
    let snapshot = f.store.join(format!("snapshots/{}.md", f.report_003()));
    let original = std::fs::read_to_string(&snapshot).expect("snapshot");
    std::fs::write(
        &snapshot,
        original.replace("normalizer = \"0.1.0", "normalizer = \"0.0.9"),
    )
    .expect("write");
    f.git(&["commit", "-qam", "旧规则"]);
    f.cmd()
        .arg("renormalize")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!(
            "renormalized {}\ncommitted ",
            f.report_003()
        )));
    assert_eq!(
        std::fs::read_to_string(&snapshot).expect("snapshot"),
        original
    );
    assert!(
        f.git(&["log", "-1", "--format=%B"])
            .contains("Normalizer-Change: yes")
    );
    f.cmd()
        .args(["log", "-n", "1", &f.report_003()])
        .assert()
        .success()
        .stdout(predicate::str::contains("[rules] renormalize 1 report(s)"));
    f.assert_clean();
}

#[test]
fn a_url_names_the_report_and_an_alias_names_the_hospital() {
    let f = Fixture::new();
    std::fs::write(
        f.store.join("reportdiff.toml"),
        "[aliases]\n\"诸城人医\" = \"诸城市人民医院\"\n",
    )
    .expect("write config");
    f.git(&["commit", "-qam", "别名"]);
    let url = "https://www.dzwww.com/news/2023/0804.html";
    f.cmd()
        .args(["ingest", "--hospital", "诸城人医", "--url", url])
        .arg(seed("003"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "new 诸城市人民医院/www.dzwww.com_news_2023_0804.html\n",
        ));
    let message = f.git(&["log", "-1", "--format=%B"]);
    assert!(message.contains(&format!("Source-Url: {url}")), "{message}");
    f.cmd()
        .args(["show", "诸城人医/www.dzwww.com_news_2023_0804.html"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("url = \"{url}\"")));
}

#[test]
fn commands_outside_a_store_say_how_to_make_one() {
    let f = Fixture::empty();
    f.cmd()
        .current_dir(f.tmp.path())
        .args(["log"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("reportdiff init"));
}

#[test]
fn a_killed_run_leaves_the_branch_old_or_new_and_fsck_clean() {
    let f = Fixture::new();
    let inputs = f.tmp.path().join("inputs");
    std::fs::create_dir_all(&inputs).expect("mkdir");
    for i in 0..300 {
        std::fs::write(
            inputs.join(format!("报告{i}.txt")),
            format!("第{i}号报告。\n2024年门诊量达到{i}.5万人次。\n"),
        )
        .expect("write");
    }
    let before = f.head();
    for delay_ms in [50, 150, 400] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("reportdiff"))
            .current_dir(&f.store)
            .env("HOME", f.tmp.path())
            .env("GIT_COMMITTER_DATE", "2025-07-01T08:00:00+08:00")
            .env_remove("REPORTDIFF_STORE")
            .args(["ingest", "--hospital", "诸城市人民医院"])
            .args((0..300).map(|i| inputs.join(format!("报告{i}.txt"))))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawns");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        f.git(&["fsck", "--no-progress"]);
        let head = f.head();
        let count = f.git(&["rev-list", "--count", "HEAD"]);
        assert!(
            head == before || count.trim() == "2",
            "branch at {head}, {count} commits"
        );
        let lock = f.store.join(".git/reportdiff.lock");
        if lock.exists() {
            f.cmd()
                .args(["ingest", "--hospital", "诸城市人民医院"])
                .arg(seed("003"))
                .assert()
                .code(2)
                .stderr(predicate::str::contains("stale lock"));
            std::fs::remove_file(&lock).expect("remove the stale lock");
        }
        if head != before {
            break;
        }
    }
}

#[test]
fn no_raw_keeps_only_the_snapshot_and_renormalize_says_so() {
    let f = Fixture::new();
    f.cmd()
        .args(["ingest", "--no-raw", "--hospital", "诸城市人民医院"])
        .arg(seed("003"))
        .assert()
        .success();
    assert_eq!(f.git(&["ls-files", "raw"]), "");
    f.cmd()
        .arg("renormalize")
        .assert()
        .success()
        .stdout(format!(
            "no raw input, kept {}\nnothing to commit: all 0 snapshots match the current rules\n",
            f.report_003()
        ));
}
