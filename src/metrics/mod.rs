//! Metrics: the figures of a snapshot, read and interpreted.
//!
//! A *figure* is a number as written ("42.15万人次"); a *metric* is its interpretation: value,
//! unit, qualifier, period, label and key.

mod exclude;
mod figure;
mod fold;
mod from_to;
mod label;
pub mod lexicon;
pub mod number;
mod period;
pub(crate) mod qualifier;
pub mod units;

pub use lexicon::Lexicon;
pub use qualifier::Qualifier;

use crate::snapshot::Snapshot;

/// One figure of a report, interpreted.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    /// Identity for comparison: a canonical lexicon key, or the normalized label and unit.
    pub key: String,
    /// What is counted, as written ("门诊量").
    pub label: String,
    /// The number, scaled by its multiplier (`42.15万` -> 421500; `99.39%` -> 99.39).
    pub value: f64,
    /// Upper end of a range (`3-4户` -> 4), else `None`.
    pub max: Option<f64>,
    /// The earlier value the same phrase states ("由18个…调整为23个" -> 18), else `None`.
    pub from: Option<f64>,
    /// Unit or classifier ("人次", "%", "个").
    pub unit: String,
    /// Exact, over, about, nearly or under.
    pub qualifier: Qualifier,
    /// The year the figure belongs to ("2024"), when known.
    pub period: Option<String>,
    /// The figure as written ("42.15万人次").
    pub text: String,
    /// The sentence it stands in.
    pub sentence: String,
    /// Index of that sentence in the snapshot (see [`Snapshot::sentences`]).
    pub sentence_index: usize,
}

/// The figures of a snapshot, in reading order.
///
/// Figures are read from the snapshot's sentences only (never raw input), in a folded form
/// in which punctuation width and spacing do not matter. A figure whose label cannot be
/// found is skipped: an unnamed number cannot be compared.
///
/// ```
/// use reportdiff::metrics::{extract, Lexicon, Qualifier};
/// use reportdiff::snapshot::{Block, Snapshot};
///
/// let snapshot = Snapshot {
///     meta: Default::default(),
///     blocks: vec![Block::paragraph(vec!["2024年门诊量达到42.15万人次。".into()])],
/// };
/// let metrics = extract(&snapshot, &Lexicon::builtin());
/// assert_eq!(metrics[0].key, "outpatient_visits");
/// assert_eq!(metrics[0].value, 421500.0);
/// assert_eq!(metrics[0].period.as_deref(), Some("2024"));
/// assert_eq!(metrics[0].qualifier, Qualifier::Exact);
/// ```
pub fn extract(snapshot: &Snapshot, lexicon: &Lexicon) -> Vec<Metric> {
    let published = period::published_year(snapshot.meta.published.as_deref());
    let mut metrics = Vec::new();
    let mut heading_year = None;
    let mut paragraph_year = None;
    let mut block = usize::MAX;
    for sentence in snapshot.sentences() {
        if sentence.block != block {
            block = sentence.block;
            paragraph_year = None;
        }
        let chars = fold::fold(sentence.text);
        if sentence.heading {
            heading_year = period::heading_year(&chars, published);
        }
        let context = paragraph_year.or(heading_year);
        let figures = figures_of(&chars);
        let mentions = if figures.is_empty() {
            period::Mentions::default()
        } else {
            period::Mentions::find(&chars, published)
        };
        let mut floor = 0;
        for found in figures {
            let label = label::label(&chars, &found, floor);
            floor = found.end;
            if label.is_empty() {
                continue;
            }
            let year = mentions.year_before(found.start, context);
            metrics.push(Metric {
                key: lexicon.key(&label, found.unit),
                label,
                value: found.value,
                max: found.max,
                from: found.from,
                unit: found.unit.to_string(),
                qualifier: found.qualifier,
                period: year.map(|y| y.to_string()),
                text: figure::text(&chars, &found),
                sentence: sentence.text.to_string(),
                sentence_index: sentence.index,
            });
        }
        if !sentence.heading
            && let Some(year) = period::leading_year(&chars, published)
        {
            paragraph_year = Some(year);
        }
    }
    metrics
}

/// The figures of a folded sentence, in order, a from→to pair joined into one figure.
fn figures_of(chars: &[char]) -> Vec<figure::Figure> {
    from_to::join_from_to(chars, figure::find(chars))
}

