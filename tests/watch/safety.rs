//! Unattended safety: a dead run's lock is taken over with a notice, a run killed at any
//! point leaves the branch at the old commit or the new one and the next run works, and a
//! broken configuration fails the run with one line.

use predicates::prelude::*;

use super::*;

/// 300 `path =` sources in the store's `pages/` folder (which git ignores: the pages are
/// the outside world, not the store's content).
fn many_files(f: &Fixture, version: u32) -> String {
    let pages = f.store.join("pages");
    std::fs::create_dir_all(&pages).expect("mkdir");
    std::fs::write(f.store.join(".git/info/exclude"), "pages/\n").expect("write");
    let mut toml = String::new();
    for i in 0..300 {
        std::fs::write(
            pages.join(format!("{i}.txt")),
            format!("第{i}号院区简报\n2024年门诊量达到{i}.{version}万人次。\n医院召开第{i}次党建工作会议。\n"),
        )
        .expect("write");
        toml.push_str(&format!(
            "[[watch]]\npath = \"pages/{i}.txt\"\nhospital = \"诸城市人民医院\"\n"
        ));
    }
    toml
}

#[test]
fn a_dead_runs_lock_is_taken_over_with_a_notice() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let f = Fixture::new();
    configure(&f, &many_files(&f, 1));
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").expect("host");
    std::fs::write(
        f.store.join(".git/reportdiff.lock"),
        format!("999999999\n0\n{}\n", host.trim()),
    )
    .expect("write");
    watch(&f, &["--quiet"])
        .assert()
        .code(0)
        .stderr("note: took over .git/reportdiff.lock, left by reportdiff pid 999999999 which is no longer running\n")
        .stdout(predicate::str::starts_with("watch: 300 sources: 300 new\ncommitted "));
    assert!(!f.store.join(".git/reportdiff.lock").exists());
    f.assert_clean();
}

#[test]
fn a_killed_run_leaves_the_branch_old_or_new_and_the_next_run_works() {
    let f = Fixture::new();
    configure(&f, &many_files(&f, 1));
    for (round, delay_ms) in [30u64, 120, 300, 700].into_iter().enumerate() {
        let before = f.head();
        many_files(&f, round as u32 + 2);
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("reportdiff"))
            .current_dir(&f.store)
            .env("HOME", f.tmp.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_COMMITTER_DATE", "2025-07-01T08:00:00+08:00")
            .env_remove("REPORTDIFF_STORE")
            .args(["watch", "--quiet"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawns");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        f.git(&["fsck", "--no-progress"]);
        let parent = f.git(&["rev-parse", "--short=7", "HEAD~1"]);
        assert!(
            f.head() == before || parent.trim() == before,
            "one commit or none"
        );
        // The next run takes over whatever the killed one left, and finishes the job.
        let (code, stdout, stderr) = run(watch(&f, &["--quiet"]));
        assert!(code == 0 || code == 1, "{stdout}{stderr}");
        assert!(
            stderr.is_empty() || stderr.starts_with("note: took over"),
            "{stderr}"
        );
        f.assert_clean();
        let (code, stdout, _) = run(watch(&f, &["--quiet"]));
        assert_eq!(
            (code, stdout.as_str()),
            (0, "watch: 300 sources: 300 unchanged\nnothing to commit\n")
        );
    }
}

#[test]
fn a_broken_configuration_fails_the_run_with_one_line() {
    let f = Fixture::new();
    for (toml, says) in [
        (
            "[[watch]]\npath = \"1.html\"\nselector = \"div[\"\n",
            "[[watch]] number 1: selector",
        ),
        (
            "[[watch]]\nurl = \"https://a.cn/1\"\npath = \"1.html\"\n",
            "url or path, not both",
        ),
        (
            "[[watch]]\nurl = \"https://a.cn/1\"\nfrequency = 3\n",
            "reportdiff.toml",
        ),
    ] {
        std::fs::write(f.store.join("reportdiff.toml"), toml).expect("write");
        let (code, stdout, stderr) = run(watch(&f, &[]));
        assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
        assert!(
            stderr.starts_with("error: ") && stderr.contains(says),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

#[test]
fn a_run_killed_after_moving_the_branch_has_its_work_tree_finished_by_the_next() {
    // Killed before the work tree followed the branch at all.
    killed_after_moving_the_branch(&["--staged", "--worktree"]);
}

#[test]
fn a_run_killed_while_updating_the_work_tree_has_it_finished_by_the_next() {
    // Killed after writing the files and before writing the index.
    killed_after_moving_the_branch(&["--staged"]);
}

/// Leaves what a run killed after moving the branch leaves (the lock, and the paths of its
/// commit restored to the parent where `restore` says), then checks that the next run
/// finishes the work tree.
fn killed_after_moving_the_branch(restore: &[&str]) {
    if !cfg!(target_os = "linux") {
        return;
    }
    let f = Fixture::new();
    let file = f.store.join("简报.txt");
    std::fs::write(
        &file,
        "诸城市人民医院召开党建工作会议。\n2024年门诊量达到42.15万人次。\n",
    )
    .expect("write");
    configure(
        &f,
        "[[watch]]\npath = \"简报.txt\"\nhospital = \"诸城市人民医院\"\n",
    );
    f.git(&["rm", "-q", "--cached", "简报.txt"]);
    std::fs::write(f.store.join(".git/info/exclude"), "简报.txt\n").expect("write");
    f.git(&["commit", "-qm", "页面不入库"]);
    assert_eq!(run(watch(&f, &["--quiet"])).0, 0);
    std::fs::write(
        &file,
        "诸城市人民医院召开党建工作会议。\n2024年门诊量达到45.3万人次。\n",
    )
    .expect("write");
    assert_eq!(run(watch(&f, &["--quiet"])).0, 1);
    // What a run killed between moving the branch and updating the work tree leaves: the
    // branch at its commit, the index and files of that commit's paths still as before, and
    // its lock.
    let changed = f.git(&["diff", "--name-only", "HEAD~1", "HEAD"]);
    let paths: Vec<&str> = changed.lines().collect();
    assert_eq!(paths.len(), 3, "{changed}");
    let mut args = vec!["restore", "--source=HEAD~1"];
    args.extend(restore);
    args.push("--");
    args.extend(&paths);
    f.git(&args);
    assert_ne!(f.git(&["status", "--porcelain"]), "");
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").expect("host");
    std::fs::write(
        f.store.join(".git/reportdiff.lock"),
        format!("999999999\n0\n{}\n", host.trim()),
    )
    .expect("write");
    let (code, stdout, stderr) = run(watch(&f, &["--quiet"]));
    assert_eq!(
        (code, stdout.as_str()),
        (0, "watch: 1 source: 1 unchanged\nnothing to commit\n")
    );
    assert!(stderr.starts_with("note: took over"), "{stderr}");
    f.assert_clean();
}
