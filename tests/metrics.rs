//! `reportdiff metrics`: the figures of the seed reports, the three output formats, and the
//! promise that punctuation width and spacing never change a figure.

use predicates::prelude::*;
use proptest::prelude::*;

use reportdiff::metrics::{Lexicon, Metric, Qualifier, extract};
use reportdiff::pipeline::{ReadOptions, read_report};
use reportdiff::snapshot::{Block, Snapshot};

use crate::common::{reportdiff, seed};

fn seed_metrics(prefix: &str) -> Vec<Metric> {
    let bytes = std::fs::read(seed(prefix)).expect("seed is readable");
    let snapshot = read_report(&bytes, &ReadOptions::default()).expect("seed reads");
    extract(&snapshot, &Lexicon::builtin())
}

/// The first figure written exactly as `text`.
fn figure<'a>(metrics: &'a [Metric], text: &str) -> &'a Metric {
    metrics
        .iter()
        .find(|m| m.text == text)
        .unwrap_or_else(|| panic!("no figure {text}"))
}

#[test]
fn seed_000_key_figures() {
    let m = seed_metrics("000");
    let visits = figure(&m, "42.15万人次");
    assert_eq!(visits.label, "门诊量");
    assert_eq!(visits.value, 421500.0);
    assert_eq!(visits.unit, "人次");
    assert_eq!(visits.period.as_deref(), Some("2024"));
    assert_eq!(visits.key, "outpatient_visits");

    assert_eq!(figure(&m, "36个").label, "停车位");
    let rate = figure(&m, "26.3%增加到52.5%");
    assert_eq!((rate.from, rate.value), (Some(26.3), 52.5));
    assert_eq!(rate.unit, "%");
    assert_eq!(rate.label, "医保电子凭证使用率");

    let mutual = figure(&m, "2861次");
    assert_eq!(
        (mutual.label.as_str(), mutual.value),
        ("检查结果互认", 2861.0)
    );
    assert_eq!(mutual.key, "检查结果互认/次");

    let staff = figure(&m, "120名");
    assert_eq!(staff.label, "职工");
    assert_eq!(staff.period.as_deref(), Some("2024"));
    assert_eq!(staff.key, "staff");

    let nearly = figure(&m, "近千人");
    assert_eq!(
        (nearly.value, nearly.qualifier),
        (1000.0, Qualifier::Nearly)
    );
    let over = figure(&m, "1000余人次");
    assert_eq!((over.value, over.qualifier), (1000.0, Qualifier::Over));
    let schools = figure(&m, "6所");
    assert_eq!((schools.label.as_str(), schools.value), ("中小学校", 6.0));
}

#[test]
fn seed_003_key_figures() {
    let m = seed_metrics("003");
    let branches = figure(&m, "18个党支部调整为23个");
    assert_eq!((branches.from, branches.value), (Some(18.0), 23.0));
    assert_eq!(branches.key, "party_branches");

    let discharges = figure(&m, "69363人次");
    assert_eq!(discharges.period.as_deref(), Some("2022"));
    assert_eq!(discharges.key, "discharges");

    let visits = figure(&m, "95万人次");
    assert_eq!(visits.value, 950000.0);
    assert_eq!(visits.period.as_deref(), Some("2022"));
    assert_eq!(visits.key, "outpatient_visits");

    let satisfaction = figure(&m, "99.39%");
    assert_eq!(
        (satisfaction.value, satisfaction.unit.as_str()),
        (99.39, "%")
    );
    assert_eq!(satisfaction.key, "satisfaction");

    let beds = figure(&m, "100多张");
    assert_eq!((beds.value, beds.qualifier), (100.0, Qualifier::Over));
    assert_eq!(beds.key, "beds");

    assert_eq!(figure(&m, "590万册").value, 5900000.0);
    let videos = figure(&m, "2.3万多条");
    assert_eq!((videos.value, videos.qualifier), (23000.0, Qualifier::Over));
}

#[test]
fn seed_002_key_figures() {
    let m = seed_metrics("002");
    let villages = figure(&m, "38个");
    assert_eq!((villages.label.as_str(), villages.value), ("村", 38.0));
    assert_eq!(figure(&m, "7600余人次").qualifier, Qualifier::Over);
    assert_eq!(figure(&m, "6000余份").value, 6000.0);
    let calls = figure(&m, "2.7万余人次");
    assert_eq!((calls.value, calls.qualifier), (27000.0, Qualifier::Over));
    let rate = m
        .iter()
        .find(|x| x.label == "回访率")
        .expect("回访率 is a figure");
    assert_eq!((rate.value, rate.unit.as_str()), (100.0, "%"));
    let specialties = m
        .iter()
        .find(|x| x.label == "市级临床重点专科")
        .expect("8个市级临床重点专科 is a figure");
    assert_eq!(specialties.value, 8.0);
    assert_eq!(specialties.key, "city_clinical_key_specialties");
}

