//! The review of a pull request's range in the terminal, Markdown and JSON; the range it
//! chooses; its exit codes under each `--fail-on`; and its errors.

use predicates::prelude::*;

use super::{ANNUAL, NEW_NAME, OLD_NAME, RAW, Repo, stdout_of};

fn golden(name: &str, text: &str) {
    insta::with_settings!({snapshot_path => "../snapshots"}, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn the_terminal_review_shows_every_kind_of_report_change() {
    let repo = Repo::with_history();
    let assert = repo.review(&[]).code(1).stderr("");
    let text = stdout_of(&assert);
    golden("review_e2e_term", &text);
    let base = repo.short("main~1");
    assert!(
        text.starts_with(&format!(
            "review {base}..{} (merge-base of main and HEAD..HEAD)\n",
            repo.short("pr")
        )),
        "{text}"
    );
    for line in [
        "6 reports: 1 added, 3 changed, 1 deleted, 1 renamed (1 from a raw input, 1 by a rules update)",
        "═══ 诸城市人民医院/健康宣讲活动 · renamed · from snapshots/诸城市人民医院/健康宣讲.md",
        "═══ 潍坊市人民医院/三进宣讲 · changed · rules update",
        "~ 2023年，潍坊市人民医院床位达到[-800张-]{+1000张+}。",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    // The change on main after the branch point is not the pull request's.
    assert!(!text.contains("青州市人民医院"), "{text}");
}

#[test]
fn the_markdown_review_is_one_comment_with_a_section_per_report() {
    let repo = Repo::with_history();
    let text = stdout_of(&repo.review(&["--format", "markdown"]).code(1).stderr(""));
    golden("review_e2e_markdown", &text);
    assert!(text.starts_with("<!-- reportdiff review -->\n### Report changes `"));
    assert_eq!(text.matches("<details>").count(), 6);
    assert!(
        text.contains("提醒::error::伪造的命令，完成率100%。"),
        "{text}"
    );
}

#[test]
fn the_json_review_is_reportdiff_review_v1_with_a_diff_per_report() {
    let repo = Repo::with_history();
    let text = stdout_of(&repo.review(&["--format", "json"]).code(1).stderr(""));
    let doc: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(doc["schema"], "reportdiff.review/v1");
    assert_eq!(doc["base"]["asked"], "main");
    assert_eq!(doc["base"]["short"], repo.short("main~1").as_str());
    assert_eq!(doc["head"]["asked"], "HEAD");
    let summary = &doc["summary"];
    assert_eq!(
        [
            &summary["reports"],
            &summary["added"],
            &summary["changed"],
            &summary["deleted"],
            &summary["renamed"],
            &summary["from_raw"],
            &summary["rules_updates"],
        ],
        [6, 1, 3, 1, 1, 1, 1]
    );
    let moves = summary["figure_moves"].as_array().expect("a list");
    assert_eq!(moves[0]["label"], "床位");
    assert_eq!(moves[0]["ratio"], 0.25);
    let reports: Vec<(String, String, String, String)> = doc["reports"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|r| {
            let text = |key: &str| r[key].as_str().unwrap_or_default().to_string();
            (
                text("report"),
                text("status"),
                text("source"),
                text("rules_update"),
            )
        })
        .collect();
    let row = |a: &str, b: &str, c: &str, d: &str| {
        (a.to_string(), b.to_string(), c.to_string(), d.to_string())
    };
    assert_eq!(
        reports,
        [
            row("潍坊市人民医院/三进宣讲", "changed", "snapshot", "only"),
            row("诸城市人民医院/健康宣讲活动", "renamed", "snapshot", "none"),
            row("诸城市人民医院/党建联建", "added", "snapshot", "none"),
            row("诸城市人民医院/年报", "changed", "snapshot", "none"),
            row("诸城市人民医院/旧稿", "deleted", "snapshot", "none"),
            row("潍坊市人民医院/简报", "changed", "raw", "none"),
        ]
    );
    let by_name = |name: &str| {
        doc["reports"]
            .as_array()
            .and_then(|list| list.iter().find(|r| r["report"] == name))
            .expect("the report")
    };
    let renamed = by_name("诸城市人民医院/健康宣讲活动");
    assert_eq!(renamed["old_path"], OLD_NAME);
    assert_eq!(renamed["new_path"], NEW_NAME);
    assert_eq!(renamed["diff"]["changes"].as_array().map(Vec::len), Some(0));
    let annual = by_name("诸城市人民医院/年报");
    assert_eq!(annual["diff"]["schema"], "reportdiff.diff/v1");
    assert_eq!(annual["diff"]["old"]["label"], ANNUAL);
    assert_eq!(annual["diff"]["new"]["revision"], repo.short("pr").as_str());
    let raw = by_name("潍坊市人民医院/简报");
    assert_eq!(raw["new_path"], RAW);
    assert_eq!(raw["diff"]["new"]["meta"]["hospital"], "潍坊市人民医院");
    let added = by_name("诸城市人民医院/党建联建");
    assert_eq!(added["diff"]["old"]["label"], "/dev/null");
    assert_eq!(doc["skipped"].as_array().map(Vec::len), Some(0));
}

#[test]
fn fail_on_decides_the_exit_code() {
    let repo = Repo::with_history();
    for (fail_on, code) in [("any", 1), ("figures", 1), ("none", 0)] {
        repo.review(&["--fail-on", fail_on, "--format", "json"])
            .code(code)
            .stderr("");
    }
    // t1..t2 deletes a report without figures and renames one: a change, but no figure's.
    for (fail_on, code) in [("any", 1), ("figures", 0), ("none", 0)] {
        repo.review(&["--base", "t1", "--head", "t2", "--fail-on", fail_on])
            .code(code)
            .stderr("");
    }
    // An empty range flags nothing.
    repo.review(&["--base", "t2", "--head", "t2", "--fail-on", "any"])
        .code(0)
        .stdout(predicate::str::ends_with("\nno report changed\n"));
}

#[test]
fn base_and_head_name_any_revisions() {
    let repo = Repo::with_history();
    let text = stdout_of(&repo.review(&["--base", "t2", "--head", "t3"]).code(1));
    assert!(text.starts_with(&format!(
        "review {}..{} (t2..t3)\n1 report: 1 changed (1 from a raw input)",
        repo.short("t2"),
        repo.short("t3")
    )));
    // A base on main after the branch point still compares with where pr left main.
    let text = stdout_of(&repo.review(&["--base", "main", "--head", "t1"]).code(1));
    assert!(text.contains("(merge-base of main and t1..t1)"), "{text}");
    assert!(!text.contains("青州市人民医院"), "{text}");
}

#[test]
fn paths_pick_reports_by_name_or_file() {
    let repo = Repo::with_history();
    let json = |args: &[&str]| {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let doc: serde_json::Value =
            serde_json::from_str(&stdout_of(&repo.review(&all))).expect("valid JSON");
        doc["reports"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|r| r["report"].as_str().unwrap_or_default().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        json(&["--paths", "诸城市人民医院/年报"]),
        ["诸城市人民医院/年报"]
    );
    assert_eq!(
        json(&["--paths", "raw/**", "--paths", "*/旧稿"]),
        ["诸城市人民医院/旧稿", "潍坊市人民医院/简报"]
    );
    repo.review(&["--paths", "没有/这个", "--fail-on", "any"])
        .code(0);
}

#[test]
fn a_store_made_by_init_is_reviewed_too() {
    let repo = Repo::empty();
    repo.cmd().args(["init", "."]).assert().success();
    repo.write(ANNUAL, &super::annual_v1());
    repo.commit("收录年报");
    repo.write(ANNUAL, &super::annual_v2());
    repo.commit("更新年报");
    repo.review(&["--base", "HEAD~1", "--format", "json"])
        .code(1)
        .stdout(predicate::str::contains(
            "\"report\": \"诸城市人民医院/年报\"",
        ));
}

#[test]
fn trouble_is_one_line_on_stderr_and_exit_2() {
    let repo = Repo::with_history();
    repo.review(&["--base", "没有这个分支"])
        .code(2)
        .stdout("")
        .stderr(
            "error: cannot review: unknown revision `没有这个分支`; use a sha, tag, branch or HEAD~N\n",
        );
    repo.review(&["--paths", "[年报"])
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: --paths: `[年报` is not a glob pattern: ",
        ))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
    let outside = tempfile::tempdir().expect("tempdir");
    repo.cmd()
        .current_dir(outside.path())
        .arg("review")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("not a git repository"));
    let lonely = Repo::empty();
    lonely.git(&["checkout", "-q", "-b", "草稿"]);
    lonely.write(ANNUAL, &super::annual_v1());
    lonely.commit("收录年报");
    lonely
        .review(&[])
        .code(2)
        .stderr("error: cannot review: no default branch to compare with (looked for origin/HEAD, main, master, origin/main, origin/master); pass --base REV\n");
    let unborn = Repo::empty();
    unborn
        .review(&[])
        .code(2)
        .stderr("error: cannot review: HEAD has no commit yet; commit the snapshots first, or pass --head REV\n");
}

#[test]
fn a_broken_snapshot_in_the_range_is_trouble_that_names_it() {
    let repo = Repo::with_history();
    repo.write(ANNUAL, "没有前言的年报。\n");
    repo.commit("弄坏年报");
    let head = repo.short("HEAD");
    repo.review(&[])
        .code(2)
        .stdout("")
        .stderr(format!(
            "error: cannot review: {ANNUAL} at {head}: no `+++` front matter at the top of the snapshot\n"
        ));
}
