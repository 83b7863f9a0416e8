//! Golden files: the project's `snapshots/` folder holds the five seed reports normalized.
//! Normalizing a raw seed must reproduce its golden byte for byte, and normalizing a golden
//! must give it back (idempotence).

use std::path::PathBuf;

use crate::common::{reportdiff, seed};

/// Each seed and the snapshot the store would hold for it (`<hospital>/<title>.md`, or the
/// file name where the page gives no title).
const GOLDENS: [(&str, &str); 5] = [
    ("000", "大同市第六人民医院/000_735f5c6c8ba4bc7d.md"),
    ("001", "长治市人民医院/以高质量党建引领医院高质量发展.md"),
    ("002", "定陶区人民医院/创新党建工作模式 打造医疗惠民高地.md"),
    ("003", "诸城市人民医院/天坛医院联建诸城的背后.md"),
    (
        "004",
        "商丘市第一人民医院/凝心聚力 砥砺奋进 为建设省级区域医疗中心而努力奋斗.md",
    ),
];

fn golden(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("snapshots")
        .join(path)
}

fn normalize(input: PathBuf) -> String {
    let output = reportdiff()
        .arg("normalize")
        .arg(&input)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", input.display());
    String::from_utf8(output.stdout).expect("utf-8")
}

#[test]
fn every_seed_normalizes_to_its_golden_byte_for_byte() {
    for (prefix, path) in GOLDENS {
        let expected = std::fs::read_to_string(golden(path)).expect("golden exists");
        assert_eq!(normalize(seed(prefix)), expected, "seed {prefix} vs {path}");
    }
}

#[test]
fn normalizing_a_golden_gives_it_back() {
    for (_, path) in GOLDENS {
        let expected = std::fs::read_to_string(golden(path)).expect("golden exists");
        assert_eq!(normalize(golden(path)), expected, "{path}");
    }
}

#[test]
fn the_snapshots_folder_holds_exactly_the_goldens() {
    let mut found: Vec<String> = Vec::new();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("snapshots");
    for hospital in std::fs::read_dir(&root).expect("snapshots/") {
        let hospital = hospital.expect("entry").path();
        for report in std::fs::read_dir(&hospital).expect("hospital folder") {
            let report = report.expect("entry").path();
            let relative = report
                .strip_prefix(&root)
                .expect("inside")
                .to_string_lossy();
            found.push(relative.into_owned());
        }
    }
    found.sort();
    let mut expected: Vec<String> = GOLDENS.iter().map(|(_, p)| p.to_string()).collect();
    expected.sort();
    assert_eq!(found, expected);
}
