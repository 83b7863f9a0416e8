//! The terminal rendering of a diff: a header naming both sides, changes under their section
//! headings with a little context, and the metric-delta table. With colour, deleted text is
//! red and inserted text green (changed characters stronger); without, edits read
//! `[-old-]{+new+}` so that a CI log or a pipe keeps every change visible.
//!
//! (The file passes 450 lines only by its tests, which pin each of those rules; the
//! rendering itself is about 250.)

use colored::Colorize;

use crate::changes::{Change, ChangeKind, DeltaStatus, DiffResult, InlineOp, Side, side_spans};

use super::delta_table;
use super::hunks::{self, Origins, Piece};
use super::{RenderOptions, wording, wrap};

/// How a piece of text is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Dim,
    Heading,
    Note,
    Old,
    OldStrong,
    New,
    NewStrong,
}

type Segments = Vec<(Style, String)>;

/// The whole terminal rendering: header, summary, changes, metric table. Empty when nothing
/// changed and nothing was left out as punctuation-only.
pub fn render(result: &DiffResult, options: &RenderOptions) -> String {
    if !result.has_news() {
        return String::new();
    }
    let mut out = String::new();
    let header = [
        ("---", &result.old, Style::Old),
        ("+++", &result.new, Style::New),
    ];
    for (marker, side, style) in header {
        let segments = vec![
            (style, format!("{marker} {}", wording::side_name(side))),
            (Style::Dim, side_details(side)),
        ];
        emit(&mut out, "", &segments, None, options.color);
    }
    let summary = wording::headline(result);
    emit(&mut out, "", &[(Style::Note, summary)], None, options.color);
    let origins = Origins::new(result);
    for piece in hunks::layout(result, options.context) {
        match piece {
            Piece::Section(title) => {
                out.push('\n');
                let line = [(Style::Heading, format!("## {title}"))];
                emit(&mut out, "", &line, options.width, options.color);
            }
            Piece::Gap(count) => {
                let line = [(Style::Dim, format!("⋯ {count} unchanged"))];
                emit(&mut out, "  ", &line, options.width, options.color);
            }
            Piece::Unchanged(text) => {
                let line = [(Style::Dim, text.to_string())];
                emit(&mut out, "  ", &line, options.width, options.color);
            }
            Piece::Change(change) => render_change(&mut out, &origins, change, options),
        }
    }
    let table = metric_table(result, options.color);
    if !table.is_empty() {
        out.push('\n');
        out.push_str(&table);
    }
    out
}

fn side_details(side: &Side) -> String {
    let parts = wording::side_facts(side);
    if parts.is_empty() {
        String::new()
    } else {
        format!("  {}", parts.join(" · "))
    }
}

fn render_change(
    out: &mut String,
    origins: &Origins<'_>,
    change: &Change,
    options: &RenderOptions,
) {
    let note = wording::change_note(origins, change).map(|note| format!("({note})"));
    let marker = match change.kind {
        ChangeKind::Added => "+ ",
        ChangeKind::Deleted => "- ",
        ChangeKind::Moved => "> ",
        ChangeKind::Modified | ChangeKind::Split | ChangeKind::Merged => "~ ",
    };
    let with_note = |mut segments: Segments| {
        if let Some(note) = &note {
            segments.insert(0, (Style::Note, format!("{note} ")));
        }
        segments
    };
    match change.kind {
        ChangeKind::Added => {
            for sentence in &change.new {
                let line = [(Style::New, sentence.clone())];
                emit(out, marker, &line, options.width, options.color);
            }
        }
        ChangeKind::Deleted => {
            for sentence in &change.old {
                let line = [(Style::Old, sentence.clone())];
                emit(out, marker, &line, options.width, options.color);
            }
        }
        _ if !change.has_inline_edits() => {
            let line = with_note(vec![(Style::Plain, change.new.join(""))]);
            emit(out, marker, &line, options.width, options.color);
        }
        _ if options.color => {
            let old = with_note(side_segments(change, InlineOp::Delete));
            emit(out, "- ", &old, options.width, true);
            let new = with_note(side_segments(change, InlineOp::Insert));
            emit(out, "+ ", &new, options.width, true);
        }
        _ => {
            let line = with_note(marked_segments(change));
            emit(out, marker, &line, options.width, false);
        }
    }
}

