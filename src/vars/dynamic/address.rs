//! Phone numbers, addresses and locations: cities, streets, countries and coordinates.

use rand::RngExt;

use super::DynamicVars;
use super::words::{CITIES, COUNTRIES, FIRST_NAMES, LAST_NAMES, STREET_SUFFIXES};

impl DynamicVars {
    /// Phone numbers, addresses and locations; `None` for names of other kinds.
    pub(super) fn address(&mut self, name: &str) -> Option<String> {
        let value = match name {
            "$randomCity" => self.pick(CITIES).to_string(),
            "$randomCountry" => self.pick(COUNTRIES).0.to_string(),
            "$randomCountryCode" => self.pick(COUNTRIES).1.to_string(),
            "$randomLatitude" => format!("{:.4}", self.rng.random_range(-90.0..=90.0f64)),
            "$randomLongitude" => format!("{:.4}", self.rng.random_range(-180.0..=180.0f64)),
            "$randomPhoneNumber" => format!(
                "{}{}-{}{}-{}",
                self.rng.random_range(2..=9u8),
                self.digits(2),
                self.rng.random_range(2..=9u8),
                self.digits(2),
                self.digits(4)
            ),
            "$randomStreetAddress" => {
                let number = self.rng.random_range(1..=9999u32);
                format!("{number} {}", self.street_name())
            }
            "$randomStreetName" => self.street_name(),
            _ => return None,
        };
        Some(value)
    }

    fn street_name(&mut self) -> String {
        let base = if self.rng.random_bool(0.5) {
            self.pick(FIRST_NAMES)
        } else {
            self.pick(LAST_NAMES)
        };
        format!("{base} {}", self.pick(STREET_SUFFIXES))
    }
}
