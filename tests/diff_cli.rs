//! `reportdiff diff`: exit codes, the four formats, colour, and the shipped example pair.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use predicates::prelude::*;
use unicode_width::UnicodeWidthStr;

use crate::common::reportdiff;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// `reportdiff diff` on the shipped pair, run from the project root so labels are relative.
fn diff_examples(extra: &[&str]) -> assert_cmd::assert::Assert {
    reportdiff()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "diff",
            "examples/zhucheng-2023-v1.txt",
            "examples/zhucheng-2023-v2.txt",
        ])
        .args(extra)
        .assert()
}

fn stdout_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).expect("UTF-8 output")
}

fn examples_json() -> serde_json::Value {
    let assert = diff_examples(&["--format", "json"]).code(1);
    serde_json::from_str(&stdout_of(&assert)).expect("valid JSON")
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v.as_str().expect("a string").to_string())
        .collect()
}

#[test]
fn the_same_report_twice_prints_nothing_and_exits_0() {
    for format in ["term", "markdown", "html"] {
        reportdiff()
            .args(["diff", "--format", format])
            .arg(example("zhucheng-2023-v1.txt"))
            .arg(example("zhucheng-2023-v1.txt"))
            .assert()
            .code(0)
            .stdout("")
            .stderr("");
    }
}

#[test]
fn the_same_report_twice_in_json_has_no_changes() {
    let assert = reportdiff()
        .args(["diff", "--format", "json"])
        .arg(example("zhucheng-2023-v1.txt"))
        .arg(example("zhucheng-2023-v1.txt"))
        .assert()
        .code(0);
    let doc: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).expect("valid JSON");
    assert_eq!(doc["changes"].as_array().map(Vec::len), Some(0));
    assert_eq!(doc["summary"]["metric_changes"], 0);
}

#[test]
fn a_changed_report_exits_1() {
    diff_examples(&[]).code(1).stderr("");
    diff_examples(&["--exit-code"]).code(1);
}

#[test]
fn a_missing_input_is_one_line_and_exit_2() {
    reportdiff()
        .args(["diff", "没有这个文件.txt"])
        .arg(example("zhucheng-2023-v1.txt"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with("error: 没有这个文件.txt"))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
}

#[test]
fn both_sides_from_standard_input_is_trouble() {
    reportdiff()
        .args(["diff", "-", "-"])
        .write_stdin("甲。")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`-`"));
}

#[test]
fn an_unknown_ignore_class_is_trouble() {
    diff_examples(&["--ignore", "everything"]).code(2);
}

#[test]
fn diff_options_are_accepted() {
    diff_examples(&[
        "--granularity",
        "word",
        "--show-punctuation",
        "--ignore",
        "figures",
        "--ignore",
        "wording",
        "--context",
        "3",
    ])
    .code(predicate::in_iter([0, 1]))
    .stderr("");
    diff_examples(&["--granularity", "sentence"])
        .code(2)
        .stderr(predicate::str::contains("sentence"));
}

#[test]
fn one_side_can_come_from_standard_input() {
    reportdiff()
        .args(["diff", "-"])
        .arg(example("zhucheng-2023-v1.txt"))
        .write_stdin(std::fs::read(example("zhucheng-2023-v1.txt")).expect("example exists"))
        .assert()
        .code(0)
        .stdout("");
    reportdiff()
        .args(["diff", "-"])
        .arg(example("zhucheng-2023-v2.txt"))
        .write_stdin(std::fs::read(example("zhucheng-2023-v1.txt")).expect("example exists"))
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("--- <stdin>"));
}

#[test]
fn quiet_prints_nothing_but_keeps_the_exit_code() {
    diff_examples(&["--quiet"]).code(1).stdout("");
    diff_examples(&["-q", "--format", "json"])
        .code(1)
        .stdout("");
}

#[test]
fn stat_is_one_summary_line() {
    let assert = diff_examples(&["--stat"]).code(1);
    let out = stdout_of(&assert);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with(|c: char| c.is_ascii_digit()),
        "a count comes first: {out}"
    );
    assert!(out.contains("added") && out.contains("deleted"), "{out}");
}

