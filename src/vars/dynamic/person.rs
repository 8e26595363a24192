//! Names and professions: first, last and full names, name prefixes and suffixes, and job
//! titles.

use super::DynamicVars;
use super::words::{
    FIRST_NAMES, JOB_AREAS, JOB_DESCRIPTORS, JOB_TYPES, LAST_NAMES, NAME_PREFIXES, NAME_SUFFIXES,
};

impl DynamicVars {
    /// Names and job titles; `None` for names of other kinds.
    pub(super) fn person(&mut self, name: &str) -> Option<String> {
        let value = match name {
            "$randomFirstName" => self.pick(FIRST_NAMES).to_string(),
            "$randomFullName" => {
                format!("{} {}", self.pick(FIRST_NAMES), self.pick(LAST_NAMES))
            }
            "$randomJobTitle" => format!(
                "{} {} {}",
                self.pick(JOB_DESCRIPTORS),
                self.pick(JOB_AREAS),
                self.pick(JOB_TYPES)
            ),
            "$randomLastName" => self.pick(LAST_NAMES).to_string(),
            "$randomNamePrefix" => self.pick(NAME_PREFIXES).to_string(),
            "$randomNameSuffix" => self.pick(NAME_SUFFIXES).to_string(),
            _ => return None,
        };
        Some(value)
    }
}
