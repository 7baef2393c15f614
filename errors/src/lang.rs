//! Message languages.

use core::fmt;
use core::str::FromStr;

/// A language messages are available in.
///
/// English is always present in a catalog and is the fallback for every other
/// language. The set grows as catalogs gain translations; it is
/// `#[non_exhaustive]` so adding one is not a breaking change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum Lang {
    /// English (`en`), the fallback.
    #[default]
    En,
    /// Simplified Chinese (`zh`, `zh-CN`, `zh-Hans`).
    Zh,
}

impl Lang {
    /// Every language, in index order (the order of generated message tables).
    pub const ALL: &'static [Lang] = &[Lang::En, Lang::Zh];

    /// The short tag used in specs: `en`, `zh`.
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// Position of the language in [`Lang::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Parses a BCP-47 tag (`en`, `en-US`, `zh`, `zh-CN`, `zh-Hans-CN`, case
    /// insensitive). Traditional Chinese (`zh-TW`, `zh-HK`, `zh-MO`,
    /// `zh-Hant*`) is *not* mapped to [`Lang::Zh`]: no catalog has Traditional
    /// text, and showing Simplified text to those readers is a choice the
    /// caller should make, not this parser.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim();
        let mut subtags = tag.split(['-', '_']);
        let primary = subtags.next()?;
        if primary.eq_ignore_ascii_case("en") {
            return Some(Lang::En);
        }
        if !primary.eq_ignore_ascii_case("zh") {
            return None;
        }
        for sub in subtags {
            if sub.eq_ignore_ascii_case("hant")
                || sub.eq_ignore_ascii_case("tw")
                || sub.eq_ignore_ascii_case("hk")
                || sub.eq_ignore_ascii_case("mo")
            {
                return None;
            }
            if sub.eq_ignore_ascii_case("hans") {
                return Some(Lang::Zh);
            }
        }
        Some(Lang::Zh)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// The error of [`Lang::from_str`]: the tag names no supported language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang {
    tag: String,
}

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unsupported language tag {:?} (supported: en, zh, zh-CN, zh-Hans)",
            self.tag
        )
    }
}

impl std::error::Error for UnknownLang {}

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::from_tag(s).ok_or_else(|| UnknownLang { tag: s.to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_bcp47_tags() {
        for tag in ["en", "EN", "en-US", "en_GB"] {
            assert_eq!(tag.parse::<Lang>(), Ok(Lang::En), "{tag}");
        }
        for tag in ["zh", "zh-CN", "zh-SG", "zh-Hans", "zh-Hans-CN", "ZH-cn"] {
            assert_eq!(tag.parse::<Lang>(), Ok(Lang::Zh), "{tag}");
        }
        for tag in [
            "zh-TW",
            "zh-HK",
            "zh-MO",
            "zh-Hant",
            "zh-Hant-TW",
            "fr",
            "",
            "-",
        ] {
            assert!(tag.parse::<Lang>().is_err(), "{tag}");
        }
    }

    #[test]
    fn index_matches_all() {
        for (i, lang) in Lang::ALL.iter().enumerate() {
            assert_eq!(lang.index(), i);
        }
    }
}