#[test]
fn stat_as_json_is_the_counts_document() {
    let assert = diff_examples(&["--stat", "--format", "json"]).code(1);
    let doc: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).expect("JSON");
    assert_eq!(doc["schema"], "reportdiff.stat/v1");
    assert_eq!(doc["summary"]["split"], 1);
    assert_eq!(doc["old"]["label"], "examples/zhucheng-2023-v1.txt");
    assert!(doc.get("changes").is_none());
    diff_examples(&["--stat", "--format", "html"])
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--stat"));
}

#[test]
fn markdown_is_also_md_and_md_is_also_markdown() {
    let long = stdout_of(&diff_examples(&["--format", "markdown"]).code(1));
    let short = stdout_of(&diff_examples(&["--format", "md"]).code(1));
    assert_eq!(long, short);
    let normalize = |format: &str| {
        let assert = reportdiff()
            .args(["normalize", "--format", format])
            .arg(example("zhucheng-2023-v1.txt"))
            .assert()
            .success();
        stdout_of(&assert)
    };
    assert_eq!(normalize("md"), normalize("markdown"));
}

#[test]
fn json_follows_the_diff_schema() {
    let doc = examples_json();
    assert_eq!(doc["schema"], "reportdiff.diff/v1");
    for side in ["old", "new"] {
        for key in ["label", "meta", "revision"] {
            assert!(doc[side].get(key).is_some(), "{side}.{key}");
        }
    }
    assert_eq!(doc["old"]["label"], "examples/zhucheng-2023-v1.txt");
    for key in [
        "added",
        "deleted",
        "modified",
        "moved",
        "split",
        "merged",
        "unchanged",
        "metric_changes",
    ] {
        assert!(doc["summary"][key].is_u64(), "summary.{key}");
    }
    assert!(doc["metrics"].is_array());
    let changes = doc["changes"].as_array().expect("changes");
    assert!(!changes.is_empty());
    for change in changes {
        for key in [
            "kind",
            "class",
            "old",
            "new",
            "old_index",
            "new_index",
            "similarity",
            "inline",
        ] {
            assert!(change.get(key).is_some(), "change.{key}");
        }
    }
}

#[test]
fn every_change_is_reported_once_and_its_highlight_spells_both_sides() {
    let doc = examples_json();
    let (mut old_seen, mut new_seen) = (HashSet::new(), HashSet::new());
    for change in doc["changes"].as_array().expect("changes") {
        for i in change["old_index"].as_array().expect("old_index") {
            assert!(old_seen.insert(i.as_u64()), "old sentence {i} twice");
        }
        for i in change["new_index"].as_array().expect("new_index") {
            assert!(new_seen.insert(i.as_u64()), "new sentence {i} twice");
        }
        let spans = change["inline"].as_array().expect("inline");
        let side = |skip: &str| -> String {
            spans
                .iter()
                .filter(|s| s["op"] != skip)
                .map(|s| s["text"].as_str().expect("text"))
                .collect()
        };
        assert_eq!(side("insert"), strings(&change["old"]).concat());
        assert_eq!(side("delete"), strings(&change["new"]).concat());
    }
}

#[test]
fn the_figure_update_is_a_change_from_old_to_new_values() {
    let doc = examples_json();
    let changes = doc["changes"].as_array().expect("changes");
    let figures = changes
        .iter()
        .find(|c| strings(&c["new"]).concat().contains("出院71205人次"));
    let figures = figures.expect("the sentence with the new figures is reported");
    assert!(strings(&figures["old"]).concat().contains("出院69363人次"));
    let deleted: Vec<String> = changes
        .iter()
        .filter(|c| c["kind"] == "deleted")
        .flat_map(|c| strings(&c["old"]))
        .collect();
    assert!(
        deleted
            .iter()
            .any(|s| s.contains("何以与诸城市人民医院开展党建联建"))
    );
}

