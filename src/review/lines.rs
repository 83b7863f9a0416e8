//! Where each sentence stands in a snapshot file: its line number, for annotations that point
//! a reviewer at the line a pull request changed.
//!
//! It reads the file as [`Snapshot::from_markdown`](crate::snapshot::Snapshot::from_markdown)
//! does (front matter between `+++` fences, then one sentence or `# ` heading per line, blank
//! lines between blocks) and counts lines instead of keeping text; the tests hold the two
//! readings together.

/// The 1-based line of each sentence of a snapshot file, headings included, in the order
/// [`Snapshot::sentences`](crate::snapshot::Snapshot::sentences) gives them. Empty when the
/// text has no front matter (it is no snapshot file).
pub fn sentence_lines(text: &str) -> Vec<usize> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, first)) if first.trim_end_matches('\r') == "+++" => {}
        _ => return Vec::new(),
    }
    if !lines.any(|(_, line)| line.trim_end() == "+++") {
        return Vec::new();
    }
    lines
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, _)| index + 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::Snapshot;

    /// Every line found holds the sentence it is found for.
    fn check(text: &str) {
        let snapshot = Snapshot::from_markdown(text).expect("a snapshot");
        let lines = sentence_lines(text);
        let file: Vec<&str> = text.lines().collect();
        let sentences: Vec<_> = snapshot.sentences().collect();
        assert_eq!(lines.len(), sentences.len(), "{text}");
        for (sentence, line) in sentences.iter().zip(&lines) {
            let written = file[line - 1].trim_end_matches('\r');
            let written = written.strip_prefix("# ").map_or(written, str::trim);
            assert_eq!(written, sentence.text, "line {line} of {text}");
        }
    }

    #[test]
    fn lines_count_the_front_matter_headings_and_blank_lines() {
        let text = "+++\nhospital = \"诸城市人民医院\"\ntitle = \"天坛医院联建诸城的背后\"\n+++\n\n# “支部建在学科上”\n\n与强者同行,方可行稳致远。\n由18个党支部调整为23个党支部。\n\n13名学科带头人当选支部书记。\n";
        assert_eq!(sentence_lines(text), [6, 8, 9, 11]);
        check(text);
    }

    #[test]
    fn a_hand_edited_file_with_crlf_a_bom_and_extra_blank_lines_reads_alike() {
        let text = "\u{feff}+++\r\nhospital = \"诸城市人民医院\"\r\n+++\r\n\r\n\r\n# 标题 \r\n   \r\n第一句。\r\n第二句。\r\n";
        assert_eq!(sentence_lines(text), [6, 8, 9]);
        check(text);
    }

    #[test]
    fn a_fence_with_trailing_spaces_still_closes_the_front_matter() {
        let text = "+++\n+++  \n只有正文。\n";
        assert_eq!(sentence_lines(text), [3]);
        check(text);
    }

    #[test]
    fn text_without_front_matter_has_no_sentence_lines() {
        assert!(sentence_lines("医院门诊量达到42.15万人次。\n").is_empty());
        assert!(sentence_lines("+++\nhospital = \"未闭合\"\n").is_empty());
    }
}
