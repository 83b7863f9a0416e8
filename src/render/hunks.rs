//! Hunks: a diff laid out for reading — changes and unchanged sentences interleaved in the
//! order of the new text, each under its section heading, with only `context` unchanged
//! sentences kept around each change. The terminal, markdown and html renderings share it.

use crate::changes::{Change, DiffResult};

/// One line of the layout.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Piece<'a> {
    /// A section heading (of the new text) that the following lines stand under.
    Section(&'a str),
    /// Unchanged sentences left out between two shown lines.
    Gap(usize),
    /// An unchanged sentence shown for context.
    Unchanged(&'a str),
    /// A change.
    Change(&'a Change),
}

#[derive(Debug, Clone, Copy)]
enum Item<'a> {
    Unchanged(&'a str),
    Change(&'a Change),
}

/// Lays out a diff: section headings, changes, `context` unchanged sentences around each
/// change, and gaps for what is left out. Empty when nothing changed.
pub fn layout(result: &DiffResult, context: usize) -> Vec<Piece<'_>> {
    let body = body_items(result);
    let changed: Vec<usize> = body
        .iter()
        .enumerate()
        .filter(|(_, (item, _))| matches!(item, Item::Change(_)))
        .map(|(i, _)| i)
        .collect();
    let mut visible = vec![false; body.len()];
    for &i in &changed {
        let from = i.saturating_sub(context);
        let to = (i + context).min(body.len().saturating_sub(1));
        for v in &mut visible[from..=to] {
            *v = true;
        }
    }
    let mut pieces = Vec::new();
    let mut shown_section: Option<&str> = None;
    let mut hidden = 0;
    let mut any_shown = false;
    for ((item, section), shown) in body.into_iter().zip(visible) {
        if !shown {
            hidden += 1;
            continue;
        }
        if any_shown && hidden > 0 {
            pieces.push(Piece::Gap(hidden));
        }
        hidden = 0;
        if section.is_some() && section != shown_section {
            // A change that brings its heading (an added or edited heading) shows it itself.
            let brings_heading = matches!(item, Item::Change(change)
                if change.new.first().map(String::as_str) == section);
            if let Some(section) = section.filter(|_| !brings_heading) {
                pieces.push(Piece::Section(section));
            }
            shown_section = section;
        }
        any_shown = true;
        pieces.push(match item {
            Item::Unchanged(text) => Piece::Unchanged(text),
            Item::Change(change) => Piece::Change(change),
        });
    }
    pieces
}

/// Every unchanged body sentence and every change, in reading order, each with the section
/// heading it stands under. Unchanged headings only open sections.
fn body_items(result: &DiffResult) -> Vec<(Item<'_>, Option<&str>)> {
    let new_sentences: Vec<(bool, &str)> = result
        .new
        .snapshot
        .sentences()
        .map(|s| (s.heading, s.text))
        .collect();
    let old_changed = changed_flags(
        result.old.snapshot.sentence_count(),
        |c| &c.old_index,
        result,
    );
    let new_changed = changed_flags(new_sentences.len(), |c| &c.new_index, result);
    // Unchanged sentences pair up in order on both sides; a deletion stands before the new
    // sentence that pairs with the first unchanged old sentence after it.
    let equal_old: Vec<usize> = (0..old_changed.len())
        .filter(|&i| !old_changed[i])
        .collect();
    let equal_new: Vec<usize> = (0..new_changed.len())
        .filter(|&i| !new_changed[i])
        .collect();
    let mut items = Vec::new();
    let mut section: Option<&str> = None;
    let mut next_equal = 0;
    // A last round without a change lays out the unchanged sentences after the last change.
    for change in result.changes.iter().map(Some).chain([None]) {
        let anchor = match change {
            None => equal_new.len(),
            Some(change) => match change.new_index.iter().min() {
                Some(&first) => equal_new.partition_point(|&i| i < first),
                None => change.old_index.iter().min().map_or(next_equal, |&first| {
                    equal_old.partition_point(|&i| i < first)
                }),
            },
        };
        while next_equal < anchor.min(equal_new.len()) {
            push_unchanged(
                &new_sentences,
                equal_new[next_equal],
                &mut section,
                &mut items,
            );
            next_equal += 1;
        }
        let Some(change) = change else { break };
        if let Some(heading) = change
            .new_index
            .iter()
            .find_map(|&i| new_sentences.get(i).filter(|s| s.0).map(|s| s.1))
        {
            section = Some(heading);
        }
        items.push((Item::Change(change), section));
    }
    items
}

fn push_unchanged<'a>(
    sentences: &[(bool, &'a str)],
    index: usize,
    section: &mut Option<&'a str>,
    items: &mut Vec<(Item<'a>, Option<&'a str>)>,
) {
    if let Some(&(heading, text)) = sentences.get(index) {
        if heading {
            *section = Some(text);
        } else {
            items.push((Item::Unchanged(text), *section));
        }
    }
}

/// Where a moved change came from: the section it left, and whether it went up or down.
///
/// Built once per diff (linear in the sentence count) so that describing every move of a
/// shuffled report stays linear too.
#[derive(Debug, Clone)]
pub struct Origins<'a> {
    old_sections: Vec<Option<&'a str>>,
    new_sections: Vec<Option<&'a str>>,
    /// For each old sentence, how many unchanged old sentences stand before it.
    old_unchanged_before: Vec<usize>,
    /// For each new sentence, how many unchanged new sentences stand before it.
    new_unchanged_before: Vec<usize>,
}

impl<'a> Origins<'a> {
    /// Indexes both sides of a diff.
    pub fn new(result: &'a DiffResult) -> Origins<'a> {
        let old_changed = changed_flags(
            result.old.snapshot.sentence_count(),
            |c| &c.old_index,
            result,
        );
        let new_changed = changed_flags(
            result.new.snapshot.sentence_count(),
            |c| &c.new_index,
            result,
        );
        Origins {
            old_sections: result.old.snapshot.sections(),
            new_sections: result.new.snapshot.sections(),
            old_unchanged_before: unchanged_before(&old_changed),
            new_unchanged_before: unchanged_before(&new_changed),
        }
    }

    /// The heading an old sentence stood under.
    pub fn old_section(&self, index: usize) -> Option<&'a str> {
        self.old_sections.get(index).copied().flatten()
    }

    /// The heading a new sentence stands under.
    pub fn new_section(&self, index: usize) -> Option<&'a str> {
        self.new_sections.get(index).copied().flatten()
    }

    /// `Some(true)` when the change stood further down in old than in new (it moved up),
    /// `Some(false)` when it moved down, `None` for a change without both sides.
    pub fn moved_up(&self, change: &Change) -> Option<bool> {
        let old_first = *change.old_index.iter().min()?;
        let new_first = *change.new_index.iter().min()?;
        let before_old = self.old_unchanged_before.get(old_first)?;
        let before_new = self.new_unchanged_before.get(new_first)?;
        Some(before_old > before_new)
    }

    /// A move in words: `moved from § 标题` when it left its section, else `moved up` or
    /// `moved down`.
    pub fn describe_move(&self, change: &Change) -> String {
        let old_section = change.old_index.first().and_then(|&i| self.old_section(i));
        let new_section = change.new_index.first().and_then(|&i| self.new_section(i));
        match (old_section, new_section) {
            (Some(from), to) if Some(from) != to => format!("moved from § {from}"),
            _ if self.moved_up(change) == Some(true) => "moved up".to_string(),
            _ => "moved down".to_string(),
        }
    }
}

fn changed_flags(count: usize, side: fn(&Change) -> &[usize], result: &DiffResult) -> Vec<bool> {
    let mut changed = vec![false; count];
    for change in &result.changes {
        for &i in side(change) {
            if let Some(flag) = changed.get_mut(i) {
                *flag = true;
            }
        }
    }
    changed
}

fn unchanged_before(changed: &[bool]) -> Vec<usize> {
    let mut count = 0;
    changed
        .iter()
        .map(|&c| {
            let before = count;
            if !c {
                count += 1;
            }
            before
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::{ChangeClass, ChangeKind, Side, Summary};
    use crate::snapshot::{Block, Snapshot};

    fn side(blocks: Vec<Block>) -> Side {
        Side {
            label: "a.txt".to_string(),
            revision: None,
            snapshot: Snapshot {
                meta: Default::default(),
                blocks,
            },
        }
    }

    fn para(sentences: &[&str]) -> Block {
        Block::paragraph(sentences.iter().map(|s| s.to_string()).collect())
    }

    fn change(kind: ChangeKind, old: &[usize], new: &[usize]) -> Change {
        Change {
            kind,
            class: ChangeClass::Wording,
            old: Vec::new(),
            new: Vec::new(),
            old_index: old.to_vec(),
            new_index: new.to_vec(),
            similarity: None,
            inline: Vec::new(),
        }
    }

    fn result(old: Vec<Block>, new: Vec<Block>, changes: Vec<Change>) -> DiffResult {
        DiffResult {
            old: side(old),
            new: side(new),
            changes,
            metrics: Vec::new(),
            summary: Summary::default(),
            coarse: false,
        }
    }

    fn describe(pieces: &[Piece<'_>]) -> Vec<String> {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Section(s) => format!("# {s}"),
                Piece::Gap(n) => format!("… {n}"),
                Piece::Unchanged(s) => format!("  {s}"),
                Piece::Change(c) => format!("{} {:?}", c.kind.as_str(), c.new_index),
            })
            .collect()
    }

    #[test]
    fn context_keeps_neighbours_and_counts_the_gap() {
        let blocks = vec![
            Block::heading("党建引领"),
            para(&["甲。", "乙。", "丙。", "丁。", "戊。"]),
        ];
        let mut new = blocks.clone();
        new[1].sentences[3] = "丁丁。".to_string();
        let r = result(blocks, new, vec![change(ChangeKind::Modified, &[4], &[4])]);
        assert_eq!(
            describe(&layout(&r, 1)),
            ["# 党建引领", "  丙。", "modified [4]", "  戊。"]
        );
        assert_eq!(describe(&layout(&r, 0)), ["# 党建引领", "modified [4]"]);
    }

    #[test]
    fn an_added_heading_is_shown_once_by_its_change() {
        let old = vec![para(&["甲。"])];
        let new = vec![para(&["甲。"]), Block::heading("新技术"), para(&["乙。"])];
        let mut added = change(ChangeKind::Added, &[], &[1, 2]);
        added.new = vec!["新技术".to_string(), "乙。".to_string()];
        let r = result(old, new, vec![added]);
        assert_eq!(describe(&layout(&r, 0)), ["added [1, 2]"]);
    }

    #[test]
    fn a_deletion_stands_where_it_stood() {
        let old = vec![para(&["甲。", "乙。", "丙。"])];
        let new = vec![para(&["甲。", "丙。"])];
        let r = result(old, new, vec![change(ChangeKind::Deleted, &[1], &[])]);
        assert_eq!(describe(&layout(&r, 5)), ["  甲。", "deleted []", "  丙。"]);
    }

    #[test]
    fn changes_far_apart_leave_a_gap_and_a_new_section() {
        let old = vec![
            Block::heading("一院多区"),
            para(&["甲。", "乙。", "丙。"]),
            Block::heading("人才强院"),
            para(&["丁。", "戊。"]),
        ];
        let mut new = old.clone();
        new[3].sentences.push("己。".to_string());
        let r = result(
            old,
            new,
            vec![
                change(ChangeKind::Modified, &[1], &[1]),
                change(ChangeKind::Added, &[], &[7]),
            ],
        );
        assert_eq!(
            describe(&layout(&r, 0)),
            [
                "# 一院多区",
                "modified [1]",
                "… 4",
                "# 人才强院",
                "added [7]"
            ]
        );
    }

    #[test]
    fn nothing_changed_lays_out_nothing() {
        let r = result(vec![para(&["甲。"])], vec![para(&["甲。"])], Vec::new());
        assert!(layout(&r, 3).is_empty());
    }

    #[test]
    fn a_sentence_that_stood_lower_moved_up() {
        let old = vec![para(&["甲。", "乙。", "丙。"])];
        let new = vec![para(&["丙。", "甲。", "乙。"])];
        let moved = change(ChangeKind::Moved, &[2], &[0]);
        let r = result(old, new, vec![moved.clone()]);
        assert_eq!(Origins::new(&r).moved_up(&moved), Some(true));
        let back = change(ChangeKind::Moved, &[0], &[2]);
        let r = result(
            r.new.snapshot.blocks.clone(),
            r.old.snapshot.blocks.clone(),
            vec![back.clone()],
        );
        assert_eq!(Origins::new(&r).moved_up(&back), Some(false));
    }

    #[test]
    fn origins_know_the_heading_above() {
        let blocks = vec![para(&["前言。"]), Block::heading("党建"), para(&["甲。"])];
        let r = result(blocks.clone(), blocks, Vec::new());
        let origins = Origins::new(&r);
        assert_eq!(origins.old_section(0), None);
        assert_eq!(origins.old_section(2), Some("党建"));
        assert_eq!(origins.new_section(9), None);
    }
}
