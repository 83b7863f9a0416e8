//! A store is a repository that `init` made or adopted (it has `reportdiff.toml` at its
//! root); every other repository is refused, and nothing is written into it.

use predicates::prelude::*;

use super::Fixture;
use crate::common::seed;

/// A repository that is not a store: a project with a golden file under `snapshots/`, like a
/// clone of this project.
fn project() -> Fixture {
    let f = Fixture::empty();
    let golden = f.store.join("snapshots/诸城市人民医院");
    std::fs::create_dir_all(&golden).expect("mkdir");
    std::fs::create_dir_all(f.store.join("sub")).expect("mkdir");
    std::fs::write(golden.join("天坛医院联建诸城的背后.md"), "金标准文件\n").expect("write");
    f.git(&["init", "-q", "-b", "main"]);
    f.git(&["add", "."]);
    f.git(&["commit", "-qm", "项目"]);
    f
}

fn one_line(text: &str) -> bool {
    text.lines().count() == 1
}

#[test]
fn ingest_refuses_a_repository_that_is_not_a_store_and_says_how_to_adopt_it() {
    let f = project();
    let before = f.head();
    let ingest = vec![
        "ingest".into(),
        "--hospital".into(),
        "诸城市人民医院".into(),
        seed("003").display().to_string(),
    ];
    for command in [ingest, vec!["renormalize".to_string()]] {
        f.cmd()
            .current_dir(f.store.join("sub"))
            .args(&command)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(
                "is a git repository, but not a reportdiff store",
            ))
            .stderr(predicate::str::contains("`reportdiff init ..`"))
            .stderr(predicate::function(one_line));
    }
    assert_eq!(f.head(), before);
    assert_eq!(
        std::fs::read_to_string(
            f.store
                .join("snapshots/诸城市人民医院/天坛医院联建诸城的背后.md")
        )
        .expect("kept"),
        "金标准文件\n"
    );
    f.assert_clean();
}

#[test]
fn a_store_named_by_store_dir_must_be_a_store_too() {
    let f = project();
    f.cmd()
        .current_dir(f.tmp.path())
        .args(["--store", "store", "ingest", "--hospital", "诸城市人民医院"])
        .arg(seed("003"))
        .assert()
        .code(2)
        .stderr(
            "error: store: a git repository, but not a reportdiff store (no reportdiff.toml at its root); adopt it with `reportdiff init store`\n",
        )
        .stderr(predicate::function(one_line));
    f.cmd()
        .current_dir(f.tmp.path())
        .env("REPORTDIFF_STORE", "store")
        .args(["show", "诸城市人民医院/天坛医院联建诸城的背后"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a reportdiff store"));
}

#[test]
fn refs_are_not_read_from_a_repository_that_is_not_a_store() {
    let f = project();
    f.cmd()
        .args(["show", "诸城市人民医院/天坛医院联建诸城的背后"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("`reportdiff init .`"))
        .stderr(predicate::function(one_line));
    f.cmd()
        .args(["diff", "诸城市人民医院/天坛医院联建诸城的背后"])
        .arg(seed("003"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a reportdiff store"));
}

#[test]
fn files_are_still_read_inside_a_repository_that_is_not_a_store() {
    let f = project();
    f.cmd()
        .args(["metrics", "--format", "csv"])
        .arg(seed("003"))
        .assert()
        .success()
        .stderr("")
        .stdout(predicate::str::contains("outpatient_visits,"));
}

#[test]
fn init_adopts_the_repository_and_then_ingest_writes_only_its_own_files() {
    let f = project();
    f.cmd()
        .args(["init", "."])
        .assert()
        .success()
        .stdout("adopted repository . as a store\n");
    f.cmd()
        .current_dir(f.store.join("sub"))
        .args(["ingest", "--hospital", "定陶区人民医院"])
        .arg(seed("002"))
        .assert()
        .success();
    f.assert_clean();
}
