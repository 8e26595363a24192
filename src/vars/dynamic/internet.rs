//! Internet values: domains, e-mail addresses, URLs, user names and passwords, IP and MAC
//! addresses, protocols, user agents, locales and version numbers.

use rand::RngExt;

use super::DynamicVars;
use super::words::{
    DOMAIN_SUFFIXES, EXAMPLE_EMAIL_DOMAINS, FIRST_NAMES, FREE_EMAIL_DOMAINS, LAST_NAMES, LOCALES,
    MIXED_ALPHANUMERIC, USER_AGENTS,
};

impl DynamicVars {
    /// Internet values; `None` for names of other kinds.
    pub(super) fn internet(&mut self, name: &str) -> Option<String> {
        let value = match name {
            "$randomDomainName" => self.domain_name(),
            "$randomDomainWord" => self.domain_word(),
            "$randomEmail" => {
                let number = self.rng.random_range(0..100u32);
                format!(
                    "{}.{}{number}@{}",
                    self.pick(FIRST_NAMES),
                    self.pick(LAST_NAMES),
                    self.pick(FREE_EMAIL_DOMAINS)
                )
            }
            "$randomExampleEmail" => format!(
                "{}.{}@{}",
                self.pick(FIRST_NAMES),
                self.pick(LAST_NAMES),
                self.pick(EXAMPLE_EMAIL_DOMAINS)
            ),
            "$randomIP" => {
                let octets: [u8; 4] = self.rng.random();
                octets.map(|octet| octet.to_string()).join(".")
            }
            "$randomIPV6" => {
                let groups: [u16; 8] = self.rng.random();
                groups.map(|group| format!("{group:x}")).join(":")
            }
            "$randomLocale" => self.pick(LOCALES).to_string(),
            "$randomMACAddress" => self.hex_bytes(6, ":"),
            "$randomPassword" => self.chars(MIXED_ALPHANUMERIC, 15),
            "$randomProtocol" => self.pick(&["http", "https"]).to_string(),
            "$randomSemver" => format!(
                "{}.{}.{}",
                self.rng.random_range(0..=9u8),
                self.rng.random_range(0..=9u8),
                self.rng.random_range(0..=9u8)
            ),
            "$randomUrl" => format!("https://{}", self.domain_name()),
            "$randomUserAgent" => self.pick(USER_AGENTS).to_string(),
            "$randomUserName" => {
                let number = self.rng.random_range(0..100u32);
                format!(
                    "{}.{}{number}",
                    self.pick(FIRST_NAMES),
                    self.pick(LAST_NAMES)
                )
            }
            _ => return None,
        };
        Some(value)
    }

    fn domain_word(&mut self) -> String {
        self.pick(FIRST_NAMES).to_ascii_lowercase()
    }

    fn domain_name(&mut self) -> String {
        let word = self.domain_word();
        format!("{word}.{}", self.pick(DOMAIN_SUFFIXES))
    }
}
