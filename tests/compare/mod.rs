//! `reportdiff compare`: the five seed hospitals side by side (term, csv and json goldens),
//! two bulletins of one template, bad input, and (in `store.rs`) a whole store with `--all`.
//! Each run checks stdout, stderr and the exit status together.

use assert_cmd::assert::Assert;
use serde_json::Value;

use crate::common::reportdiff;

mod store;

/// The five seed reports as normalized in the project's `snapshots/`, one per hospital.
const SEEDS: [&str; 5] = [
    "snapshots/商丘市第一人民医院/凝心聚力 砥砺奋进 为建设省级区域医疗中心而努力奋斗.md",
    "snapshots/大同市第六人民医院/000_735f5c6c8ba4bc7d.md",
    "snapshots/定陶区人民医院/创新党建工作模式 打造医疗惠民高地.md",
    "snapshots/诸城市人民医院/天坛医院联建诸城的背后.md",
    "snapshots/长治市人民医院/以高质量党建引领医院高质量发展.md",
];

/// The city and county bulletins written from one template (shipped as examples).
pub const BULLETINS: [&str; 2] = ["examples/linyi-2024.txt", "examples/yishui-2024.txt"];

/// `reportdiff compare` run from the project root, so that labels are relative paths.
fn compare(inputs: &[&str], extra: &[&str]) -> Assert {
    reportdiff()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("compare")
        .args(inputs)
        .args(extra)
        .assert()
}

/// Compares `text` with its golden file in `tests/snapshots/`, with the other goldens.
fn golden(name: &str, text: String) {
    insta::with_settings!({snapshot_path => "../snapshots"}, {
        insta::assert_snapshot!(name, text);
    });
}

fn stdout_of(assert: &Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).expect("UTF-8 output")
}

pub fn json_of(assert: &Assert) -> Value {
    serde_json::from_str(&stdout_of(assert)).expect("valid JSON")
}

fn seeds_json() -> Value {
    json_of(&compare(&SEEDS, &["--format", "json"]).code(0).stderr(""))
}

#[test]
fn the_seeds_side_by_side_in_the_terminal() {
    let assert = compare(&SEEDS, &[]).code(0).stderr("");
    golden("compare_seeds_term", stdout_of(&assert));
}

#[test]
fn the_seeds_figures_as_csv_for_a_spreadsheet() {
    let assert = compare(&SEEDS, &["--format", "csv"]).code(0).stderr("");
    let csv = stdout_of(&assert);
    assert!(csv.starts_with('\u{feff}'), "a byte-order mark for Excel");
    let records: Vec<&str> = csv.split_terminator('\n').collect();
    assert!(
        records.iter().all(|l| l.ends_with('\r')),
        "CRLF line ends, as RFC 4180"
    );
    golden("compare_seeds_csv", csv.replace("\r\n", "\n"));
}

#[test]
fn the_seeds_as_json() {
    let assert = compare(&SEEDS, &["--format", "json"]).code(0).stderr("");
    // As printed, fields in the documented order: schema, hospitals, figures, text.
    golden("compare_seeds_json", stdout_of(&assert));
}

/// The row of `key` among the figures reported by two hospitals or more.
pub fn row<'a>(doc: &'a Value, key: &str) -> &'a Value {
    doc["figures"]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["key"] == key)
        .unwrap_or_else(|| panic!("no row {key}"))
}

/// The figures of `key` that hospital `hospital` alone reports.
fn only<'a>(doc: &'a Value, hospital: usize, key: &str) -> &'a Value {
    doc["figures"]["only_in"]
        .as_array()
        .expect("only_in")
        .iter()
        .find(|o| o["hospital"] == hospital)
        .and_then(|o| {
            o["rows"]
                .as_array()
                .expect("rows")
                .iter()
                .find(|r| r["key"] == key)
        })
        .unwrap_or_else(|| panic!("hospital {hospital} has no {key}"))
}

