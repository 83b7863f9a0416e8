//! `textconv` and `git-diff` driven by the real `git`: `git log -p` and `git diff` on
//! snapshots and raw reports show sentences, for every kind of file change, and a file that
//! is no report never stops git.

use predicates::prelude::*;

use super::{ANNUAL, RAW, Repo, binary, stdout_of};

/// A zip file's first bytes: binary, no report.
const ZIP: &[u8] = b"PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00\x00\x00";

/// The repository with `pattern diff=reportdiff` in its attributes (outside the work tree,
/// so that the attributes file is no change of its own).
fn with_driver(repo: &Repo, patterns: &[&str]) {
    let lines: String = patterns
        .iter()
        .map(|p| format!("{p} diff=reportdiff\n"))
        .collect();
    let info = repo.dir.join(".git/info");
    std::fs::create_dir_all(&info).expect("mkdir");
    std::fs::write(info.join("attributes"), lines).expect("attributes");
}

/// `-c diff.reportdiff.<key>='<binary> <command>'`.
fn driver(key: &str, command: &str) -> String {
    format!("diff.reportdiff.{key}='{}' {command}", binary().display())
}

fn git_stdout(repo: &Repo, args: &[&str]) -> String {
    let output = repo.git_output(args);
    assert!(
        output.status.success(),
        "git {args:?} exited {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8")
}

#[test]
fn textconv_makes_git_log_show_the_sentences_of_raw_reports() {
    let repo = Repo::with_history();
    with_driver(&repo, &["*.html"]);
    let plain = git_stdout(&repo, &["log", "-p", "--format=%s", "--", "raw/"]);
    assert!(
        plain.contains("+<p>2023年,潍坊市人民医院床位达到1000张。</p>"),
        "{plain}"
    );
    let textconv = driver("textconv", "textconv");
    let log = git_stdout(
        &repo,
        &["-c", &textconv, "log", "-p", "--format=%s", "--", "raw/"],
    );
    assert!(
        log.contains("\n-2023年，潍坊市人民医院床位达到800张。\n"),
        "{log}"
    );
    assert!(
        log.contains("\n+2023年，潍坊市人民医院床位达到1000张。\n"),
        "{log}"
    );
    assert!(log.contains("\n+title = \"潍坊市人民医院简报\"\n"), "{log}");
    assert!(!log.contains("<p>"), "{log}");
    assert!(!log.contains("鲁ICP备"), "{log}");
}

