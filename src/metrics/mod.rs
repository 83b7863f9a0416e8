//! Metrics: the figures of a snapshot, read and interpreted.
//!
//! A *figure* is a number as written ("42.15万人次"); a *metric* is its interpretation: value,
//! unit, qualifier, period, label and key.

pub mod lexicon;

pub use lexicon::Lexicon;

use crate::snapshot::Snapshot;

/// How exact a figure claims to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    /// As stated.
    Exact,
    /// More than stated: 余 多 超 逾 以上.
    Over,
    /// Roughly: 约 左右.
    About,
    /// Just under: 近 将近 接近.
    Nearly,
    /// Less than stated: 不足 以下.
    Under,
}

impl Qualifier {
    /// The name used in JSON and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Over => "over",
            Qualifier::About => "about",
            Qualifier::Nearly => "nearly",
            Qualifier::Under => "under",
        }
    }
}

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
pub fn extract(snapshot: &Snapshot, lexicon: &Lexicon) -> Vec<Metric> {
    let _ = (snapshot, lexicon);
    Vec::new()
}