#[test]
fn every_seed_figure_sits_under_its_key_and_traces_to_its_sentence() {
    let doc = seeds_json();
    assert_eq!(doc["schema"], "reportdiff.compare/v1");
    let names: Vec<&str> = doc["hospitals"]
        .as_array()
        .expect("hospitals")
        .iter()
        .map(|h| h["hospital"].as_str().expect("a name"))
        .collect();
    assert_eq!(
        names,
        [
            "商丘市第一人民医院",
            "大同市第六人民医院",
            "定陶区人民医院",
            "诸城市人民医院",
            "长治市人民医院"
        ]
    );
    // Outpatient visits: 大同 42.15万 in 2024 beside 诸城 95万 in 2022, in one row.
    let visits = row(&doc, "outpatient_visits");
    assert_eq!(visits["period"], "2024");
    let cell = |h: usize| {
        visits["cells"]
            .as_array()
            .expect("cells")
            .iter()
            .find(|c| c["hospital"] == h)
            .map(|c| c["figures"][0].clone())
            .unwrap_or_else(|| panic!("hospital {h} reports outpatient visits"))
    };
    assert_eq!(
        (cell(1)["value"].clone(), cell(1)["period"].clone()),
        (421500.into(), "2024".into())
    );
    assert_eq!(
        (cell(3)["value"].clone(), cell(3)["period"].clone()),
        (950000.into(), "2022".into())
    );
    assert_eq!(
        cell(1)["sentence"],
        "2024年门诊量达到42.15万人次，患者辐射到山西省、河北省、内蒙古自治区等周边地区。"
    );
    assert!(
        cell(3)["sentence"]
            .as_str()
            .expect("text")
            .contains("年门诊诊疗患者95万人次")
    );
    // Key specialties under one key, each figure with the label that says its level.
    let specialties = row(&doc, "key_specialties");
    assert_eq!(specialties["hospitals"], 2);
    // The measures one hospital reports are kept under their canonical keys.
    assert_eq!(
        only(&doc, 3, "discharges")["cells"][0]["figures"][0]["value"],
        69363
    );
    assert_eq!(
        only(&doc, 3, "satisfaction")["cells"][0]["figures"][0]["value"],
        99.39
    );
    assert_eq!(
        only(&doc, 3, "party_branches")["cells"][0]["figures"][0]["from"],
        18
    );
    assert_eq!(
        only(&doc, 1, "staff")["cells"][0]["figures"][0]["text"],
        "120名"
    );
    // Every figure carries its sentence, and the sentence holds the figure.
    let rows = doc["figures"]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .chain(
            doc["figures"]["only_in"]
                .as_array()
                .expect("only")
                .iter()
                .flat_map(|o| o["rows"].as_array().expect("rows").iter()),
        );
    for row in rows {
        for cell in row["cells"].as_array().expect("cells") {
            for figure in cell["figures"].as_array().expect("figures") {
                let sentence = figure["sentence"].as_str().expect("a sentence");
                let text = figure["text"].as_str().expect("a text");
                let digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
                let sentence_digits: String =
                    sentence.chars().filter(|c| c.is_ascii_digit()).collect();
                assert!(sentence_digits.contains(&digits), "{text} in {sentence}");
            }
        }
    }
}

#[test]
fn two_template_bulletins_are_the_same_text_with_different_figures() {
    let doc = json_of(
        &compare(&BULLETINS, &["--format", "json"])
            .code(0)
            .stderr(""),
    );
    let text = &doc["text"];
    for h in 0..2 {
        assert_eq!(text["hospitals"][h]["share"], 1, "{}", text["hospitals"][h]);
    }
    assert_eq!(text["distinctive"], Value::Array(vec![]));
    let templates: Vec<&str> = text["templates"]
        .as_array()
        .expect("templates")
        .iter()
        .map(|t| t["text"].as_str().expect("text"))
        .collect();
    assert_eq!(text["hospitals"][0]["sentences"], 10);
    assert_eq!(templates.len(), 10, "each sentence once: {templates:#?}");
    assert!(
        templates.contains(&"〈院〉大力实施“人才强院”战略，为〈地〉百姓提供优质高效的医疗服务。")
    );
    assert!(templates.contains(&"2024年，〈院〉在市委、市政府和市卫健委的坚强领导下，坚持以高质量党建引领医院高质量发展，各项工作取得新成效。"));
    // The figures differ, measure by measure, with their ratio.
    for (key, city, county) in [
        ("outpatient_visits", 1205000, 850000),
        ("discharges", 58000, 32000),
        ("beds", 1500, 900),
        ("staff", 2100, 1260),
        ("party_branches", 32, 18),
    ] {
        let row = row(&doc, key);
        let values: Vec<&Value> = row["cells"]
            .as_array()
            .expect("cells")
            .iter()
            .map(|c| &c["figures"][0]["value"])
            .collect();
        assert_eq!(values, [&Value::from(city), &Value::from(county)], "{key}");
        let ratio = row["ratio"].as_f64().expect("a ratio");
        assert!(
            (ratio - county as f64 / city as f64).abs() < 1e-9,
            "{key}: {ratio}"
        );
    }
}

