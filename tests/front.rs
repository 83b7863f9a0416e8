//! The front half (decode, extract, metadata, pipeline) on the seed reports, on the same
//! article in other encodings and page layouts, and on inputs that must fail cleanly.

use predicates::prelude::*;
use reportdiff::compare_key::sentence_key;
use reportdiff::normalize::normalize_line;
use reportdiff::pipeline::{ReadError, ReadOptions, read_report};
use reportdiff::snapshot::{BlockKind, Snapshot};

use crate::common::{fixture, reportdiff, seed};

fn read(path: std::path::PathBuf) -> Snapshot {
    let bytes = std::fs::read(&path).expect("fixture is readable");
    read_report(&bytes, &ReadOptions::default()).expect("fixture reads")
}

fn body_text(snapshot: &Snapshot) -> String {
    snapshot
        .sentences()
        .map(|s| s.text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether the body holds `fragment`, compared after normalizing it the same way.
fn assert_body_has(snapshot: &Snapshot, fragments: &[&str]) {
    let body = body_text(snapshot);
    for fragment in fragments {
        let fragment = normalize_line(fragment);
        assert!(body.contains(&fragment), "body lost {fragment:?}");
    }
}

/// Whether the body lacks every one of `fragments`, compared after normalizing them.
fn assert_body_lacks(snapshot: &Snapshot, fragments: &[&str]) {
    let body = body_text(snapshot);
    for fragment in fragments {
        let fragment = normalize_line(fragment);
        assert!(!body.contains(&fragment), "body still holds {fragment:?}");
    }
}

fn assert_meta(
    snapshot: &Snapshot,
    hospital: &str,
    title: Option<&str>,
    published: Option<&str>,
    source: &str,
    authors: &[&str],
) {
    let meta = &snapshot.meta;
    assert_eq!(meta.hospital.as_deref(), Some(hospital));
    assert_eq!(meta.title, title.map(normalize_line));
    assert_eq!(meta.published.as_deref(), published);
    assert_eq!(meta.source.as_deref(), Some(source));
    assert_eq!(meta.authors, authors);
}

#[test]
fn seed_000_metadata_and_body() {
    let s = read(seed("000"));
    // The first lines end in 。 and summarize highlights: body, not a title.
    assert_meta(
        &s,
        "大同市第六人民医院",
        None,
        Some("2025-06-30"),
        "中国城市报",
        &["杜英姿", "郭文治", "孟航", "李彤彤", "李静雯"],
    );
    assert_body_has(
        &s,
        &[
            "山西省大同市第六人民医院开发应用专病前沿新技术",
            "推进临床重点专科建设",
            "守护群众心理健康",
            "直接受益学生人数近千人",
            "切实推进医疗惠民便民利民",
        ],
    );
    // The reporters' credit and the newspaper issue line are metadata.
    assert_body_lacks(&s, &["记者杜英姿", "第24版"]);
}

#[test]
fn seed_001_metadata_and_body() {
    let s = read(seed("001"));
    assert_meta(
        &s,
        "长治市人民医院",
        Some("以高质量党建引领医院高质量发展"),
        Some("2021-05-10"),
        "长治市医报",
        &[],
    );
    assert_body_has(
        &s,
        &[
            "风雨百年路",
            "贯彻落实党委领导下的院长负贵制",
            "互联网医院建设积极推进",
            "以优质的医疗服务赢得广大人民群众的信赖和支持",
        ],
    );
    // The site's generated summary and its title line are page furniture.
    assert_body_lacks(&s, &["文章总结了", "长治市医报"]);
}

#[test]
fn seed_002_metadata_and_body() {
    let s = read(seed("002"));
    assert_meta(
        &s,
        "定陶区人民医院",
        Some("创新党建工作模式 打造医疗惠民高地"),
        Some("2023-12-17"),
        "荷泽新闻网",
        &["王进"],
    );
    assert_body_has(
        &s,
        &[
            "在定陶区委、区政府的正确领导下",
            "做实电话回访服务",
            "推动了定陶区人民医院高质量发展",
        ],
    );
    // The byline is metadata; the breadcrumb is furniture.
    assert_body_lacks(&s, &["定陶区人民医院 王进", "荷泽新闻网", "县区新闻"]);
}

#[test]
fn seed_003_metadata_and_body() {
    let s = read(seed("003"));
    // 天坛医院 is named first (even in the title), but the report is about 诸城市人民医院.
    assert_meta(
        &s,
        "诸城市人民医院",
        Some("天坛医院联建诸城的背后"),
        None,
        "大众网",
        &["钟耀萱"],
    );
    assert_body_has(
        &s,
        &[
            "北京天坛医院神经外科与诸城市人民医院神经学科举办了党建联建交流座谈会",
            "大力实施“人才强院”战略",
            "出院69363人次",
            "潍坊市级区域医疗中心目标稳步迈进",
        ],
    );
    assert_body_lacks(
        &s,
        &["邵长江", "资料图", "日媒曝日本政府", "黑龙江无新增确诊病例"],
    );
}

#[test]
fn seed_004_metadata_and_body() {
    let s = read(seed("004"));
    assert_meta(
        &s,
        "商丘市第一人民医院",
        Some("凝心聚力 砥砺奋进 为建设省级区域医疗中心而努力奋斗"),
        Some("2022-02-14"),
        "中国网",
        &["朱群永", "王璐", "陈钦正"],
    );
    assert_body_has(
        &s,
        &[
            "——商丘市第一人民医院党委书记、院长韩传恩",
            "1月28日下午",
            "省级区域医疗中心落户医院",
            "韩传恩如是说",
        ],
    );
    assert_body_lacks(&s, &["文图供稿", "赵茜"]);
}

#[test]
fn no_boilerplate_is_left_in_any_seed() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let s = read(seed(prefix));
        for sentence in s.sentences() {
            for mark in [
                "浏览(",
                "浏览（",
                "责任编辑",
                "Copyright",
                "ICP",
                "版权所有",
                "标签",
                "广告",
                "当前位置",
                "文章内容",
            ] {
                assert!(
                    !sentence.text.contains(mark),
                    "seed {prefix}: {mark} left in {:?}",
                    sentence.text
                );
            }
        }
    }
}

