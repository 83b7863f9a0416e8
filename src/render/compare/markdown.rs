//! A comparison in Markdown (for an issue, a wiki page or a pull-request comment): the
//! figures table, the measures of one hospital, lexicon candidates with their TOML lines,
//! and the text view, each hospital's distinctive sentences folded in a `<details>` block.

use crate::compare::{Comparison, Shared};

use super::cells::{self, Spread, column_names};
use super::term::MAX_COLUMNS;
use crate::render::markdown::escape;

/// The Markdown rendering of a comparison.
pub fn render(comparison: &Comparison) -> String {
    let names = column_names(comparison);
    let n = names.len();
    let mut out = String::new();
    let period = comparison
        .period
        .as_ref()
        .map(|p| format!(", figures of {p}"))
        .unwrap_or_default();
    out.push_str(&format!("### {n} hospitals compared{period}\n\n"));
    table(
        &mut out,
        &["hospital", "published", "report"],
        comparison.reports.iter().map(|r| {
            vec![
                r.hospital.clone(),
                r.snapshot.meta.published.clone().unwrap_or_default(),
                format!("`{}`", r.label.replace('`', "'")),
            ]
        }),
    );

    out.push_str("\n#### Figures reported by two hospitals or more\n\n");
    let rows = &comparison.figures.rows;
    if rows.is_empty() {
        out.push_str("(none)\n");
    } else if n <= MAX_COLUMNS {
        let mut headers: Vec<&str> = vec!["measure", "period"];
        headers.extend(names.iter().map(String::as_str));
        if n == 2 {
            headers.push("ratio");
        }
        headers.push("labels");
        table(
            &mut out,
            &headers,
            rows.iter().map(|row| {
                let mut cells = vec![cells::measure(row), row.period.clone().unwrap_or_default()];
                cells.extend((0..n).map(|h| cells::cell(row, h)));
                if n == 2 {
                    cells.push(row.ratio.map(cells::ratio).unwrap_or_default());
                }
                cells.push(cells::labels(row));
                cells
            }),
        );
    } else {
        table(
            &mut out,
            &[
                "measure",
                "period",
                "hospitals",
                "lowest",
                "median",
                "highest",
            ],
            rows.iter().map(|row| {
                let spread = Spread::of(row);
                vec![
                    cells::measure(row),
                    row.period.clone().unwrap_or_default(),
                    row.hospitals().to_string(),
                    spread.lowest_by(&names),
                    spread.median.clone(),
                    spread.highest_by(&names),
                ]
            }),
        );
    }
    if !comparison.figures.missing_keys.is_empty() {
        out.push_str(&format!(
            "\nNo hospital reports {}.\n",
            escape(&comparison.figures.missing_keys.join(", "))
        ));
    }
    for only in &comparison.figures.only {
        out.push_str(&format!(
            "\n#### Only in {}\n\n",
            escape(&names[only.hospital])
        ));
        table(
            &mut out,
            &["measure", "figures", "labels"],
            only.rows.iter().map(|row| {
                vec![
                    cells::measure(row),
                    cells::cell(row, only.hospital),
                    cells::labels(row),
                ]
            }),
        );
    }
    if !comparison.candidates.is_empty() {
        out.push_str("\n#### Lexicon candidates\n\nAlike labels without a common key; the `reportdiff.toml` lines would give them one.\n\n");
        for c in &comparison.candidates {
            let side = |i: usize| {
                let l = &c.labels[i];
                let who: Vec<&str> = l.hospitals.iter().map(|&h| names[h].as_str()).collect();
                format!(
                    "{} (`{}`; {})",
                    escape(&l.label),
                    l.key,
                    escape(&who.join(", "))
                )
            };
            out.push_str(&format!("- {} ~ {}\n", side(0), side(1)));
            out.push_str(&format!(
                "  ```toml\n{}  ```\n",
                c.toml
                    .iter()
                    .map(|l| format!("  {l}\n"))
                    .collect::<String>()
            ));
        }
    }
    text(comparison, &names, &mut out);
    out
}

fn text(comparison: &Comparison, names: &[String], out: &mut String) {
    let text = &comparison.text;
    let n = names.len();
    out.push_str("\n#### Text\n\nSentences with a close counterpart in another report:\n\n");
    table(
        out,
        &["hospital", "sentences", "with counterpart", "share"],
        text.hospitals.iter().enumerate().map(|(h, s)| {
            vec![
                names[h].clone(),
                s.sentences.to_string(),
                s.with_counterpart.to_string(),
                cells::share(s.share()),
            ]
        }),
    );
    out.push_str(&format!(
        "\nTemplate text (in {} of {n} reports or more):\n\n",
        text.quorum
    ));
    shared(&text.templates, n, out);
    out.push_str(&format!(
        "\nSet phrases (in {} of {n} reports or more):\n\n",
        text.phrase_quorum
    ));
    shared(&text.set_phrases, n, out);
    out.push_str("\nDistinctive sentences (no counterpart in another report):\n");
    if text.distinctive.is_empty() {
        out.push_str("\n(none)\n");
    }
    for d in &text.distinctive {
        let count: usize = d.sections.iter().map(|s| s.sentences.len()).sum();
        out.push_str(&format!(
            "\n<details><summary>{} ({count})</summary>\n\n",
            escape(&names[d.hospital])
        ));
        for section in &d.sections {
            if let Some(heading) = &section.heading {
                out.push_str(&format!("**{}**\n\n", escape(heading)));
            }
            for sentence in &section.sentences {
                out.push_str(&format!("- {}\n", escape(sentence)));
            }
            out.push('\n');
        }
        out.push_str("</details>\n");
    }
}

fn shared(list: &[Shared], n: usize, out: &mut String) {
    if list.is_empty() {
        out.push_str("(none)\n");
    }
    for s in list {
        out.push_str(&format!(
            "- [{}/{n}] {}\n",
            s.hospitals.len(),
            escape(&s.text)
        ));
    }
}

/// A pipe table; cells escaped.
fn table(out: &mut String, headers: &[&str], rows: impl Iterator<Item = Vec<String>>) {
    out.push_str(&format!(
        "| {} |\n| {} |\n",
        headers
            .iter()
            .map(|h| escape(h))
            .collect::<Vec<_>>()
            .join(" | "),
        headers
            .iter()
            .map(|_| "---")
            .collect::<Vec<_>>()
            .join(" | ")
    ));
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                if c.starts_with('`') {
                    c.clone()
                } else {
                    escape(c)
                }
            })
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_text_cannot_break_a_table_or_open_a_tag() {
        assert_eq!(escape("a|b<script>"), "a\\|b&lt;script&gt;");
        assert_eq!(escape("满意度>99%"), "满意度&gt;99%");
        assert_eq!(escape("两行\n文字"), "两行 文字");
    }
}
