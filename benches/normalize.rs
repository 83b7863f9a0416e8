//! Normalize throughput (MB/s) of the front half, `read_report`, on large text and HTML
//! inputs built from the seed reports. Run with `cargo bench --bench normalize`.
//!
//! Targets (BENCHMARKS.md): >= 100 MB/s for text, >= 30 MB/s for HTML; each line
//! prints its figure beside its target.

#![allow(clippy::print_stdout)] // a bench binary reports on stdout
#![allow(clippy::unwrap_used)] // a bench binary may stop on a broken fixture

use std::path::Path;
use std::time::{Duration, Instant};

use reportdiff::pipeline::{ReadOptions, read_report};

const TARGET_BYTES: usize = 16 * 1024 * 1024;
const RUNS: usize = 3;

fn seeds() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// The seeds' body paragraphs, repeated to about `TARGET_BYTES`, after the first seed's head.
fn big_text(seeds: &[String]) -> String {
    let paragraphs: String = seeds
        .iter()
        .flat_map(|s| s.lines())
        .filter(|l| l.chars().count() > 40)
        .map(|l| format!("{}\n\n", l.trim()))
        .collect();
    let mut text = seeds[2].clone();
    while text.len() < TARGET_BYTES {
        text.push_str(&paragraphs);
    }
    text
}

/// A portal page whose article holds the seeds' paragraphs, repeated to about `TARGET_BYTES`.
fn big_html(seeds: &[String]) -> String {
    let paragraphs: String = seeds
        .iter()
        .flat_map(|s| s.lines())
        .filter(|l| l.chars().count() > 40)
        .map(|l| format!("<p style=\"text-indent:2em\">{}</p>\n", l.trim()))
        .collect();
    let mut page = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>创新党建工作模式 打造医疗惠民高地</title>\
         <script>var a = 1;</script></head><body><div class=\"nav\"><a href=\"/\">首页</a><a href=\"/xq\">县区新闻</a></div>\
         <div class=\"breadcrumb\">您当前位置:首页 &gt; 县区新闻 &gt; 正文</div><div class=\"main\"><h1>创新党建工作模式 打造医疗惠民高地</h1>\
         <div class=\"info\">作者: 荷泽新闻网 来源: 荷泽新闻网 发表时间:2023-12-17</div><div class=\"content\">\n",
    );
    while page.len() < TARGET_BYTES {
        page.push_str(&paragraphs);
    }
    page.push_str(
        "</div></div><div class=\"sidebar\"><h3>热点新闻</h3><ul><li><a href=\"/a\">北京门头沟区推进灾后事故救援和理赔</a></li></ul></div>\
         <div class=\"footer\">网站备案号:鲁ICP备09012531号</div></body></html>",
    );
    page
}

fn measure(name: &str, bytes: &[u8], target: f64) {
    let options = ReadOptions::default();
    let mut best = Duration::MAX;
    let mut sentences = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let snapshot = read_report(bytes, &options).unwrap();
        best = best.min(start.elapsed());
        sentences = snapshot.sentence_count();
    }
    let mb = bytes.len() as f64 / (1024.0 * 1024.0);
    let rate = mb / best.as_secs_f64();
    println!(
        "{name:<10} {mb:>6.1} MB  {:>8.1} ms  {rate:>7.1} MB/s  target >= {target} MB/s: {}  ({sentences} sentences)",
        best.as_secs_f64() * 1000.0,
        if rate >= target { "met" } else { "MISSED" }
    );
}

fn main() {
    let seeds = seeds();
    let text = big_text(&seeds);
    let html = big_html(&seeds);
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    // `cargo bench --bench normalize -- html` runs only the inputs whose name holds "html".
    let only = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let inputs: [(&str, &[u8], f64); 3] = [
        ("text", text.as_bytes(), 100.0),
        ("text-gbk", &gbk, 100.0),
        ("html", html.as_bytes(), 30.0),
    ];
    for (name, bytes, target) in inputs {
        if only.as_deref().is_none_or(|o| name.contains(o)) {
            measure(name, bytes, target);
        }
    }
}
