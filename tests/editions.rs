//! Next editions of real-style reports: a city's quarterly bulletin and its next quarter, a
//! hospital's annual summary and next year's. Every figure delta is checked exactly: which
//! two figures pair (key, both periods, basis of a change), the signed values, the delta as
//! printed and the status, including growth rates whose direction word flipped and figures
//! that exist on one side only.

use crate::common::{fixture, reportdiff};

/// Every metric delta of `diff --format json OLD NEW`, one line each:
/// `key | old period | period | basis | old | new | delta | status`.
fn delta_rows(old: &str, new: &str) -> Vec<String> {
    let output = reportdiff()
        .args(["diff", "--format", "json", "--no-exit-code"])
        .arg(fixture(&format!("editions/{old}.txt")))
        .arg(fixture(&format!("editions/{new}.txt")))
        .output()
        .expect("reportdiff runs");
    assert!(output.status.success(), "{output:?}");
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::Null => "-".to_string(),
        serde_json::Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    doc["metrics"]
        .as_array()
        .expect("metrics")
        .iter()
        .map(|m| {
            [
                text(&m["key"]),
                text(&m["old_period"]),
                text(&m["period"]),
                text(&m["change"]["basis"]),
                text(&m["old"]),
                text(&m["new"]),
                text(&m["delta_text"]),
                text(&m["status"]),
            ]
            .join(" | ")
        })
        .collect()
}

#[test]
fn a_city_bulletin_and_its_next_quarter() {
    assert_eq!(
        delta_rows("city-2023q3", "city-2023q4"),
        [
            "全市医疗卫生机构总诊疗/人次 | 2023Q3 | 2023Q4 | - | 5522400 | 5610700 | +8.83万人次 | changed",
            // 同比增加7.29% -> 同比减少3.42%: a swing of 10.71 points, not two unrelated rows.
            "全市医疗卫生机构总诊疗/人次 | 2023Q3 | 2023Q4 | yoy | 7.29 | -3.42 | -10.71 pp | changed",
            "医院诊疗/人次 | 2023Q3 | 2023Q4 | - | 2212300 | 2301500 | +8.92万人次 | changed",
            "医院诊疗/人次 | 2023Q3 | 2023Q4 | yoy | 24.19 | 6.02 | -18.17 pp | changed",
            "基层医疗卫生机构诊疗/人次 | 2023Q3 | 2023Q4 | - | 3167100 | 3053400 | -11.37万人次 | changed",
            "基层医疗卫生机构诊疗/人次 | 2023Q3 | 2023Q4 | yoy | -2.85 | 1.17 | +4.02 pp | changed",
            "公立医院诊疗/人次 | 2023Q3 | 2023Q4 | - | 1764300 | 1832600 | +6.83万人次 | changed",
            "民营医院诊疗/人次 | 2023Q3 | 2023Q4 | - | 448000 | 468900 | +2.09万人次 | changed",
            "社区卫生服务中心诊疗/人次 | - | 2023Q4 | - | - | 255800 | - | added",
            "全市医疗卫生机构:discharges | 2023Q3 | 2023Q4 | - | 143600 | 139200 | -0.44万人 | changed",
            "全市医疗卫生机构:discharges | 2023Q3 | 2023Q4 | yoy | 9.45 | -3.06 | -12.51 pp | changed",
            "医院病床使用率/% | 2023Q3 | 2023Q4 | - | 82.6 | 79.4 | -3.2 pp | changed",
            // 提高2.1个百分点 -> 降低1.6个百分点: a change of a rate, in points.
            "医院病床使用率/% | 2023Q3 | 2023Q4 | yoy | 2.1 | -1.6 | -3.7 pp | changed",
            "医院出院者平均住院日/日 | - | 2023Q3 | - | 8.9 | - | - | removed",
        ]
    );
}

#[test]
fn a_hospital_summary_and_next_years() {
    assert_eq!(
        delta_rows("hospital-2022", "hospital-2023"),
        [
            "outpatient_visits | 2022 | 2023 | - | 950000 | 986000 | +3.6万人次 | changed",
            "outpatient_visits | 2022 | 2023 | yoy | 6.3 | 3.8 | -2.5 pp | changed",
            "discharges | 2022 | 2023 | - | 41200 | 39700 | -0.15万人次 | changed",
            "discharges | 2022 | 2023 | yoy | 3.5 | -3.6 | -7.1 pp | changed",
            "surgeries | 2022 | 2023 | - | 23600 | 25100 | +0.15万台次 | changed",
            // A subset keeps a key of its own: never added to or compared with its whole.
            "三四级手术/台次 | 2022 | 2023 | - | 15800 | 17200 | +0.14万台次 | changed",
            "provincial_clinical_key_specialties | 2022 | 2023 | - | 2 | 1 | -1个 | changed",
            "city_key_disciplines | 2022 | 2023 | - | 3 | 3 | 0个 | unchanged",
            "床位使用率/% | 2022 | 2023 | - | 91.2 | 89.5 | -1.7 pp | changed",
            "平均住院日/天 | 2022 | 2023 | - | 7.8 | 7.5 | -0.3天 | changed",
            "门诊患者满意度/% | - | 2023 | - | - | 96.3 | - | added",
        ]
    );
}

mod property {
    use std::collections::HashMap;

