//! What a store holds, listed and found: `log` as JSON, since a day, of one hospital; `show`
//! of a hospital; and unknown names answered with the closest stored ones.

use predicates::prelude::*;

use super::Fixture;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8")
}

/// The five seeds, then a second version of seed 003 a month later.
fn two_months() -> Fixture {
    let f = Fixture::new();
    f.ingest_seeds();
    f.cmd()
        .args(["ingest", "--hospital", "诸城市人民医院", "-m", "八月更新"])
        .arg(f.edited_seed())
        .env("GIT_COMMITTER_DATE", "2025-08-01T08:00:00+08:00")
        .assert()
        .success();
    f
}

#[test]
fn log_as_json_names_each_version_and_counts_its_changes() {
    let f = two_months();
    let output = f
        .cmd()
        .args(["log", "--format", "json", &f.report_003()])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(doc["schema"], "reportdiff.log/v1");
    let versions = doc["versions"].as_array().expect("versions");
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["time"], "2025-08-01T08:00:00+08:00");
    assert_eq!(versions[0]["subject"], "八月更新");
    let report = &versions[0]["reports"][0];
    assert_eq!(report["report"], f.report_003());
    assert_eq!(report["change"], "updated");
    assert_eq!(report["summary"]["modified"], 1);
    assert_eq!(report["summary"]["deleted"], 1);
    assert_eq!(versions[1]["reports"][0]["change"], "new");
    assert!(
        versions[1]["reports"][0]["sentences"]
            .as_u64()
            .is_some_and(|n| n > 10)
    );
}

#[test]
fn log_since_a_day_leaves_out_older_versions() {
    let f = two_months();
    let august = stdout(
        &f.cmd()
            .args(["log", "--since", "2025-08-01", &f.report_003()])
            .output()
            .expect("runs"),
    );
    assert_eq!(august.lines().count(), 1, "{august}");
    assert!(august.contains("八月更新"), "{august}");
    let all = stdout(
        &f.cmd()
            .args(["log", "--since", "2025-07-01"])
            .output()
            .expect("runs"),
    );
    assert_eq!(
        all.lines().filter(|l| !l.starts_with(' ')).count(),
        2,
        "{all}"
    );
    f.cmd()
        .args(["log", "--since", "上个月"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}

#[test]
fn log_of_a_hospital_lists_every_version_of_its_reports() {
    let f = two_months();
    f.cmd()
        .args(["ingest", "--hospital", "定陶区人民医院"])
        .arg(crate::common::seed("002"))
        .assert()
        .success();
    let log = stdout(
        &f.cmd()
            .args(["log", "诸城市人民医院"])
            .output()
            .expect("runs"),
    );
    let commits: Vec<&str> = log.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(commits.len(), 2, "{log}");
    assert!(
        log.contains(&format!("    {}  1 modified, 1 deleted", f.report_003())),
        "{log}"
    );
    assert!(!log.contains("定陶区人民医院"), "{log}");
}

#[test]
fn show_of_a_hospital_lists_its_reports() {
    let f = two_months();
    let listed = stdout(
        &f.cmd()
            .args(["show", "诸城市人民医院"])
            .output()
            .expect("runs"),
    );
    assert_eq!(listed.lines().count(), 5, "{listed}");
    assert!(
        listed.lines().all(|l| l.starts_with("诸城市人民医院/")),
        "{listed}"
    );
    assert!(
        listed.contains(&format!("{}\n", f.report_003())),
        "{listed}"
    );
}

#[test]
fn unknown_names_are_answered_with_the_closest_stored_ones() {
    let f = two_months();
    let one_line = || predicate::function(|s: &str| s.lines().count() == 1);
    f.cmd()
        .args(["show", "诸城市人民医院/天坛医院联建"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "no report 诸城市人民医院/天坛医院联建 in the store; did you mean {}?",
            f.report_003()
        )))
        .stderr(one_line());
    f.cmd()
        .args([
            "diff",
            "诸城市人民医院/天坛医院联建诸城背后@~1",
            &f.report_003(),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "did you mean {}?",
            f.report_003()
        )));
    f.cmd()
        .args(["log", "诸城"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no hospital 诸城 in the store; did you mean 诸城市人民医院?",
        ))
        .stderr(one_line());
    f.cmd()
        .args(["show", "北京天坛医院"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`reportdiff log` lists what the store holds",
        ));
}
