//! `init`, `ingest`, `log` and `renormalize`: versions in, one commit per run, counts out.

use predicates::prelude::*;

use super::{Fixture, SEEDS};
use crate::common::seed;

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
            "updated {} (1 modified, 1 deleted; 1 figure changed)\n",
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
            "unchanged {}\nnothing to commit: 1 report unchanged\n",
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
        lines[0]
            .contains("2025-08-01 08:00 +0800  1 modified, 1 deleted; 1 figure changed  八月更新"),
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
fn a_url_is_recorded_and_an_alias_names_the_hospital() {
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
            "new 诸城市人民医院/天坛医院联建诸城的背后\n",
        ));
    let message = f.git(&["log", "-1", "--format=%B"]);
    assert!(message.contains(&format!("Source-Url: {url}")), "{message}");
    f.cmd()
        .args(["show", "诸城人医/天坛医院联建诸城的背后"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("url = \"{url}\"")));
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
            "no raw input, kept {}\nnothing to commit: 0 snapshots match the current rules\n",
            f.report_003()
        ));
}

#[test]
fn renormalize_restores_snapshots_from_raw_inputs_as_a_rule_change() {
    let f = Fixture::new();
    f.ingest_seeds();
    f.cmd()
        .arg("renormalize")
        .assert()
        .success()
        .stdout("nothing to commit: 5 snapshots match the current rules\n");
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
        .stdout(predicate::str::contains(
            "[rules] renormalize 1 report with rules",
        ));
    f.assert_clean();
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
fn a_report_without_a_hospital_asks_for_one() {
    let f = Fixture::new();
    f.cmd()
        .args(["ingest", "-"])
        .write_stdin("2024年门诊量达到42.15万人次。\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pass --hospital"));
}
