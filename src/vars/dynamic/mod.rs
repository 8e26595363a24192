//! Postman's dynamic variables (`{{$guid}}`, `{{$timestamp}}`, `{{$randomFirstName}}` …).
//!
//! This module holds the registry of names, the dispatch to the generators and the seeded
//! random source with its sampling helpers; the generators are grouped by kind in the
//! child modules and draw from the lists in `words`.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

mod address;
mod dates;
mod files;
mod finance;
mod ids;
mod internet;
mod person;
mod text;
mod words;

/// Every supported dynamic variable, sorted (byte order).
#[cfg(test)]
const NAMES: &[&str] = &[
    "$guid",
    "$isoTimestamp",
    "$randomAbbreviation",
    "$randomAlphaNumeric",
    "$randomBankAccount",
    "$randomBitcoin",
    "$randomBoolean",
    "$randomCity",
    "$randomColor",
    "$randomCompanyName",
    "$randomCountry",
    "$randomCountryCode",
    "$randomCreditCardMask",
    "$randomCurrencyCode",
    "$randomCurrencyName",
    "$randomCurrencySymbol",
    "$randomDateFuture",
    "$randomDatePast",
    "$randomDateRecent",
    "$randomDomainName",
    "$randomDomainWord",
    "$randomEmail",
    "$randomExampleEmail",
    "$randomFileExt",
    "$randomFileName",
    "$randomFirstName",
    "$randomFullName",
    "$randomHexColor",
    "$randomIP",
    "$randomIPV6",
    "$randomInt",
    "$randomJobTitle",
    "$randomLastName",
    "$randomLatitude",
    "$randomLocale",
    "$randomLongitude",
    "$randomLoremSentence",
    "$randomLoremWord",
    "$randomMACAddress",
    "$randomMimeType",
    "$randomMonth",
    "$randomNamePrefix",
    "$randomNameSuffix",
    "$randomPassword",
    "$randomPhoneNumber",
    "$randomPrice",
    "$randomProtocol",
    "$randomSemver",
    "$randomStreetAddress",
    "$randomStreetName",
    "$randomUUID",
    "$randomUrl",
    "$randomUserAgent",
    "$randomUserName",
    "$randomWeekday",
    "$randomWord",
    "$randomWords",
    "$timestamp",
];

/// A generator of one kind: the value for a name of its kind, `None` for any other name.
type Kind = fn(&mut DynamicVars, &str) -> Option<String>;

/// The generators, one per kind; every name of [`NAMES`] belongs to exactly one.
const KINDS: &[Kind] = &[
    DynamicVars::ids,
    DynamicVars::dates,
    DynamicVars::person,
    DynamicVars::address,
    DynamicVars::internet,
    DynamicVars::finance,
    DynamicVars::files,
    DynamicVars::text,
];

/// Generator of Postman's dynamic variables (`{{$guid}}` …). With a seed, the sequence of
/// values is reproducible.
#[derive(Debug, Clone)]
pub struct DynamicVars {
    rng: ChaCha8Rng,
}

impl DynamicVars {
    /// A generator seeded with `seed`, or from OS entropy when `None`.
    pub fn new(seed: Option<u64>) -> Self {
        let rng = match seed {
            Some(seed) => ChaCha8Rng::seed_from_u64(seed),
            None => ChaCha8Rng::from_rng(&mut rand::rng()),
        };
        Self { rng }
    }

    /// A fresh value for a dynamic variable name given WITH its `$`, e.g. "$guid"; None if
    /// unknown.
    pub fn generate(&mut self, name: &str) -> Option<String> {
        KINDS.iter().find_map(|kind| kind(self, name))
    }