#[test]
fn the_metrics_table_has_the_updated_figures() {
    let doc = examples_json();
    let metrics = doc["metrics"].as_array().expect("metrics");
    let find = |old: &str| {
        metrics
            .iter()
            .find(|m| m["old_text"].as_str().is_some_and(|t| t.contains(old)))
            .unwrap_or_else(|| panic!("a metric for {old}"))
    };
    let discharges = find("69363");
    assert_eq!(discharges["status"], "changed");
    assert_eq!(discharges["old"], 69363.0);
    assert_eq!(discharges["new"], 71205.0);
    let visits = find("95万");
    assert_eq!(visits["old"], 950000.0);
    assert_eq!(visits["new"], 986000.0);
    assert_eq!(visits["delta"], 36000.0, "JSON numbers stay plain numbers");
    assert_eq!(visits["delta_text"], "+3.6万人次");
    let satisfaction = find("99.39%");
    assert_eq!(satisfaction["new"], 99.52);
    assert_eq!(satisfaction["delta"], 0.13);
    assert!(satisfaction["ratio"].is_null());
}

#[test]
fn term_output_of_the_examples() {
    let assert = diff_examples(&[]).code(1);
    let out = stdout_of(&assert);
    assert!(!out.contains('\u{1b}'), "no colour when not a terminal");
    assert!(out.starts_with("--- examples/zhucheng-2023-v1.txt"));
    insta::assert_snapshot!("examples_term", out);
}

#[test]
fn markdown_output_of_the_examples() {
    let assert = diff_examples(&["--format", "markdown"]).code(1);
    let out = stdout_of(&assert);
    assert!(out.starts_with("**examples/zhucheng-2023-v1.txt"));
    insta::assert_snapshot!("examples_markdown", out);
}

#[test]
fn context_zero_shows_only_changes() {
    let assert = diff_examples(&["--context", "0"]).code(1);
    let out = stdout_of(&assert);
    let context_lines: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("  ⋯"))
        .collect();
    assert!(context_lines.is_empty(), "{context_lines:?}");
    assert!(out.contains("## 大力实施“人才强院”战略"));
}

#[test]
fn width_wraps_long_sentences_by_display_width() {
    let assert = diff_examples(&["--width", "40"]).code(1);
    let out = stdout_of(&assert);
    let widest = out
        .lines()
        .skip(3)
        .filter(|l| !l.starts_with("## ") && !l.contains("  20") && !l.starts_with("metric"))
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0);
    assert!(widest <= 40, "a line is {widest} columns wide");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    diff_examples(&["--color", "always"])
        .code(1)
        .stdout(predicate::str::contains("\u{1b}["));
    diff_examples(&["--color", "auto"])
        .code(1)
        .stdout(predicate::str::contains("\u{1b}[").not());
    reportdiff()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args([
            "diff",
            "examples/zhucheng-2023-v1.txt",
            "examples/zhucheng-2023-v2.txt",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn html_is_one_self_contained_page_with_escaped_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (old, new) = (dir.path().join("old.txt"), dir.path().join("new.txt"));
    std::fs::write(&old, "诸城市人民医院床位<100张,门诊量达到42.15万人次。\n").expect("write");
    std::fs::write(&new, "诸城市人民医院床位<120张,门诊量达到45.3万人次。\n").expect("write");
    let assert = reportdiff()
        .args(["diff", "--format", "html"])
        .arg(&old)
        .arg(&new)
        .assert()
        .code(1);
    let page = stdout_of(&assert);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<meta name=\"viewport\""));
    assert!(!page.contains("http"), "no external resources");
    assert!(
        !page.contains("<100") && !page.contains("<120") && page.contains("&lt;"),
        "text is escaped"
    );
    assert_eq!(page.matches("<html").count(), 1);
}

#[test]
fn the_examples_as_html_show_both_sides() {
    let assert = diff_examples(&["--format", "html"]).code(1);
    let page = stdout_of(&assert);
    assert!(page.contains("<del>") && page.contains("<ins>"));
    assert!(page.contains("examples/zhucheng-2023-v2.txt"));
}

