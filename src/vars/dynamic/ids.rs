//! Identifiers: `$guid` and `$randomUUID`, random version 4 UUIDs.

use rand::RngExt;

use super::DynamicVars;

impl DynamicVars {
    /// Identifiers; `None` for names of other kinds.
    pub(super) fn ids(&mut self, name: &str) -> Option<String> {
        let value = match name {
            "$guid" | "$randomUUID" => self.uuid_v4(),
            _ => return None,
        };
        Some(value)
    }

    fn uuid_v4(&mut self) -> String {
        let mut bytes: [u8; 16] = self.rng.random();
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        let hex = hex::encode(bytes);
        format!(
            "{}-{}-{}-{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..32]
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_uuid_v4(value: &str) -> bool {
        let groups: Vec<&str> = value.split('-').collect();
        groups.iter().map(|g| g.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
            && value
                .chars()
                .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c))
            && groups[2].starts_with('4')
            && groups[3].starts_with(['8', '9', 'a', 'b'])
    }

    #[test]
    fn uuids_are_lowercase_v4_and_fresh() {
        let mut dynamic = DynamicVars::new(None);
        for name in ["$guid", "$randomUUID"] {
            let a = dynamic.generate(name).unwrap();
            let b = dynamic.generate(name).unwrap();
            assert!(is_uuid_v4(&a), "{a}");
            assert!(is_uuid_v4(&b), "{b}");
            assert_ne!(a, b);
        }
    }
}