#[test]
fn two_template_bulletins_in_the_terminal() {
    let assert = compare(&BULLETINS, &["--width", "100"]).code(0).stderr("");
    golden("compare_bulletins_term", stdout_of(&assert));
}

#[test]
fn diff_of_two_template_bulletins_shows_figures_and_scope_words() {
    let assert = reportdiff()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["diff", "--format", "json"])
        .args(BULLETINS)
        .assert()
        .code(1)
        .stderr("");
    let doc = json_of(&assert);
    let changes = doc["changes"].as_array().expect("changes");
    let edits: Vec<(String, String)> = changes
        .iter()
        .flat_map(|c| c["inline"].as_array().expect("inline"))
        .filter(|s| s["op"] != "equal")
        .map(|s| {
            (
                s["op"].as_str().unwrap_or("").to_string(),
                s["text"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    // The sentence that differs only by its names is no change at all.
    assert!(
        !changes
            .iter()
            .any(|c| c["new"][0].as_str().unwrap_or("").contains("人才强院")),
        "{changes:#?}"
    );
    assert_eq!(doc["summary"]["modified"], 8);
    assert_eq!(doc["summary"]["added"], 0);
    assert_eq!(doc["summary"]["deleted"], 0);
    // What is left: figures, the names in the first sentence, and 市 for 县.
    for (op, text) in &edits {
        let scope =
            ["市", "县", "市委、市", "县委、县", "临沂市", "沂水县"].contains(&text.as_str());
        let figure = text.chars().any(|c| c.is_ascii_digit());
        assert!(scope || figure, "{op} {text}");
    }
    let classes: Vec<&str> = changes
        .iter()
        .map(|c| c["class"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        classes,
        [
            "wording", "figures", "figures", "figures", "figures", "figures", "mixed", "wording"
        ]
    );
}

#[test]
fn the_html_page_stands_alone() {
    let assert = compare(&SEEDS, &["--format", "html"]).code(0).stderr("");
    let page = stdout_of(&assert);
    assert!(page.starts_with("<!DOCTYPE html>"));
    for forbidden in ["<script", "src=", "href=", "url("] {
        assert!(!page.contains(forbidden), "{forbidden}");
    }
    assert_eq!(
        page.matches("<svg").count(),
        3,
        "one chart per shared measure"
    );
}

#[test]
fn markdown_names_every_section() {
    let assert = compare(&BULLETINS, &["--format", "markdown"])
        .code(0)
        .stderr("");
    let md = stdout_of(&assert);
    for heading in [
        "### 2 hospitals compared",
        "#### Figures reported by two hospitals or more",
        "#### Text",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
    assert!(
        md.contains(
            "| outpatient\\_visits (人次) | 2024 | 120.5万人次 | 85万人次 | ×0.71 | 门诊量 |"
        ),
        "{md}"
    );
}

#[test]
fn keys_keep_the_measures_asked_for_and_name_the_missing() {
    let assert = compare(&BULLETINS, &["--keys", "beds,surgeries,ambulances"])
        .code(0)
        .stderr("");
    let out = stdout_of(&assert);
    assert!(out.contains("beds (张)"), "{out}");
    assert!(out.contains("surgeries (台次)"), "{out}");
    assert!(!out.contains("outpatient_visits"), "{out}");
    assert!(out.contains("(no hospital reports ambulances)"), "{out}");
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    let cases: [(&[&str], &str); 5] = [
        (&[BULLETINS[0]], "compare needs at least two reports"),
        (
            &[BULLETINS[0], BULLETINS[1], "--period", "去年"],
            "is not a period",
        ),
        (&["-", "-"], "`-` (standard input) can be given once"),
        (&[BULLETINS[0], "no/such.txt"], "no/such.txt"),
        (&["--all", BULLETINS[0]], "cannot be used with"),
    ];
    for (args, message) in cases {
        let assert = compare(args, &[]).code(2).stdout("");
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).expect("UTF-8");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        if !message.starts_with("cannot be used") {
            assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        }
    }
}
