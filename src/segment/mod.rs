//! Segment: normalized lines to headings and sentences.

use crate::snapshot::Block;

/// Splits each line into sentences after `。！？!?`; a short line without a terminator is a
/// heading.
pub fn segment(lines: &[String]) -> Vec<Block> {
    lines
        .iter()
        .map(|line| {
            let sentences = split_sentences(line);
            let ends_open = !line.ends_with(['。', '！', '？', '!', '?']);
            if sentences.len() == 1 && ends_open && line.chars().count() <= 30 {
                Block::heading(line.clone())
            } else {
                Block::paragraph(sentences)
            }
        })
        .collect()
}

fn split_sentences(line: &str) -> Vec<String> {
    let mut sentences = Vec::new();
    let mut current = String::new();
    for c in line.chars() {
        current.push(c);
        if matches!(c, '。' | '！' | '？') {
            sentences.push(std::mem::take(&mut current));
        }
    }
    if !current.trim().is_empty() {
        sentences.push(current);
    }
    sentences
}
