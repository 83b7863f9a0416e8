//! `ingest --report ID` with several inputs: accepted when each lands on its own path (the
//! inputs name different hospitals), refused before anything is written when two collide.

use predicates::prelude::*;

use crate::common::seed;
use crate::store::Fixture;

#[test]
fn one_report_id_for_reports_of_different_hospitals_is_accepted() {
    let f = Fixture::new();
    f.cmd()
        .args(["ingest", "--report", "年度工作报告"])
        .arg(seed("000"))
        .arg(seed("003"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "new 大同市第六人民医院/年度工作报告\nnew 诸城市人民医院/年度工作报告\ncommitted ",
        ))
        .stderr("");
    let files = f.git(&["ls-files", "snapshots"]);
    assert_eq!(
        files,
        "snapshots/大同市第六人民医院/年度工作报告.md\nsnapshots/诸城市人民医院/年度工作报告.md\n"
    );
    f.assert_clean();
}

#[test]
fn two_inputs_that_would_land_on_one_path_are_refused_and_nothing_is_written() {
    let f = Fixture::new();
    let head = f.head();
    f.cmd()
        .args([
            "ingest",
            "--report",
            "年度工作报告",
            "--hospital",
            "诸城市人民医院",
        ])
        .arg(seed("000"))
        .arg(seed("003"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "are both stored as 诸城市人民医院/年度工作报告",
        ))
        .stderr(predicate::function(|e: &str| e.lines().count() == 1));
    assert_eq!(f.head(), head);
}
