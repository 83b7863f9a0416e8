//! A comparison as one self-contained html page (inline CSS and SVG, no scripts, nothing
//! fetched): the figures table, one bar chart per measure, the measures of one hospital,
//! lexicon candidates and the text view.
//!
//! The charts ([`chart`]) stretch with the screen; on a phone every table row becomes
//! a card. Each hospital keeps one colour in every chart.

use std::fmt::Write as _;

use crate::compare::{Comparison, Shared};

use super::cells::{self, Spread, column_names};
use super::chart;
use crate::render::html::escape;

/// The most hospitals shown one column each; beyond, rows show their spread.
const MAX_COLUMNS: usize = 12;

const STYLE: &str = "\
:root{color-scheme:light dark;--muted:#6e7781;--line:#d0d7de;--track:#eef1f4}
@media (prefers-color-scheme:dark){:root{--muted:#8b949e;--line:#30363d;--track:#21262d}}
body{margin:0 auto;max-width:72rem;padding:1rem;font:16px/1.6 system-ui,-apple-system,\"PingFang SC\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",sans-serif}
h1{font-size:1.3rem;margin:0 0 .5rem}h2{font-size:1.1rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:1rem 0 .25rem}.muted{color:var(--muted)}
.scroll{overflow-x:auto}table{border-collapse:collapse}th,td{padding:.25rem .6rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}th{white-space:nowrap}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:1rem 2rem}
figure{margin:0}figcaption{font-weight:600;font-size:.95rem}
svg{display:block;width:100%;overflow:visible}svg text{font-size:13px;fill:currentColor}svg .track{fill:var(--track)}
.b0{fill:#0969da}.b1{fill:#cf222e}.b2{fill:#1a7f37}.b3{fill:#9a6700}.b4{fill:#8250df}.b5{fill:#bc4c00}.b6{fill:#1b7c83}.b7{fill:#bf3989}
ul.plain{padding-left:1.2rem}li{margin:.15rem 0;overflow-wrap:anywhere}pre{overflow-x:auto;background:var(--track);padding:.5rem}
details{margin:.5rem 0}summary{cursor:pointer;font-weight:600}
.charts{margin-top:1.5rem}td.measure{min-width:10rem}
@media (max-width:40rem){table.cards thead{display:none}table.cards,table.cards tbody,table.cards tr{display:block}table.cards tr{border-bottom:1px solid var(--line);padding:.4rem 0}table.cards td{display:flex;justify-content:space-between;gap:1rem;border:0;padding:.05rem 0;text-align:right}table.cards td:empty{display:none}table.cards td::before{content:attr(data-label);color:var(--muted);text-align:left}table.cards td.measure{display:block;font-weight:600;text-align:left}table.cards td.measure small{font-weight:400}}
";

/// The html page of a comparison.
pub fn render(comparison: &Comparison) -> String {
    let names = column_names(comparison);
    let n = names.len();
    let mut out = String::new();
    let period = comparison
        .period
        .as_ref()
        .map(|p| format!(", figures of {p}"))
        .unwrap_or_default();
    let title = format!("{n} hospitals compared{period}");
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>reportdiff: {}</title>", escape(&title));
    let _ = write!(out, "<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
    // A long list of reports is folded, so that the figures come first.
    let folded = n > MAX_COLUMNS;
    if folded {
        let _ = writeln!(out, "<details><summary>The {n} reports</summary>");
    }
    out.push_str("<ol>\n");
    for r in &comparison.reports {
        let published = r.snapshot.meta.published.as_deref().unwrap_or("");
        let _ = writeln!(
            out,
            "<li>{} <span class=\"muted\">{} · {}</span></li>",
            escape(&r.hospital),
            escape(published),
            escape(&r.label)
        );
    }
    out.push_str("</ol>\n");
    if folded {
        out.push_str("</details>\n");
    }
    out.push_str("</header>\n<main>\n");
    figures(comparison, &names, &mut out);
    candidates(comparison, &names, &mut out);
    text(comparison, &names, &mut out);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn figures(comparison: &Comparison, names: &[String], out: &mut String) {
    let rows = &comparison.figures.rows;
    out.push_str("<h2>Figures reported by two hospitals or more</h2>\n");
    if rows.is_empty() {
        out.push_str("<p class=\"muted\">(none)</p>\n");
    } else if names.len() <= MAX_COLUMNS {
        let mut headers = vec!["measure".to_string(), "period".to_string()];
        headers.extend(names.iter().cloned());
        if names.len() == 2 {
            headers.push("ratio".to_string());
        }
        let body = rows.iter().map(|row| {
            let mut cells = vec![
                Td::Measure(cells::measure(row), cells::labels(row)),
                Td::Text(row.period.clone().unwrap_or_default()),
            ];
            cells.extend((0..names.len()).map(|h| Td::Number(cells::cell(row, h))));
            if names.len() == 2 {
                cells.push(Td::Number(row.ratio.map(cells::ratio).unwrap_or_default()));
            }
            cells
        });
        table(out, &headers, body);
    } else {
        let headers: Vec<String> = [
            "measure",
            "period",
            "hospitals",
            "lowest",
            "median",
            "highest",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let body = rows.iter().map(|row| {
            let spread = Spread::of(row);
            vec![
                Td::Measure(cells::measure(row), cells::labels(row)),
                Td::Text(row.period.clone().unwrap_or_default()),
                Td::Number(row.hospitals().to_string()),
                Td::Text(spread.lowest_by(names)),
                Td::Number(spread.median.clone()),
                Td::Text(spread.highest_by(names)),
            ]
        });
        table(out, &headers, body);
    }
    if !comparison.figures.missing_keys.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"muted\">No hospital reports {}.</p>",
            escape(&comparison.figures.missing_keys.join(", "))
        );
    }
    if !rows.is_empty() {
        out.push_str("<div class=\"charts\">\n");
        for row in rows {
            chart::chart(row, names, out);
        }
        out.push_str("</div>\n");
    }
    for only in &comparison.figures.only {
        let _ = writeln!(out, "<h3>Only in {}</h3>", escape(&names[only.hospital]));
        let headers: Vec<String> = ["measure", "figures"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let body = only.rows.iter().map(|row| {
            vec![
                Td::Measure(cells::measure(row), cells::labels(row)),
                Td::Number(cells::cell(row, only.hospital)),
            ]
        });
        table(out, &headers, body);
    }
}

fn candidates(comparison: &Comparison, names: &[String], out: &mut String) {
    if comparison.candidates.is_empty() {
        return;
    }
    out.push_str("<h2>Lexicon candidates</h2>\n<p class=\"muted\">Alike labels without a common key; the <code>reportdiff.toml</code> lines would give them one.</p>\n<ul class=\"plain\">\n");
    for c in &comparison.candidates {
        let side = |i: usize| {
            let l = &c.labels[i];
            let who: Vec<&str> = l.hospitals.iter().map(|&h| names[h].as_str()).collect();
            format!(
                "{} <span class=\"muted\">({}; {})</span>",
                escape(&l.label),
                escape(&l.key),
                escape(&who.join(", "))
            )
        };
        let _ = writeln!(
            out,
            "<li>{} ~ {}<pre>{}</pre></li>",
            side(0),
            side(1),
            escape(&c.toml.join("\n"))
        );
    }
    out.push_str("</ul>\n");
}

fn text(comparison: &Comparison, names: &[String], out: &mut String) {
    let text = &comparison.text;
    let n = names.len();
    out.push_str("<h2>Text</h2>\n<p class=\"muted\">Sentences with a close counterpart in another report.</p>\n");
    let headers: Vec<String> = ["hospital", "sentences", "with counterpart", "share"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let body = text.hospitals.iter().enumerate().map(|(h, s)| {
        vec![
            Td::Measure(names[h].clone(), String::new()),
            Td::Number(s.sentences.to_string()),
            Td::Number(s.with_counterpart.to_string()),
            Td::Number(cells::share(s.share())),
        ]
    });
    table(out, &headers, body);
    let _ = writeln!(
        out,
        "<h3>Template text (in {} of {n} reports or more)</h3>",
        text.quorum
    );
    shared(&text.templates, n, out);
    let _ = writeln!(
        out,
        "<h3>Set phrases (in {} of {n} reports or more)</h3>",
        text.phrase_quorum
    );
    shared(&text.set_phrases, n, out);
    out.push_str("<h3>Distinctive sentences</h3>\n");
    if text.distinctive.is_empty() {
        out.push_str("<p class=\"muted\">(none)</p>\n");
    }
    for d in &text.distinctive {
        let count: usize = d.sections.iter().map(|s| s.sentences.len()).sum();
        let _ = writeln!(
            out,
            "<details><summary>{} ({count})</summary>",
            escape(&names[d.hospital])
        );
        for section in &d.sections {
            if let Some(heading) = &section.heading {
                let _ = writeln!(out, "<h3>{}</h3>", escape(heading));
            }
            out.push_str("<ul class=\"plain\">\n");
            for sentence in &section.sentences {
                let _ = writeln!(out, "<li>{}</li>", escape(sentence));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</details>\n");
    }
}

fn shared(list: &[Shared], n: usize, out: &mut String) {
    if list.is_empty() {
        out.push_str("<p class=\"muted\">(none)</p>\n");
        return;
    }
    out.push_str("<ul class=\"plain\">\n");
    for s in list {
        let _ = writeln!(
            out,
            "<li><span class=\"muted\">[{}/{n}]</span> {}</li>",
            s.hospitals.len(),
            escape(&s.text)
        );
    }
    out.push_str("</ul>\n");
}

/// A table cell.
enum Td {
    /// Text, left-aligned.
    Text(String),
    /// A figure or count, right-aligned.
    Number(String),
    /// What a row is about (a measure, a hospital), with the labels it was read from
    /// beneath: the card's title on a phone.
    Measure(String, String),
}

/// A table in a horizontally scrolling box; on a phone each row becomes a card of
/// `column: value` lines (empty cells left out), so that five hospitals need no scrolling.
fn table(out: &mut String, headers: &[String], rows: impl Iterator<Item = Vec<Td>>) {
    out.push_str("<div class=\"scroll\"><table class=\"cards\">\n<thead><tr>");
    for h in headers {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for (cell, header) in row.iter().zip(headers) {
            let label = escape(header);
            let _ = match cell {
                Td::Text(text) if text.is_empty() => write!(out, "<td></td>"),
                Td::Number(text) if text.is_empty() => write!(out, "<td></td>"),
                Td::Text(text) => write!(out, "<td data-label=\"{label}\">{}</td>", escape(text)),
                Td::Number(text) => write!(
                    out,
                    "<td class=\"num\" data-label=\"{label}\">{}</td>",
                    escape(text)
                ),
                Td::Measure(name, labels) if labels.is_empty() => {
                    write!(out, "<td class=\"measure\">{}</td>", escape(name))
                }
                Td::Measure(name, labels) => write!(
                    out,
                    "<td class=\"measure\">{}<br><small class=\"muted\">{}</small></td>",
                    escape(name),
                    escape(labels)
                ),
            };
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::compare::sample::comparison;

    #[test]
    fn the_page_fetches_nothing_and_runs_nothing() {
        let page = render(&comparison(3));
        for forbidden in ["<script", "src=", "href=", "@import", "url("] {
            assert!(!page.contains(forbidden), "{forbidden}");
        }
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<meta name=\"viewport\""));
    }

    #[test]
    fn each_shared_measure_gets_a_bar_chart_with_a_bar_per_hospital() {
        let c = comparison(3);
        let page = render(&c);
        assert_eq!(page.matches("<svg").count(), c.figures.rows.len());
        let chart = &page[page.find("<figcaption>outpatient_visits").expect("a chart")..];
        let chart = &chart[..chart.find("</svg>").expect("closed")];
        assert_eq!(chart.matches("<rect class=\"b").count(), 3);
        assert!(
            chart.contains("width=\"100.0%\""),
            "the largest fills the width"
        );
        assert!(chart.contains("width=\"80.0%\""), "40万 of 50万: {chart}");
    }

    #[test]
    fn report_text_is_escaped() {
        let page = render(&comparison(2));
        assert!(page.contains("&lt;b&gt;特色&lt;/b&gt;"));
        assert!(!page.contains("<b>特色"));
    }
}