/// One side of an edited change: equal text plus that side's own edits, highlighted.
fn side_segments(change: &Change, own: InlineOp) -> Segments {
    let (plain, strong) = if own == InlineOp::Delete {
        (Style::Old, Style::OldStrong)
    } else {
        (Style::New, Style::NewStrong)
    };
    side_spans(&change.inline, own)
        .map(|s| {
            let style = if s.op == InlineOp::Equal {
                plain
            } else {
                strong
            };
            (style, s.text_of(own).to_string())
        })
        .collect()
}

/// Both sides in one line, edits marked `[-old-]{+new+}` (wdiff's marks).
fn marked_segments(change: &Change) -> Segments {
    change
        .inline
        .iter()
        .map(|s| match s.op {
            InlineOp::Equal => (Style::Plain, s.text.clone()),
            InlineOp::Delete => (Style::OldStrong, format!("[-{}-]", s.text)),
            InlineOp::Insert => (Style::NewStrong, format!("{{+{}+}}", s.text)),
        })
        .collect()
}

fn metric_table(result: &DiffResult, color: bool) -> String {
    let rows = delta_table::rows(&result.metrics);
    if rows.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    emit(
        &mut out,
        "",
        &[(Style::Heading, "## figures".to_string())],
        None,
        color,
    );
    let text = delta_table::render_text(&rows);
    for (i, line) in text.lines().enumerate() {
        let style = match i.checked_sub(1).and_then(|r| rows.get(r)).map(|r| r.status) {
            None => Style::Heading,
            Some(DeltaStatus::Added) => Style::New,
            Some(DeltaStatus::Removed) => Style::Old,
            Some(_) => Style::Plain,
        };
        emit(&mut out, "", &[(style, line.to_string())], None, color);
    }
    let unchanged = delta_table::unchanged_count(&result.metrics);
    if unchanged > 0 {
        let note = format!("({unchanged} unchanged not shown)");
        emit(&mut out, "", &[(Style::Dim, note)], None, color);
    }
    out
}

