//! What the store promises under stress: dirty work trees, bare stores, concurrent and killed
//! runs, stale locks, hostile names.

use std::process::Output;

use predicates::prelude::*;

use super::Fixture;
use crate::common::seed;

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
    // The report id is the title the front half reads from the page.
    let stem = "创新党建工作模式 打造医疗惠民高地";
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
    let stem = |prefix: &str| {
        seed(prefix)
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned()
    };
    let spawn = |prefix: &str| {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("reportdiff"));
        cmd.current_dir(&f.store)
            .env("HOME", f.tmp.path())
            .env("GIT_COMMITTER_DATE", "2025-07-01T08:00:00+08:00")
            .env_remove("REPORTDIFF_STORE")
            .args(["ingest", "--hospital", "诸城市人民医院", "--report"])
            .arg(stem(prefix))
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
        if output.status.success() {
            assert!(files.contains(&stem(prefix)), "{prefix} landed: {files}");
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
