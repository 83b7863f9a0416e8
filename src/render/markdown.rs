//! The markdown rendering of a diff, for a pull-request comment or a CI step summary: one
//! summary line, the changes as a list under their section headings with ~~deleted~~ and
//! **inserted** text marked, and the metric-delta table.

use crate::changes::{Change, ChangeKind, DiffResult, InlineOp, Side};

use super::delta_table;
use super::hunks::{self, Origins, Piece};
use super::wording;

/// The markdown rendering. Empty when nothing changed and nothing was left out as
/// punctuation-only.
pub fn render(result: &DiffResult) -> String {
    if !result.has_news() {
        return String::new();
    }
    let mut out = format!(
        "**{}** → **{}**: {}\n",
        escape(&side_name(&result.old)),
        escape(&side_name(&result.new)),
        wording::summary_line(&result.summary)
    );
    if result.coarse {
        out.push_str("\n> The time budget ran out: parts of this diff are coarser than usual.\n");
    }
    let origins = Origins::new(result);
    let mut in_list = false;
    for piece in hunks::layout(result, 0) {
        match piece {
            Piece::Section(title) => {
                out.push_str(&format!("\n#### {}\n\n", escape(title)));
                in_list = true;
            }
            Piece::Change(change) => {
                if !in_list {
                    out.push('\n');
                    in_list = true;
                }
                out.push_str(&format!("- {}\n", item(&origins, change)));
            }
            Piece::Gap(_) | Piece::Unchanged(_) => {}
        }
    }
    let rows = delta_table::rows(&result.metrics);
    if !rows.is_empty() {
        out.push_str("\n#### Figures\n\n");
        let headers: Vec<&str> = delta_table::COLUMNS.iter().map(|(h, _)| *h).collect();
        out.push_str(&format!("| {} |\n", headers.join(" | ")));
        let aligns: Vec<&str> = delta_table::COLUMNS
            .iter()
            .map(|(_, a)| match a {
                super::table::Align::Left => "---",
                super::table::Align::Right => "---:",
            })
            .collect();
        out.push_str(&format!("| {} |\n", aligns.join(" | ")));
        for row in rows {
            let cells: Vec<String> = row.cells.iter().map(|c| escape(c)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        let unchanged = delta_table::unchanged_count(&result.metrics);
        if unchanged > 0 {
            out.push_str(&format!(
                "\n{}\n",
                wording::unchanged_figures_note(unchanged)
            ));
        }
    }
    out
}

/// `label (commit, hospital)`, leaving out what is unknown.
fn side_name(side: &Side) -> String {
    let notes: Vec<&str> = [&side.revision, &side.meta().hospital]
        .into_iter()
        .filter_map(|note| note.as_deref())
        .collect();
    if notes.is_empty() {
        side.label.clone()
    } else {
        format!("{} ({})", side.label, notes.join(", "))
    }
}

/// One list item: what happened, then the text with its edits marked.
fn item(origins: &Origins<'_>, change: &Change) -> String {
    let text = match change.kind {
        ChangeKind::Added => mark(&change.new.join(""), Mark::Insert, None, None),
        ChangeKind::Deleted => mark(&change.old.join(""), Mark::Delete, None, None),
        _ if !change.has_inline_edits() => escape(&change.new.join("")),
        _ => inline(change),
    };
    let label = wording::change_note(origins, change)
        .map_or_else(|| change.kind.as_str().to_string(), |note| escape(&note));
    format!("*{label}:* {text}")
}

fn inline(change: &Change) -> String {
    let spans = &change.inline;
    let mut out = String::new();
    for (i, span) in spans.iter().enumerate() {
        let before = i
            .checked_sub(1)
            .and_then(|j| spans.get(j))
            .and_then(|s| s.text.chars().last());
        let after = spans.get(i + 1).and_then(|s| s.text.chars().next());
        out.push_str(&match span.op {
            InlineOp::Equal => escape(&span.text),
            InlineOp::Delete => mark(&span.text, Mark::Delete, before, after),
            InlineOp::Insert => mark(&span.text, Mark::Insert, before, after),
        });
    }
    out
}

#[derive(Clone, Copy)]
enum Mark {
    Delete,
    Insert,
}

/// Wraps text in `~~…~~` or `**…**`. CommonMark does not open or close emphasis next to
/// punctuation that touches a letter (`文**“新”**文` stays literal), which Chinese text hits
/// all the time; there the HTML tags GitHub allows (`<del>`, `<ins>`) say the same.
fn mark(text: &str, mark: Mark, before: Option<char>, after: Option<char>) -> String {
    if text.trim().is_empty() {
        return escape(text);
    }
    let first = text.chars().next();
    let last = text.chars().last();
    let opens = !first.is_some_and(is_punctuation)
        || before.is_none_or(|c| c.is_whitespace() || is_punctuation(c));
    let closes = !last.is_some_and(is_punctuation)
        || after.is_none_or(|c| c.is_whitespace() || is_punctuation(c));
    let fenced = opens && closes && !first.is_some_and(char::is_whitespace);
    let body = escape(text);
    match (mark, fenced) {
        (Mark::Delete, true) => format!("~~{body}~~"),
        (Mark::Insert, true) => format!("**{body}**"),
        (Mark::Delete, false) => format!("<del>{body}</del>"),
        (Mark::Insert, false) => format!("<ins>{body}</ins>"),
    }
}

/// Punctuation as CommonMark's flanking rules see it: ASCII and the general, CJK and
/// full-width punctuation blocks.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '\u{00a1}'..='\u{00bf}'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205e}'
            | '\u{3000}'..='\u{303f}'
            | '\u{fe10}'..='\u{fe6f}'
            | '\u{ff01}'..='\u{ff0f}'
            | '\u{ff1a}'..='\u{ff20}'
            | '\u{ff3b}'..='\u{ff40}'
            | '\u{ff5b}'..='\u{ff65}')
}

