//! `compare --all` over a store of 1,000 hospitals.
//!
//! `cargo bench --bench compare` builds a store of 1,000 hospitals (1,200 reports: one in
//! five hospitals also keeps last year's), each report derived from one of the five seed
//! snapshots: the hospital renamed after a made-up county, its own names in the text
//! replaced, figures scaled, sentences dropped or reworded and a few of its own added. It then prints
//! how long the release binary takes for `compare --all` (every format) and for
//! `compare --all --period 2023`, and how the time splits in the library: reading the
//! store, extracting figures, comparing. The target: under 5 s.
//!
//! `cargo bench --bench compare -- --keep DIR` builds the store in DIR and leaves it there,
//! to look at the output of a thousand hospitals.

// A bench binary reports on standard output; the lint is for the library.
#![allow(clippy::print_stdout)]

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use reportdiff::compare::{CompareOptions, Report, compare};
use reportdiff::metrics::Lexicon;
use reportdiff::snapshot::{Block, BlockKind, Snapshot};
use reportdiff::store::{
    At, CommitInfo, CommitTime, Edit, Identity, Plan, ReportPath, ReportRef, Store,
};

const HOSPITALS: usize = 1_000;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = match args.iter().position(|a| a == "--keep") {
        Some(i) => Path::new(args.get(i + 1).expect("--keep DIR")).to_path_buf(),
        None => tmp.path().join("store"),
    };
    let start = Instant::now();
    let reports = build_store(&dir);
    println!(
        "store: {HOSPITALS} hospitals, {reports} reports, built in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    if std::env::args().any(|a| a == "--library") {
        library_phases(&dir);
        return;
    }
    for args in [
        &["--format", "term"][..],
        &["--format", "json"],
        &["--format", "csv"],
        &["--format", "html"],
        &["--format", "json", "--period", "2023"],
    ] {
        let (seconds, bytes) = run_binary(&dir, args);
        println!(
            "compare --all {:<28} {seconds:.2} s  ({} KB out)",
            args.join(" "),
            bytes / 1024
        );
    }
    library_phases(&dir);
}

/// The release binary's wall time and output size for `compare --all ARGS` in the store.
fn run_binary(dir: &Path, args: &[&str]) -> (f64, usize) {
    let start = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_reportdiff"))
        .current_dir(dir)
        .args(["compare", "--all"])
        .args(args)
        .env_remove("REPORTDIFF_STORE")
        .output()
        .expect("the binary runs");
    let seconds = start.elapsed().as_secs_f64();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (seconds, output.stdout.len())
}

/// The same work through the library, phase by phase.
fn library_phases(dir: &Path) {
    let store = Store::open(dir).expect("store");
    let lexicon = Lexicon::builtin();
    let start = Instant::now();
    let paths = store.read_tip(|tip| tip.reports()).expect("listing");
    let mut snapshots = Vec::with_capacity(paths.len());
    for path in &paths {
        let reference = ReportRef {
            hospital: path.hospital.clone(),
            report: path.report.clone(),
            at: At::Head,
        };
        snapshots.push((path.clone(), store.read(&reference).expect("read").snapshot));
    }
    let read = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let mut reports: Vec<Report> = Vec::new();
    for (path, snapshot) in snapshots {
        // The latest report of each hospital: the last one listed is this year's.
        if reports
            .last()
            .is_some_and(|r| r.label.starts_with(&format!("{}/", path.hospital)))
        {
            reports.pop();
        }
        reports.push(Report::new(
            &path.hospital,
            &path.to_string(),
            None,
            snapshot,
            &lexicon,
        ));
    }
    let figures = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let comparison = compare(reports, &CompareOptions::default()).expect("compare");
    let compared = start.elapsed().as_secs_f64();
    println!(
        "library: read {read:.2} s, figures {figures:.2} s, compare {compared:.2} s \
         ({} shared measures, {} templates, {} set phrases)",
        comparison.figures.rows.len(),
        comparison.text.templates.len(),
        comparison.text.set_phrases.len()
    );
}

/// The five seed snapshots of the project.
fn seeds() -> Vec<Snapshot> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots");
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .expect("snapshots/")
        .flat_map(|d| std::fs::read_dir(d.expect("entry").path()).expect("folder"))
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            Snapshot::from_markdown(&std::fs::read_to_string(f).expect("UTF-8"))
                .expect("a snapshot")
        })
        .collect()
}

/// A made-up county name for hospital `i`: two Han characters from a fixed list.
fn county(i: usize) -> String {
    const CHARS: &[char] = &[
        '安', '平', '宁', '丰', '阳', '山', '河', '清', '源', '泉', '东', '西', '南', '北', '新',
        '城', '德', '兴', '华', '明', '乐', '长', '永', '临', '昌', '武', '文', '和', '江', '海',
        '林', '石',
    ];
    let n = CHARS.len();
    format!("{}{}", CHARS[i % n], CHARS[(i / n + i) % n])
}

/// A tiny deterministic hash, to vary reports without a random number generator.
fn mix(a: usize, b: usize) -> usize {
    let x = (a as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        ^ (b as u64).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    (x ^ (x >> 29)) as usize
}

/// Every ASCII digit run of `text` scaled by `factor` percent (years left alone).
fn scale_figures(text: &str, factor: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String, next: Option<char>| {
        if digits.is_empty() {
            return;
        }
        let year = digits.len() == 4 && next == Some('年');
        match digits.parse::<u64>() {
            Ok(n) if !year => out.push_str(&(n * factor as u64 / 100).max(1).to_string()),
            _ => out.push_str(digits),
        }
        digits.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out, Some(c));
            out.push(c);
        }
    }
    flush(&mut digits, &mut out, None);
    out
}