    use proptest::prelude::*;
    use reportdiff::changes::DeltaStatus;
    use reportdiff::diff::{DiffOptions, Side, diff};
    use reportdiff::metrics::Lexicon;
    use reportdiff::snapshot::{Block, Snapshot};

    /// Populations a bulletin counts for: each is used at most once per measure.
    const SUBJECTS: &[&str] = &[
        "全市医疗卫生机构",
        "医院",
        "基层医疗卫生机构",
        "公立医院",
        "民营医院",
        "社区卫生服务中心（站）",
        "乡镇卫生院",
    ];

    /// Measures, each with its unit as written.
    const MEASURES: &[(&str, &str)] = &[("诊疗", "万人次"), ("出院", "万人")];

    /// Direction words and the word that flips each.
    const DIRECTIONS: &[(&str, &str)] = &[
        ("增加", "减少"),
        ("减少", "增加"),
        ("增长", "下降"),
        ("下降", "增长"),
    ];

    /// One clause to write: subject, measure, level in hundredths, growth in hundredths, and
    /// its direction word.
    type Clause = (usize, usize, u32, u32, usize);

    /// For each figure as old writes it, the figure new writes in its place and its signed
    /// value.
    type Expected = HashMap<String, (String, f64)>;

    fn hundredths(v: u32) -> String {
        format!("{}.{:02}", v / 100, v % 100)
    }

    /// A report (old and new sentences) and, for each figure as old writes it, the figure
    /// new writes in its place with its signed value.
    fn editions(clauses: &[Clause], shift: bool) -> (Vec<String>, Vec<String>, Expected) {
        let (mut old, mut new) = (Vec::new(), Vec::new());
        let mut expected = HashMap::new();
        for (k, &(s, m, level, growth, d)) in clauses.iter().enumerate() {
            // Unique figures: the clause's index is in the last two digits.
            let k = u32::try_from(k).expect("few clauses");
            let (level, growth) = (level * 100 + k, growth * 100 + k);
            let (new_level, new_growth) = (level + 10_000 + 37, growth + 100 + 37);
            let (subject, (measure, unit)) = (SUBJECTS[s], MEASURES[m]);
            let (word, flipped) = DIRECTIONS[d];
            let sign = |w: &str| {
                if matches!(w, "减少" | "下降") {
                    -1.0
                } else {
                    1.0
                }
            };
            let year = |q: u8| {
                if shift {
                    format!("2023年第{}季度，", ["三", "四"][usize::from(q)])
                } else {
                    "2023年第三季度，".to_string()
                }
            };
            old.push(format!(
                "{}{subject}{measure}{}{unit}，同比{word}{}%。",
                year(0),
                hundredths(level),
                hundredths(growth)
            ));
            new.push(format!(
                "{}{subject}{measure}{}{unit}，同比{flipped}{}%。",
                year(1),
                hundredths(new_level),
                hundredths(new_growth)
            ));
            let value = |v: u32| f64::from(v) / 100.0;
            expected.insert(
                format!("{}{unit}", hundredths(level)),
                (
                    format!("{}{unit}", hundredths(new_level)),
                    value(new_level) * 10_000.0,
                ),
            );
            expected.insert(
                format!("{}%", hundredths(growth)),
                (
                    format!("{}%", hundredths(new_growth)),
                    sign(flipped) * value(new_growth),
                ),
            );
        }
        (old, new, expected)
    }

    fn side(sentences: Vec<String>) -> Side {
        Side {
            label: String::new(),
            revision: None,
            snapshot: Snapshot {
                meta: Default::default(),
                blocks: vec![Block::paragraph(sentences)],
            },
        }
    }

    /// Clauses with no subject-measure pair twice.
    fn clauses() -> impl Strategy<Value = Vec<Clause>> {
        proptest::collection::vec(
            (
                0..SUBJECTS.len(),
                0..MEASURES.len(),
                100u32..9_000,
                1u32..60,
                0..DIRECTIONS.len(),
            ),
            1..8,
        )
        .prop_map(|mut clauses| {
            let mut seen = std::collections::HashSet::new();
            clauses.retain(|c| seen.insert((c.0, c.1)));
            clauses
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
        // PROPTEST_CASES, when set, overrides the everyday count (a long run before a release).
        std::env::var("PROPTEST_CASES").map_or(64, |v| v.parse().unwrap_or(64))
    ))]

        /// Every figure changed and every direction word flipped (and, for a next quarter,
        /// every period moved on): exactly one delta per figure, pairing the right two.
        #[test]
        fn a_next_edition_pairs_every_figure_with_its_own(
            clauses in clauses(),
            shift in any::<bool>(),
        ) {
            let (old, new, expected) = editions(&clauses, shift);
            let result = diff(side(old), side(new), &Lexicon::builtin(), &DiffOptions::default());
            prop_assert_eq!(result.metrics.len(), expected.len(), "{:#?}", result.metrics);
            for delta in &result.metrics {
                prop_assert_eq!(delta.status, DeltaStatus::Changed, "{:#?}", delta);
                let old_text = delta.old_text.as_deref().unwrap_or_default();
                let (new_text, new_value) = &expected[old_text];
                prop_assert_eq!(delta.new_text.as_deref(), Some(new_text.as_str()));
                prop_assert!((delta.new.unwrap_or(f64::NAN) - new_value).abs() < 1e-6, "{:#?}", delta);
            }
        }
    }
}