#[test]
fn one_article_in_four_forms_gives_one_snapshot() {
    let text = read(seed("002"));
    for form in [
        "encodings/seed_002.gbk.txt",
        "html/portal_002.utf8.html",
        "encodings/portal_002.gbk.html",
    ] {
        assert_eq!(read(fixture(form)), text, "{form}");
    }
    let text = read(seed("004"));
    for form in [
        "encodings/portal_004.gb2312.html",
        "encodings/seed_004.crlf.txt",
    ] {
        assert_eq!(read(fixture(form)), text, "{form}");
    }
}

#[test]
fn a_big5_page_in_traditional_script() {
    let page = read(fixture("encodings/portal_003.big5.html"));
    assert_eq!(page, read(fixture("encodings/traditional_003.txt")));
    // Compared after normalizing: normalization may fold Traditional to Simplified script.
    // The hospital is named in Simplified script, as the store files it.
    assert_eq!(page.meta.hospital.as_deref(), Some("诸城市人民医院"));
    assert_eq!(page.meta.source, Some(normalize_line("大眾網")));
    assert_eq!(page.meta.authors, [normalize_line("鍾耀萱")]);
    assert_body_has(&page, &["群眾就醫滿意度提升到99.39%"]);
    assert_body_lacks(&page, &["熱點新聞", "上一篇", "邵長江"]);
}

#[test]
fn headings_inside_an_html_article_are_their_own_lines() {
    let page = read(fixture("encodings/portal_004.gb2312.html"));
    let headings: Vec<&str> = page
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .flat_map(|b| b.sentences.iter().map(String::as_str))
        .collect();
    assert!(headings.contains(&normalize_line("省级区域医疗中心落户医院").as_str()));
}

#[test]
fn the_hospital_option_overrides_the_text() {
    let bytes = std::fs::read(seed("003")).expect("seed is readable");
    let options = ReadOptions {
        hospital: Some("北京天坛医院".into()),
        url: None,
    };
    let s = read_report(&bytes, &options).expect("seed reads");
    assert_eq!(s.meta.hospital.as_deref(), Some("北京天坛医院"));
}

#[test]
fn normalizing_a_snapshot_gives_it_back() {
    let s = read(seed("002"));
    let again =
        read_report(s.to_markdown().as_bytes(), &ReadOptions::default()).expect("snapshot reads");
    assert_eq!(again, s);
}

#[test]
fn line_endings_and_byte_order_mark_do_not_matter() {
    let lf = "医院召开党建工作会议。\n坚持党建引领\n门诊量达到42.15万人次。\n";
    let expected = read_report(lf.as_bytes(), &ReadOptions::default()).expect("reads");
    for variant in [
        lf.replace('\n', "\r\n"),
        lf.replace('\n', "\r"),
        format!("\u{feff}{lf}"),
    ] {
        let got = read_report(variant.as_bytes(), &ReadOptions::default()).expect("reads");
        assert_eq!(got, expected, "{variant:?}");
    }
}

