//! `reportdiff normalize`.

use predicates::prelude::*;

use crate::common::{reportdiff, seed};

#[test]
fn prints_a_snapshot_with_front_matter() {
    reportdiff()
        .args(["normalize"])
        .arg(seed("003"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with("+++\n"))
        .stdout(predicate::str::contains("由18个党支部调整为23个党支部"));
}

#[test]
fn reads_standard_input() {
    reportdiff()
        .args(["normalize", "-"])
        .write_stdin("2024年门诊量达到42.15万人次。\n")
        .assert()
        .success()
        .stdout("+++\n+++\n\n2024年门诊量达到42.15万人次。\n");
}

#[test]
fn a_missing_file_is_one_line_and_exit_2() {
    reportdiff()
        .args(["normalize", "没有这个文件.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with("error: 没有这个文件.txt"))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
}

#[test]
fn binary_input_is_refused_with_exit_2() {
    reportdiff()
        .args(["normalize", "-"])
        .write_stdin(vec![0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("binary"));
}

#[test]
fn an_empty_input_is_refused_with_exit_2() {
    reportdiff()
        .args(["normalize", "-"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("error: <stdin>"));
}