#[test]
fn textconv_passes_a_file_that_is_no_report_through_and_git_goes_on() {
    let repo = Repo::with_history();
    with_driver(&repo, &["*.html"]);
    repo.write_bytes("raw/潍坊市人民医院/附件.html", ZIP);
    repo.write_bytes("raw/潍坊市人民医院/空白.html", b"");
    repo.commit("误传的附件");
    repo.write(RAW, &super::raw_page(1200));
    repo.commit("再次更新简报");
    let textconv = driver("textconv", "textconv");
    let log = git_stdout(
        &repo,
        &[
            "-c",
            &textconv,
            "log",
            "-p",
            "--format=%s",
            "-3",
            "--",
            "raw/",
        ],
    );
    assert!(
        log.contains("\n+2023年，潍坊市人民医院床位达到1200张。\n"),
        "{log}"
    );
    assert!(log.contains("误传的附件"), "{log}");
    repo.cmd()
        .args(["textconv", "raw/潍坊市人民医院/附件.html"])
        .assert()
        .code(0)
        .stdout(ZIP)
        .stderr("");
    repo.cmd()
        .args(["textconv", "raw/潍坊市人民医院/空白.html"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
}

#[test]
fn textconv_of_a_snapshot_prints_it_back() {
    let repo = Repo::with_history();
    let stored = std::fs::read_to_string(repo.path(ANNUAL)).expect("the snapshot");
    repo.cmd()
        .args(["textconv", ANNUAL])
        .assert()
        .code(0)
        .stdout(stored)
        .stderr("");
}

#[test]
fn textconv_of_a_missing_file_is_trouble() {
    let repo = Repo::with_history();
    repo.cmd()
        .args(["textconv", "没有/这个.html"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("error: 没有/这个.html: no such file; pass a path, `-` for standard input: No such file or directory (os error 2)\n");
}

#[test]
fn git_diff_as_the_driver_command_shows_every_kind_of_change() {
    let repo = Repo::with_history();
    with_driver(&repo, &["*.md", "*.html"]);
    let command = driver("command", "git-diff");
    let text = git_stdout(&repo, &["-c", &command, "diff", "-M", "main...pr"]);
    insta::with_settings!({snapshot_path => "../snapshots"}, {
        insta::assert_snapshot!("git_diff_driver", text);
    });
    for line in [
        "--- /dev/null\n+++ snapshots/诸城市人民医院/党建联建.md  诸城市人民医院 · 党建联建\n",
        "--- snapshots/诸城市人民医院/旧稿.md  诸城市人民医院 · 院庆征文启事\n+++ /dev/null\n",
        "renamed snapshots/诸城市人民医院/健康宣讲.md → snapshots/诸城市人民医院/健康宣讲活动.md\nsnapshots/诸城市人民医院/健康宣讲活动.md: no sentence or figure changes",
        "~ 2022年，诸城市人民医院年门诊诊疗患者[-95万人次，出院69363人次-]{+98.6万人次，出院71205人次+}。\n",
        "~ 2023年，潍坊市人民医院床位达到[-800张-]{+1000张+}。\n",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

#[test]
fn git_diff_as_git_external_diff_exits_0_and_git_goes_on() {
    let repo = Repo::with_history();
    repo.write_bytes("raw/潍坊市人民医院/附件.html", ZIP);
    repo.commit("误传的附件");
    let output = repo
        .git_command()
        .env(
            "GIT_EXTERNAL_DIFF",
            format!("{} git-diff", binary().display()),
        )
        .args(["diff", "--ext-diff", "t2", "HEAD", "--", "raw/"])
        .output()
        .expect("git runs");
    let text = String::from_utf8(output.stdout).expect("utf-8");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        text.contains("~ 2023年，潍坊市人民医院床位达到[-800张-]{+1000张+}。"),
        "{text}"
    );
    assert!(
        text.contains("raw/潍坊市人民医院/附件.html: not a report (binary content, not a text or HTML report); `git diff --no-ext-diff -- raw/潍坊市人民医院/附件.html` shows it\n"),
        "{text}"
    );
}

#[test]
fn git_diff_refuses_what_git_never_passes() {
    let repo = Repo::with_history();
    repo.cmd()
        .args(["git-diff", "a", "b", "c"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: git-diff takes git's 7 arguments (9 for a rename), got 3: ",
        ));
    repo.cmd()
        .args([
            "git-diff",
            ANNUAL,
            "/没有/旧.md",
            "1a2b3c4",
            "100644",
            ANNUAL,
            "5d6e7f8",
            "100644",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "error: {ANNUAL}: cannot read /没有/旧.md: No such file or directory (os error 2)\n"
        ));
    repo.cmd()
        .args(["git-diff", ANNUAL])
        .assert()
        .code(0)
        .stdout(format!("* Unmerged path {ANNUAL}\n"));
}

#[test]
fn git_diff_of_two_equal_reports_says_so() {
    let repo = Repo::with_history();
    let copy = repo.tmp.path().join("副本.md");
    std::fs::write(
        &copy,
        std::fs::read_to_string(repo.path(ANNUAL))
            .expect("the snapshot")
            .replace('，', ","),
    )
    .expect("write");
    let text = stdout_of(
        &repo
            .cmd()
            .arg("git-diff")
            .arg(ANNUAL)
            .arg(repo.path(ANNUAL))
            .args(["1a2b3c4", "100644"])
            .arg(&copy)
            .args(["5d6e7f8", "100644"])
            .assert()
            .code(0)
            .stderr(""),
    );
    assert_eq!(
        text,
        format!(
            "{ANNUAL}: no sentence or figure changes (punctuation, spacing or front matter only)\n"
        )
    );
}
