//! Files: file names, extensions and MIME types.

use super::DynamicVars;
use super::words::{FILE_TYPES, WORDS};

impl DynamicVars {
    /// File names, extensions and MIME types; `None` for names of other kinds.
    pub(super) fn files(&mut self, name: &str) -> Option<String> {
        let value = match name {
            "$randomFileExt" => self.pick(FILE_TYPES).0.to_string(),
            "$randomFileName" => format!(
                "{}_{}.{}",
                self.pick(WORDS),
                self.pick(WORDS),
                self.pick(FILE_TYPES).0
            ),
            "$randomMimeType" => self.pick(FILE_TYPES).1.to_string(),
            _ => return None,
        };
        Some(value)
    }
}
