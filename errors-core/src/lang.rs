//! Message languages.

use alloc::borrow::ToOwned;
use alloc::string::String;
use core::fmt;
use core::str::FromStr;

/// A language messages are available in.
///
/// English is always present in a catalog and is the fallback for every other
/// language: a catalog without text in the asked language answers in English.
/// The set grows as catalogs gain translations; it is `#[non_exhaustive]` so
/// adding one is not a breaking change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum Lang {
    /// English (`en`), the fallback.
    #[default]
    En,
    /// Simplified Chinese (`zh`, `zh-CN`, `zh-Hans`).
    Zh,
    /// Japanese (`ja`, `ja-JP`).
    Ja,
    /// Korean (`ko`, `ko-KR`).
    Ko,
}

impl Lang {
    /// Every language, in index order (the order of generated message tables).
    pub const ALL: &'static [Lang] = &[Lang::En, Lang::Zh, Lang::Ja, Lang::Ko];

    /// The short tag used in specs: `en`, `zh`, `ja`, `ko`.
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
            Lang::Ja => "ja",
            Lang::Ko => "ko",
        }
    }

    /// Position of the language in [`Lang::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Which of `columns` (texts in those languages) to show a reader of
    /// `self`: the column of `self` if it has text, else English's, else the
    /// first column with text in [`Lang::ALL`] order; `None` when no column
    /// has text. `has_text(i)` says whether column `i` has text. The one
    /// fallback order of every vendor text (messages, actions): the
    /// generator applies it to messages, the runtime to actions.
    pub fn pick_text(self, columns: &[Lang], has_text: impl Fn(usize) -> bool) -> Option<usize> {
        let with_text = |lang: Lang| {
            columns
                .iter()
                .position(|&c| c == lang)
                .filter(|&i| has_text(i))
        };
        with_text(self)
            .or_else(|| with_text(Lang::En))
            .or_else(|| Lang::ALL.iter().find_map(|&l| with_text(l)))
    }

    /// Parses a BCP-47 tag (`en`, `en-US`, `zh`, `zh-CN`, `zh-Hans-CN`, `ja`,
    /// `ja-JP`, `ko`, `ko-KR`, case insensitive). Traditional Chinese (`zh-TW`, `zh-HK`, `zh-MO`,
    /// `zh-Hant*`) is *not* mapped to [`Lang::Zh`]: no catalog has Traditional
    /// text, and showing Simplified text to those readers is a choice the
    /// caller should make, not this parser.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim();
        let mut subtags = tag.split(['-', '_']);
        let primary = subtags.next()?;
        for lang in [Lang::En, Lang::Ja, Lang::Ko] {
            if primary.eq_ignore_ascii_case(lang.tag()) {
                return Some(lang);
            }
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

impl Lang {
    /// Picks the language for an `Accept-Language` header value.
    ///
    /// Tags are tried by descending q-value (ties in header order; `q=0`
    /// excludes a tag); each tag as a whole, then its primary language.
    /// `ja*` gives [`Lang::Ja`], `ko*` [`Lang::Ko`];
    /// `zh`, `zh-CN`, `zh-SG` and `zh-Hans*` give [`Lang::Zh`];
    /// `zh-TW`, `zh-HK`, `zh-MO` and `zh-Hant*` do not (no catalog has
    /// Traditional text, and Simplified text is not a silent substitute):
    /// they fall through to the next tag, then English. Malformed input
    /// gives English.
    pub fn negotiate(accept_language: &str) -> Lang {
        // The first tag with the highest q-value among those that name a
        // language (`*` names English).
        let mut best: Option<(u16, Lang)> = None;
        for item in accept_language.split(',').take(64) {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let mut q = 1000u16;
            for p in parts {
                if let Some(v) = p
                    .trim()
                    .strip_prefix("q=")
                    .or_else(|| p.trim().strip_prefix("Q="))
                {
                    q = parse_q(v).unwrap_or(0);
                }
            }
            if q == 0 || tag.is_empty() || best.is_some_and(|(b, _)| b >= q) {
                continue;
            }
            let lang = if tag == "*" {
                Some(Lang::En)
            } else {
                Lang::from_tag(tag)
            };
            if let Some(lang) = lang {
                best = Some((q, lang));
            }
        }
        best.map_or(Lang::En, |(_, lang)| lang)
    }
}

/// A q-value (`0`, `0.5`, `1.000`) in thousandths.
fn parse_q(v: &str) -> Option<u16> {
    let v = v.trim();
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u16 = match int {
        "0" => 0,
        "1" => 1000,
        _ => return None,
    };
    let mut thousandths = 0u16;
    for (i, b) in frac.bytes().enumerate() {
        thousandths += u16::from(b - b'0') * [100, 10, 1][i];
    }
    if whole == 1000 && thousandths > 0 {
        return None;
    }
    Some(whole + thousandths)
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
            "unsupported language tag {:?} (supported: en, zh, zh-CN, zh-Hans, ja, ko)",
            self.tag
        )
    }
}

impl core::error::Error for UnknownLang {}

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
        for tag in ["ja", "JA", "ja-JP", "ja_JP"] {
            assert_eq!(tag.parse::<Lang>(), Ok(Lang::Ja), "{tag}");
        }
        for tag in ["ko", "ko-KR", "KO-kr"] {
            assert_eq!(tag.parse::<Lang>(), Ok(Lang::Ko), "{tag}");
        }
        for tag in [
            "jp",
            "kr",
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
    fn negotiates_accept_language() {
        assert_eq!(Lang::negotiate("zh-CN,zh;q=0.9,en;q=0.8"), Lang::Zh);
        assert_eq!(Lang::negotiate("en-US,zh;q=0.5"), Lang::En);
        assert_eq!(Lang::negotiate("fr;q=1, zh;q=0.4"), Lang::Zh);
        assert_eq!(Lang::negotiate("zh;q=0, en;q=0.1"), Lang::En);
        assert_eq!(Lang::negotiate("zh;q=0"), Lang::En);
        assert_eq!(Lang::negotiate("zh-TW"), Lang::En);
        assert_eq!(Lang::negotiate("zh-Hant-HK, zh-Hans;q=0.5"), Lang::Zh);
        assert_eq!(Lang::negotiate("en;q=0.3, zh-SG;q=0.7"), Lang::Zh);
        assert_eq!(Lang::negotiate(""), Lang::En);
        assert_eq!(Lang::negotiate(";;;,,q=2"), Lang::En);
        assert_eq!(Lang::negotiate("zh;q=1.5"), Lang::En);
        assert_eq!(Lang::negotiate("ja-JP,ja;q=0.9,en;q=0.8"), Lang::Ja);
        assert_eq!(Lang::negotiate("ko-KR, en;q=0.5"), Lang::Ko);
        assert_eq!(Lang::negotiate("fr, ko;q=0.3, ja;q=0.6"), Lang::Ja);
        assert_eq!(Lang::negotiate("zh-TW, ko;q=0.2"), Lang::Ko);
    }

    #[test]
    fn index_matches_all() {
        for (i, lang) in Lang::ALL.iter().enumerate() {
            assert_eq!(lang.index(), i);
            assert_eq!(Lang::from_tag(lang.tag()), Some(*lang));
        }
    }
}