/// Escapes what markdown would read as markup; `<` and `&` become entities so that no text
/// from a report turns into HTML.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::{ChangeClass, DeltaStatus, InlineSpan, MetricDelta, Summary};
    use crate::metrics::Qualifier;
    use crate::render::sample::one_edit;

    fn sample(inline: Vec<InlineSpan>) -> DiffResult {
        let mut result = one_edit(
            Some("大力实施“人才强院”战略"),
            inline,
            ChangeClass::Mixed,
            0.8,
            MetricDelta {
                key: "培训".to_string(),
                label: "培训|考核".to_string(),
                unit: "次".to_string(),
                period: None,
                old_period: None,
                change: None,
                old: Some(300.0),
                new: Some(320.0),
                delta: Some(20.0),
                ratio: Some(0.066667),
                status: DeltaStatus::Changed,
                old_text: Some("300余次".to_string()),
                new_text: Some("320余次".to_string()),
                old_qualifier: Some(Qualifier::Over),
                new_qualifier: Some(Qualifier::Over),
            },
        );
        result.new.revision = Some("abc1234".to_string());
        result
    }

    #[test]
    fn a_modified_sentence_is_a_list_item_with_marks_and_the_figures_a_table() {
        let result = sample(vec![
            InlineSpan::new(InlineOp::Equal, "培训、考核等每年高达"),
            InlineSpan::new(InlineOp::Delete, "300余次"),
            InlineSpan::new(InlineOp::Insert, "320余次"),
            InlineSpan::new(InlineOp::Equal, "。"),
        ]);
        assert_eq!(
            render(&result),
            "\
**v1.txt (诸城市人民医院)** → **v2.txt (abc1234, 诸城市人民医院)**: 1 modified; 1 figure changed

#### 大力实施“人才强院”战略

- *modified:* 培训、考核等每年高达~~300余次~~**320余次**。

#### Figures

| metric | period | old | new | delta | ratio | status |
| --- | --- | ---: | ---: | ---: | ---: | --- |
| 培训\\|考核 |  | 300余次 | 320余次 | +20次 (approx.) | +6.7% | changed |
"
        );
    }

    #[test]
    fn marks_next_to_cjk_punctuation_fall_back_to_html_tags() {
        let result = sample(vec![
            InlineSpan::new(InlineOp::Equal, "荣获"),
            InlineSpan::new(InlineOp::Insert, "“五星级党支部”"),
            InlineSpan::new(InlineOp::Equal, "称号"),
        ]);
        let text = render(&result);
        assert!(text.contains("荣获<ins>“五星级党支部”</ins>称号"), "{text}");
    }

    #[test]
    fn every_kind_of_change_as_a_list() {
        let text = render(&crate::render::sample::diff_result());
        insta::with_settings!({snapshot_path => "../../tests/snapshots"}, {
            insta::assert_snapshot!("markdown_every_kind", text);
        });
    }

    #[test]
    fn report_text_never_becomes_markup() {
        assert_eq!(
            escape("<script>*a*</script>"),
            "&lt;script&gt;\\*a\\*&lt;/script&gt;"
        );
    }

    #[test]
    fn nothing_changed_renders_nothing() {
        let mut result = sample(vec![InlineSpan::new(InlineOp::Equal, "甲。")]);
        result.changes.clear();
        result.metrics.clear();
        result.summary = Summary::default();
        assert_eq!(render(&result), "");
    }
}
