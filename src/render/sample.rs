//! Hand-built diffs for the renderers' tests, so that they do not depend on the aligner or on
//! figure extraction: two versions of a short report with every kind of change and figure
//! status, and the smallest result a renderer draws (one edited sentence, one figure).

use crate::changes::{
    Change, ChangeClass, ChangeKind, DeltaStatus, DiffResult, InlineOp, InlineSpan, MetricDelta,
    Side, Summary, side_text,
};
use crate::metrics::Qualifier;
use crate::snapshot::{Block, Meta, Snapshot};

fn para(sentences: &[&str]) -> Block {
    Block::paragraph(sentences.iter().map(|s| s.to_string()).collect())
}

fn side(label: &str, blocks: Vec<Block>) -> Side {
    Side {
        label: label.to_string(),
        revision: None,
        snapshot: Snapshot {
            meta: Meta {
                hospital: Some("诸城市人民医院".to_string()),
                title: Some("天坛医院联建诸城的背后".to_string()),
                published: Some("2023-08-04".to_string()),
                ..Meta::default()
            },
            blocks,
        },
    }
}

fn spans(parts: &[(InlineOp, &str)]) -> Vec<InlineSpan> {
    parts
        .iter()
        .map(|&(op, text)| InlineSpan::new(op, text))
        .collect()
}

fn change(kind: ChangeKind, old: (&[&str], &[usize]), new: (&[&str], &[usize])) -> Change {
    let texts = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let inline = match kind {
        ChangeKind::Added => spans(&[(InlineOp::Insert, &new.0.concat())]),
        ChangeKind::Deleted => spans(&[(InlineOp::Delete, &old.0.concat())]),
        _ => spans(&[(InlineOp::Equal, &new.0.concat())]),
    };
    Change {
        kind,
        class: ChangeClass::Wording,
        old: texts(old.0),
        new: texts(new.0),
        old_index: old.1.to_vec(),
        new_index: new.1.to_vec(),
        similarity: (!old.0.is_empty() && !new.0.is_empty()).then_some(1.0),
        inline,
    }
}

/// One figure's delta, in 2022, under its label as key.
#[allow(clippy::too_many_arguments)] // one row of a table of figures reads best in one call
pub fn metric(
    label: &str,
    unit: &str,
    old: Option<(f64, &str)>,
    new: Option<(f64, &str)>,
    delta: Option<f64>,
    ratio: Option<f64>,
    status: DeltaStatus,
    qualifier: Qualifier,
) -> MetricDelta {
    MetricDelta {
        key: label.to_string(),
        label: label.to_string(),
        unit: unit.to_string(),
        period: Some("2022".to_string()),
        old_period: None,
        change: None,
        old: old.map(|o| o.0),
        new: new.map(|n| n.0),
        delta,
        ratio,
        status,
        old_text: old.map(|o| o.1.to_string()),
        new_text: new.map(|n| n.1.to_string()),
        old_qualifier: old.map(|_| qualifier),
        new_qualifier: new.map(|_| qualifier),
    }
}

