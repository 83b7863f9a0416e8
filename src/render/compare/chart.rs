//! One bar chart per measure, as inline SVG: a bar per figure, scaled to the row's largest.
//!
//! The SVG has no `viewBox`: bars are laid out in percentages of the page width and text in
//! CSS pixels, so that bars stretch with the screen while names and figures keep a readable
//! size, on a 390 px phone as on a desktop. A bar's colour class (`b0`…`b7`) follows its
//! hospital, so that each keeps one colour in every chart.

use std::fmt::Write as _;

use crate::compare::FigureRow;

use super::cells;
use crate::render::html::escape;

/// The most bars a chart draws: beyond, the highest and lowest half each, and a count.
pub const MAX_BARS: usize = 24;
/// Height of one bar's block (name line and bar), in pixels.
const BAR_BLOCK: usize = 36;

/// One bar chart: a bar per figure (a hospital giving several gets several, named by their
/// labels), scaled to the row's largest value.
pub fn chart(row: &FigureRow, names: &[String], out: &mut String) {
    let mut bars: Vec<(usize, String, f64, String)> = Vec::new();
    for cell in &row.cells {
        let several = cell.figures.len() > 1;
        for m in &cell.figures {
            let name = if several {
                format!("{} · {}", names[cell.hospital], m.label)
            } else {
                names[cell.hospital].clone()
            };
            bars.push((cell.hospital, name, m.value, cells::figure_in_row(m, row)));
        }
    }
    let total = bars.len();
    let mut left_out = 0;
    if total > MAX_BARS {
        bars.sort_by(|a, b| b.2.total_cmp(&a.2));
        left_out = total - MAX_BARS;
        bars.drain(MAX_BARS / 2..total - MAX_BARS / 2);
    }
    let max = bars.iter().map(|b| b.2.abs()).fold(0.0_f64, f64::max);
    let height = bars.len() * BAR_BLOCK + if left_out > 0 { 20 } else { 0 };
    let caption = match &row.period {
        Some(p) => format!("{} · {p}", cells::measure(row)),
        None => cells::measure(row),
    };
    let _ = writeln!(
        out,
        "<figure>\n<figcaption>{}</figcaption>\n<svg height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        escape(&caption),
        escape(&caption)
    );
    let mut y = 0;
    for (i, (hospital, name, value, text)) in bars.iter().enumerate() {
        if left_out > 0 && i == MAX_BARS / 2 {
            let _ = writeln!(
                out,
                "<text x=\"0\" y=\"{}\" class=\"muted\">… {left_out} more</text>",
                y + 14
            );
            y += 20;
        }
        let pct = if max > 0.0 {
            (value.abs() / max * 100.0).max(0.5)
        } else {
            0.5
        };
        let _ = writeln!(
            out,
            "<text x=\"0\" y=\"{}\">{}</text><text x=\"100%\" y=\"{}\" text-anchor=\"end\">{}</text>\n<rect class=\"track\" x=\"0\" y=\"{}\" width=\"100%\" height=\"12\" rx=\"3\"/><rect class=\"b{}\" x=\"0\" y=\"{}\" width=\"{pct:.1}%\" height=\"12\" rx=\"3\"><title>{}: {}</title></rect>",
            y + 14,
            escape(name),
            y + 14,
            escape(text),
            y + 19,
            hospital % 8,
            y + 19,
            escape(name),
            escape(text)
        );
        y += BAR_BLOCK;
    }
    out.push_str("</svg>\n</figure>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::compare::sample::comparison;

    #[test]
    fn a_long_chart_shows_its_highest_and_lowest_bars() {
        let mut c = comparison(2);
        let row = &mut c.figures.rows[0];
        let figure = row.cells[0].figures[0].clone();
        row.cells = (0..30)
            .map(|h| crate::compare::Cell {
                hospital: h % 2,
                figures: vec![crate::metrics::Metric {
                    value: h as f64,
                    ..figure.clone()
                }],
            })
            .collect();
        let mut out = String::new();
        chart(&c.figures.rows[0], &["甲".into(), "乙".into()], &mut out);
        assert_eq!(out.matches("<rect class=\"b").count(), MAX_BARS);
        assert!(out.contains("… 6 more"), "{out}");
    }
}
