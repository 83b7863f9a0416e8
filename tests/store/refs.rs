//! `show` and REFs as inputs: every REF form, aliases, and clear errors for bad ones.

use predicates::prelude::*;

use super::Fixture;

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
        "has 2 version(s); @~5 goes back too far",
    );
    fails(
        format!("{report}@{{2025-06-30}}"),
        "no version on or before 2025-06-30",
    );
    fails(format!("{report}@没有"), "unknown revision `没有`");
    fails(format!("{report}@{{去年}}"), "YYYY-MM-DD");
    fails("诸城市人民医院".to_string(), "HOSPITAL/REPORT");
}

#[test]
fn refs_are_inputs_and_two_versions_diff() {
    let f = Fixture::new();
    f.ingest_seeds();
    f.cmd()
        .args(["ingest", "--hospital", "诸城市人民医院"])
        .arg(f.edited_seed())
        .assert()
        .success();
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
