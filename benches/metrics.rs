//! Figure extraction speed: `cargo bench --bench metrics` reports MB/s of sentence text
//! read by `metrics::extract` on a large snapshot built from the seed reports.

#![allow(clippy::print_stdout)] // a bench binary reports its measurement on stdout

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use reportdiff::metrics::{Lexicon, extract};
use reportdiff::pipeline::{ReadOptions, read_report};
use reportdiff::snapshot::Snapshot;

/// Size of the snapshot measured, in bytes of sentence text.
const TARGET_BYTES: usize = 8 << 20;

fn main() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&seeds)
        .expect("seeds folder")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    let snapshots: Vec<Snapshot> = paths
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).expect("seed");
            read_report(&bytes, &ReadOptions::default()).expect("seed reads")
        })
        .collect();

    let mut large = Snapshot::default();
    let mut bytes = 0;
    while bytes < TARGET_BYTES {
        for snapshot in &snapshots {
            bytes += snapshot
                .blocks
                .iter()
                .flat_map(|b| &b.sentences)
                .map(String::len)
                .sum::<usize>();
            large.blocks.extend(snapshot.blocks.iter().cloned());
        }
    }

    let lexicon = Lexicon::builtin();
    let mut best = Duration::MAX;
    let mut figures = 0;
    for _ in 0..5 {
        let start = Instant::now();
        figures = black_box(extract(black_box(&large), &lexicon)).len();
        best = best.min(start.elapsed());
    }
    let mb = bytes as f64 / 1e6;
    let rate = mb / best.as_secs_f64();
    println!(
        "metrics::extract: {mb:.1} MB, {figures} figures, best of 5 {:.1} ms, {rate:.1} MB/s  target >= 30 MB/s: {}",
        best.as_secs_f64() * 1e3,
        if rate >= 30.0 { "met" } else { "MISSED" }
    );
}
