//! `compare --all`: every hospital of a store, by its latest report or the one covering a
//! period, in a store built with `init` and `ingest`.

use serde_json::Value;

use super::{BULLETINS, json_of};
use crate::common::{fixture, reportdiff};
use crate::store::Fixture;

/// A store holding the five seeds, both bulletins and last year's bulletin of 临沂.
fn store() -> Fixture {
    let f = Fixture::new();
    let mut cmd = f.cmd();
    cmd.arg("ingest");
    for prefix in crate::store::SEEDS {
        cmd.arg(crate::common::seed(prefix));
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    cmd.arg(fixture("compare/linyi-2023.txt"))
        .arg(root.join(BULLETINS[0]))
        .arg(root.join(BULLETINS[1]))
        .assert()
        .success();
    f
}

fn hospitals(doc: &Value) -> Vec<(String, String)> {
    doc["hospitals"]
        .as_array()
        .expect("hospitals")
        .iter()
        .map(|h| {
            (
                h["hospital"].as_str().unwrap_or("").to_string(),
                h["published"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn all_compares_every_hospital_of_the_store_by_its_latest_report() {
    let f = store();
    let assert = f
        .cmd()
        .args(["compare", "--all", "--format", "json"])
        .assert()
        .code(0)
        .stderr("");
    let doc = json_of(&assert);
    let found = hospitals(&doc);
    assert_eq!(found.len(), 7, "{found:?}");
    assert!(
        found.contains(&("临沂市人民医院".into(), "2025-01-15".into())),
        "{found:?}"
    );
    let revision = doc["hospitals"][0]["revision"]
        .as_str()
        .expect("a revision");
    assert_eq!(revision, f.head());
    assert!(
        doc["hospitals"][0]["label"]
            .as_str()
            .expect("label")
            .contains('/')
    );
}

#[test]
fn all_with_a_period_takes_the_report_covering_it() {
    let f = store();
    let assert = f
        .cmd()
        .args(["compare", "--all", "--period", "2023", "--format", "json"])
        .assert()
        .code(0)
        .stderr("");
    let doc = json_of(&assert);
    let found = hospitals(&doc);
    assert!(
        found.contains(&("临沂市人民医院".into(), "2024-01-12".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("定陶区人民医院".into(), "2023-12-17".into())),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|(h, _)| h == "长治市人民医院"),
        "{found:?}"
    );
    assert_eq!(doc["period"], "2023");
    let figures = &doc["figures"];
    let rows = figures["rows"].as_array().expect("rows").iter().chain(
        figures["only_in"]
            .as_array()
            .expect("only")
            .iter()
            .flat_map(|o| o["rows"].as_array().expect("rows").iter()),
    );
    let mut visits = 0;
    for row in rows.filter(|r| r["key"] == "outpatient_visits") {
        for cell in row["cells"].as_array().expect("cells") {
            for figure in cell["figures"].as_array().expect("figures") {
                assert_eq!(figure["period"], "2023", "{figure}");
                visits += 1;
            }
        }
    }
    assert_eq!(visits, 1, "临沂's 2023 outpatient visits");
}

#[test]
fn all_needs_two_hospitals_covering_the_period() {
    let f = store();
    f.cmd()
        .args(["compare", "--all", "--period", "2019"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(
            "at least two hospitals with a report covering 2019",
        ));
}

#[test]
fn all_outside_a_store_says_how_to_make_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    reportdiff()
        .current_dir(dir.path())
        .args(["compare", "--all"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("reportdiff init"));
}
