//! A comparison for the terminal: the reports, the figures table, the measures only one
//! hospital reports, lexicon candidates, and the text view. Columns line up with CJK text;
//! long sentences wrap with a hanging indent when a width is given.
//!
//! Up to [`MAX_COLUMNS`] hospitals get one column each; beyond that a row shows how many
//! report the measure and its lowest, median and highest figure, with who gives them.

use crate::compare::Comparison;

use super::cells::{self, Spread, column_names};
use crate::render::RenderOptions;
use crate::render::table::{Align, Table};
use crate::render::wrap::line_starts;

/// The most hospitals shown one column each.
pub const MAX_COLUMNS: usize = 6;

/// The terminal rendering of a comparison.
pub fn render(comparison: &Comparison, options: &RenderOptions) -> String {
    let mut out = String::new();
    let names = column_names(comparison);
    reports(comparison, &mut out);
    figures(comparison, &names, &mut out);
    only(comparison, &names, &mut out);
    candidates(comparison, &names, &mut out);
    text(comparison, &names, options, &mut out);
    out
}

fn reports(comparison: &Comparison, out: &mut String) {
    let n = comparison.reports.len();
    let period = comparison
        .period
        .as_ref()
        .map(|p| format!(", figures of {p}"))
        .unwrap_or_default();
    out.push_str(&format!("{n} hospitals compared{period}\n"));
    let mut table = Table::new(&[
        ("hospital", Align::Left),
        ("published", Align::Left),
        ("report", Align::Left),
    ]);
    for r in &comparison.reports {
        table.push_row(vec![
            r.hospital.clone(),
            r.snapshot.meta.published.clone().unwrap_or_default(),
            r.label.clone(),
        ]);
    }
    out.push_str(&indent(&table.render()));
}

fn figures(comparison: &Comparison, names: &[String], out: &mut String) {
    let table = &comparison.figures;
    out.push_str("\n## figures reported by two hospitals or more\n");
    if table.rows.is_empty() {
        out.push_str("(none)\n");
    } else if names.len() <= MAX_COLUMNS {
        out.push_str(&columns(comparison, names));
    } else {
        out.push_str(&spread(comparison, names));
    }
    if !table.missing_keys.is_empty() {
        out.push_str(&format!(
            "(no hospital reports {})\n",
            table.missing_keys.join(", ")
        ));
    }
}

/// One column per hospital, then the ratio (two hospitals) and the labels.
fn columns(comparison: &Comparison, names: &[String]) -> String {
    let two = names.len() == 2;
    let mut headers: Vec<(&str, Align)> = vec![("measure", Align::Left), ("period", Align::Left)];
    headers.extend(names.iter().map(|n| (n.as_str(), Align::Right)));
    if two {
        headers.push(("ratio", Align::Right));
    }
    headers.push(("labels", Align::Left));
    let mut table = Table::new(&headers);
    for row in &comparison.figures.rows {
        let mut cells = vec![cells::measure(row), row.period.clone().unwrap_or_default()];
        cells.extend((0..names.len()).map(|h| cells::cell(row, h)));
        if two {
            cells.push(row.ratio.map(cells::ratio).unwrap_or_default());
        }
        cells.push(cells::labels(row));
        table.push_row(cells);
    }
    table.render()
}

/// For many hospitals: reach, lowest, median and highest figure of each row.
fn spread(comparison: &Comparison, names: &[String]) -> String {
    let mut table = Table::new(&[
        ("measure", Align::Left),
        ("period", Align::Left),
        ("hospitals", Align::Right),
        ("lowest", Align::Left),
        ("median", Align::Right),
        ("highest", Align::Left),
    ]);
    for row in &comparison.figures.rows {
        let spread = Spread::of(row);
        table.push_row(vec![
            cells::measure(row),
            row.period.clone().unwrap_or_default(),
            row.hospitals().to_string(),
            spread.lowest_by(names),
            spread.median.clone(),
            spread.highest_by(names),
        ]);
    }
    table.render()
}

fn only(comparison: &Comparison, names: &[String], out: &mut String) {
    for only in &comparison.figures.only {
        out.push_str(&format!("\n## only in {}\n", names[only.hospital]));
        let mut table = Table::new(&[
            ("measure", Align::Left),
            ("figures", Align::Left),
            ("labels", Align::Left),
        ]);
        for row in &only.rows {
            table.push_row(vec![
                cells::measure(row),
                cells::cell(row, only.hospital),
                cells::labels(row),
            ]);
        }
        out.push_str(&table.render());
    }
}

fn candidates(comparison: &Comparison, names: &[String], out: &mut String) {
    if comparison.candidates.is_empty() {
        return;
    }
    out.push_str("\n## lexicon candidates: alike labels without a common key\n");
    for c in &comparison.candidates {
        let side = |i: usize| {
            let l = &c.labels[i];
            let who: Vec<&str> = l.hospitals.iter().map(|&h| names[h].as_str()).collect();
            format!("{} ({}; {})", l.label, l.key, who.join(", "))
        };
        out.push_str(&format!("{} ~ {}\n", side(0), side(1)));
        for line in &c.toml {
            out.push_str(&format!("  {line}\n"));
        }
    }
}

