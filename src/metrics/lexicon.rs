//! The lexicon: wordings of a label mapped to canonical metric keys.

/// Maps label wordings to canonical keys; built in, extendable from `reportdiff.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    entries: Vec<(String, String)>,
}

impl Lexicon {
    /// The built-in lexicon.
    pub fn builtin() -> Lexicon {
        Lexicon::default()
    }

    /// The canonical key for a label, if the lexicon knows one.
    pub fn key_for(&self, label: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(wording, _)| label.contains(wording.as_str()))
            .map(|(_, key)| key.as_str())
    }
}