#[test]
fn only_boilerplate_is_empty() {
    let page = "文章内容\n\n浏览(1421)     (0)\n责任编辑:\n网站备案号:鲁ICP备09012531号\nCopyright© 2004-2012 hezeshi.com All rights reserved.\n";
    assert!(matches!(
        read_report(page.as_bytes(), &ReadOptions::default()),
        Err(ReadError::Empty)
    ));
    for empty in ["", "\n\n  \r\n"] {
        assert!(matches!(
            read_report(empty.as_bytes(), &ReadOptions::default()),
            Err(ReadError::Empty)
        ));
    }
    // A web page says why it holds no article.
    let menu = "<html><body><div class=\"nav\"><a>首页</a></div></body></html>";
    assert!(matches!(
        read_report(menu.as_bytes(), &ReadOptions::default()),
        Err(ReadError::NoArticle(_))
    ));
}

#[test]
fn binary_and_undecodable_input_are_one_line_errors() {
    reportdiff()
        .args(["normalize", "-"])
        .write_stdin(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec())
        .assert()
        .code(2)
        .stderr("error: <stdin>: binary content, not a text or HTML report\n");
    reportdiff()
        .args(["normalize", "-"])
        .write_stdin(b"\x81\x20\xff\xfe\xff\xff\x80\x81".to_vec())
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: <stdin>: not UTF-8, GB18030 or Big5",
        ))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
}

#[test]
fn a_few_bad_bytes_are_read_with_a_warning() {
    let mut page = "诸城市人民医院召开党建工作会议，部署全年重点工作。\n"
        .repeat(3)
        .into_bytes();
    page[6] = 0xff;
    page.extend(b"\xb5\n");
    reportdiff()
        .args(["normalize", "-"])
        .write_stdin(page)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("部署全年重点工作。"))
        .stderr("warning: <stdin>: 4 bytes fit no encoding and were read as U+FFFD\n");
}

#[test]
fn a_hundred_thousand_nested_elements_do_not_overflow() {
    let depth = 100_000;
    let page = format!(
        "<html><body>{}<p>医院召开党建工作会议。</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let s = read_report(page.as_bytes(), &ReadOptions::default()).expect("deep page reads");
    assert_eq!(body_text(&s), normalize_line("医院召开党建工作会议。"));
}

/// A long report built from the seed: many copies of its paragraphs.
fn long_report(megabytes: usize) -> Vec<u8> {
    let seed = std::fs::read_to_string(seed("002")).expect("seed is readable");
    let body: String = seed
        .lines()
        .filter(|l| l.chars().count() > 40)
        .map(|l| format!("{l}\n"))
        .collect();
    body.repeat(megabytes * 1024 * 1024 / body.len() + 1)
        .into_bytes()
}

#[test]
fn a_five_megabyte_report_reads() {
    let s = read_report(&long_report(5), &ReadOptions::default()).expect("big report reads");
    assert!(s.sentence_count() > 10_000);
    assert_eq!(s.meta.hospital.as_deref(), Some("定陶区人民医院"));
}

#[test]
#[ignore = "slow in debug builds; the bench measures the same input in release"]
fn a_fifty_megabyte_report_reads() {
    let s = read_report(&long_report(50), &ReadOptions::default()).expect("big report reads");
    assert!(s.sentence_count() > 100_000);
}

mod never_panics {
    use proptest::prelude::*;
    use reportdiff::pipeline::{ReadOptions, read_report};

    /// Pieces that real pages are made of, so that random inputs reach deep into extraction.
    const PIECES: &[&str] = &[
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<br>",
        "<h1>",
        "</h1>",
        "<a href=\"/\">",
        "</a>",
        "<script>",
        "</script>",
        "<div class=\"nav\">",
        "<html><body>",
        "<meta charset=\"gbk\">",
        "医院",
        "人民医院",
        "诸城市",
        "山西省",
        "记者",
        "(记者张三综合报道)",
        "发布时间:",
        "2023-12-17",
        "来源:",
        "作者:",
        "标签:",
        "责任编辑",
        "浏览(12)",
        "。",
        ",",
        "“",
        "\n",
        "\r\n",
        "\r",
        " ",
        "\u{3000}",
        "+++\n",
        "《中国城市报》",
        "(",
        ")",
        "\u{feff}",
        "文章总结了",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
        // PROPTEST_CASES, when set, overrides the everyday count (a long run before a release).
        std::env::var("PROPTEST_CASES").map_or(256, |v| v.parse().unwrap_or(256))
    ))]

        #[test]
        fn on_page_like_text(picks in prop::collection::vec(0..PIECES.len(), 0..200)) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let _ = read_report(text.as_bytes(), &ReadOptions::default());
        }

        #[test]
        fn on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
            let _ = read_report(&bytes, &ReadOptions::default());
        }

        #[test]
        fn and_reading_its_own_snapshot_gives_it_back(
            picks in prop::collection::vec(0..PIECES.len(), 1..120)
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            if let Ok(snapshot) = read_report(text.as_bytes(), &ReadOptions::default()) {
                let again = read_report(snapshot.to_markdown().as_bytes(), &ReadOptions::default());
                prop_assert_eq!(again.ok(), Some(snapshot));
            }
        }
    }
}

