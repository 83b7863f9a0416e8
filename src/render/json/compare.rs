//! `reportdiff.compare/v1`: hospitals side by side as JSON. Every figure carries the
//! sentence it was read from.

use serde::Serialize;

use super::Number;
use crate::compare::{Comparison, FigureRow, LexiconCandidate, Shared};
use crate::metrics::Metric;

#[derive(Serialize)]
struct CompareJson<'a> {
    schema: &'static str,
    period: Option<&'a str>,
    hospitals: Vec<HospitalJson<'a>>,
    figures: FiguresJson<'a>,
    lexicon_candidates: Vec<CandidateJson<'a>>,
    text: TextJson<'a>,
}

#[derive(Serialize)]
struct HospitalJson<'a> {
    hospital: &'a str,
    label: &'a str,
    revision: Option<&'a str>,
    title: Option<&'a str>,
    published: Option<&'a str>,
}

#[derive(Serialize)]
struct FiguresJson<'a> {
    rows: Vec<RowJson<'a>>,
    only_in: Vec<OnlyJson<'a>>,
    missing_keys: &'a [String],
}

#[derive(Serialize)]
struct RowJson<'a> {
    key: &'a str,
    unit: &'a str,
    /// Additive: for a row of change figures, what they are measured against (`yoy`, `mom`,
    /// `vs_previous`, `vs_plan`, `vs_year`); absent for a row of levels.
    #[serde(skip_serializing_if = "Option::is_none")]
    change: Option<&'static str>,
    /// With `vs_year`: the year compared with.
    #[serde(skip_serializing_if = "Option::is_none")]
    since: Option<i32>,
    labels: &'a [String],
    period: Option<&'a str>,
    hospitals: usize,
    ratio: Option<Number>,
    cells: Vec<CellJson<'a>>,
}

#[derive(Serialize)]
struct CellJson<'a> {
    hospital: usize,
    figures: Vec<FigureJson<'a>>,
}

#[derive(Serialize)]
struct FigureJson<'a> {
    label: &'a str,
    value: Number,
    max: Option<Number>,
    from: Option<Number>,
    unit: &'a str,
    qualifier: &'static str,
    period: Option<&'a str>,
    text: &'a str,
    sentence: &'a str,
    sentence_index: usize,
}

#[derive(Serialize)]
struct OnlyJson<'a> {
    hospital: usize,
    rows: Vec<RowJson<'a>>,
}

#[derive(Serialize)]
struct CandidateJson<'a> {
    unit: &'a str,
    key: &'a str,
    similarity: Number,
    labels: Vec<CandidateLabelJson<'a>>,
    toml: &'a [String],
}

#[derive(Serialize)]
struct CandidateLabelJson<'a> {
    label: &'a str,
    key: &'a str,
    hospitals: &'a [usize],
}

#[derive(Serialize)]
struct TextJson<'a> {
    quorum: usize,
    phrase_quorum: usize,
    hospitals: Vec<ShareJson>,
    templates: Vec<SharedJson<'a>>,
    set_phrases: Vec<SharedJson<'a>>,
    distinctive: Vec<DistinctiveJson<'a>>,
}

#[derive(Serialize)]
struct ShareJson {
    hospital: usize,
    sentences: usize,
    with_counterpart: usize,
    share: Number,
}

#[derive(Serialize)]
struct SharedJson<'a> {
    text: &'a str,
    hospitals: &'a [usize],
}

#[derive(Serialize)]
struct DistinctiveJson<'a> {
    hospital: usize,
    sections: Vec<SectionJson<'a>>,
}

#[derive(Serialize)]
struct SectionJson<'a> {
    heading: Option<&'a str>,
    sentences: &'a [String],
}

impl<'a> From<&'a Metric> for FigureJson<'a> {
    fn from(m: &'a Metric) -> Self {
        FigureJson {
            label: &m.label,
            value: Number(m.value),
            max: m.max.map(Number),
            from: m.from.map(Number),
            unit: &m.unit,
            qualifier: m.qualifier.as_str(),
            period: m.period.as_deref(),
            text: &m.text,
            sentence: &m.sentence,
            sentence_index: m.sentence_index,
        }
    }
}

impl<'a> From<&'a FigureRow> for RowJson<'a> {
    fn from(row: &'a FigureRow) -> Self {
        RowJson {
            key: &row.key,
            unit: &row.unit,
            change: row.change.map(|b| b.as_str()),
            since: row.change.and_then(|b| b.since()),
            labels: &row.labels,
            period: row.period.as_deref(),
            hospitals: row.hospitals(),
            ratio: row.ratio.map(Number),
            cells: row
                .cells
                .iter()
                .map(|c| CellJson {
                    hospital: c.hospital,
                    figures: c.figures.iter().map(FigureJson::from).collect(),
                })
                .collect(),
        }
    }
}

impl<'a> From<&'a LexiconCandidate> for CandidateJson<'a> {
    fn from(c: &'a LexiconCandidate) -> Self {
        CandidateJson {
            unit: &c.unit,
            key: &c.key,
            similarity: Number((c.similarity * 1000.0).round() / 1000.0),
            labels: c
                .labels
                .iter()
                .map(|l| CandidateLabelJson {
                    label: &l.label,
                    key: &l.key,
                    hospitals: &l.hospitals,
                })
                .collect(),
            toml: &c.toml,
        }
    }
}

impl<'a> From<&'a Shared> for SharedJson<'a> {
    fn from(s: &'a Shared) -> Self {
        SharedJson {
            text: &s.text,
            hospitals: &s.hospitals,
        }
    }
}

/// The `reportdiff.compare/v1` document for a comparison.
pub fn compare_json(comparison: &Comparison) -> String {
    let text = &comparison.text;
    let doc = CompareJson {
        schema: "reportdiff.compare/v1",
        period: comparison.period.as_ref().map(|p| p.as_str()),
        hospitals: comparison
            .reports
            .iter()
            .map(|r| HospitalJson {
                hospital: &r.hospital,
                label: &r.label,
                revision: r.revision.as_deref(),
                title: r.snapshot.meta.title.as_deref(),
                published: r.snapshot.meta.published.as_deref(),
            })
            .collect(),
        figures: FiguresJson {
            rows: comparison.figures.rows.iter().map(RowJson::from).collect(),
            only_in: comparison
                .figures
                .only
                .iter()
                .map(|o| OnlyJson {
                    hospital: o.hospital,
                    rows: o.rows.iter().map(RowJson::from).collect(),
                })
                .collect(),
            missing_keys: &comparison.figures.missing_keys,
        },
        lexicon_candidates: comparison
            .candidates
            .iter()
            .map(CandidateJson::from)
            .collect(),
        text: TextJson {
            quorum: text.quorum,
            phrase_quorum: text.phrase_quorum,
            hospitals: text
                .hospitals
                .iter()
                .enumerate()
                .map(|(hospital, s)| ShareJson {
                    hospital,
                    sentences: s.sentences,
                    with_counterpart: s.with_counterpart,
                    share: Number((s.share() * 10_000.0).round() / 10_000.0),
                })
                .collect(),
            templates: text.templates.iter().map(SharedJson::from).collect(),
            set_phrases: text.set_phrases.iter().map(SharedJson::from).collect(),
            distinctive: text
                .distinctive
                .iter()
                .map(|d| DistinctiveJson {
                    hospital: d.hospital,
                    sections: d
                        .sections
                        .iter()
                        .map(|s| SectionJson {
                            heading: s.heading.as_deref(),
                            sentences: &s.sentences,
                        })
                        .collect(),
                })
                .collect(),
        },
    };
    super::to_string(&doc)
}
