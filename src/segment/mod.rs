//! Segment: normalized body lines (one line = one paragraph or heading) to heading and
//! paragraph blocks of sentences.
//!
//! `heading` decides what a line is, `sentences` where its sentences end. A two-line
//! heading — exactly two short unterminated lines in a row, as in "坚持党建引领" /
//! "筑牢医院发展根基" — becomes one heading joined with a space; three or more such lines in a
//! row are separate headings (a list, not a title split over lines).
//!
//! Stable by construction: segmenting the blocks of a result again (each heading as one
//! line, each paragraph's sentences joined into one line) gives the same blocks.

mod heading;
mod sentences;
mod wrap;

use crate::normalize::normalize_line;
use crate::snapshot::Block;
use heading::LineKind;

/// Splits body lines into heading and paragraph blocks.
///
/// ```
/// use reportdiff::segment::segment;
/// use reportdiff::snapshot::{Block, BlockKind};
///
/// let lines = ["坚持党建引领", "筑牢医院发展根基", "理论武装凝心聚力。第六人民医院坚持学习。"];
/// let lines: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
/// let blocks = segment(&lines);
/// assert_eq!(blocks[0], Block::heading("坚持党建引领 筑牢医院发展根基"));
/// assert_eq!(blocks[1].kind, BlockKind::Paragraph);
/// assert_eq!(blocks[1].sentences, ["理论武装凝心聚力。", "第六人民医院坚持学习。"]);
/// ```
pub fn segment(lines: &[String]) -> Vec<Block> {
    // A paragraph hard-wrapped in the middle of its sentences is one line again.
    // Blank lines carry nothing (the pipeline drops them before this), here as below.
    let lines: Vec<&str> = lines
        .iter()
        .map(String::as_str)
        .filter(|line| !line.trim().is_empty())
        .collect();
    let lines = wrap::unwrap(&lines);
    // Blank lines carry nothing; two heading halves with a blank line between still pair.
    let lines: Vec<(&str, LineKind<'_>)> = lines
        .iter()
        .map(|line| (line.trim(), heading::classify(line)))
        .filter(|(_, kind)| *kind != LineKind::Empty)
        .collect();
    let joinable = |i: usize| {
        matches!(
            lines.get(i),
            Some((_, LineKind::Heading { joinable: true }))
        )
    };
    let mut blocks = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let run = (i..lines.len()).take_while(|&k| joinable(k)).count();
        if run == 2 {
            // Joined with a space, then normalized like any line: the space stays between
            // two Han characters and goes where normalize drops it (after "）", beside
            // Latin). The title must itself read as a heading: joining can pair a quote
            // left open on one line with one on the other, and so change the sentences.
            let title = normalize_line(&format!("{} {}", lines[i].0, lines[i + 1].0));
            // Nor may it read as a line of a hard-wrapped paragraph: segmenting the result
            // again would join it with the lines around it.
            let around: Vec<&str> = lines[..i]
                .iter()
                .map(|&(line, _)| line)
                .chain(std::iter::once(title.as_str()))
                .chain(lines[i + 2..].iter().map(|&(line, _)| line))
                .collect();
            let wraps = wrap::joined(&around)[i];
            if matches!(heading::classify(&title), LineKind::Heading { .. }) && !wraps {
                blocks.push(Block::heading(title));
                i += 2;
                continue;
            }
        }
        for (line, kind) in &lines[i..i + run.max(1)] {
            blocks.push(match kind {
                LineKind::Paragraph(sentences) => {
                    Block::paragraph(sentences.iter().map(|s| s.to_string()).collect())
                }
                _ => Block::heading(*line),
            });
        }
        i += run.max(1);
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare_key::sentence_key;
    use crate::snapshot::BlockKind;
    use proptest::prelude::*;

    fn lines(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    fn para(sentences: &[&str]) -> Block {
        Block::paragraph(sentences.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn two_short_unterminated_lines_are_one_heading() {
        let blocks = segment(&lines(&[
            "山西省大同市第六人民医院以高质量党建引领医院高质量发展。",
            "坚持党建引领",
            "筑牢医院发展根基",
            "理论武装凝心聚力。",
        ]));
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[1], Block::heading("坚持党建引领 筑牢医院发展根基"));
    }

    #[test]
    fn three_short_lines_in_a_row_stay_separate() {
        let blocks = segment(&lines(&["党建引领", "业务融合", "惠民措施"]));
        assert_eq!(
            blocks,
            [
                Block::heading("党建引领"),
                Block::heading("业务融合"),
                Block::heading("惠民措施")
            ]
        );
    }

    #[test]
    fn a_marked_heading_does_not_join_the_next_line() {
        let blocks = segment(&lines(&["（一）切实加强基层党组织建设。", "强化组织保障"]));
        assert_eq!(
            blocks,
            [
                Block::heading("（一）切实加强基层党组织建设。"),
                Block::heading("强化组织保障")
            ]
        );
    }

    #[test]
    fn a_marked_sentence_that_goes_on_is_a_paragraph() {
        let blocks = segment(&lines(&[
            "（一）坚持党的全面领导，提升竞争力。“十三五”收官之际，我院被遴选为建设单位。",
        ]));
        assert_eq!(
            blocks,
            [para(&[
                "（一）坚持党的全面领导，提升竞争力。",
                "“十三五”收官之际，我院被遴选为建设单位。"
            ])]
        );
    }

    #[test]
    fn a_list_item_keeps_its_number() {
        let blocks = segment(&lines(&[
            "1.医疗质量持续改进。针对薄弱环节，确立了质控理念。",
        ]));
        assert_eq!(
            blocks,
            [para(&[
                "1.医疗质量持续改进。",
                "针对薄弱环节，确立了质控理念。"
            ])]
        );
    }

    #[test]
    fn a_long_line_without_a_final_stop_is_a_paragraph() {
        let line = "实现医院高质量发展。实现医院发展方式从规模扩张转向提质增效，\
                    运行模式从粗放管理转向精细化管理，资源配置从注重物资要素转向更加注重人力资源发展";
        let blocks = segment(&lines(&[line]));
        assert_eq!(blocks[0].kind, BlockKind::Paragraph);
        assert_eq!(blocks[0].sentences.len(), 2);
    }

    #[test]
    fn a_reporter_note_stays_with_the_paragraph() {
        let blocks = segment(&lines(&[
            "直接受益学生人数近千人，切实推进医疗惠民便民利民。（记者杜英姿、郭文治综合报道）",
        ]));
        assert_eq!(
            blocks,
            [para(&[
                "直接受益学生人数近千人，切实推进医疗惠民便民利民。（记者杜英姿、郭文治综合报道）"
            ])]
        );
    }

    #[test]
    fn empty_lines_make_no_block() {
        assert_eq!(segment(&lines(&["", "  "])), []);
    }

    /// Re-reads blocks as the lines they came from.
    fn as_lines(blocks: &[Block]) -> Vec<String> {
        blocks.iter().map(|b| b.sentences.concat()).collect()
    }

    const PIECES: &[&str] = &[
        "医",
        "院",
        "党",
        "建",
        "引领",
        "发展根基",
        "一、",
        "（一）",
        "1.",
        "42.15万",
        "。",
        "！",
        "？",
        "?",
        "……",
        "......",
        "，",
        "、",
        "：",
        "“",
        "”",
        "‘",
        "’",
        "（",
        "）",
        "(",
        ")",
        "\"",
        " ",
        "e.g.",
        "www.a.cn",
        "记者报道",
        "Dr.",
        "a",
        "1",
    ];

    fn body() -> impl Strategy<Value = Vec<String>> {
        let line = proptest::collection::vec(proptest::sample::select(PIECES), 0..30)
            .prop_map(|pieces| normalize_line(&pieces.concat()));
        proptest::collection::vec(line, 0..8)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
        // PROPTEST_CASES, when set, overrides the everyday count (a long run before a release).
        std::env::var("PROPTEST_CASES").map_or(1000, |v| v.parse().unwrap_or(1000))
    ))]

        #[test]
        fn segmenting_again_gives_the_same_blocks(lines in body()) {
            let blocks = segment(&lines);
            prop_assert_eq!(segment(&as_lines(&blocks)), blocks);
        }

        #[test]
        fn a_sentence_split_again_is_itself(lines in body()) {
            for block in segment(&lines) {
                for sentence in &block.sentences {
                    if block.kind == BlockKind::Paragraph {
                        prop_assert_eq!(sentences::split_sentences(sentence), [sentence.as_str()]);
                    }
                }
            }
        }

        #[test]
        fn no_text_is_lost(lines in body()) {
            // Compared on keys: a joined heading is normalized again, which may change the
            // width of a mark or drop a space, never a character of text.
            let kept = as_lines(&segment(&lines)).concat();
            prop_assert_eq!(sentence_key(&kept), sentence_key(&lines.concat()));
        }
    }
}