/// Writes one logical line: the marker, then the segments, wrapped at `width` columns with
/// continuation lines indented to the text.
fn emit(
    out: &mut String,
    marker: &str,
    segments: &[(Style, String)],
    width: Option<usize>,
    color: bool,
) {
    let indent = " ".repeat(marker.chars().count());
    let styled: Vec<(Style, char)> = segments
        .iter()
        .flat_map(|(style, text)| text.chars().map(move |c| (*style, c)))
        .collect();
    let chars: Vec<char> = styled.iter().map(|(_, c)| *c).collect();
    let starts = match width {
        Some(width) => wrap::line_starts(&chars, width.saturating_sub(indent.len()).max(10)),
        None => vec![0],
    };
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(styled.len());
        let mut text = String::from(if n == 0 { marker } else { indent.as_str() });
        let mut run = String::new();
        let mut run_style = None;
        for &(style, c) in &styled[start..end] {
            if let Some(s) = run_style.filter(|&s| s != style) {
                text.push_str(&paint(s, &std::mem::take(&mut run), color));
            }
            run_style = Some(style);
            run.push(c);
        }
        if let Some(s) = run_style {
            text.push_str(&paint(s, &run, color));
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
}

fn paint(style: Style, text: &str, color: bool) -> String {
    if !color {
        return text.to_string();
    }
    let painted = match style {
        Style::Plain => return text.to_string(),
        Style::Dim => text.dimmed(),
        Style::Heading => text.bold(),
        Style::Note => text.yellow(),
        Style::Old => text.red(),
        Style::OldStrong => text.red().bold().reversed(),
        Style::New => text.green(),
        Style::NewStrong => text.green().bold().reversed(),
    };
    painted.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::{ChangeClass, InlineSpan, Summary};
    use crate::metrics::Qualifier;
    use crate::render::sample::metric;
    use crate::snapshot::{Block, Meta, Snapshot};

    fn side(label: &str, blocks: Vec<Block>) -> Side {
        Side {
            label: label.to_string(),
            revision: None,
            snapshot: Snapshot {
                meta: Meta {
                    hospital: Some("诸城市人民医院".to_string()),
                    published: Some("2023-08-04".to_string()),
                    ..Meta::default()
                },
                blocks,
            },
        }
    }

    fn sample() -> DiffResult {
        let old = vec![
            Block::heading("当好县域居民健康的“守门人”"),
            Block::paragraph(vec![
                "“你把人民放在心上,人民就会把你高高举起”。".to_string(),
                "2022年,出院69363人次。".to_string(),
                "形成就医格局。".to_string(),
            ]),
        ];
        let new = vec![
            Block::heading("当好县域居民健康的“守门人”"),
            Block::paragraph(vec![
                "“你把人民放在心上,人民就会把你高高举起”。".to_string(),
                "2022年,出院71205人次。".to_string(),
                "群众满意度持续提升。".to_string(),
            ]),
        ];
        DiffResult {
            old: side("v1.txt", old),
            new: side("v2.txt", new),
            changes: vec![
                Change {
                    kind: ChangeKind::Modified,
                    class: ChangeClass::Figures,
                    old: vec!["2022年,出院69363人次。".to_string()],
                    new: vec!["2022年,出院71205人次。".to_string()],
                    old_index: vec![2],
                    new_index: vec![2],
                    similarity: Some(0.7),
                    inline: vec![
                        InlineSpan::new(InlineOp::Equal, "2022年,出院"),
                        InlineSpan::new(InlineOp::Delete, "69363人次"),
                        InlineSpan::new(InlineOp::Insert, "71205人次"),
                        InlineSpan::new(InlineOp::Equal, "。"),
                    ],
                },
                Change {
                    kind: ChangeKind::Deleted,
                    class: ChangeClass::Wording,
                    old: vec!["形成就医格局。".to_string()],
                    new: Vec::new(),
                    old_index: vec![3],
                    new_index: Vec::new(),
                    similarity: None,
                    inline: vec![InlineSpan::new(InlineOp::Delete, "形成就医格局。")],
                },
                Change {
                    kind: ChangeKind::Added,
                    class: ChangeClass::Wording,
                    old: Vec::new(),
                    new: vec!["群众满意度持续提升。".to_string()],
                    old_index: Vec::new(),
                    new_index: vec![3],
                    similarity: None,
                    inline: vec![InlineSpan::new(InlineOp::Insert, "群众满意度持续提升。")],
                },
            ],
            metrics: vec![metric(
                "出院",
                "人次",
                Some((69363.0, "69363人次")),
                Some((71205.0, "71205人次")),
                Some(1842.0),
                Some(0.026556),
                DeltaStatus::Changed,
                Qualifier::Exact,
            )],
            summary: Summary {
                modified: 1,
                added: 1,
                deleted: 1,
                unchanged: 2,
                metric_changes: 1,
                ..Summary::default()
            },
            coarse: false,
        }
    }

    #[test]
    fn without_colour_edits_are_marked_in_line() {
        assert_eq!(
            render(&sample(), &RenderOptions::default()),
            "\
--- v1.txt  诸城市人民医院 · 2023-08-04
+++ v2.txt  诸城市人民医院 · 2023-08-04
1 modified, 1 added, 1 deleted; 1 figure changed

## 当好县域居民健康的“守门人”
  “你把人民放在心上,人民就会把你高高举起”。
~ 2022年,出院[-69363人次-]{+71205人次+}。
- 形成就医格局。
+ 群众满意度持续提升。

## figures
metric  period        old        new      delta  ratio  status
出院    2022    69363人次  71205人次  +1842人次  +2.7%  changed
"
        );
    }

    #[test]
    fn each_coloured_side_shows_its_own_text() {
        let mut equal = InlineSpan::new(InlineOp::Equal, "精神病,");
        equal.old_text = Some("精神病、".to_string());
        let change = Change {
            kind: ChangeKind::Modified,
            class: ChangeClass::Wording,
            old: vec!["精神病、儿童青少年".to_string()],
            new: vec!["精神病,青少年".to_string()],
            old_index: vec![0],
            new_index: vec![0],
            similarity: Some(0.8),
            inline: vec![
                equal,
                InlineSpan::new(InlineOp::Delete, "儿童"),
                InlineSpan::new(InlineOp::Equal, "青少年"),
            ],
        };
        let text = |segments: Segments| segments.into_iter().map(|(_, t)| t).collect::<String>();
        assert_eq!(
            text(side_segments(&change, InlineOp::Delete)),
            "精神病、儿童青少年"
        );
        assert_eq!(
            text(side_segments(&change, InlineOp::Insert)),
            "精神病,青少年"
        );
    }

    #[test]
    fn nothing_changed_prints_nothing() {
        let mut result = sample();
        result.changes.clear();
        result.metrics.clear();
        result.summary = Summary::default();
        assert_eq!(render(&result, &RenderOptions::default()), "");
    }

    #[test]
    fn long_sentences_wrap_with_a_hanging_indent_by_display_width() {
        let mut out = String::new();
        let line = [(Style::Plain, "一二三四五六七八九十".to_string())];
        emit(&mut out, "+ ", &line, Some(12), false);
        assert_eq!(out, "+ 一二三四五\n  六七八九十\n");
    }

    #[test]
    fn split_and_moved_changes_are_named() {
        let mut result = sample();
        result.changes[0].kind = ChangeKind::Split;
        result.changes[0].new = vec!["2022年。".to_string(), "出院71205人次。".to_string()];
        let text = render(&result, &RenderOptions::default());
        assert!(text.contains("~ (split into 2) 2022年,出院[-69363人次-]{+71205人次+}。"));
        result.changes[0].kind = ChangeKind::Moved;
        result.changes[0].old_index = vec![3];
        let text = render(&result, &RenderOptions::default());
        assert!(text.contains("> (moved up) 2022年"), "{text}");
    }

    #[test]
    fn every_kind_of_change_reads_well_without_colour() {
        let text = render(
            &crate::render::sample::diff_result(),
            &RenderOptions::default(),
        );
        insta::with_settings!({snapshot_path => "../../tests/snapshots"}, {
            insta::assert_snapshot!("term_every_kind", text);
        });
    }

    #[test]
    fn every_kind_of_change_wraps_at_a_narrow_width() {
        let options = RenderOptions {
            width: Some(30),
            context: 0,
            ..RenderOptions::default()
        };
        let text = render(&crate::render::sample::diff_result(), &options);
        insta::with_settings!({snapshot_path => "../../tests/snapshots"}, {
            insta::assert_snapshot!("term_every_kind_width_30", text);
        });
    }

    #[test]
    fn with_colour_old_is_red_new_green_and_edits_stronger() {
        // The only test in this binary that asks for colour, so flipping colored's global
        // switch cannot leak into another test's output.
        colored::control::set_override(true);
        let options = RenderOptions {
            color: true,
            ..RenderOptions::default()
        };
        let text = render(&sample(), &options);
        assert!(!text.contains("[-") && !text.contains("{+"), "{text}");
        assert!(text.contains("- \u{1b}[31m2022年,出院\u{1b}[0m\u{1b}[1;7;31m69363人次\u{1b}[0m"));
        assert!(text.contains("+ \u{1b}[32m2022年,出院\u{1b}[0m\u{1b}[1;7;32m71205人次\u{1b}[0m"));
        assert!(text.contains("- \u{1b}[31m形成就医格局。\u{1b}[0m"));
    }
}
