//! Reading history on a large store.
//!
//! `cargo bench --bench log` builds, with `git fast-import`, a bare store of 20,000
//! hospitals × 5 reports and 100 commits of 20 edits (the layout and edits of
//! `scripts/bench.py`'s `big_store`), then times the store's side of `log REF`, `log -n 10` and
//! `show REF`: the versions and their snapshots, without counting changes or rendering.
//! BENCHMARKS.md's target for the whole commands: <= 200 ms each.

// A bench binary reports on standard output; the lint is for the library.
#![allow(clippy::print_stdout)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use reportdiff::store::{CommitInfo, CommitTime, Identity, LogQuery, ReportRef, Scope, Store};

const HOSPITALS: usize = 20_000;
const REPORTS: usize = 5;
const COMMITS: usize = 100;
const RUNS: usize = 7;

/// One timed case: what it reads from a freshly opened store (a count, kept from the optimizer).
type Case<'a> = dyn Fn(&Store) -> usize + 'a;

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.git");
    let started = Instant::now();
    build(&path);
    println!(
        "store of {} snapshots and {COMMITS} commits built in {:.1} s",
        HOSPITALS * REPORTS,
        started.elapsed().as_secs_f64()
    );
    let reference = ReportRef::parse("第0人民医院/report-0000").expect("ref");
    let report = Scope::Report(open(&path).report_path(&reference));
    let cases: [(&str, &Case); 3] = [
        ("log REF", &|store| history(store, report.clone(), None)),
        ("log -n 10", &|store| history(store, Scope::All, Some(10))),
        ("show REF", &|store| {
            store
                .read(&reference)
                .expect("read")
                .snapshot
                .sentence_count()
        }),
    ];
    for (name, case) in cases {
        let mut times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                // Each run opens the store anew, as each command does.
                let started = Instant::now();
                let store = open(&path);
                std::hint::black_box(case(&store));
                started.elapsed()
            })
            .collect();
        times.sort();
        let median = times[RUNS / 2].as_secs_f64() * 1e3;
        println!(
            "{name:<10} {median:>8.1} ms (median of {RUNS})  target <= 200 ms: {}",
            if median <= 200.0 { "met" } else { "MISSED" }
        );
    }
}

fn open(path: &Path) -> Store {
    Store::open(path).expect("open store")
}

/// The store's side of `log`: the entries and every snapshot they carry.
fn history(store: &Store, scope: Scope, limit: Option<usize>) -> usize {
    let entries = store
        .history(&LogQuery {
            scope,
            limit,
            since: None,
        })
        .expect("history");
    entries.iter().map(|entry| entry.changes.len()).sum()
}

fn snapshot_text(h: usize, r: usize, version: usize) -> String {
    format!(
        "+++\nhospital = \"第{h}人民医院\"\ntitle = \"年度工作报告{r}\"\n+++\n\n# 党建引领\n\n\
         2024年门诊量达到{}.{version}万人次，出院{}人次。\n\
         由{}个党支部调整为{}个党支部。\n\
         满意度达到9{}.{version}%，第{h}号院区第{r}项工作稳步推进。\n",
        10 + r % 90,
        r * 7 + version,
        h % 20 + 3,
        h % 20 + 5 + version,
        r % 10
    )
}

/// A bare store, then one commit of every snapshot and `COMMITS` commits of 20 edits (every
/// tenth also edits the report the bench reads), written by `git fast-import`.
fn build(path: &Path) {
    let info = CommitInfo {
        message: None,
        when: CommitTime {
            seconds: 1_751_328_000,
            offset_minutes: 480,
        },
        author: Identity::fallback(),
        committer: Identity::fallback(),
    };
    Store::init(path, true, &info).expect("init");
    let mut git = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(path)
        .stdin(Stdio::piped())
        .spawn()
        .expect("git fast-import");
    let mut out = std::io::BufWriter::new(git.stdin.take().expect("stdin"));
    let mut commit = |message: String, files: Vec<(String, String)>, day: usize| {
        let stamp = 1_751_328_000 + day * 86_400;
        write!(
            out,
            "commit refs/heads/main\ncommitter reportdiff <reportdiff@localhost> {stamp} +0800\n"
        )
        .expect("write");
        write!(out, "data {}\n{message}\n", message.len()).expect("write");
        if day == 0 {
            writeln!(out, "from refs/heads/main^0").expect("write");
        }
        for (path, text) in files {
            write!(out, "M 100644 inline {path}\ndata {}\n{text}\n", text.len()).expect("write");
        }
    };
    let file = |h: usize, r: usize| format!("snapshots/第{h}人民医院/report-{r:04}.md");
    let every: Vec<_> = (0..HOSPITALS)
        .flat_map(|h| (0..REPORTS).map(move |r| (h, r)))
        .map(|(h, r)| (file(h, r), snapshot_text(h, r, 0)))
        .collect();
    commit(format!("ingest: {} reports", every.len()), every, 0);
    for c in 1..=COMMITS {
        let mut files: Vec<_> = (0..20)
            .map(|k| ((c * 7 + k) % HOSPITALS, (c * 13 + k) % REPORTS))
            .map(|(h, r)| (file(h, r), snapshot_text(h, r, c)))
            .collect();
        if c % 10 == 0 {
            files.push((file(0, 0), snapshot_text(0, 0, c)));
        }
        commit(format!("ingest: {} reports", files.len()), files, c);
    }
    drop(out);
    assert!(git.wait().expect("fast-import").success());
}
