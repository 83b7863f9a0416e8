//! One sentence's figures, named: each figure with its label, a change figure with the
//! figure it is the change of, and a bare subject (`民营医院4.7亿人次`) with the measure it
//! counts (from the clause before, or the section heading).
//!
//! Works on the folded form of a sentence (see [`super::fold`]).

use super::change::{self, ChangeWords, strip_basis};
use super::figure::Figure;
use super::fold::{is_hard_break, slice};
use super::label::{self, MAX_LABEL_CHARS, before_label};
use super::number::starts_with;
use super::subject::{counts_by_population, is_bare, split};
use super::units::UnitKind;

/// How far a change figure may stand from the figure it is the change of
/// (`552.24万人次,同比增加7.29%`; `43.0亿(不包含诊所、医务室、村卫生室数据),同比增长0.2%`).
const MAX_BASE_GAP: usize = 48;

/// A figure of a sentence with its name.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The figure as found.
    pub figure: Figure,
    /// What it counts (for a change figure, what it is the change of).
    pub label: String,
    /// For a change figure, its words of change.
    pub change: Option<ChangeWords>,
    /// For a change figure named by the figure before it, that figure (an index into the
    /// sentence's drafts).
    pub base: Option<usize>,
}

/// The measure a bare subject takes when its own clause names none: the measure last
/// counted in the paragraph (with its unit), or the section heading's.
#[derive(Debug, Clone, Default)]
pub struct MeasureInForce {
    /// The measure last named in the paragraph, and the unit it was counted in.
    pub last: Option<(String, &'static str)>,
    /// The section heading, when it reads as a measure (`一、诊疗人次`).
    pub heading: Option<String>,
    /// Whether the whole report counts by population (its title is a region's or a
    /// population's: `全市医疗卫生机构医疗服务情况`): then a bare `医院` in any sentence is
    /// the class of hospitals, as in a sentence that counts by population itself.
    pub population_report: bool,
}

/// The named figures of a folded sentence, in reading order; figures that nothing names are
/// left out.
pub fn read(chars: &[char], figures: Vec<Figure>, measure: &mut MeasureInForce) -> Vec<Draft> {
    if figures.is_empty() {
        return Vec::new();
    }
    let by_population = measure.population_report || counts_by_population(chars);
    let mut drafts: Vec<Draft> = Vec::with_capacity(figures.len());
    let mut last_plain: Option<usize> = None;
    let mut floor = 0;
    for figure in figures {
        let end = figure.end;
        match change::read(chars, &figure) {
            Some(words) => {
                let own = before_label(chars, words.label_end, floor, by_population);
                let own = strip_basis(&own).to_string();
                let base = last_plain.filter(|&b| binds(chars, &drafts[b].figure, &figure));
                if !own.is_empty() && own.chars().count() <= MAX_LABEL_CHARS {
                    drafts.push(Draft {
                        figure,
                        label: own,
                        change: Some(words),
                        base: None,
                    });
                } else if let Some(base) = base {
                    drafts.push(Draft {
                        figure,
                        label: String::new(),
                        change: Some(words),
                        base: Some(base),
                    });
                }
            }
            None => {
                let label = label::label(chars, &figure, floor, by_population);
                if !label.is_empty() {
                    let label = name_bare_subject(label, &figure, measure);
                    last_plain = Some(drafts.len());
                    drafts.push(Draft {
                        figure,
                        label,
                        change: None,
                        base: None,
                    });
                }
            }
        }
        floor = end;
    }
    for k in 0..drafts.len() {
        if let Some(base) = drafts[k].base {
            drafts[k].label = drafts[base].label.clone();
        }
    }
    drafts
}

/// Whether a change figure is the change of `base`: nothing but its clause's words of
/// change stand between them (no other figure, no sentence break, no `其中`), and not far.
fn binds(chars: &[char], base: &Figure, change: &Figure) -> bool {
    let gap = &chars[base.end..change.start];
    gap.len() <= MAX_BASE_GAP
        && !gap.iter().copied().any(is_hard_break)
        && !(0..gap.len()).any(|k| starts_with(&gap[k..], "其中"))
}

/// A bare subject (`民营医院`, `社区卫生服务中心(站)`) names the measure in force after it;
/// any other label with a measure makes that measure the one in force.
fn name_bare_subject(label: String, figure: &Figure, measure: &mut MeasureInForce) -> String {
    if figure.kind != UnitKind::Measure {
        return label;
    }
    if is_bare(&label) {
        let in_force = measure
            .last
            .as_ref()
            .filter(|(_, unit)| *unit == figure.unit)
            .map(|(m, _)| m.as_str())
            .or(measure.heading.as_deref());
        return match in_force {
            Some(m) => format!("{label}{m}"),
            None => label,
        };
    }
    let (_, own) = split(&label);
    if !own.is_empty() {
        measure.last = Some((own.to_string(), figure.unit));
    }
    label
}

/// The measure a section heading names (`一、诊疗人次` -> 诊疗人次, `二、出院人数`): a short
/// run of Han characters after its list marker, else none.
pub fn heading_measure(chars: &[char]) -> Option<String> {
    let marker = chars
        .iter()
        .position(|&c| c == '、' || c == ')')
        .filter(|&p| p <= 4)
        .map_or(0, |p| p + 1);
    let text = &chars[marker..];
    let han = |c: char| crate::cjk::is_han(c) && !super::chinese::is_chinese_numeral(c);
    (!text.is_empty() && text.len() <= 8 && text.iter().all(|&c| han(c)))
        .then(|| slice(text, 0, text.len()))
}

#[cfg(test)]
mod tests {
    use super::super::figures_of as find;
    use super::super::fold::fold;
    use super::*;

