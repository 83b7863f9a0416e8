//! The html rendering of a diff: one self-contained page (inline CSS, no scripts, nothing
//! fetched), old and new side by side with highlights, the metric-delta table, and columns
//! that stack on a phone.

use crate::changes::{Change, ChangeKind, DeltaStatus, DiffResult, InlineOp, Side, side_spans};

use super::delta_table;
use super::hunks::{self, Origins, Piece};
use super::wording;

const STYLE: &str = "\
:root{color-scheme:light dark;--old:#ffebe9;--old-strong:#ff8182;--new:#e6ffec;--new-strong:#4ac26b;--muted:#6e7781;--line:#d0d7de}
@media (prefers-color-scheme:dark){:root{--old:#3c1618;--old-strong:#8e1519;--new:#12261e;--new-strong:#1a7f37;--muted:#8b949e;--line:#30363d}}
body{margin:0 auto;max-width:72rem;padding:1rem;font:16px/1.7 system-ui,-apple-system,\"PingFang SC\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",sans-serif}
h1{font-size:1.2rem;margin:0 0 .5rem}h2{font-size:1.05rem;margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line)}
.sides{margin:0;color:var(--muted)}.summary{font-weight:600}
.cols{position:sticky;top:0;background:Canvas;font-weight:600;font-size:.9rem}
.row{display:grid;grid-template-columns:1fr 1fr;gap:1rem;padding:.25rem 0;border-top:1px solid var(--line)}
.row>div{overflow-wrap:anywhere}
.same{color:var(--muted)}.gap{display:block;color:var(--muted);text-align:center;font-size:.9rem}
.deleted .old,.modified .old,.moved .old,.split .old,.merged .old{background:var(--old)}
.added .new,.modified .new,.moved .new,.split .new,.merged .new{background:var(--new)}
del{background:var(--old-strong);text-decoration:line-through}ins{background:var(--new-strong);text-decoration:none}
.tag{display:inline-block;font-size:.75rem;padding:0 .4rem;margin-right:.4rem;border:1px solid var(--line);border-radius:.6rem;color:var(--muted)}
.scroll{overflow-x:auto}table{border-collapse:collapse;white-space:nowrap}th,td{padding:.2rem .6rem;border-bottom:1px solid var(--line);text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}tr.added td{background:var(--new)}tr.removed td{background:var(--old)}
@media (max-width:40rem){.cols{display:none}.row{grid-template-columns:1fr;gap:.25rem}.row>div:empty{display:none}.row>.old::before{content:\"old \";color:var(--muted);font-size:.75rem}.row>.new::before{content:\"new \";color:var(--muted);font-size:.75rem}.same>.old{display:none}.same>.new::before{content:none}}
";

/// The html page for a diff, showing `context` unchanged sentences around each change.
/// Empty when nothing changed and nothing was left out as punctuation-only.
pub fn render(result: &DiffResult, context: usize) -> String {
    if !result.has_news() {
        return String::new();
    }
    let title = format!(
        "{} → {}",
        escape(&result.old.label),
        escape(&result.new.label)
    );
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>reportdiff: {title}</title>\n"));
    out.push_str(&format!(
        "<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n"
    ));
    out.push_str(&format!("<h1>{title}</h1>\n"));
    out.push_str(&format!(
        "<p class=\"sides\">old: {}</p>\n",
        side_line(&result.old)
    ));
    out.push_str(&format!(
        "<p class=\"sides\">new: {}</p>\n",
        side_line(&result.new)
    ));
    out.push_str(&format!(
        "<p class=\"summary\">{}</p>\n</header>\n<main>\n",
        escape(&wording::headline(result))
    ));
    out.push_str(&format!(
        "<div class=\"row cols\"><div>old: {}</div><div>new: {}</div></div>\n",
        escape(&result.old.label),
        escape(&result.new.label)
    ));
    let origins = Origins::new(result);
    for piece in hunks::layout(result, context) {
        match piece {
            Piece::Section(title) => out.push_str(&format!("<h2>{}</h2>\n", escape(title))),
            Piece::Gap(count) => out.push_str(&format!(
                "<div class=\"row gap\">⋯ {count} unchanged</div>\n"
            )),
            Piece::Unchanged(text) => {
                let text = escape(text);
                out.push_str(&format!(
                    "<div class=\"row same\"><div class=\"old\">{text}</div><div class=\"new\">{text}</div></div>\n"
                ));
            }
            Piece::Change(change) => out.push_str(&change_row(&origins, change)),
        }
    }
    out.push_str(&metric_table(result));
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn side_line(side: &Side) -> String {
    let name = wording::side_name(side);
    let mut parts = vec![name.as_str()];
    parts.extend(wording::side_facts(side));
    escape(&parts.join(" · "))
}

fn change_row(origins: &Origins<'_>, change: &Change) -> String {
    let tag = wording::change_note(origins, change).map_or(String::new(), |note| {
        format!("<span class=\"tag\">{}</span>", escape(&note))
    });
    let (old, new) = if change.has_inline_edits()
        && !matches!(change.kind, ChangeKind::Added | ChangeKind::Deleted)
    {
        (
            side_html(change, InlineOp::Delete),
            side_html(change, InlineOp::Insert),
        )
    } else {
        (sentences_html(&change.old), sentences_html(&change.new))
    };
    let cell = |class: &str, body: String| {
        if body.is_empty() {
            format!("<div class=\"{class}\"></div>")
        } else {
            format!("<div class=\"{class}\">{tag}{body}</div>")
        }
    };
    format!(
        "<div class=\"row {}\">{}{}</div>\n",
        change.kind.as_str(),
        cell("old", old),
        cell("new", new)
    )
}

/// One side of an edited change: equal text plus that side's edits in `<del>` or `<ins>`.
fn side_html(change: &Change, own: InlineOp) -> String {
    let element = if own == InlineOp::Delete {
        "del"
    } else {
        "ins"
    };
    side_spans(&change.inline, own)
        .map(|s| {
            if s.op == InlineOp::Equal {
                escape(s.text_of(own))
            } else {
                format!("<{element}>{}</{element}>", escape(&s.text))
            }
        })
        .collect()
}

fn sentences_html(sentences: &[String]) -> String {
    escape(&sentences.join(""))
}

fn metric_table(result: &DiffResult) -> String {
    let rows = delta_table::rows(&result.metrics);
    if rows.is_empty() {
        return String::new();
    }
    let mut out = String::from("<h2>Figures</h2>\n<div class=\"scroll\"><table>\n<thead><tr>");
    for (header, _) in delta_table::COLUMNS {
        out.push_str(&format!("<th>{header}</th>"));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        let class = match row.status {
            DeltaStatus::Added => "added",
            DeltaStatus::Removed => "removed",
            DeltaStatus::Changed | DeltaStatus::Unchanged => "changed",
        };
        out.push_str(&format!("<tr class=\"{class}\">"));
        for (cell, (_, align)) in row.cells.iter().zip(delta_table::COLUMNS) {
            let td = match align {
                super::table::Align::Right => "<td class=\"num\">",
                super::table::Align::Left => "<td>",
            };
            out.push_str(&format!("{td}{}</td>", escape(cell)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n");
    let unchanged = delta_table::unchanged_count(&result.metrics);
    if unchanged > 0 {
        out.push_str(&format!(
            "<p class=\"sides\">{}</p>\n",
            wording::unchanged_figures_note(unchanged)
        ));
    }
    out
}

/// Escapes text for html element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::{ChangeClass, InlineSpan, MetricDelta};
    use crate::metrics::Qualifier;
    use crate::render::sample::one_edit;

    fn sample() -> DiffResult {
        one_edit(
            Some("“一院多区”协同发展"),
            vec![
                InlineSpan::new(InlineOp::Equal, "满意度<b>提升到"),
                InlineSpan::new(InlineOp::Delete, "99.39%"),
                InlineSpan::new(InlineOp::Insert, "99.52%"),
                InlineSpan::new(InlineOp::Equal, "。"),
            ],
            ChangeClass::Figures,
            0.9,
            MetricDelta {
                key: "satisfaction".to_string(),
                label: "满意度".to_string(),
                unit: "%".to_string(),
                period: Some("2022".to_string()),
                old_period: None,
                change: None,
                old: Some(99.39),
                new: Some(99.52),
                delta: Some(0.13),
                ratio: None,
                status: DeltaStatus::Changed,
                old_text: Some("99.39%".to_string()),
                new_text: Some("99.52%".to_string()),
                old_qualifier: Some(Qualifier::Exact),
                new_qualifier: Some(Qualifier::Exact),
            },
        )
    }

    #[test]
    fn the_old_column_shows_the_old_text() {
        let mut result = sample();
        let span = &mut result.changes[0].inline[3];
        span.text = ".".to_string();
        span.old_text = Some("。".to_string());
        let change = &result.changes[0];
        assert!(side_html(change, InlineOp::Delete).ends_with("</del>。"));
        assert!(side_html(change, InlineOp::Insert).ends_with("</ins>."));
    }

    #[test]
    fn the_page_is_self_contained_and_readable_on_a_phone() {
        let page = render(&sample(), 1);
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<meta name=\"viewport\""));
        assert!(page.contains("@media (max-width:40rem)"));
        assert!(page.contains(
            "<div class=\"row cols\"><div>old: v1.txt</div><div>new: v2.txt</div></div>"
        ));
        assert!(!page.contains("http"), "no external resources");
        assert!(!page.contains("<script"));
        assert!(page.ends_with("</html>\n"));
    }

    #[test]
    fn old_and_new_sit_side_by_side_with_highlights() {
        let page = render(&sample(), 1);
        assert!(page.contains(
            "<div class=\"row modified\"><div class=\"old\">满意度&lt;b&gt;提升到<del>99.39%</del>。</div><div class=\"new\">满意度&lt;b&gt;提升到<ins>99.52%</ins>。</div></div>"
        ));
        assert!(page.contains("<h2>“一院多区”协同发展</h2>"));
        assert!(page.contains("<td class=\"num\">+0.13 pp</td>"));
    }

    #[test]
    fn every_kind_of_change_has_its_row() {
        let page = render(&crate::render::sample::diff_result(), 0);
        for kind in ["added", "deleted", "modified", "moved", "split", "merged"] {
            assert!(
                page.contains(&format!("<div class=\"row {kind}\">")),
                "{kind}"
            );
        }
        assert!(
            page.contains("<span class=\"tag\">moved from § 当好县域居民健康的“守门人”</span>")
        );
        assert!(page.contains("<tr class=\"removed\"><td>学科带头人</td>"));
        assert!(page.contains("2 unchanged figures not shown."));
    }

    #[test]
    fn report_text_is_escaped() {
        assert_eq!(
            escape("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
        assert!(!render(&sample(), 1).contains("<b>"));
    }
}