/// Two-character words that hospital reports are made of, for sentences of a hospital's own.
const WORDS: &[&str] = &[
    "医疗", "服务", "质量", "安全", "患者", "群众", "健康", "党建", "引领", "发展", "学科", "建设",
    "人才", "培养", "技术", "创新", "管理", "改革", "护理", "急救", "门诊", "住院", "手术", "病房",
    "预防", "康复", "中医", "药品", "检验", "影像", "信息", "智慧", "平台", "远程", "会诊", "基层",
    "乡镇", "社区", "家庭", "医生", "签约", "义诊", "宣讲", "讲座", "培训", "考核", "竞赛", "评比",
    "廉洁", "作风", "纪律", "监督", "制度", "流程", "优化", "提升", "完善", "推进", "落实", "深化",
    "加强", "开展", "组织", "举办", "参加", "荣获", "评为", "入选", "授予", "表彰", "先进", "优秀",
    "模范", "志愿", "帮扶", "对口", "合作", "交流", "联盟", "集团", "分院", "院区", "病区", "科室",
    "专科", "中心", "团队", "专家", "教授", "博士", "硕士", "骨干", "青年", "护士", "医师", "职工",
    "设备", "床位", "楼宇", "院史", "文化", "品牌", "形象", "口碑", "满意", "体验", "便民", "惠民",
];

/// A sentence of hospital `i`'s own: five words picked by a hash, so that no two
/// hospitals write it alike.
fn own_sentence(i: usize, k: usize) -> String {
    let word = |n: usize| WORDS[mix(i * 7 + k, n) % WORDS.len()];
    format!(
        "医院{}{}，{}{}{}工作取得新进展。",
        word(0),
        word(1),
        word(2),
        word(3),
        word(4)
    )
}

/// Hospital `i`'s report of `year`: seed `i % 5` with its names replaced, figures scaled,
/// about one sentence in eight dropped, one in three reworded by a word, and four sentences
/// of its own.
fn derived(seed: &Snapshot, i: usize, year: i32) -> (String, Snapshot) {
    let old_name = seed.meta.hospital.clone().unwrap_or_default();
    let place = county(i);
    let name = format!("{place}县人民医院");
    let old_place: String = old_name.chars().take(2).collect();
    let factor = 50 + mix(i, year as usize) % 150;
    let mut blocks = Vec::new();
    for (b, block) in seed.blocks.iter().enumerate() {
        let sentences: Vec<String> = block
            .sentences
            .iter()
            .enumerate()
            .filter(|(s, _)| !mix(i * 31 + b, *s).is_multiple_of(8) || block.sentences.len() == 1)
            .map(|(s, text)| {
                let text = scale_figures(
                    &text.replace(&old_name, &name).replace(&old_place, &place),
                    factor,
                );
                let h = mix(i * 131 + b, s);
                if h.is_multiple_of(3) && block.kind == BlockKind::Paragraph {
                    // Reworded: one word of the hospital's own put in, at a character boundary.
                    let chars: Vec<char> = text.chars().collect();
                    let at = h / 3 % chars.len().max(1);
                    let word = WORDS[h / 7 % WORDS.len()];
                    chars[..at]
                        .iter()
                        .chain(word.chars().collect::<Vec<_>>().iter())
                        .chain(&chars[at..])
                        .collect()
                } else {
                    text
                }
            })
            .collect();
        if !sentences.is_empty() {
            blocks.push(Block {
                kind: block.kind,
                sentences,
            });
        }
    }
    blocks.push(Block::paragraph(
        (0..4).map(|k| own_sentence(i, k)).collect(),
    ));
    let mut meta = seed.meta.clone();
    meta.hospital = Some(name.clone());
    meta.published = Some(format!("{year}-0{}-15", 1 + i % 9));
    (name, Snapshot { meta, blocks })
}

/// Writes the store in one commit; returns how many reports it holds.
fn build_store(dir: &Path) -> usize {
    let info = CommitInfo {
        message: Some("1,000 hospitals".to_string()),
        when: CommitTime {
            seconds: 1_751_328_000,
            offset_minutes: 480,
        },
        author: Identity::fallback(),
        committer: Identity::fallback(),
    };
    let (store, _) = Store::init(dir, false, &info).expect("init");
    let seeds = seeds();
    let mut edits = Vec::new();
    for i in 0..HOSPITALS {
        let seed = &seeds[i % seeds.len()];
        let years: &[i32] = if i % 5 == 0 { &[2023, 2024] } else { &[2024] };
        for &year in years {
            let (name, snapshot) = derived(seed, i, year);
            edits.push(Edit::Snapshot {
                path: ReportPath::new(&name, &format!("{year}年工作报告")),
                bytes: snapshot.to_markdown().into_bytes(),
            });
        }
    }
    let count = edits.len();
    store
        .commit(&info, move |_| {
            Ok(Plan {
                edits: edits.clone(),
                subject: "1,000 hospitals".to_string(),
                trailers: Vec::new(),
                value: (),
            })
        })
        .expect("commit");
    count
}
