//! Hard-wrapped text: a paragraph pasted from a PDF arrives as lines of one width, broken in
//! the middle of its sentences ("…全市医疗卫生机构总诊疗" / "552.24万人次，同比增加…"). Such lines
//! are joined back into one before anything reads them as headings or sentences.
//!
//! Decided per block of lines, never for the whole text: a run of at least two lines of one
//! width (within [`WIDTH_SLACK`] columns, at least [`MIN_WRAP_WIDTH`]) that do not end a
//! sentence, followed by its last line (no wider), is one paragraph. A heading on its own line
//! is short, so it never takes part in a run and stays a heading; two-line paragraphs are left
//! as they are (one line of a width says nothing about the wrap width).

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

use super::heading::has_list_marker;
use crate::cjk::ends_with_terminator;
use crate::normalize::normalize_line;

/// The narrowest wrap width (display columns: a Han character is two) taken for a hard wrap;
/// shorter lines of one width are a list or a table.
const MIN_WRAP_WIDTH: usize = 40;

/// How far the lines of one wrapped paragraph may differ in width: a line ends a column short
/// when the next character is wide, or where Latin and digits break differently.
const WIDTH_SLACK: usize = 2;

/// The lines with every hard-wrapped paragraph joined into one line; a line left as it is
/// is borrowed, not copied.
pub(super) fn unwrap<'a>(lines: &[&'a str]) -> Vec<Cow<'a, str>> {
    let measured = Measured::new(lines);
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let run = measured.wrapped_run(i);
        if measured.closes(i, run) {
            let mut joined = lines[i].trim_end().to_string();
            for line in &lines[i + 1..=i + run] {
                join(&mut joined, line.trim());
            }
            // Normalized like any line: the join may bring marks or spaces together.
            out.push(Cow::Owned(normalize_line(&joined)));
            i += run + 1;
        } else {
            out.push(Cow::Borrowed(lines[i]));
            i += 1;
        }
    }
    out
}

/// For each line, whether [`unwrap`] joins it with others.
pub(super) fn joined(lines: &[&str]) -> Vec<bool> {
    let measured = Measured::new(lines);
    let mut joined = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let run = measured.wrapped_run(i);
        if measured.closes(i, run) {
            joined[i..=i + run].fill(true);
            i += run + 1;
        } else {
            i += 1;
        }
    }
    joined
}

/// Lines with their widths, each measured once: a line is read as the start of a run, inside
/// runs that start before it, and as the last line of a run.
struct Measured<'l, 'a> {
    lines: &'l [&'a str],
    widths: Vec<usize>,
}

impl<'l, 'a> Measured<'l, 'a> {
    fn new(lines: &'l [&'a str]) -> Self {
        Measured {
            lines,
            widths: lines.iter().map(|line| width(line)).collect(),
        }
    }

    /// Whether the `run` wrapped lines from `start` make a paragraph: two or more, and a
    /// last line after them to close it.
    fn closes(&self, start: usize, run: usize) -> bool {
        run >= 2 && start + run < self.lines.len() && self.fits_last(start, start + run)
    }

    /// How many lines from `start` have the width of the first and end no sentence.
    fn wrapped_run(&self, start: usize) -> usize {
        let width = self.widths[start];
        if width < MIN_WRAP_WIDTH {
            return 0;
        }
        self.lines[start..]
            .iter()
            .zip(&self.widths[start..])
            .take_while(|&(line, &line_width)| {
                let line = line.trim();
                line_width.abs_diff(width) <= WIDTH_SLACK
                    && !ends_with_terminator(line)
                    && !line.ends_with(['：', ':', ')', '）', ']', '］', '】', '”', '」'])
            })
            .count()
    }

    /// Whether line `last` can close the run that starts at `start`: not wider than it, not
    /// a list item of its own, and ending its paragraph's last sentence (a short line without
    /// a stop after lines of one width is a heading under a list, `主管部门`).
    fn fits_last(&self, start: usize, last: usize) -> bool {
        let line = self.lines[last].trim();
        self.widths[last] <= self.widths[start] + WIDTH_SLACK
            && !has_list_marker(line)
            && ends_with_terminator(line)
    }
}

