//! Shell completions and the manual page, generated from the command line's definition.

use predicates::prelude::*;

use crate::common::reportdiff;

#[test]
fn completion_scripts_for_each_shell_know_the_subcommands() {
    for (shell, marker) in [
        ("bash", "_reportdiff()"),
        ("zsh", "#compdef reportdiff"),
        ("fish", "complete -c reportdiff"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        reportdiff()
            .args(["completions", shell])
            .assert()
            .success()
            .stderr("")
            .stdout(predicate::str::contains(marker))
            .stdout(predicate::str::contains("ingest"))
            .stdout(predicate::str::contains("show-punctuation"));
    }
    reportdiff()
        .args(["completions", "cmd.exe"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values"));
}

#[test]
fn the_manual_page_is_roff_for_the_whole_program() {
    reportdiff()
        .arg("man")
        .assert()
        .success()
        .stderr("")
        .stdout(predicate::str::contains(".TH reportdiff"))
        .stdout(predicate::str::contains("renormalize"));
}
