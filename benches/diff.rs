//! Diff time on report pairs of 10 KB, 1 MB and 10 MB (an edited copy of seed text), and on
//! two unrelated 10 MB reports, which must end within the deadline with a coarser diff.
//!
//! Run with `cargo bench --bench diff`; prints one line per pair.

#![allow(clippy::print_stdout)] // a benchmark binary reports on stdout

use std::path::Path;
use std::time::{Duration, Instant};

use reportdiff::diff::{DiffOptions, DiffResult, Side, diff};
use reportdiff::metrics::Lexicon;
use reportdiff::snapshot::{Block, Snapshot};

/// Sentences of the seed reports, cut at Chinese sentence ends.
fn seed_sentences(prefixes: &[&str]) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| prefixes.iter().any(|pre| n.starts_with(pre)))
        })
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("seed is UTF-8");
        for line in text.lines() {
            let mut sentence = String::new();
            for c in line.trim().chars() {
                sentence.push(c);
                if matches!(c, '。' | '!' | '?' | '！' | '？') {
                    out.push(std::mem::take(&mut sentence));
                }
            }
            if sentence.chars().count() > 4 {
                out.push(sentence);
            }
        }
    }
    out
}

/// A report of about `bytes` bytes: the seed sentences over and over, each copy tagged so
/// that sentences stay distinct as in a real report, in paragraphs of five.
fn report(sentences: &[String], bytes: usize, tag: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut size = 0;
    let mut k = 0;
    while size < bytes {
        let s = &sentences[k % sentences.len()];
        let tagged = format!("{tag}{}：{s}", k / sentences.len() + 1);
        size += tagged.len() + 1;
        out.push(tagged);
        k += 1;
    }
    out
}

/// An edited copy: every 40th sentence gets one of the edits an analyst sees (a figure
/// changed, an OCR slip fixed, a sentence added, deleted, split, merged or moved away).
fn edited(old: &[String]) -> Vec<String> {
    let mut new = Vec::with_capacity(old.len());
    let mut moved = Vec::new();
    for (i, s) in old.iter().enumerate() {
        match (i % 40 == 7).then_some(i / 40 % 7) {
            Some(0) => new.push(s.replacen('1', "2", 1).replacen('人', "入", 1)),
            Some(1) => {
                new.push(s.clone());
                new.push(format!("新增第{i}句:全年门诊量达到{}万人次。", i % 97));
            }
            Some(2) => {}
            Some(3) => {
                let chars: Vec<char> = s.chars().collect();
                let mid = chars.len() / 2;
                new.push(chars[..mid].iter().collect::<String>() + "。");
                new.push(format!("同时{}", chars[mid..].iter().collect::<String>()));
            }
            Some(4) => match new.pop() {
                Some(prev) => new.push(prev + s),
                None => new.push(s.clone()),
            },
            Some(5) => moved.push(s.clone()),
            Some(_) => new.push(s.replace(',', "，")),
            None => new.push(s.clone()),
        }
        if i % 400 == 399 {
            new.append(&mut moved);
        }
    }
    new.append(&mut moved);
    new
}

fn snapshot(sentences: Vec<String>) -> Snapshot {
    Snapshot {
        blocks: sentences
            .chunks(5)
            .map(|c| Block::paragraph(c.to_vec()))
            .collect(),
        ..Snapshot::default()
    }
}

fn side(snapshot: Snapshot) -> Side {
    Side {
        label: String::new(),
        revision: None,
        snapshot,
    }
}

fn run(old: &Snapshot, new: &Snapshot) -> (Duration, DiffResult) {
    let start = Instant::now();
    let result = diff(
        side(old.clone()),
        side(new.clone()),
        &Lexicon::builtin(),
        &DiffOptions::default(),
    );
    (start.elapsed(), result)
}

fn measure(name: &str, old: &Snapshot, new: &Snapshot, rounds: usize, target: Duration) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..rounds {
        // Clones are made outside the timed call's own work but inside `run`; subtract them.
        let clone_start = Instant::now();
        let _ = (old.clone(), new.clone());
        let clone_time = clone_start.elapsed();
        let (time, result) = run(old, new);
        times.push(time.saturating_sub(clone_time));
        last = Some(result);
    }
    times.sort();
    let median = times[times.len() / 2];
    let bytes: usize = old.sentences().map(|s| s.text.len() + 1).sum();
    if let Some(result) = last {
        let s = result.summary;
        println!(
            "{name:<28} {:>9} bytes {:>6} sentences  median {:>12.3?}  target <= {target:?} (library call): {}  changes {:>6} (modified {} moved {} split {} merged {} added {} deleted {}) coarse {}",
            bytes,
            old.sentence_count(),
            median,
            if median <= target { "met" } else { "MISSED" },
            result.changes.len(),
            s.modified,
            s.moved,
            s.split,
            s.merged,
            s.added,
            s.deleted,
            result.coarse
        );
    }
}

fn main() {
    let seeds = seed_sentences(&["000", "001", "002", "003", "004"]);
    let ms = Duration::from_millis;
    // The whole-process targets (scripts/bench.py) bound the library call too; 10 MB has
    // none of its own but scales from 1 MB.
    for (name, bytes, rounds, target) in [
        ("edited copy 10 KB", 10_000, 101, ms(2)),
        ("edited copy 1 MB", 1_000_000, 11, ms(40)),
        ("edited copy 10 MB", 10_000_000, 3, ms(400)),
    ] {
        let old = report(&seeds, bytes, "第");
        let new = edited(&old);
        measure(name, &snapshot(old), &snapshot(new), rounds, target);
    }
    let old = report(&seed_sentences(&["000", "001", "002"]), 10_000_000, "甲");
    let new = report(&seed_sentences(&["003", "004"]), 10_000_000, "乙");
    let deadline = DiffOptions::default().timeout;
    measure(
        "unrelated 10 MB",
        &snapshot(old),
        &snapshot(new),
        1,
        deadline + ms(2000),
    );
}