/// A line's width in display columns, spaces left out: how wide a line is drawn does not
/// depend on the spaces normalization keeps or drops. (Trimming a line never changes it.)
fn width(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut width = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            width += char_width(char::from(b));
            i += 1;
        } else if (0xe5..=0xe9).contains(&b) {
            // U+5000 to U+9FFF: Han, two columns each, read without decoding.
            width += 2;
            i += 3;
        } else {
            let Some(c) = line[i..].chars().next() else {
                break;
            };
            width += char_width(c);
            i += c.len_utf8();
        }
    }
    width
}

/// One character's share of [`width`]: printable ASCII and the common Han and full-width
/// characters without a table look-up, every other character by `unicode-width`.
fn char_width(c: char) -> usize {
    match c {
        '!'..='~' => 1,
        ' ' => 0,
        '\u{4e00}'..='\u{9fff}' | '\u{ff01}'..='\u{ff60}' => 2,
        c if c.is_whitespace() => 0,
        c => c.width().unwrap_or(0),
    }
}

/// Appends the next line of a wrapped paragraph: Latin words broken at the line end get their
/// space back; Han text and a number cut in two (`221.2` / `3万人次`) join directly.
fn join(joined: &mut String, next: &str) {
    let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    if ascii(joined.chars().last()) && ascii(next.chars().next()) {
        joined.push(' ');
    }
    joined.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines<'a>(texts: &[&'a str]) -> Vec<&'a str> {
        texts.to_vec()
    }

    #[test]
    fn the_shortcut_widths_are_the_table_widths() {
        for c in ('\0'..=char::MAX).filter(|&c| !(' '..='~').contains(&c)) {
            let table = if c.is_whitespace() {
                0
            } else {
                c.width().unwrap_or(0)
            };
            assert_eq!(char_width(c), table, "{c:?}");
        }
        for c in ' '..='~' {
            assert_eq!(char_width(c), usize::from(c != ' '), "{c:?}");
        }
        let every: String = ('\0'..='\u{10000}').collect();
        assert_eq!(width(&every), every.chars().map(char_width).sum::<usize>());
    }

    #[test]
    fn a_wrapped_paragraph_is_one_line_again() {
        let wrapped = lines(&[
            "一、诊疗人次",
            "2023年第四季度，全市医疗卫生机构总诊疗552.24",
            "万人次，同比增加7.29%。其中：医院诊疗221.2",
            "3万人次，同比增加24.19%。",
            "二、出院人数",
        ]);
        assert_eq!(
            unwrap(&wrapped),
            [
                "一、诊疗人次",
                "2023年第四季度，全市医疗卫生机构总诊疗552.24万人次，同比增加7.29%。其中：医院诊疗221.23万人次，同比增加24.19%。",
                "二、出院人数",
            ]
        );
    }

    #[test]
    fn lines_that_end_their_sentences_stay_apart() {
        let text = lines(&[
            "全市医疗卫生机构总诊疗552.24万人次，同比增加7.29%。",
            "全市医疗卫生机构出院14.36万人，同比增长9.45%。",
            "医院病床使用率为82.6%。",
        ]);
        assert_eq!(unwrap(&text), text);
    }

    #[test]
    fn lines_of_a_list_with_a_heading_after_stay_apart() {
        let text = lines(&[
            "东院区：山东省济南市历下区天辰路2000号 [1]",
            "西院区：山东省济南市市中区经十路1234号 [1]",
            "主管部门",
        ]);
        assert_eq!(unwrap(&text), text);
        let text = lines(&[
            "东院区地址为山东省济南市历下区天辰路2000号",
            "西院区地址为山东省济南市市中区经十路1234号",
            "主管部门",
        ]);
        assert_eq!(unwrap(&text), text);
    }

    #[test]
    fn short_lines_and_two_line_paragraphs_stay_apart() {
        let text = lines(&["坚持党建引领", "筑牢医院发展根基", "强化责任担当"]);
        assert_eq!(unwrap(&text), text);
        let two = lines(&[
            "2023年第四季度，全市医疗卫生机构总诊疗552.24",
            "万人次，同比增加7.29%。",
        ]);
        assert_eq!(unwrap(&two), two);
    }
}
