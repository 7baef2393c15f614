//! The nesting depth of a page, counted on its tokens in linear time: the
//! HTML tree builder takes time quadratic in it, so deep pages are refused
//! before they are parsed.

use super::MAX_DEPTH;
use html5ever::tendril::StrTendril;
use std::cell::Cell as Slot;

/// The line where the nesting of elements first exceeds [`MAX_DEPTH`],
/// counted on the tokens (linear time): start tags of elements that need
/// an end tag open a level, end tags close one.
pub(super) fn too_deep(page: &str) -> Option<usize> {
    use html5ever::tokenizer::states::RawKind;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
    };
    struct Probe {
        depth: Slot<usize>,
        deep_at: Slot<Option<usize>>,
    }
    impl TokenSink for Probe {
        type Handle = ();
        fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
            let Token::TagToken(tag) = token else {
                return TokenSinkResult::Continue;
            };
            let name: &str = &tag.name;
            // Elements whose end tag is implied by the next one, and void ones.
            let flat = matches!(
                name,
                "p" | "li"
                    | "dt"
                    | "dd"
                    | "tr"
                    | "td"
                    | "th"
                    | "option"
                    | "optgroup"
                    | "rb"
                    | "rt"
                    | "rp"
                    | "rtc"
                    | "tbody"
                    | "thead"
                    | "tfoot"
                    | "colgroup"
                    | "caption"
                    | "html"
                    | "head"
                    | "body"
                    | "area"
                    | "base"
                    | "br"
                    | "col"
                    | "embed"
                    | "hr"
                    | "img"
                    | "input"
                    | "link"
                    | "meta"
                    | "source"
                    | "track"
                    | "wbr"
            );
            if tag.kind == TagKind::EndTag {
                if !flat {
                    self.depth.set(self.depth.get().saturating_sub(1));
                }
                return TokenSinkResult::Continue;
            }
            if !flat && !tag.self_closing {
                self.depth.set(self.depth.get() + 1);
                if self.depth.get() > MAX_DEPTH && self.deep_at.get().is_none() {
                    self.deep_at
                        .set(Some(usize::try_from(line).unwrap_or(usize::MAX)));
                }
            }
            match name {
                "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                    TokenSinkResult::RawData(RawKind::Rawtext)
                }
                "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                "plaintext" => TokenSinkResult::Plaintext,
                _ => TokenSinkResult::Continue,
            }
        }
    }
    let tokenizer = Tokenizer::new(
        Probe {
            depth: Slot::new(0),
            deep_at: Slot::new(None),
        },
        Default::default(),
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(page));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.deep_at.get()
}
