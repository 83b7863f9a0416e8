//! Comparisons for the renderers' tests: county bulletins from one template, with their own
//! names and figures.

use crate::compare::{CompareOptions, Comparison, Report, compare};
use crate::metrics::Lexicon;
use crate::snapshot::{Block, Meta, Snapshot};

/// The bulletin of `hospital`, with its place `stem` and its figures.
pub fn bulletin(hospital: &str, stem: &str, visits: &str, beds: u32) -> Report {
    let snapshot = Snapshot {
        meta: Meta {
            hospital: Some(hospital.to_string()),
            published: Some("2025-01-15".to_string()),
            ..Meta::default()
        },
        blocks: vec![
            Block::heading("一、医疗服务提质增效"),
            Block::paragraph(vec![
                format!("2024年，{hospital}门诊量达到{visits}人次。"),
                format!("医院开放床位{beds}张。"),
                format!("{hospital}大力实施“人才强院”战略，为{stem}百姓提供优质高效的医疗服务。"),
                format!("{stem}的<b>特色</b>做法是“一人一档”。"),
            ]),
        ],
    };
    Report::new(
        hospital,
        &format!("{hospital}/简报"),
        None,
        snapshot,
        &Lexicon::builtin(),
    )
}

/// A comparison of the first `n` of eight county bulletins.
pub fn comparison(n: usize) -> Comparison {
    let counties = [
        ("沂水县人民医院", "沂水"),
        ("沂南县人民医院", "沂南"),
        ("蒙阴县人民医院", "蒙阴"),
        ("平邑县人民医院", "平邑"),
        ("费县人民医院", "费县"),
        ("郯城县人民医院", "郯城"),
        ("莒南县人民医院", "莒南"),
        ("临沭县人民医院", "临沭"),
    ];
    let reports = counties
        .iter()
        .take(n)
        .enumerate()
        .map(|(i, (hospital, stem))| {
            let visits = format!("{}万", 40 + i * 5);
            bulletin(hospital, stem, &visits, 500 + 100 * i as u32)
        })
        .collect();
    compare(reports, &CompareOptions::default()).expect("two or more")
}
