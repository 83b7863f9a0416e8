//! Ingest throughput and store size.
//!
//! `cargo bench --bench ingest` prints reports per second for one ingest run of 1,000 and of
//! 10,000 generated reports (into a store with a work tree, and into a bare one), and the size
//! of a store after 10 versions of all five seed reports. DESIGN.md's target: 10,000 reports
//! in <= 30 s.

// A bench binary reports on standard output; the lint is for the library.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use reportdiff::pipeline::ReadOptions;
use reportdiff::record::{self, Input, Report};
use reportdiff::store::{CommitInfo, CommitTime, Identity, Store};

/// Runs every case, or only those named on the command line
/// (`cargo bench --bench ingest -- 10000-worktree size`).
fn main() {
    let chosen: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wanted = |name: &str| chosen.is_empty() || chosen.iter().any(|c| c == name);
    for count in [1_000, 10_000] {
        for bare in [false, true] {
            let name = format!("{count}-{}", if bare { "bare" } else { "worktree" });
            if wanted(&name) {
                ingest_generated(count, bare);
            }
        }
    }
    if wanted("size") {
        store_size_after_ten_versions();
    }
}

fn info(day: i64) -> CommitInfo {
    CommitInfo {
        message: None,
        when: CommitTime {
            seconds: 1_751_328_000 + day * 86_400,
            offset_minutes: 480,
        },
        author: Identity::fallback(),
        committer: Identity::fallback(),
    }
}

/// A plausible report of about 2 KB: headings, sentences with figures, all distinct.
fn generated_text(i: usize) -> String {
    let mut text = format!("第{i}人民医院年度工作报告\n");
    for section in 0..4 {
        text.push_str(&format!("\n({section})党建引领高质量发展\n"));
        for s in 0..5 {
            text.push_str(&format!(
                "2024年门诊量达到{}.{}万人次,由{}个党支部调整为{}个党支部,满意度达到9{}.{}%。",
                10 + i % 90,
                s,
                section + 10,
                section + s + 12,
                s,
                i % 10
            ));
        }
        text.push('\n');
    }
    text
}

fn ingest_generated(count: usize, bare: bool) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("store");
    let (store, _) = Store::init(&dir, bare, &info(0)).expect("init");
    let start = Instant::now();
    let reports: Vec<Report> = (0..count)
        .map(|i| {
            record::read(Input {
                label: format!("{i}.txt"),
                bytes: generated_text(i).into_bytes(),
                options: ReadOptions {
                    hospital: Some(format!("第{}医院", i % 1000)),
                    url: None,
                },
                report: Some(format!("报告{i}")),
                fallback_id: None,
                raw_ext: Some("txt".to_string()),
                new_report: false,
            })
            .expect("reads")
        })
        .collect();
    let read = start.elapsed();
    let outcome = record::commit(&store, &reports, &info(1), None).expect("ingest");
    let total = start.elapsed();
    assert_eq!(outcome.reports.len(), count);
    assert!(outcome.commit.is_some());
    // 10,000 reports in <= 30 s: the same rate for every count.
    let target = count as f64 * 30.0 / 10_000.0;
    println!(
        "ingest {count:>6} reports ({}): {:>7.2} s total ({:.2} s normalizing, {:.2} s storing), {:>6.0} reports/s  target <= {target:.0} s: {}",
        if bare { "bare store" } else { "work tree " },
        total.as_secs_f64(),
        read.as_secs_f64(),
        (total - read).as_secs_f64(),
        count as f64 / total.as_secs_f64(),
        if total.as_secs_f64() <= target {
            "met"
        } else {
            "MISSED"
        }
    );
}

fn seeds() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .collect();
    seeds.sort();
    seeds
}

fn store_size_after_ten_versions() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("store");
    let (store, _) = Store::init(&dir, false, &info(0)).expect("init");
    let seeds = seeds();
    let raw_bytes: usize = seeds
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len() as usize))
        .sum();
    for version in 0..10 {
        let reports: Vec<Report> = seeds
            .iter()
            .map(|path| {
                let mut text = std::fs::read_to_string(path).expect("seed");
                text.push_str(&format!(
                    "\n第{version}版:本院2024年门诊量达到4{version}.15万人次。\n"
                ));
                record::read(Input {
                    label: path.display().to_string(),
                    bytes: text.into_bytes(),
                    options: ReadOptions {
                        hospital: Some("示例医院".to_string()),
                        url: None,
                    },
                    report: path.file_stem().map(|s| s.to_string_lossy().into_owned()),
                    fallback_id: None,
                    raw_ext: Some("txt".to_string()),
                    new_report: false,
                })
                .expect("reads")
            })
            .collect();
        record::commit(&store, &reports, &info(version + 1), None).expect("ingest version");
    }
    let git_dir = dir.join(".git");
    let loose = du(&git_dir);
    let packed = std::process::Command::new("git")
        .args(["-C"])
        .arg(&dir)
        .args(["gc", "-q"])
        .status()
        .ok()
        .filter(|s| s.success())
        .map(|_| du(&git_dir));
    println!(
        "store after 10 versions of 5 seeds ({} KB of raw input per version): .git {} KB as written (one pack per run){}",
        raw_bytes / 1024,
        loose / 1024,
        packed.map_or(String::new(), |p| format!(
            ", {} KB after `git gc`",
            p / 1024
        ))
    );
}

/// Bytes in all files under `dir`, as `du` counts them (block-rounded to 4 KiB).
fn du(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                stack.push(entry.path());
            } else {
                total += meta.len().div_ceil(4096) * 4096;
            }
        }
    }
    total
}
