//! Exit codes and error lines of the command line as a whole: 0 same, 1 different, 2 trouble,
//! one line on stderr, and a closed pipe that keeps the status found so far.

use std::io::Read;
use std::process::Stdio;

use predicates::prelude::*;

use crate::common::reportdiff;

fn one_line(text: &str) -> bool {
    text.lines().count() == 1
}

#[test]
fn argument_errors_are_one_line_and_exit_2() {
    for args in [
        &["diff", "--formt", "json", "旧.txt", "新.txt"][..],
        &["diff"][..],
        &["diff", "--format", "pdf", "旧.txt", "新.txt"][..],
        &["报告"][..],
    ] {
        reportdiff()
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with("error: "))
            .stderr(predicate::str::contains("--help`"))
            .stderr(predicate::function(one_line));
    }
}

#[test]
fn help_and_version_go_to_standard_output_and_exit_0() {
    reportdiff()
        .args(["diff", "--help"])
        .assert()
        .code(0)
        .stderr("")
        .stdout(predicate::str::contains("as diff(1) does"));
    reportdiff()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("reportdiff "));
}

/// Two reports long enough that the diff is many times a pipe's buffer.
fn long_reports(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let (old, new): (String, String) = (0..3000)
        .map(|i| {
            (
                format!("第{i}项惠民措施惠及群众{i}人次。\n"),
                format!("第{i}项惠民措施惠及群众{}人次。\n", i + 7),
            )
        })
        .unzip();
    let (old_path, new_path) = (dir.join("旧.txt"), dir.join("新.txt"));
    std::fs::write(&old_path, old).expect("write");
    std::fs::write(&new_path, new).expect("write");
    (old_path, new_path)
}

#[test]
fn a_reader_that_stops_early_leaves_the_status_of_the_diff() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (old, new) = long_reports(dir.path());
    for (args, code) in [
        (vec![old.clone(), new.clone()], 1),
        (vec![old.clone(), old], 0),
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("reportdiff"))
            .arg("diff")
            .args(&args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env_remove("REPORTDIFF_STORE")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        let mut first = [0u8; 64];
        let mut stdout = child.stdout.take().expect("stdout");
        let _ = stdout.read(&mut first);
        drop(stdout);
        let output = child.wait_with_output().expect("waits");
        assert_eq!(output.status.code(), Some(code), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    }
}