/// Two versions of a short report: a figure update, an OCR fix, an added, a deleted, a moved,
/// a split and a merged sentence, and figures changed, added, removed and unchanged.
pub fn diff_result() -> DiffResult {
    let old = vec![
        Block::heading("“支部建在学科上”"),
        para(&[
            "与强者同行,方可行稳致远。",
            "由18个党支部调整为23个党支部。",
            "13名学科带头人当选支部书记。",
        ]),
        Block::heading("“一院多区”协同发展"),
        para(&[
            "信息化建设是医院最重要的战略发展规划之一。",
            "目前,北院区建设正在全速推进中。",
            "最大限度的为患者打造优质就医体验平台。",
        ]),
        Block::heading("当好县域居民健康的“守门人”"),
        para(&[
            "荣膺县域医院高质量发展“智慧医疗赋能奖”。",
            "每年开展宣讲活动80余场,居家护理近300次,深化惠民项目实施。",
            "2022年,门诊诊疗患者95万人次,出院69363人次,满意度提升到99.39%。",
            "“乘势而上启新程”。",
            "医院稳步迈进!",
        ]),
    ];
    let new = vec![
        Block::heading("“支部建在学科上”"),
        para(&[
            "与强者同行,方可行稳致远。",
            "由18个党支部调整为23个党支部。",
            "2023年,医院新引进博士研究生5名。",
        ]),
        Block::heading("“一院多区”协同发展"),
        para(&[
            "信息化建设是医院最重要的战略发展规划之一。",
            "荣膺县域医院高质量发展“智慧医疗赋能奖”。",
            "目前,北院区主体工程已经完工。",
            "最大限度地为患者打造优质就医体验平台。",
        ]),
        Block::heading("当好县域居民健康的“守门人”"),
        para(&[
            "每年开展宣讲活动80余场,居家护理近300次。",
            "医院深化惠民项目实施。",
            "2022年,门诊诊疗患者98.6万人次,出院71205人次,满意度提升到99.52%。",
            "“乘势而上启新程”,医院稳步迈进!",
        ]),
    ];
    let mut changes = vec![
        change(
            ChangeKind::Deleted,
            (&["13名学科带头人当选支部书记。"], &[3]),
            (&[], &[]),
        ),
        change(
            ChangeKind::Added,
            (&[], &[]),
            (&["2023年,医院新引进博士研究生5名。"], &[3]),
        ),
        change(
            ChangeKind::Moved,
            (&["荣膺县域医院高质量发展“智慧医疗赋能奖”。"], &[9]),
            (&["荣膺县域医院高质量发展“智慧医疗赋能奖”。"], &[6]),
        ),
        change(
            ChangeKind::Modified,
            (&["目前,北院区建设正在全速推进中。"], &[6]),
            (&["目前,北院区主体工程已经完工。"], &[7]),
        ),
        change(
            ChangeKind::Modified,
            (&["最大限度的为患者打造优质就医体验平台。"], &[7]),
            (&["最大限度地为患者打造优质就医体验平台。"], &[8]),
        ),
        change(
            ChangeKind::Split,
            (
                &["每年开展宣讲活动80余场,居家护理近300次,深化惠民项目实施。"],
                &[10],
            ),
            (
                &[
                    "每年开展宣讲活动80余场,居家护理近300次。",
                    "医院深化惠民项目实施。",
                ],
                &[10, 11],
            ),
        ),
        change(
            ChangeKind::Modified,
            (
                &["2022年,门诊诊疗患者95万人次,出院69363人次,满意度提升到99.39%。"],
                &[11],
            ),
            (
                &["2022年,门诊诊疗患者98.6万人次,出院71205人次,满意度提升到99.52%。"],
                &[12],
            ),
        ),
        change(
            ChangeKind::Merged,
            (&["“乘势而上启新程”。", "医院稳步迈进!"], &[12, 13]),
            (&["“乘势而上启新程”,医院稳步迈进!"], &[13]),
        ),
    ];
    use InlineOp::{Delete, Equal, Insert};
    changes[3].inline = spans(&[
        (Equal, "目前,北院区"),
        (Delete, "建设正在全速推进中"),
        (Insert, "主体工程已经完工"),
        (Equal, "。"),
    ]);
    changes[4].inline = spans(&[
        (Equal, "最大限度"),
        (Delete, "的"),
        (Insert, "地"),
        (Equal, "为患者打造优质就医体验平台。"),
    ]);
    changes[4].class = ChangeClass::Wording;
    changes[5].inline = spans(&[
        (Equal, "每年开展宣讲活动80余场,居家护理近300次"),
        (Delete, ","),
        (Insert, "。医院"),
        (Equal, "深化惠民项目实施。"),
    ]);
    changes[6].inline = spans(&[
        (Equal, "2022年,门诊诊疗患者"),
        (Delete, "95万人次"),
        (Insert, "98.6万人次"),
        (Equal, ",出院"),
        (Delete, "69363人次"),
        (Insert, "71205人次"),
        (Equal, ",满意度提升到"),
        (Delete, "99.39%"),
        (Insert, "99.52%"),
        (Equal, "。"),
    ]);
    changes[6].class = ChangeClass::Figures;
    changes[7].inline = spans(&[
        (Equal, "“乘势而上启新程”"),
        (Delete, "。"),
        (Insert, ","),
        (Equal, "医院稳步迈进!"),
    ]);
    use DeltaStatus::{Added, Changed, Removed, Unchanged};
    use Qualifier::{Exact, Over};
    let metrics = vec![
        metric(
            "党支部",
            "个",
            Some((23.0, "23个")),
            Some((23.0, "23个")),
            Some(0.0),
            Some(0.0),
            Unchanged,
            Exact,
        ),
        metric(
            "学科带头人",
            "名",
            Some((13.0, "13名")),
            None,
            None,
            None,
            Removed,
            Exact,
        ),
        metric(
            "博士研究生",
            "名",
            None,
            Some((5.0, "5名")),
            None,
            None,
            Added,
            Exact,
        ),
        metric(
            "宣讲活动",
            "场",
            Some((80.0, "80余场")),
            Some((80.0, "80余场")),
            Some(0.0),
            Some(0.0),
            Unchanged,
            Over,
        ),
        metric(
            "门诊诊疗患者",
            "人次",
            Some((950000.0, "95万人次")),
            Some((986000.0, "98.6万人次")),
            Some(36000.0),
            Some(0.037895),
            Changed,
            Exact,
        ),
        metric(
            "出院",
            "人次",
            Some((69363.0, "69363人次")),
            Some((71205.0, "71205人次")),
            Some(1842.0),
            Some(0.026556),
            Changed,
            Exact,
        ),
        metric(
            "满意度",
            "%",
            Some((99.39, "99.39%")),
            Some((99.52, "99.52%")),
            Some(0.13),
            None,
            Changed,
            Exact,
        ),
    ];
    DiffResult {
        old: side("zhucheng-2023-v1.txt", old),
        new: side("zhucheng-2023-v2.txt", new),
        changes,
        metrics,
        summary: Summary {
            added: 1,
            deleted: 1,
            modified: 3,
            moved: 1,
            split: 1,
            merged: 1,
            unchanged: 6,
            metric_changes: 5,
            ..Summary::default()
        },
        coarse: false,
    }
}