fn text(comparison: &Comparison, names: &[String], options: &RenderOptions, out: &mut String) {
    let text = &comparison.text;
    out.push_str("\n## text: sentences with a close counterpart in another report\n");
    let mut table = Table::new(&[
        ("hospital", Align::Left),
        ("sentences", Align::Right),
        ("with counterpart", Align::Right),
        ("share", Align::Right),
    ]);
    for (h, share) in text.hospitals.iter().enumerate() {
        table.push_row(vec![
            names[h].clone(),
            share.sentences.to_string(),
            share.with_counterpart.to_string(),
            cells::share(share.share()),
        ]);
    }
    out.push_str(&table.render());
    let n = names.len();
    out.push_str(&format!(
        "\n## template text (in {} of {n} reports or more)\n",
        text.quorum
    ));
    shared(&text.templates, n, options, out);
    out.push_str(&format!(
        "\n## set phrases (in {} of {n} reports or more)\n",
        text.phrase_quorum
    ));
    shared(&text.set_phrases, n, options, out);
    out.push_str("\n## distinctive sentences (no counterpart in another report)\n");
    if text.distinctive.is_empty() {
        out.push_str("(none)\n");
    }
    for d in &text.distinctive {
        out.push_str(&format!("\n### {}\n", names[d.hospital]));
        for section in &d.sections {
            if let Some(heading) = &section.heading {
                out.push_str(&wrapped(&format!("# {heading}"), "", options));
            }
            for sentence in &section.sentences {
                out.push_str(&wrapped(sentence, "  ", options));
            }
        }
    }
}

fn shared(list: &[crate::compare::Shared], n: usize, options: &RenderOptions, out: &mut String) {
    if list.is_empty() {
        out.push_str("(none)\n");
    }
    for s in list {
        let line = format!("[{}/{n}] {}", s.hospitals.len(), s.text);
        out.push_str(&wrapped(&line, "", options));
    }
}

/// A line with `prefix`, wrapped at the width asked for, continuation lines indented under
/// the text.
fn wrapped(text: &str, prefix: &str, options: &RenderOptions) -> String {
    let Some(width) = options.width else {
        return format!("{prefix}{text}\n");
    };
    let hang = prefix.len() + 2;
    let chars: Vec<char> = text.chars().collect();
    let room = width.saturating_sub(hang).max(10);
    let starts = line_starts(&chars, room);
    let mut out = String::new();
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(chars.len());
        let line: String = chars[start..end].iter().collect();
        let lead = if i == 0 {
            prefix.to_string()
        } else {
            " ".repeat(hang)
        };
        out.push_str(&format!("{lead}{}\n", line.trim_end()));
    }
    out
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::compare::sample::comparison;

    #[test]
    fn a_few_hospitals_get_a_column_each() {
        let text = render(&comparison(2), &RenderOptions::default());
        let header = text
            .lines()
            .find(|l| l.starts_with("measure"))
            .expect("a table");
        assert!(
            header.contains("沂水县人民医院") && header.contains("ratio"),
            "{header}"
        );
        let visits = text
            .lines()
            .find(|l| l.starts_with("outpatient_visits"))
            .expect("a row");
        assert!(
            visits.contains("40万人次") && visits.contains("45万人次"),
            "{visits}"
        );
        assert!(visits.contains("×1.12"), "45万 over 40万: {visits}");
        assert!(
            text.contains(
                "[2/2] 〈院〉大力实施“人才强院”战略，为〈地〉百姓提供优质高效的医疗服务。"
            ),
            "{text}"
        );
    }

    #[test]
    fn many_hospitals_get_the_spread_of_each_measure() {
        let text = render(&comparison(7), &RenderOptions::default());
        let visits = text
            .lines()
            .find(|l| l.starts_with("outpatient_visits"))
            .expect("a row");
        assert_eq!(
            visits.split_whitespace().collect::<Vec<_>>(),
            [
                "outpatient_visits",
                "(人次)",
                "2024",
                "7",
                "40万人次",
                "沂水县人民医院",
                "55万人次",
                "70万人次",
                "莒南县人民医院"
            ]
        );
    }

    #[test]
    fn sentences_wrap_with_a_hanging_indent_at_the_width_asked_for() {
        let options = RenderOptions {
            width: Some(30),
            ..RenderOptions::default()
        };
        let text = render(&comparison(2), &options);
        for line in text.lines().skip_while(|l| !l.starts_with("## template")) {
            if line.starts_with("##") || line.is_empty() {
                continue;
            }
            use unicode_width::UnicodeWidthStr;
            assert!(line.width() <= 30, "{line:?} is {} wide", line.width());
        }
    }
}
