//! A watch run with every outcome, for the renderers' tests.

use crate::changes::{DiffOptions, Side};
use crate::metrics::Lexicon;
use crate::snapshot::{Block, Meta, Snapshot};
use crate::watch::flags::Rules;
use crate::watch::gather::SourceError;
use crate::watch::{Changed, Outcome, RunReport, SourceReport};

fn side(label: &str, sentences: &[&str]) -> Side {
    Side {
        label: label.to_string(),
        revision: None,
        snapshot: Snapshot {
            meta: Meta {
                hospital: Some("诸城市人民医院".to_string()),
                ..Meta::default()
            },
            blocks: vec![Block::paragraph(
                sentences.iter().map(|s| s.to_string()).collect(),
            )],
        },
    }
}

fn source(source: &str, report: Option<&str>, outcome: Outcome) -> SourceReport {
    SourceReport {
        source: source.to_string(),
        report: report.map(str::to_string),
        outcome,
    }
}

/// Six sources: changed (flagged), unchanged, new, flip-back, error, newly broken.
pub fn sample_run() -> RunReport {
    let diff = crate::diff::diff(
        side(
            "诸城市人民医院/天坛医院联建诸城的背后",
            &[
                "2022年，医院年门诊诊疗患者95万人次，出院69363人次。",
                "医院召开党建工作会议。",
            ],
        ),
        side(
            "https://www.zcrmyy.cn/news/1.html",
            &[
                "2022年，医院年门诊诊疗患者98.6万人次，出院69363人次。",
                "医院召开党建工作会议。",
            ],
        ),
        &Lexicon::builtin(),
        &DiffOptions::default(),
    );
    let flagged = Rules::from_flags(&Default::default()).evaluate(&diff);
    let summary = diff.summary;
    let error = |kind, message: &str| SourceError {
        kind,
        message: message.to_string(),
    };
    RunReport {
        started: "2025-07-01T08:00:00+08:00".to_string(),
        dry_run: false,
        commit: Some("3f2a9c1".to_string()),
        took_over: None,
        sources: vec![
            source(
                "https://www.zcrmyy.cn/news/1.html",
                Some("诸城市人民医院/天坛医院联建诸城的背后"),
                Outcome::Changed(Box::new(Changed { diff, flagged })),
            ),
            source(
                "https://www.dt6y.cn/news/2.html",
                Some("大同市第六人民医院/心理健康"),
                Outcome::Unchanged { not_modified: true },
            ),
            source(
                "pages/定陶.html",
                Some("定陶区人民医院/创新党建工作模式"),
                Outcome::New { sentences: 41 },
            ),
            source(
                "https://www.zcrmyy.cn/news/3.html",
                Some("诸城市人民医院/轮播"),
                Outcome::FlipBack { back: 1, summary },
            ),
            source(
                "https://www.zcrmyy.cn/news/slow.html",
                None,
                Outcome::Error {
                    error: error("timeout", "timed out"),
                    failures: 1,
                },
            ),
            source(
                "https://www.zcrmyy.cn/news/4.html",
                Some("诸城市人民医院/义诊"),
                Outcome::Broken {
                    error: error("http_status", "HTTP 500"),
                    failures: 3,
                    newly: true,
                },
            ),
        ],
    }
}