    /// Every supported name (with `$`), sorted.
    #[cfg(test)]
    pub fn names() -> &'static [&'static str] {
        NAMES
    }

    fn pick<T: Copy>(&mut self, list: &[T]) -> T {
        list[self.rng.random_range(0..list.len())]
    }

    fn chars(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len).map(|_| char::from(self.pick(alphabet))).collect()
    }

    fn digits(&mut self, len: usize) -> String {
        self.chars(b"0123456789", len)
    }

    fn hex_bytes(&mut self, count: usize, separator: &str) -> String {
        (0..count)
            .map(|_| format!("{:02x}", self.rng.random::<u8>()))
            .collect::<Vec<_>>()
            .join(separator)
    }

    fn words(&mut self, list: &[&str], count: usize) -> String {
        (0..count)
            .map(|_| self.pick(list))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names whose values depend on the clock.
    const CLOCK_NAMES: &[&str] = &[
        "$timestamp",
        "$isoTimestamp",
        "$randomDateFuture",
        "$randomDatePast",
        "$randomDateRecent",
    ];

    #[test]
    fn names_sorted_unique_and_all_generate() {
        let names = DynamicVars::names();
        assert!(names.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(names.len() >= 40);
        let mut dynamic = DynamicVars::new(Some(3));
        for name in names {
            assert!(name.starts_with('$'));
            let value = dynamic.generate(name);
            assert!(value.is_some_and(|v| !v.is_empty()), "{name}");
        }
    }

    #[test]
    fn every_name_belongs_to_exactly_one_kind() {
        let mut dynamic = DynamicVars::new(Some(5));
        for name in DynamicVars::names() {
            let answering = KINDS
                .iter()
                .filter(|kind| kind(&mut dynamic, name).is_some())
                .count();
            assert_eq!(answering, 1, "{name}");
        }
    }

    #[test]
    fn unknown_names_give_none() {
        let mut dynamic = DynamicVars::new(Some(3));
        for name in ["guid", "$nope", "$GUID", "", "$"] {
            assert_eq!(dynamic.generate(name), None, "{name}");
        }
    }

    #[test]
    fn same_seed_same_sequence() {
        let random_names: Vec<&str> = DynamicVars::names()
            .iter()
            .copied()
            .filter(|name| !CLOCK_NAMES.contains(name))
            .collect();
        let run = |seed| {
            let mut dynamic = DynamicVars::new(Some(seed));
            (0..3)
                .flat_map(|_| random_names.iter())
                .map(|name| dynamic.generate(name).unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(run(42), run(42));
        assert_ne!(run(42), run(43));
    }

    #[test]
    fn value_shapes() {
        let mut dynamic = DynamicVars::new(Some(11));
        for _ in 0..50 {
            let int: u32 = dynamic.generate("$randomInt").unwrap().parse().unwrap();
            assert!(int <= 1000);
            let ip = dynamic.generate("$randomIP").unwrap();
            assert!(ip.parse::<std::net::Ipv4Addr>().is_ok(), "{ip}");
            let ip6 = dynamic.generate("$randomIPV6").unwrap();
            assert!(ip6.parse::<std::net::Ipv6Addr>().is_ok(), "{ip6}");
            let mac = dynamic.generate("$randomMACAddress").unwrap();
            assert_eq!(mac.len(), 17);
            assert!(mac.split(':').all(|b| u8::from_str_radix(b, 16).is_ok()));
            let hex = dynamic.generate("$randomHexColor").unwrap();
            assert!(hex.len() == 7 && hex.starts_with('#'));
            let password = dynamic.generate("$randomPassword").unwrap();
            assert!(password.len() == 15 && password.chars().all(|c| c.is_ascii_alphanumeric()));
            let alnum = dynamic.generate("$randomAlphaNumeric").unwrap();
            assert!(alnum.len() == 1 && alnum.chars().all(|c| c.is_ascii_alphanumeric()));
            let boolean = dynamic.generate("$randomBoolean").unwrap();
            assert!(boolean == "true" || boolean == "false");
            let lat: f64 = dynamic
                .generate("$randomLatitude")
                .unwrap()
                .parse()
                .unwrap();
            assert!((-90.0..=90.0).contains(&lat));
            let lon: f64 = dynamic
                .generate("$randomLongitude")
                .unwrap()
                .parse()
                .unwrap();
            assert!((-180.0..=180.0).contains(&lon));
            let semver = dynamic.generate("$randomSemver").unwrap();
            assert!(semver.split('.').all(|p| p.parse::<u8>().is_ok()));
            assert_eq!(semver.split('.').count(), 3);
            let email = dynamic.generate("$randomExampleEmail").unwrap();
            assert!(email.contains("@example."), "{email}");
            let url = dynamic.generate("$randomUrl").unwrap();
            assert!(url.starts_with("https://") && url.contains('.'));
            let price = dynamic.generate("$randomPrice").unwrap();
            let (units, cents) = price.split_once('.').unwrap();
            assert!(units.parse::<u32>().is_ok() && cents.len() == 2);
            let phone = dynamic.generate("$randomPhoneNumber").unwrap();
            assert_eq!(phone.len(), 12, "{phone}");
            let bitcoin = dynamic.generate("$randomBitcoin").unwrap();
            assert!((25..=34).contains(&bitcoin.len()));
            assert!(bitcoin.starts_with(['1', '3']));
            let sentence = dynamic.generate("$randomLoremSentence").unwrap();
            assert!(sentence.ends_with('.'));
            assert!(sentence.starts_with(|c: char| c.is_ascii_uppercase()));
            assert_eq!(dynamic.generate("$randomBankAccount").unwrap().len(), 8);
            assert_eq!(dynamic.generate("$randomCreditCardMask").unwrap().len(), 4);
        }
    }
}