/// The figures of one sentence, without context (no period from headings or earlier
/// sentences, relative years unresolved).
pub fn extract_sentence(sentence: &str, lexicon: &Lexicon) -> Vec<Metric> {
    let snapshot = Snapshot {
        meta: Default::default(),
        blocks: vec![crate::snapshot::Block::paragraph(vec![
            sentence.to_string(),
        ])],
    };
    extract(&snapshot, lexicon)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{Block, Meta};

    fn sentence(text: &str) -> Vec<Metric> {
        extract_sentence(text, &Lexicon::builtin())
    }

    #[test]
    fn what_is_not_a_figure_yields_none() {
        let not_figures = [
            "2024年",
            "8月4日",
            "2020年12月30日",
            "发布时间:2022-02-14 16:55:24",
            "2021-05-10 浏览(1421)",
            "承办山东省医学会神经外科分会急救学组2023学术会议",
            "山西省大同市第六人民医院开展未成年人心理健康辅导",
            "党员干部参观第二届“清廉大同”廉洁教育展",
            "先后抽调同志担任驻村第一书记",
            "通过“第一议题”学习",
            "一、强化顶层设计绘制改革发展远大蓝图",
            "(一)切实加强基层党组织建设。",
            "1.医疗质量持续改进。",
            "增强四个意识、坚定四个自信、做到两个维护",
            "增强“四个意识”、坚定“四个自信”、做到“两个维护”",
            "深刻领悟“两个确立”的决定性意义",
            "严格落实三会一课制度",
            "创新“三三四”党建工作模式",
            "严格落实“一岗双责”",
            "“十三五”收官之际",
            "以优异成绩迎接党的二十大胜利召开",
            "落实国家卫健委“九不准”等规定",
            "开展了对潞州分院的“六统一”管理",
            "实行医德医风“一票否决制”",
            "荣获诸城市“五星级党支部”称号",
            "荣获五星级党支部称号",
            "推行6S标准化质量管理",
            "拥有本地区最先进的PET-CT、 SPECT等设备",
            "网站备案号:鲁ICP备09012531号",
            "互联网信息服务许可证:37120180017",
            "联系电话:0536-6062000",
            "组织职工观看《给年轻干部的四封信》",
            "严格落实“一次挂号管三天”惠民措施",
            "党的十九届历次全会精神",
            "一名院级领导干部专门负责扶贫工作",
            "仅用2分钟",
        ];
        for text in not_figures {
            let found = sentence(text);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
    }

    #[test]
    fn a_figure_carries_label_key_period_and_text() {
        let m = sentence("2024年门诊量达到42.15万人次。");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].label, "门诊量");
        assert_eq!(m[0].key, "outpatient_visits");
        assert_eq!(m[0].value, 421500.0);
        assert_eq!(m[0].unit, "人次");
        assert_eq!(m[0].period.as_deref(), Some("2024"));
        assert_eq!(m[0].text, "42.15万人次");
        assert_eq!(m[0].sentence, "2024年门诊量达到42.15万人次。");
    }

    #[test]
    fn without_a_lexicon_hit_the_key_is_label_and_unit() {
        let m = sentence("积极推行检查检验结果互认,检查结果互认2861次。");
        assert_eq!(m[0].key, "检查结果互认/次");
    }

    fn snapshot(published: Option<&str>, blocks: Vec<Block>) -> Snapshot {
        Snapshot {
            meta: Meta {
                published: published.map(str::to_string),
                ..Meta::default()
            },
            blocks,
        }
    }

    #[test]
    fn a_heading_sets_the_period_of_its_section() {
        let s = snapshot(
            None,
            vec![
                Block::heading("2023年工作回顾"),
                Block::paragraph(vec!["全年出院5万人次。".into()]),
                Block::heading("便民服务"),
                Block::paragraph(vec!["增设停车位36个。".into()]),
            ],
        );
        let m = extract(&s, &Lexicon::builtin());
        assert_eq!(m[0].period.as_deref(), Some("2023"));
        assert_eq!(m[0].sentence_index, 1);
        assert_eq!(m[1].period, None);
    }

    #[test]
    fn a_leading_year_sets_the_period_of_the_paragraph() {
        let s = snapshot(
            None,
            vec![
                Block::paragraph(vec![
                    "2022年,医院发展迅速。".into(),
                    "出院69363人次。".into(),
                ]),
                Block::paragraph(vec!["出院7万人次。".into()]),
            ],
        );
        let m = extract(&s, &Lexicon::builtin());
        assert_eq!(m[0].period.as_deref(), Some("2022"));
        assert_eq!(m[1].period, None);
    }

    #[test]
    fn relative_years_resolve_against_the_published_date() {
        let s = snapshot(
            Some("2023-12-17"),
            vec![Block::paragraph(vec![
                "今年以来,医院医护人员共到38个村(社区)开展义诊活动。".into(),
                "去年完成手术3000台次。".into(),
            ])],
        );
        let m = extract(&s, &Lexicon::builtin());
        assert_eq!(m[0].period.as_deref(), Some("2023"));
        assert_eq!(m[0].label, "村");
        assert_eq!(m[1].period.as_deref(), Some("2022"));
        assert_eq!(m[1].key, "surgeries");
    }

    #[test]
    fn width_and_spacing_leave_figures_unchanged() {
        let a = sentence("医保电子凭证使用率由原来的26.3%增加到52.5%,检查结果互认2861次。");
        let b = sentence(
            "医保电子凭证使用率由原来的２６．３％增加到５２．５％， 检查结果互认 2861 次。",
        );
        assert_eq!(a.len(), 2);
        let strip = |m: &[Metric]| {
            m.iter()
                .map(|m| {
                    (
                        m.key.clone(),
                        m.label.clone(),
                        m.value,
                        m.from,
                        m.text.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(strip(&a), strip(&b));
    }

    #[test]
    fn a_figure_split_across_lines_is_not_read_as_two() {
        let s = snapshot(
            None,
            vec![Block::paragraph(vec![
                "门诊量达到42.".into(),
                "15万人次。".into(),
            ])],
        );
        assert!(extract(&s, &Lexicon::builtin()).is_empty());
    }

    #[test]
    fn absurd_magnitudes_are_not_figures() {
        assert!(sentence("投入999999999999亿元").is_empty());
        assert!(sentence(&format!("共1{}人", "0".repeat(308))).is_empty());
        assert!(sentence("共1e308人").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_sentence(text in "\\PC{0,80}") {
            let _ = sentence(&text);
        }

        #[test]
        fn never_panics_on_numeral_soup(text in "[0-9.,%万亿千百十一二三四五六七八九零两余多近约个人次年月-]{0,40}") {
            for m in sentence(&text) {
                proptest::prop_assert!(m.value.is_finite());
            }
        }
    }
}
