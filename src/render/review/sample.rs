//! A hand-made review for the renderers' tests: five reports, one of each kind of change
//! (changed, added, deleted, renamed, raw input), diffed for real on short snapshots.

use crate::changes::{DiffOptions, Side};
use crate::metrics::Lexicon;
use crate::review::lines::sentence_lines;
use crate::review::{
    Range, ReportReview, ReportStatus, Review, ReviewSummary, RulesUpdate, Skipped, Source,
};
use crate::snapshot::Snapshot;
use crate::store::changes::Revision;

fn revision(short: &str) -> Revision {
    Revision {
        id: format!("{short}{}", "0".repeat(40 - short.len())),
        short: short.to_string(),
    }
}

fn file(hospital: &str, body: &str) -> String {
    format!("+++\nhospital = \"{hospital}\"\n+++\n\n{body}")
}

/// One report of the sample; `None` for a side that does not exist.
fn report(
    name: &str,
    status: ReportStatus,
    source: Source,
    paths: (Option<&str>, Option<&str>),
    texts: (Option<&str>, Option<&str>),
) -> ReportReview {
    let hospital = name.split('/').next().unwrap_or_default();
    let side = |path: Option<&str>, text: Option<&str>, at: &str| match (path, text) {
        (Some(path), Some(text)) => Side {
            label: path.to_string(),
            revision: Some(at.to_string()),
            snapshot: Snapshot::from_markdown(&file(hospital, text)).expect("a snapshot"),
        },
        _ => Side {
            label: "/dev/null".to_string(),
            revision: None,
            snapshot: Snapshot::default(),
        },
    };
    let new_lines = match (source, texts.1) {
        (Source::Snapshot, Some(text)) => sentence_lines(&file(hospital, text)),
        _ => Vec::new(),
    };
    ReportReview {
        name: name.to_string(),
        status,
        source,
        old_path: paths.0.map(str::to_string),
        new_path: paths.1.map(str::to_string),
        rules: RulesUpdate::None,
        diff: crate::diff::diff(
            side(paths.0, texts.0, "1a2b3c4"),
            side(paths.1, texts.1, "5d6e7f8"),
            &Lexicon::builtin(),
            &DiffOptions::default(),
        ),
        new_lines,
    }
}

/// The sample review.
pub fn sample_review() -> Review {
    let annual = "snapshots/诸城市人民医院/年报.md";
    let reports = vec![
        report(
            "诸城市人民医院/年报",
            ReportStatus::Changed,
            Source::Snapshot,
            (Some(annual), Some(annual)),
            (
                Some("# 概况\n\n2022年门诊诊疗患者95万人次。\n医院开展义诊活动<b>20场</b>。\n"),
                Some(
                    "# 概况\n\n2022年门诊诊疗患者98.6万人次。\n医院深入开展义诊活动<b>20场</b>。\n",
                ),
            ),
        ),
        report(
            "诸城市人民医院/新报告",
            ReportStatus::Added,
            Source::Snapshot,
            (None, Some("snapshots/诸城市人民医院/新报告.md")),
            (None, Some("医院新引进博士研究生5名。\n")),
        ),
        report(
            "诸城市人民医院/旧稿",
            ReportStatus::Deleted,
            Source::Snapshot,
            (Some("snapshots/诸城市人民医院/旧稿.md"), None),
            (Some("旧稿只有一句。\n"), None),
        ),
        report(
            "诸城市人民医院/新名",
            ReportStatus::Renamed,
            Source::Snapshot,
            (
                Some("snapshots/诸城市人民医院/旧名.md"),
                Some("snapshots/诸城市人民医院/新名.md"),
            ),
            (Some("名字改了,内容没改。\n"), Some("名字改了,内容没改。\n")),
        ),
        report(
            "潍坊市人民医院/简报",
            ReportStatus::Changed,
            Source::Raw,
            (
                Some("raw/潍坊市人民医院/简报.html"),
                Some("raw/潍坊市人民医院/简报.html"),
            ),
            (Some("床位800张。\n"), Some("床位1000张。\n")),
        ),
    ];
    Review {
        range: Range {
            base: revision("1a2b3c4"),
            head: revision("5d6e7f8"),
            base_asked: "main".to_string(),
            head_asked: "HEAD".to_string(),
            forked: false,
        },
        summary: ReviewSummary::of(&reports),
        reports,
        skipped: vec![Skipped {
            path: "raw/潍坊市人民医院/附件.pdf".to_string(),
            reason: "at 5d6e7f8: not UTF-8, GB18030 or Big5 text".to_string(),
        }],
    }
}