#[test]
fn seed_001_key_figures() {
    let m = seed_metrics("001");
    let cadres = figure(&m, "80多名");
    assert_eq!(
        (cadres.label.as_str(), cadres.qualifier),
        ("党员干部", Qualifier::Over)
    );
    let households = figure(&m, "3-4户");
    assert_eq!((households.value, households.max), (3.0, Some(4.0)));
    assert_eq!(figure(&m, "10余名").qualifier, Qualifier::Over);
    let nearly = figure(&m, "近千余名");
    assert_eq!(
        (nearly.value, nearly.qualifier),
        (1000.0, Qualifier::Nearly)
    );
    assert_eq!(figure(&m, "42项").key, "new_techniques");
}

#[test]
fn seed_004_key_figures() {
    let m = seed_metrics("004");
    assert_eq!(figure(&m, "48人").value, 48.0);
    assert_eq!(figure(&m, "28038人次").label, "核酸采样");
    assert_eq!(figure(&m, "10个").label, "核酸检测采样点位");
}

#[test]
fn set_phrases_codes_and_dates_in_the_seeds_are_not_figures() {
    let not_figures = [
        "四个意识",
        "两个维护",
        "三会一课",
        "十三五",
        "二十大",
        "第六",
        "第一书记",
        "6S",
        "PET-CT",
        "ICP",
        "09012531",
        "37120180017",
        "2024年",
        "8月4日",
        "16:55:24",
    ];
    for prefix in ["000", "001", "002", "003", "004"] {
        for m in seed_metrics(prefix) {
            for word in not_figures {
                assert!(!m.text.contains(word), "{prefix}: {word} read as {m:?}");
            }
        }
    }
}

#[test]
fn the_table_is_the_default() {
    reportdiff()
        .args(["metrics", "-"])
        .write_stdin("2024年门诊量达到42.15万人次。\n")
        .assert()
        .success()
        .stderr("")
        .stdout(
            "label   figure        value  unit  qualifier  period  key\n\
             门诊量  42.15万人次  421500  人次  exact      2024    outpatient_visits\n",
        );
}

#[test]
fn json_follows_the_documented_schema() {
    reportdiff()
        .args(["metrics", "--format", "json"])
        .write_stdin("由18个党支部调整为23个党支部。\n")
        .assert()
        .success()
        .stdout(
            r#"{
  "schema": "reportdiff.metrics/v1",
  "metrics": [
    {
      "key": "party_branches",
      "label": "党支部",
      "value": 23,
      "max": null,
      "from": 18,
      "unit": "个",
      "qualifier": "exact",
      "period": null,
      "text": "18个党支部调整为23个",
      "sentence": "由18个党支部调整为23个党支部。"
    }
  ]
}
"#,
        );
}

#[test]
fn csv_has_a_header_and_one_row_per_figure() {
    reportdiff()
        .args(["metrics", "--format", "csv", "-"])
        .write_stdin("每人结对帮扶3-4户,回访率达100%。\n")
        .assert()
        .success()
        .stdout(
            "key,label,value,max,from,unit,qualifier,period,text,sentence,change\n\
             每人结对帮扶/户,每人结对帮扶,3,4,,户,exact,,3-4户,每人结对帮扶3-4户，回访率达100%。,\n\
             回访率/%,回访率,100,,,%,exact,,100%,每人结对帮扶3-4户，回访率达100%。,\n",
        );
}

#[test]
fn a_report_without_figures_is_success_with_an_empty_list() {
    reportdiff()
        .args(["metrics", "--format", "csv"])
        .write_stdin("增强“四个意识”、坚定“四个自信”、做到“两个维护”,落实“三会一课”。\n")
        .assert()
        .success()
        .stdout("key,label,value,max,from,unit,qualifier,period,text,sentence,change\n");
}

