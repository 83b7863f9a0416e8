//! The step `ingest`, `renormalize` and `watch` share, through the library: raw inputs in,
//! at most one commit out.

use reportdiff::pipeline::ReadOptions;
use reportdiff::record::{self, Input, RecordError, Status};
use reportdiff::store::{CommitInfo, CommitTime, Identity, Store};

use super::{Fixture, SEEDS};
use crate::common::seed;

/// The last commit's message as written (`%B` adds a line break of its own).
fn last_message(f: &Fixture) -> String {
    let mut message = f.git(&["log", "-1", "--format=%B"]);
    message.pop();
    message
}

fn info() -> CommitInfo {
    CommitInfo {
        message: None,
        when: CommitTime {
            seconds: 1_751_328_000,
            offset_minutes: 480,
        },
        author: Identity::fallback(),
        committer: Identity::fallback(),
    }
}

fn input(text: &str, ext: &str) -> Input {
    Input {
        label: format!("联建.{ext}"),
        bytes: text.as_bytes().to_vec(),
        options: ReadOptions {
            hospital: Some("诸城市人民医院".to_string()),
            url: Some("https://example.com/news/1.html".to_string()),
        },
        report: Some("联建".to_string()),
        fallback_id: None,
        raw_ext: Some(ext.to_string()),
        new_report: false,
    }
}

#[test]
fn many_inputs_make_one_commit() {
    let f = Fixture::new();
    let store = Store::open(&f.store).expect("store");
    let reports = SEEDS
        .iter()
        .map(|prefix| {
            let path = seed(prefix);
            record::read(Input {
                label: path.display().to_string(),
                bytes: std::fs::read(&path).expect("seed"),
                options: ReadOptions {
                    hospital: Some("诸城市人民医院".to_string()),
                    url: None,
                },
                fallback_id: Some(prefix.to_string()),
                raw_ext: Some("txt".to_string()),
                ..Input::default()
            })
            .expect("reads")
        })
        .collect::<Vec<_>>();
    let recorded = record::commit(&store, &reports, &info(), None).expect("commits");
    assert_eq!(recorded.reports.len(), 5);
    assert!(recorded.reports.iter().all(|r| r.status == Status::New));
    assert_eq!(recorded.commit, Some(f.head()));
    assert_eq!(f.git(&["rev-list", "--count", "HEAD"]), "2\n");
    assert_eq!(last_message(&f), "ingest 5 reports (5 new, 0 updated)\n");
    f.assert_clean();

    let again = record::commit(&store, &reports, &info(), None).expect("nothing to do");
    assert_eq!(again.commit, None);
    assert!(again.reports.iter().all(|r| r.status == Status::Unchanged));
}

#[test]
fn a_raw_input_under_a_new_extension_replaces_the_old_one() {
    let f = Fixture::new();
    let store = Store::open(&f.store).expect("store");
    let first = record::read(input("2024年门诊量达到42.15万人次。\n", "txt")).expect("reads");
    record::commit(&store, &[first], &info(), Some(info().when)).expect("commits");
    let html = "<html><body><p>2024年门诊量达到45.3万人次。</p></body></html>";
    let second = record::read(input(html, "HTML")).expect("reads");
    let recorded = record::commit(&store, &[second], &info(), Some(info().when)).expect("commits");
    assert!(matches!(
        recorded.reports[0].status,
        Status::Updated(Some(_))
    ));
    assert_eq!(
        f.git(&["ls-files", "raw"]),
        "raw/诸城市人民医院/联建.html\n"
    );
    assert_eq!(
        last_message(&f),
        "update 诸城市人民医院/联建\n\nSource-Url: https://example.com/news/1.html\nFetched-At: 2025-07-01T08:00:00+08:00\n"
    );
    f.assert_clean();
}

#[test]
fn two_inputs_for_one_report_are_refused_before_anything_is_written() {
    let f = Fixture::new();
    let store = Store::open(&f.store).expect("store");
    let before = f.head();
    let reports = [
        record::read(input("2024年门诊量达到42.15万人次。\n", "txt")).expect("reads"),
        record::read(input("2024年门诊量达到45.3万人次。\n", "txt")).expect("reads"),
    ];
    let err = record::commit(&store, &reports, &info(), None).expect_err("same path");
    assert!(matches!(err, RecordError::SamePath { .. }), "{err}");
    assert!(err.to_string().contains("诸城市人民医院/联建"), "{err}");
    assert_eq!(f.head(), before);
}
