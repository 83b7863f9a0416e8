//! Real-page classes (issue 11), each reproduced by a small page written for the test in
//! `fixtures/pages/`: the article found, its title, date and hospital read, and nothing of the
//! page's furniture kept.

use predicates::prelude::*;
use reportdiff::pipeline::{ReadOptions, read_report};
use reportdiff::snapshot::Snapshot;

use crate::common::{fixture, reportdiff};

fn read(name: &str) -> Snapshot {
    let bytes = std::fs::read(fixture(&format!("pages/{name}"))).expect("fixture exists");
    read_report(&bytes, &ReadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn body_text(snapshot: &Snapshot) -> String {
    snapshot
        .blocks
        .iter()
        .flat_map(|b| b.sentences.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Title, date and hospital of a fixture, and the first and last sentence of its body.
fn check(name: &str, title: &str, published: Option<&str>, hospital: Option<&str>) -> String {
    let s = read(name);
    assert_eq!(s.meta.title.as_deref(), Some(title), "{name}: title");
    assert_eq!(s.meta.published.as_deref(), published, "{name}: date");
    assert_eq!(s.meta.hospital.as_deref(), hospital, "{name}: hospital");
    body_text(&s)
}

#[test]
fn an_article_inside_a_page_that_is_mostly_links_is_found() {
    let body = check(
        "link_heavy.html",
        "定陶区人民医院开展急救技能培训",
        Some("2024-03-08"),
        Some("定陶区人民医院"),
    );
    assert!(body.starts_with("为提升医务人员急救能力"), "{body}");
    assert!(body.ends_with("共有120余名医护人员参加。"), "{body}");
    assert!(!body.contains("护士节"), "{body}");
}

#[test]
fn class_names_on_body_and_layout_tables_hide_nothing() {
    let body = check(
        "body_class.html",
        "诸城市人民医院开展世界肾脏日义诊",
        None,
        Some("诸城市人民医院"),
    );
    assert!(body.starts_with("3月14日是第19个世界肾脏日"), "{body}");
    assert!(!body.contains("首页"), "{body}");
}

#[test]
fn a_page_inside_a_form_laid_out_in_nested_tables_is_read() {
    let body = check(
        "aspnet_form.html",
        "市中医医院召开安全生产工作会议",
        Some("2024-05-20"),
        // "市中医医院" names no place: no guess.
        None,
    );
    assert_eq!(body.lines().count(), 2, "{body}");
    assert!(!body.contains("浏览次数"), "{body}");
}

#[test]
fn the_post_is_chosen_over_a_longer_comment_thread() {
    let body = check(
        "comments.html",
        "医生护士接力救治突发心梗患者",
        Some("2024-06-02"),
        None,
    );
    assert_eq!(body.lines().count(), 2, "{body}");
    assert!(!body.contains("网友"), "{body}");
}

#[test]
fn ruby_annotations_are_not_text() {
    let body = check("ruby.html", "儿科开展绘本共读活动", None, None);
    assert!(body.contains("认读嵇康的故事"), "{body}");
    assert!(body.contains("感受阅读的乐趣"), "{body}");
}

#[test]
fn titles_come_from_headings_meta_and_title_without_the_site_name() {
    // A logo `<h1>` and an author line are never the title; the date is `article:published_time`.
    let body = check(
        "logo_h1.html",
        "县医院胸痛中心通过国家标准版认证",
        Some("2024-04-10"),
        None,
    );
    assert!(!body.contains("张三"), "{body}");
    assert_eq!(read("logo_h1.html").meta.authors, ["张三", "李四"]);
    // No heading: `og:title`; the date is `<meta name="pubdate">`, before the address's.
    check(
        "og_title.html",
        "口腔科开展爱牙日宣传活动",
        Some("2023-09-20"),
        None,
    );
    // An `<h2>` the `<title>` confirms; the date is in the canonical address.
    check(
        "url_date.html",
        "我市启动家庭医生签约服务宣传月活动",
        Some("2024-05-19"),
        None,
    );
}

#[test]
fn a_crawl_time_is_never_the_publication_date() {
    let body = check(
        "text_a.txt",
        "市人民医院召开2025年党建工作会议",
        Some("2025-01-14"),
        Some("衡水市人民医院"),
    );
    for furniture in [
        "抓取时间",
        "特别声明",
        "浏览次数",
        "相关阅读",
        "职工代表大会",
        "分享到",
    ] {
        assert!(!body.contains(furniture), "{furniture} in {body}");
    }
    let crawl_only = "医院召开党建工作会议\n抓取时间：2025-03-02 08:00\n会议部署了全年重点工作，推动医院高质量发展。\n";
    let s = read_report(crawl_only.as_bytes(), &ReadOptions::default()).expect("reads");
    assert_eq!(s.meta.published, None);
    assert!(!body_text(&s).contains("抓取"));
}

#[test]
fn two_renders_that_differ_in_counter_time_sidebar_and_related_list_give_no_diff() {
    for (old, new) in [
        ("info_a.html", "info_b.html"),
        ("text_a.txt", "text_b.txt"),
        ("long_info_a.txt", "long_info_b.txt"),
    ] {
        reportdiff()
            .args(["diff"])
            .arg(fixture(&format!("pages/{old}")))
            .arg(fixture(&format!("pages/{new}")))
            .assert()
            .code(0);
    }
}

#[test]
fn a_page_without_article_says_why() {
    for (page, why) in [
        ("link_list.html", "the page is a list of links"),
        ("script_page.html", "the article is loaded by script"),
    ] {
        reportdiff()
            .args(["normalize"])
            .arg(fixture(&format!("pages/{page}")))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(why));
    }
}

#[test]
fn json_says_where_the_title_date_and_hospital_came_from() {
    for (page, title, published, hospital) in [
        ("og_title.html", "meta:og:title", "meta:pubdate", None),
        ("url_date.html", "h2", "url", None),
        ("link_heavy.html", "h1", "info line", Some("text")),
    ] {
        let out = reportdiff()
            .args(["normalize", "--format", "json"])
            .arg(fixture(&format!("pages/{page}")))
            .output()
            .expect("runs");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(json["schema"], "reportdiff.snapshot/v1");
        let provenance = &json["provenance"];
        assert_eq!(provenance["title"], title, "{page}");
        assert_eq!(provenance["published"], published, "{page}");
        assert_eq!(provenance["hospital"].as_str(), hospital, "{page}");
    }
}