#[test]
fn ignoring_figures_hides_a_figure_only_update_entirely() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (old, new) = (dir.path().join("old.txt"), dir.path().join("new.txt"));
    std::fs::write(&old, "2024年门诊量达到42.15万人次，患者满意度99.39%。\n").expect("write");
    std::fs::write(&new, "2024年门诊量达到45.30万人次，患者满意度99.39%。\n").expect("write");
    reportdiff()
        .args(["diff", "--stat"])
        .arg(&old)
        .arg(&new)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("1 modified"))
        .stdout(predicate::str::contains("1 figure changed"));
    reportdiff()
        .args(["diff", "--ignore", "figures"])
        .arg(&old)
        .arg(&new)
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn ignoring_figures_and_wording_leaves_out_a_change_of_both() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (old, new) = (dir.path().join("old.txt"), dir.path().join("new.txt"));
    std::fs::write(&old, "由18个党支部调整为23个党支部。\n").expect("write");
    std::fs::write(&new, "由18个党支部增加到25个党支部。\n").expect("write");
    for (ignored, code) in [
        (&["figures"][..], 1),
        (&["wording"][..], 1),
        (&["figures", "wording"][..], 0),
    ] {
        let mut cmd = reportdiff();
        cmd.arg("diff");
        for class in ignored {
            cmd.args(["--ignore", class]);
        }
        let assert = cmd.arg(&old).arg(&new).assert().code(code);
        if code == 0 {
            assert.stdout("");
        } else {
            assert.stdout(predicate::str::contains("1 modified"));
        }
    }
}

#[test]
fn no_exit_code_shows_the_diff_and_exits_0() {
    diff_examples(&["--no-exit-code"])
        .code(0)
        .stdout(predicate::str::contains("99.52%"));
    diff_examples(&["--no-exit-code", "--exit-code", "--quiet"])
        .code(1)
        .stdout("");
}

#[test]
fn a_page_whose_sidebar_and_pager_changed_overnight_has_no_difference() {
    let page = std::fs::read_to_string(crate::common::fixture("html/portal_002.utf8.html"))
        .expect("fixture page");
    let next_day = page
        .replace(
            "北京门头沟区推进灾后事故救援和理赔",
            "全省卫生健康工作会议召开",
        )
        .replace("暑期景区“预约难”问题如何解", "医保电子凭证使用指南")
        .replace(
            "上一篇：定陶区召开卫生健康工作会议",
            "上一篇：定陶区开展健康宣传周活动",
        );
    assert_ne!(page, next_day);
    let dir = tempfile::tempdir().expect("temp dir");
    let (old, new) = (
        dir.path().join("today.html"),
        dir.path().join("tomorrow.html"),
    );
    std::fs::write(&old, &page).expect("write");
    std::fs::write(&new, &next_day).expect("write");
    reportdiff()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .assert()
        .code(0)
        .stdout("");
}

fn pair(name: &str, side: &str) -> PathBuf {
    crate::common::fixture(&format!("pairs/{name}/{side}.txt"))
}

#[test]
fn edits_left_out_as_punctuation_only_are_counted_on_the_summary_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (old, new) = (dir.path().join("old.txt"), dir.path().join("new.txt"));
    std::fs::write(&old, "与强者同行,方可行稳致远。\n引进新技术。\n").expect("write");
    std::fs::write(&new, "与强者同行。方可行稳致远。\n引进新技术。\n").expect("write");
    let line = "no changes (1 punctuation-only edit not shown: --show-punctuation)\n";
    reportdiff()
        .args(["diff", "--stat"])
        .arg(&old)
        .arg(&new)
        .assert()
        .code(0)
        .stdout(line);
    reportdiff()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .assert()
        .code(0)
        .stderr("")
        .stdout(predicate::str::ends_with(format!("\n{line}")));
    reportdiff()
        .args(["diff", "--show-punctuation"])
        .arg(&old)
        .arg(&new)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("1 split\n"));
    let assert = reportdiff()
        .args(["diff", "--format", "json"])
        .arg(pair("traditional", "old"))
        .arg(pair("traditional", "new"))
        .assert()
        .code(0);
    let doc: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).expect("JSON");
    assert_eq!(doc["summary"]["hidden"]["script"], 3);
}

#[test]
fn shown_script_edits_mark_the_characters_that_differ() {
    let assert = reportdiff()
        .args(["diff", "--show-punctuation"])
        .arg(pair("traditional", "old"))
        .arg(pair("traditional", "new"))
        .assert()
        .code(1);
    let out = stdout_of(&assert);
    assert!(
        out.contains("~ 理[-论-]{+論+}武[-装-]{+裝+}凝心聚力。"),
        "{out}"
    );
    assert!(
        out.lines()
            .filter(|l| l.starts_with("~ "))
            .all(|l| l.contains("[-")),
        "{out}"
    );
}
