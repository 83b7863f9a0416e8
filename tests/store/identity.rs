//! Which report an input updates: the title before the URL, a new version found by its URL
//! or its sentences when its own name is new, `--new-report` to keep it apart, `--dry-run`
//! to see it all first, and the hospital named by an alias in the text.

use std::path::PathBuf;

use predicates::prelude::*;

use super::Fixture;
use crate::common::seed;

/// Seed 000 (a report without a title) as `datong-0101.txt`, and as `datong-0102.txt` with one
/// figure changed: the same report on two days.
fn datong(f: &Fixture) -> (PathBuf, PathBuf) {
    let text = std::fs::read_to_string(seed("000")).expect("seed");
    let next = text.replacen("42.15万人次", "43.2万人次", 1);
    assert_ne!(next, text);
    let (first, second) = (
        f.tmp.path().join("datong-0101.txt"),
        f.tmp.path().join("datong-0102.txt"),
    );
    std::fs::write(&first, text).expect("write");
    std::fs::write(&second, next).expect("write");
    (first, second)
}

#[test]
fn an_untitled_report_under_a_new_file_name_updates_the_report_it_is_a_version_of() {
    let f = Fixture::new();
    let (first, second) = datong(&f);
    f.cmd()
        .arg("ingest")
        .arg(&first)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "new 大同市第六人民医院/datong-0101\n",
        ));
    f.cmd()
        .arg("ingest")
        .arg(&second)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "updated 大同市第六人民医院/datong-0101 (1 modified; 1 figure changed)\n",
        ))
        .stderr(predicate::str::contains(
            "of its sentences with 大同市第六人民医院/datong-0101, so it is stored as a new version of it; pass --new-report",
        ))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
    assert_eq!(f.git(&["ls-files", "snapshots"]).lines().count(), 1);
    f.cmd()
        .args(["log", "大同市第六人民医院/datong-0101"])
        .assert()
        .success()
        .stdout(predicate::function(|s: &str| s.lines().count() == 2));
}

#[test]
fn new_report_keeps_a_look_alike_apart() {
    let f = Fixture::new();
    let (first, second) = datong(&f);
    f.cmd().arg("ingest").arg(&first).assert().success();
    f.cmd()
        .args(["ingest", "--new-report"])
        .arg(&second)
        .assert()
        .success()
        .stderr("")
        .stdout(predicate::str::starts_with(
            "new 大同市第六人民医院/datong-0102\n",
        ));
}

#[test]
fn the_same_article_with_and_without_a_url_is_one_report() {
    let url = "https://www.dzwww.com/news/2023/0804.html";
    for with_url_first in [true, false] {
        let f = Fixture::new();
        let (first, _) = datong(&f);
        let ingest = |with_url: bool| {
            let mut cmd = f.cmd();
            cmd.arg("ingest");
            if with_url {
                cmd.args(["--url", url]);
            }
            cmd.arg(&first).assert().success()
        };
        ingest(with_url_first);
        ingest(!with_url_first);
        let files = f.git(&["ls-files", "snapshots"]);
        assert_eq!(files.lines().count(), 1, "{files}");
        let stored = std::fs::read_to_string(f.store.join(files.trim())).expect("snapshot");
        assert!(stored.contains(&format!("url = \"{url}\"")), "{stored}");
    }
    let f = Fixture::new();
    for url in [Some(url), None] {
        let mut cmd = f.cmd();
        cmd.args(["ingest", "--hospital", "诸城市人民医院"]);
        if let Some(url) = url {
            cmd.args(["--url", url]);
        }
        cmd.arg(seed("003")).assert().success();
    }
    assert_eq!(
        f.git(&["ls-files", "snapshots"]),
        "snapshots/诸城市人民医院/天坛医院联建诸城的背后.md\n",
        "a titled report is named by its title, with or without --url"
    );
}

#[test]
fn a_dry_run_says_where_each_report_would_go_and_writes_nothing() {
    let f = Fixture::new();
    let (first, second) = datong(&f);
    let before = f.head();
    f.cmd()
        .args(["ingest", "--dry-run"])
        .arg(&first)
        .assert()
        .success()
        .stdout("would add 大同市第六人民医院/datong-0101\ndry run: nothing written\n");
    assert_eq!(f.head(), before);
    f.cmd().arg("ingest").arg(&first).assert().success();
    let after_first = f.head();
    f.cmd()
        .args(["ingest", "--dry-run", &first.display().to_string()])
        .arg(&second)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "are both stored as 大同市第六人民医院/datong-0101",
        ));
    f.cmd()
        .args(["ingest", "-n"])
        .arg(&second)
        .assert()
        .success()
        .stdout(
            "would update 大同市第六人民医院/datong-0101 (1 modified; 1 figure changed)\ndry run: nothing written\n",
        )
        .stderr(predicate::str::contains("so it would be a new version of it"));
    assert_eq!(f.head(), after_first);
    f.assert_clean();
}

#[test]
fn an_alias_in_the_text_files_the_report_under_the_hospital() {
    let f = Fixture::new();
    let input = f.tmp.path().join("联建.txt");
    std::fs::write(
        &input,
        "诸城人医神经学科党建联建\n北京天坛医院神经外科与诸城人医神经学科开展党建联建。\n诸城人医神经学科发展迅速,门诊量达到5万人次。\n诸城人医将持续深化合作。\n",
    )
    .expect("write");
    let dry_run = || {
        f.cmd()
            .args(["ingest", "--dry-run"])
            .arg(&input)
            .assert()
            .success()
    };
    dry_run().stdout(
        predicate::str::contains("北京天坛医院/")
            .or(predicate::str::contains("诸城市人民医院").not()),
    );
    let config = f.store.join("reportdiff.toml");
    let text = std::fs::read_to_string(&config).expect("config");
    std::fs::write(
        &config,
        text.replacen(
            "[aliases]",
            "[aliases]\n\"诸城人医\" = \"诸城市人民医院\"",
            1,
        ),
    )
    .expect("write");
    f.git(&["commit", "-qam", "别名"]);
    dry_run().stdout(predicate::str::starts_with(
        "would add 诸城市人民医院/联建\n",
    ));
}
