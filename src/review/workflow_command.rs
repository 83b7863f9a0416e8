//! One GitHub workflow command, written so that report text cannot become a command.
//!
//! The runner reads every line of a step's output as a possible command. Each annotation is
//! one line that starts with its own command, its text escaped as the runner unescapes it
//! (`%`, CR and LF in the message; also `:` and `,` in the properties, which `::` and `,`
//! would otherwise end), so a sentence holding `::error::` or a line break stays text.

use std::fmt;

/// An annotation's level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// `::notice`: the summary and whole reports.
    Notice,
    /// `::warning`: one changed sentence.
    Warning,
}

impl Level {
    /// The workflow command's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Notice => "notice",
            Level::Warning => "warning",
        }
    }
}

/// One workflow-command annotation; its `Display` is the escaped command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    /// Notice or warning.
    pub level: Level,
    /// The file it points at, from the repository root.
    pub file: Option<String>,
    /// The line in that file, from 1.
    pub line: Option<usize>,
    /// A short title.
    pub title: String,
    /// The text (may hold line breaks; they are escaped).
    pub message: String,
}

impl fmt::Display for Annotation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut properties = Vec::new();
        if let Some(file) = &self.file {
            properties.push(format!("file={}", escape_property(file)));
            if let Some(line) = self.line {
                properties.push(format!("line={line}"));
            }
        }
        properties.push(format!("title={}", escape_property(&self.title)));
        write!(
            f,
            "::{} {}::{}",
            self.level.as_str(),
            properties.join(","),
            escape_data(&self.message)
        )
    }
}

/// Escapes a command's message as the runner unescapes it: `%`, CR, LF.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property: as [`escape_data`], and `:` and `,` (a `::` would end the
/// properties, a `,` start the next one).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a command line back as the runner does: the command, its properties (split on
    /// `,`, then on the first `=`), and its message, each unescaped.
    fn parse(line: &str) -> (String, Vec<(String, String)>, String) {
        let rest = line.strip_prefix("::").expect("a command");
        let end = rest.find("::").expect("the end of the properties");
        let (info, data) = (&rest[..end], &rest[end + 2..]);
        let (command, properties) = info.split_once(' ').unwrap_or((info, ""));
        let unescape = |s: &str| {
            s.replace("%0D", "\r")
                .replace("%0A", "\n")
                .replace("%3A", ":")
                .replace("%2C", ",")
                .replace("%25", "%")
        };
        let properties = properties
            .split(',')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (key, value) = p.split_once('=').expect("key=value");
                (key.to_string(), unescape(value))
            })
            .collect();
        let data = data
            .replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%25", "%");
        (command.to_string(), properties, data)
    }

    #[test]
    fn messages_and_properties_are_escaped_as_the_runner_unescapes_them() {
        assert_eq!(escape_data("100%\r\n完成"), "100%25%0D%0A完成");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn report_text_cannot_start_or_end_a_workflow_command() {
        let annotation = Annotation {
            level: Level::Warning,
            file: Some("snapshots/医院::error::x/年报,1.md".to_string()),
            line: Some(7),
            title: "modified (wording)".to_string(),
            message: "::error::伪造\n::set-output name=x::1\r满意度100%0A".to_string(),
        };
        let line = annotation.to_string();
        assert!(!line.contains(['\n', '\r']), "{line}");
        assert!(line.starts_with("::warning file="), "{line}");
        let (command, properties, data) = parse(&line);
        assert_eq!(command, "warning");
        assert_eq!(
            properties,
            [
                (
                    "file".to_string(),
                    "snapshots/医院::error::x/年报,1.md".to_string()
                ),
                ("line".to_string(), "7".to_string()),
                ("title".to_string(), "modified (wording)".to_string()),
            ]
        );
        assert_eq!(data, annotation.message);
    }
}