    /// (label, basis of a change) of every named figure of a sentence.
    fn named(sentence: &str, measure: &mut MeasureInForce) -> Vec<(String, Option<&'static str>)> {
        let chars = fold(sentence);
        read(&chars, find(&chars), measure)
            .into_iter()
            .map(|d| (d.label, d.change.map(|c| c.basis.as_str())))
            .collect()
    }

    fn one(sentence: &str) -> Vec<(String, Option<&'static str>)> {
        named(sentence, &mut MeasureInForce::default())
    }

    fn l(label: &str, basis: Option<&'static str>) -> (String, Option<&'static str>) {
        (label.to_string(), basis)
    }

    #[test]
    fn a_growth_rate_is_named_by_its_base() {
        assert_eq!(
            one(
                "其中:医院诊疗221.23万人次,同比增加24.19%;基层医疗卫生机构诊疗316.71万人次,同比减少2.85%。"
            ),
            [
                l("医院诊疗", None),
                l("医院诊疗", Some("yoy")),
                l("基层医疗卫生机构诊疗", None),
                l("基层医疗卫生机构诊疗", Some("yoy")),
            ]
        );
    }

    #[test]
    fn year_on_year_and_month_on_month_rates_of_one_figure() {
        assert_eq!(
            one("全国医疗卫生机构诊疗人次6.9亿人次,同比提高4.2%,环比提高5.4%。"),
            [
                l("全国医疗卫生机构诊疗人次", None),
                l("全国医疗卫生机构诊疗人次", Some("yoy")),
                l("全国医疗卫生机构诊疗人次", Some("mom")),
            ]
        );
    }

    #[test]
    fn a_bare_subject_takes_the_measure_in_force() {
        let mut measure = MeasureInForce {
            heading: Some("诊疗人次".to_string()),
            ..MeasureInForce::default()
        };
        assert_eq!(
            named(
                "医院30.9亿人次,同比提高5.6%,其中:公立医院26.2亿人次;民营医院4.7亿人次。",
                &mut measure
            ),
            [
                l("医院诊疗人次", None),
                l("医院诊疗人次", Some("yoy")),
                l("公立医院诊疗人次", None),
                l("民营医院诊疗人次", None),
            ]
        );
        assert_eq!(
            one(
                "医院病床使用率为76.9%,同比提高6.6个百分点;社区卫生服务中心为47.2%,同比提高6.6个百分点。"
            ),
            [
                l("医院病床使用率", None),
                l("医院病床使用率", Some("yoy")),
                l("社区卫生服务中心病床使用率", None),
                l("社区卫生服务中心病床使用率", Some("yoy")),
            ]
        );
    }

    #[test]
    fn a_change_with_its_own_label_keeps_it() {
        assert_eq!(
            one(
                "全国共有乡镇卫生院33753个,床位150.5万张,与上年比较,床位增加4.9万张,人员增加7.5万人。"
            ),
            [
                l("乡镇卫生院", None),
                l("床位", None),
                l("床位", Some("yoy")),
                l("人员", Some("yoy")),
            ]
        );
    }

    #[test]
    fn a_change_after_a_sentence_break_or_其中_has_no_base() {
        assert!(
            one("门诊量42万人次。同比增长5%。")
                .iter()
                .all(|(_, b)| b.is_none())
        );
        assert_eq!(
            one(
                "全国医疗卫生机构总数1070785个,比上年增加37867个,其中医院38355个,比上年增加1379个。"
            )
            .len(),
            4
        );
    }

    #[test]
    fn heading_measures() {
        let measure = |s: &str| heading_measure(&fold(s));
        assert_eq!(measure("一、诊疗人次"), Some("诊疗人次".to_string()));
        assert_eq!(measure("二、出院人数"), Some("出院人数".to_string()));
        assert_eq!(measure("“一院多区”协同发展“智慧医院”提档升级"), None);
        assert_eq!(measure("2024年工作回顾"), None);
    }
}