/// One sentence of 诸城市人民医院's report (under `heading`, when given) edited as `inline`
/// says, and one figure delta: `v1.txt` against `v2.txt`.
pub fn one_edit(
    heading: Option<&str>,
    inline: Vec<InlineSpan>,
    class: ChangeClass,
    similarity: f64,
    metric: MetricDelta,
) -> DiffResult {
    let old = side_text(&inline, InlineOp::Delete);
    let new = side_text(&inline, InlineOp::Insert);
    let side = |label: &str, sentence: &str| {
        let mut blocks: Vec<Block> = heading.map(Block::heading).into_iter().collect();
        blocks.push(Block::paragraph(vec![sentence.to_string()]));
        Side {
            label: label.to_string(),
            revision: None,
            snapshot: Snapshot {
                meta: Meta {
                    hospital: Some("诸城市人民医院".to_string()),
                    ..Meta::default()
                },
                blocks,
            },
        }
    };
    let index = usize::from(heading.is_some());
    DiffResult {
        old: side("v1.txt", &old),
        new: side("v2.txt", &new),
        changes: vec![Change {
            kind: ChangeKind::Modified,
            class,
            old: vec![old],
            new: vec![new],
            old_index: vec![index],
            new_index: vec![index],
            similarity: Some(similarity),
            inline,
        }],
        metrics: vec![metric],
        summary: Summary {
            modified: 1,
            metric_changes: 1,
            ..Summary::default()
        },
        coarse: false,
    }
}