#[test]
fn an_old_table_layout_page_without_h1() {
    let page = read(fixture("html/table_layout.html"));
    assert_eq!(page.meta.hospital.as_deref(), Some("宁阳县人民医院"));
    assert_eq!(
        page.meta.title.as_deref(),
        Some(normalize_line("我院召开2024年度工作会议").as_str())
    );
    assert_eq!(page.meta.published.as_deref(), Some("2024-02-20"));
    assert_body_has(
        &page,
        &[
            "2月18日，宁阳县人民医院召开2024年度工作会议",
            "由18个党支部调整为23个党支部",
            "推动宁阳县人民医院高质量发展",
        ],
    );
    assert_body_lacks(
        &page,
        &["网站首页", "我院开展义诊活动", "点击数", "ICP", "版权所有"],
    );
}

#[test]
fn a_binary_file_is_named_in_the_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("年报.html"),
        b"%PDF-1.7\n\x00\x01\x02binary",
    )
    .expect("write");
    reportdiff()
        .current_dir(dir.path())
        .args(["normalize", "年报.html"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("error: 年报.html: binary content, not a text or HTML report\n");
}

#[test]
fn the_command_line_prints_the_same_snapshot_for_a_gbk_page_and_the_text() {
    let text = reportdiff()
        .arg("normalize")
        .arg(seed("002"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    reportdiff()
        .arg("normalize")
        .arg(fixture("encodings/portal_002.gbk.html"))
        .assert()
        .success()
        .stdout(predicate::eq(text.as_slice()));
}

/// The same page written in Simplified and in Traditional script, with full-width marks in
/// the Traditional copy: its boilerplate, credits and tag list are recognized alike.
#[test]
fn a_traditional_copy_reads_like_its_simplified_original() {
    let simplified = "医院召开党建工作会议\n发布时间：2023-08-01 来源：大众网\n本报讯(记者 王进)日前,诸城市人民医院召开党建工作会议,总结上半年工作,部署下半年重点工作任务,推动医院高质量发展,提升群众就医获得感。\n诸城市人民医院坚持党建引领,全面提升医疗服务能力和水平,门诊量和出院人次稳步增长,群众就医满意度持续提升。(记者杜英姿、郭文治综合报道)\n责任编辑：李四\n版权所有 © 2023 大众网\n标签：\n- 医院开展义诊活动\n";
    let traditional = "醫院召開黨建工作會議\n發佈時間：２０２３-08-01 來源：大眾網\n本報訊（記者 王進）日前，諸城市人民醫院召開黨建工作會議，總結上半年工作，部署下半年重點工作任務，推動醫院高質量發展，提升群眾就醫獲得感。\n諸城市人民醫院堅持黨建引領，全面提升醫療服務能力和水平，門診量和出院人次穩步增長，群眾就醫滿意度持續提升。（記者杜英姿、郭文治綜合報道）\n責任編輯：李四\n版權所有 © 2023 大眾網\n標籤：\n- 醫院開展義診活動\n";
    let read = |text: &str| read_report(text.as_bytes(), &ReadOptions::default()).expect("reads");
    let (old, new) = (read(simplified), read(traditional));
    let key = |s: &Snapshot| {
        let meta = &s.meta;
        let fields = [&meta.hospital, &meta.title, &meta.source];
        let mut keys: Vec<String> = fields
            .iter()
            .map(|f| sentence_key(f.as_deref().unwrap_or_default()))
            .chain(meta.authors.iter().map(|a| sentence_key(a)))
            .collect();
        keys.extend(s.sentences().map(|s| sentence_key(s.text)));
        keys
    };
    assert_eq!(key(&new), key(&old));
    assert_eq!(old.meta.authors, ["王进", "杜英姿", "郭文治"]);
    // Both copies are filed under one hospital, named in Simplified script.
    assert_eq!(new.meta.hospital.as_deref(), Some("诸城市人民医院"));
    assert_eq!(new.sentence_count(), 2);
}
