//! Finance and business: bank accounts, card masks, Bitcoin addresses, currencies, prices
//! and company names.

use rand::RngExt;

use super::DynamicVars;
use super::words::{BASE58, COMPANY_SUFFIXES, CURRENCIES, LAST_NAMES};

impl DynamicVars {
    /// Finance and business values; `None` for names of other kinds.
    pub(super) fn finance(&mut self, name: &str) -> Option<String> {
        let value = match name {
            "$randomBankAccount" => self.digits(8),
            "$randomBitcoin" => {
                let prefix = self.pick(&["1", "3"]);
                let len = self.rng.random_range(24..=33);
                format!("{prefix}{}", self.chars(BASE58, len))
            }
            "$randomCompanyName" => {
                format!("{} {}", self.pick(LAST_NAMES), self.pick(COMPANY_SUFFIXES))
            }
            "$randomCreditCardMask" => self.digits(4),
            "$randomCurrencyCode" => self.pick(CURRENCIES).0.to_string(),
            "$randomCurrencyName" => self.pick(CURRENCIES).1.to_string(),
            "$randomCurrencySymbol" => self.pick(CURRENCIES).2.to_string(),
            "$randomPrice" => {
                let cents = self.rng.random_range(100..=100_000u32);
                format!("{}.{:02}", cents / 100, cents % 100)
            }
            _ => return None,
        };
        Some(value)
    }
}
