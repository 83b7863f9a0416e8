//! Throughput of the text half of the front: `normalize_line` + `segment` on ~20 MB built from
//! the seed reports. Run with `cargo bench --bench segment`; prints MB/s, best of five rounds,
//! by wall clock and by CPU time (target: >= 50 MB/s on one core).

// A bench binary reports on stdout; that is its whole job.
#![allow(clippy::print_stdout)]

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use reportdiff::normalize::normalize_line;
use reportdiff::segment::segment;

const TARGET_BYTES: usize = 20 << 20;
const ROUNDS: usize = 5;

fn main() {
    let reports = seed_reports();
    let seed_bytes: usize = reports.iter().map(|r| r.len()).sum();
    let copies = TARGET_BYTES.div_ceil(seed_bytes);
    let corpus: Vec<&str> = (0..copies)
        .flat_map(|_| reports.iter().map(String::as_str))
        .collect();
    let bytes = seed_bytes * copies;
    println!(
        "input: {} reports, {:.1} MB",
        corpus.len(),
        bytes as f64 / 1e6
    );

    let mut best = Timings::default();
    for _ in 0..ROUNDS {
        best = best.min(&run(&corpus));
    }
    let rate = |secs: f64| bytes as f64 / 1e6 / secs;
    println!("                      wall clock    CPU time (of this process)");
    for (step, wall, cpu) in [
        ("normalize_line", best.normalize.0, best.normalize.1),
        ("segment", best.segment.0, best.segment.1),
        (
            "normalize + segment",
            best.normalize.0 + best.segment.0,
            best.normalize.1 + best.segment.1,
        ),
    ] {
        println!("{step:<20} {:8.1} MB/s {:8.1} MB/s", rate(wall), rate(cpu));
    }
}

/// Seconds spent in each step: (wall clock, CPU time). CPU time is what the code costs on
/// one core even when other processes share the machine.
#[derive(Debug, Clone, Copy)]
struct Timings {
    normalize: (f64, f64),
    segment: (f64, f64),
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            normalize: (f64::MAX, f64::MAX),
            segment: (f64::MAX, f64::MAX),
        }
    }
}

impl Timings {
    fn min(&self, other: &Timings) -> Timings {
        let min = |a: (f64, f64), b: (f64, f64)| (a.0.min(b.0), a.1.min(b.1));
        Timings {
            normalize: min(self.normalize, other.normalize),
            segment: min(self.segment, other.segment),
        }
    }
}

/// One pass over every report, as the pipeline does it: normalize each line and drop empty
/// ones, then segment each report.
fn run(corpus: &[&str]) -> Timings {
    let (wall, cpu) = (Instant::now(), cpu_seconds());
    let reports: Vec<Vec<String>> = corpus
        .iter()
        .map(|report| {
            report
                .lines()
                .map(normalize_line)
                .filter(|line| !line.is_empty())
                .collect()
        })
        .collect();
    let normalize = (wall.elapsed().as_secs_f64(), cpu_seconds() - cpu);

    let (wall, cpu) = (Instant::now(), cpu_seconds());
    let sentences: usize = reports
        .iter()
        .map(|lines| {
            segment(black_box(lines))
                .iter()
                .map(|b| b.sentences.len())
                .sum::<usize>()
        })
        .sum();
    let segment = (wall.elapsed().as_secs_f64(), cpu_seconds() - cpu);
    black_box(sentences);
    Timings { normalize, segment }
}

/// User + system CPU time of this process, from `/proc/self/stat` (Linux, 100 ticks a
/// second); 0 elsewhere, which shows as an infinite rate.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // Fields 14 and 15 of stat(5) (utime, stime); `fields` starts at field 3.
    (ticks(11) + ticks(12)) / 100.0
}

fn seed_reports() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("the seed folder exists")
        .map(|entry| entry.expect("a readable entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| std::fs::read_to_string(path).expect("a UTF-8 seed"))
        .collect()
}