#[test]
fn a_missing_input_is_one_line_and_exit_2() {
    reportdiff()
        .args(["metrics", "没有这个文件.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with("error: 没有这个文件.txt"))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
}

#[test]
fn an_unknown_format_is_exit_2() {
    reportdiff()
        .args(["metrics", "--format", "xml"])
        .write_stdin("出院69363人次。\n")
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn every_seed_has_a_reviewed_golden() {
    insta::glob!("fixtures/seeds/*.txt", |path| {
        let output = reportdiff()
            .args(["metrics", "--format", "json"])
            .arg(path)
            .output()
            .expect("runs");
        assert!(output.status.success());
        insta::assert_snapshot!(String::from_utf8(output.stdout).expect("UTF-8"));
    });
}

/// Sentences whose figures the width-and-spacing property is checked on.
const SENTENCES: &[&str] = &[
    "2024年门诊量达到42.15万人次,患者辐射到山西省、河北省等周边地区。",
    "增加方便门诊2个,增划停车位36个,医保电子凭证使用率由原来的26.3%增加到52.5%,持续提升患者就医体验。",
    "2022年,诸城市人民医院年门诊诊疗患者95万人次,出院69363人次,群众就医满意度提升到99.39%。",
    "行政后勤职能科室80多名党员干部每人结对帮扶3-4户,在扶贫攻坚中真正做到了党员带头全员响应。",
    "今年以来,医院医护人员共到38个村(社区)开展义诊活动,服务基层群众7600余人次;发放健康宣传资料6000余份。",
    "收录中文图书 590万册,视频2.3万多条,为广大职工提供读书、学习资源库。",
    "2024年,组织120名职工观看《家廉万事兴》《给年轻干部的四封信》等警示教育片,50名党员干部参观第二届“清廉大同”廉洁教育展。",
    "近千余名医护人员要求加入抗击疫情的第一线,共两批9名医护人员加入山西省支援湖北医疗救治工作医疗队。",
];

/// The figure as a reader compares it (the sentence itself is kept as written).
type Reading = (
    String,
    String,
    f64,
    Option<f64>,
    Option<f64>,
    String,
    Qualifier,
    Option<String>,
    String,
);

fn readings(sentences: &[String]) -> Vec<Reading> {
    let snapshot = Snapshot {
        meta: Default::default(),
        blocks: vec![Block::paragraph(sentences.to_vec())],
    };
    extract(&snapshot, &Lexicon::builtin())
        .into_iter()
        .map(|m| {
            (
                m.key,
                m.label,
                m.value,
                m.max,
                m.from,
                m.unit,
                m.qualifier,
                m.period,
                m.text,
            )
        })
        .collect()
}

/// Rewrites a sentence: ASCII characters made full-width and spaces inserted where `edits`
/// says so.
fn edit(sentence: &str, edits: &[u8]) -> String {
    let mut out = String::new();
    for (i, c) in sentence.chars().enumerate() {
        let e = edits[i % edits.len()];
        if e & 1 == 1 {
            out.push(' ');
        }
        match c {
            '!'..='~' if e & 2 == 2 => {
                out.push(char::from_u32(c as u32 + 0xfee0).expect("full-width form exists"));
            }
            '，' | '：' | '（' | '）' | '；' | '％' if e & 2 == 2 => {
                out.push(char::from_u32(c as u32 - 0xfee0).expect("ASCII form exists"));
            }
            c => out.push(c),
        }
        if e & 4 == 4 {
            out.push_str(if e & 8 == 8 { "\u{3000}" } else { "  " });
        }
    }
    out
}

/// Every seed reads the same figures when its punctuation and digits are full-width (as
/// another normalizer may write them).
#[test]
fn seeds_read_the_same_in_full_width() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let bytes = std::fs::read(seed(prefix)).expect("seed is readable");
        let snapshot = read_report(&bytes, &ReadOptions::default()).expect("seed reads");
        let sentences: Vec<String> = snapshot.sentences().map(|s| s.text.to_string()).collect();
        let wide: Vec<String> = sentences.iter().map(|s| edit(s, &[2])).collect();
        assert_eq!(readings(&sentences), readings(&wide), "seed {prefix}");
    }
}

proptest! {
    #[test]
    fn width_and_spacing_edits_leave_every_figure_unchanged(
        edits in proptest::collection::vec(any::<u8>(), 1..64)
    ) {
        let original: Vec<String> = SENTENCES.iter().map(|s| s.to_string()).collect();
        let edited: Vec<String> = SENTENCES.iter().map(|s| edit(s, &edits)).collect();
        prop_assert_eq!(readings(&original), readings(&edited));
    }
}

#[test]
fn a_traditional_script_copy_gives_the_same_figures_and_keys() {
    let output = reportdiff()
        .args(["metrics", "--format", "csv"])
        .arg(crate::common::fixture("encodings/traditional_003.txt"))
        .output()
        .expect("runs");
    assert!(output.status.success());
    let csv = String::from_utf8(output.stdout).expect("utf-8");
    assert!(
        csv.contains("outpatient_visits,门诊诊疗患者,950000,"),
        "{csv}"
    );
    assert!(csv.contains("discharges,出院,69363,"), "{csv}");
    assert!(csv.contains("satisfaction,群众就医满意度,99.39,"), "{csv}");
}
