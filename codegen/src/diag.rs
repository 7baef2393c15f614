//! Diagnostics: what is wrong, where (`file:line:col`) and how to fix it.

use std::fmt;

/// A position in a spec file. Lines and columns are 1-based; `0` means the
/// position is unknown (e.g. a file that could not be read).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// The file as the user named it (relative to the resolution base).
    pub file: String,
    /// 1-based line, 0 when unknown.
    pub line: u32,
    /// 1-based column, 0 when unknown.
    pub col: u32,
}

impl Pos {
    pub(crate) fn new(file: &str, line: u32, col: u32) -> Pos {
        Pos {
            file: file.to_owned(),
            line,
            col,
        }
    }

    /// The start of a file (used for whole-file problems).
    pub(crate) fn file_start(file: &str) -> Pos {
        Pos::new(file, 1, 1)
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            f.write_str(&self.file)
        } else {
            write!(f, "{}:{}:{}", self.file, self.line, self.col)
        }
    }
}

/// One problem in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is.
    pub pos: Pos,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Other places involved (e.g. the first definition of a duplicate).
    pub notes: Vec<(Pos, String)>,
}

impl Diagnostic {
    pub(crate) fn new(pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            pos,
            message: message.into(),
            help: None,
            notes: Vec::new(),
        }
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn note(mut self, pos: Pos, note: impl Into<String>) -> Diagnostic {
        self.notes.push((pos, note.into()));
        self
    }
}

impl Diagnostic {
    /// The text without the leading `error: ` (for `compile_error!`, which
    /// adds its own).
    pub fn body(&self) -> String {
        let full = self.to_string();
        full.strip_prefix("error: ").unwrap_or(&full).to_owned()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}\n  --> {}", self.message, self.pos)?;
        for (pos, note) in &self.notes {
            write!(f, "\n   = note: {note} (at {pos})")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n   = help: {help}")?;
        }
        Ok(())
    }
}

/// All the problems found in a spec (never empty when returned as an error).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// The problems, in the order they were found (file order).
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// `Ok(())` if empty, else the diagnostics sorted by position.
    pub(crate) fn into_result(mut self) -> Result<(), Diagnostics> {
        if self.0.is_empty() {
            Ok(())
        } else {
            self.0.sort_by(|a, b| a.pos.cmp(&b.pos));
            self.0.dedup();
            Err(self)
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n\n")?;
            }
            write!(f, "{d}")?;
        }
        if self.0.len() > 1 {
            write!(f, "\n\n{} problems found", self.0.len())?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Diagnostics {
        Diagnostics(vec![d])
    }
}

/// The closest candidate to `word` (edit distance at most a third of its
/// length, at least 1), for "did you mean" hints.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over chars, ASCII case differences counting half
/// (rounded down), so `Status` is close to `status`.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| j * 2).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = (i + 1) * 2;
        for (j, cb) in b.iter().enumerate() {
            let subst = if ca == cb {
                0
            } else if ca.eq_ignore_ascii_case(cb) {
                1
            } else {
                2
            };
            cur[j + 1] = (prev[j] + subst).min(prev[j + 1] + 2).min(cur[j] + 2);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] / 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words() {
        assert_eq!(
            closest("stauts", ["status", "retry", "note"]),
            Some("status")
        );
        assert_eq!(closest("Status", ["status", "retry"]), Some("status"));
        assert_eq!(closest("xyz", ["status", "retry"]), None);
        assert_eq!(
            closest("CBC.0110", ["CBC.0100", "CBC.0250"]),
            Some("CBC.0100")
        );
    }

    #[test]
    fn renders_position_message_and_help() {
        let d = Diagnostic::new(Pos::new("a.yaml", 3, 5), "unknown key `stauts`")
            .help("did you mean `status`?");
        assert_eq!(
            d.to_string(),
            "error: unknown key `stauts`\n  --> a.yaml:3:5\n   = help: did you mean `status`?"
        );
    }
}
