//! Text, numbers and colours: integers, booleans, alphanumerics, abbreviations, words,
//! lorem ipsum, and colour names and hex codes.

use rand::RngExt;

use super::DynamicVars;
use super::words::{ABBREVIATIONS, ALPHANUMERIC, COLORS, LOREM_WORDS, WORDS};

impl DynamicVars {
    /// Text, numbers and colours; `None` for names of other kinds.
    pub(super) fn text(&mut self, name: &str) -> Option<String> {
        let value = match name {
            "$randomInt" => self.rng.random_range(0..=1000u32).to_string(),
            "$randomAbbreviation" => self.pick(ABBREVIATIONS).to_string(),
            "$randomAlphaNumeric" => self.chars(ALPHANUMERIC, 1),
            "$randomBoolean" => self.rng.random_bool(0.5).to_string(),
            "$randomColor" => self.pick(COLORS).to_string(),
            "$randomHexColor" => format!("#{}", self.hex_bytes(3, "")),
            "$randomLoremSentence" => {
                let count = self.rng.random_range(4..=10);
                let words = self.words(LOREM_WORDS, count);
                let mut chars = words.chars();
                let first = chars.next().map(|c| c.to_ascii_uppercase());
                format!(
                    "{}{}.",
                    first.map(String::from).unwrap_or_default(),
                    chars.as_str()
                )
            }
            "$randomLoremWord" => self.pick(LOREM_WORDS).to_string(),
            "$randomWord" => self.pick(WORDS).to_string(),
            "$randomWords" => {
                let count = self.rng.random_range(2..=3);
                self.words(WORDS, count)
            }
            _ => return None,
        };
        Some(value)
    }
}
