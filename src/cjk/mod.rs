//! CJK text: the character classes, the one character fold and the sentence-end rule that
//! every step of the data flow reads text with, and the compiler of the line patterns
//! (dates, labels, credits) the front half matches with those classes.
//!
//! A leaf: it imports nothing from the crate, so that decode, extract, metadata, normalize,
//! segment, the comparison key and metrics can all build on it without importing each other.

mod classes;
mod fold;
mod pattern;
mod sentence_end;
mod traditional;

pub(crate) use classes::{
    between_digits, is_cjk, is_cjk_letter, is_cjk_only_punct, is_han, is_invisible,
    is_list_numeral, is_shared_punct,
};
pub use fold::fold_script;
pub(crate) use fold::{fold, fold_script_owned, fold_width, fold_width_alnum, may_fold_script};
pub(crate) use pattern::compile;
pub(crate) use sentence_end::{
    Mark, continues_sentence, ends_sentence, ends_with_terminator, is_closing_mark,
    is_closing_note, is_run_terminator, is_terminator, mark_at, may_terminate, next_non_space,
    pair_marks,
};
