//! `show` and REFs as inputs: every REF form, aliases, and clear errors for bad ones.

use predicates::prelude::*;

use super::Fixture;
use crate::common::seed;

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
        "has 2 versions; @~5 goes back too far",
    );
    fails(
        format!("{report}@{{2025-06-30}}"),
        "no version on or before 2025-06-30",
    );
    fails(format!("{report}@没有"), "unknown revision `没有`");
    fails(format!("{report}@{{去年}}"), "YYYY-MM-DD");
    fails("@v1".to_string(), "HOSPITAL/REPORT");
}

#[test]
fn refs_are_inputs_and_two_versions_diff() {
    let f = Fixture::new();
    f.ingest_two_versions();
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
fn diff_between_two_versions_by_ref_is_the_everyday_command() {
    let f = Fixture::new();
    f.ingest_two_versions();
    let report = f.report_003();
    let output = f
        .cmd()
        .args(["diff", "--format", "json", &format!("{report}@~1"), &report])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1), "changes found");
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(doc["old"]["label"], format!("{report}@~1"));
    assert_eq!(doc["new"]["label"], report);
    assert_ne!(doc["old"]["revision"], doc["new"]["revision"]);
    let term = f
        .cmd()
        .args(["diff", &format!("{report}@~1"), &report])
        .output()
        .expect("runs");
    let term = String::from_utf8(term.stdout).expect("utf-8");
    let header = term.lines().next().expect("a header");
    let named = header
        .strip_prefix("--- ")
        .and_then(|h| h.split_once(' '))
        .map(|(name, _)| name)
        .expect("--- NAME (commit)");
    assert_eq!(named, format!("{report}@~1"), "{header}");
    assert!(
        header.contains(&format!(
            "{report}@~1 ({})",
            doc["old"]["revision"].as_str().expect("sha")
        )),
        "{header}"
    );
    f.cmd().args(["show", named]).assert().success();
    let branches = doc["metrics"]
        .as_array()
        .expect("metrics")
        .iter()
        .find(|m| m["key"] == "party_branches")
        .expect("the party-branch figure");
    assert_eq!(branches["old"], 23.0);
    assert_eq!(branches["new"], 25.0);
    assert_eq!(branches["status"], "changed");
    f.cmd()
        .args(["diff", "--quiet", &report, &report])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn a_diff_from_before_the_first_version_shows_the_whole_report_as_added() {
    let f = Fixture::new();
    f.cmd()
        .args(["ingest", "--hospital", "诸城市人民医院"])
        .arg(seed("003"))
        .assert()
        .success();
    let report = f.report_003();
    let output = f
        .cmd()
        .args(["diff", "--stat", &format!("{report}@~1"), &report])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stat = String::from_utf8(output.stdout).expect("utf-8");
    assert!(
        stat.starts_with(|c: char| c.is_ascii_digit()) && stat.contains(" added"),
        "{stat}"
    );
    assert!(
        !stat.contains("modified") && !stat.contains("deleted"),
        "{stat}"
    );
    let note = String::from_utf8(output.stderr).expect("utf-8");
    assert!(
        note.starts_with(&format!("note: {report}@~1 is before")),
        "{note}"
    );
    f.cmd()
        .args(["diff", &format!("{report}@~2"), &report])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("goes back too far"));
    f.cmd()
        .args(["show", &format!("{report}@~1")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "has 1 version; @~1 goes back too far",
        ));
}

#[test]
fn the_stores_lexicon_keys_figures_in_metrics_and_diff() {
    let f = Fixture::new();
    let row = |csv: &str| -> String {
        csv.lines()
            .find(|l| l.contains(",门诊诊疗患者,"))
            .expect("the outpatient figure")
            .to_string()
    };
    let builtin = f
        .cmd()
        .args(["metrics", "--format", "csv"])
        .arg(seed("003"))
        .output()
        .expect("runs");
    let builtin = String::from_utf8(builtin.stdout).expect("utf-8");
    assert!(row(&builtin).starts_with("outpatient_visits,"), "{builtin}");

    let config = f.store.join("reportdiff.toml");
    let text = std::fs::read_to_string(&config).expect("config");
    let text = text.replacen(
        "[lexicon]",
        "[lexicon]\n\"诊疗患者\" = \"outpatient_patients\"",
        1,
    );
    std::fs::write(&config, text).expect("write config");
    f.git(&["commit", "-qam", "词表"]);
    f.ingest_seeds();
    let report = f.report_003();
    let stored = f
        .cmd()
        .args(["metrics", "--format", "csv", &report])
        .output()
        .expect("runs");
    let stored = String::from_utf8(stored.stdout).expect("utf-8");
    assert!(row(&stored).starts_with("outpatient_patients,"), "{stored}");
    let from_file = f
        .cmd()
        .args(["metrics", "--format", "csv"])
        .arg(seed("003"))
        .output()
        .expect("runs");
    let from_file = String::from_utf8(from_file.stdout).expect("utf-8");
    assert!(
        row(&from_file).starts_with("outpatient_patients,"),
        "inside the store, files are keyed with its lexicon too"
    );
}

#[test]
fn a_broken_reportdiff_toml_is_named_not_mistaken_for_no_store() {
    let f = Fixture::new();
    std::fs::write(f.store.join("reportdiff.toml"), "[lexicon\n").expect("write config");
    f.cmd()
        .args(["log"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: the store around the current directory: reportdiff.toml: TOML parse error",
        ))
        .stderr(predicate::str::contains("unclosed table"))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1))
        .stderr(predicate::str::contains("not inside a git repository").not());
    f.cmd()
        .args(["metrics"])
        .arg(seed("003"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("reportdiff.toml"));
}
