//! Postman's dynamic variables (`{{$guid}}`, `{{$timestamp}}`, `{{$randomFirstName}}` …).

use std::time::{SystemTime, UNIX_EPOCH};

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Every supported dynamic variable, sorted (byte order).
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

const FIRST_NAMES: &[&str] = &[
    "Ada", "Alvina", "Bernard", "Camila", "Dario", "Elsa", "Emmett", "Fatima", "Gus", "Hana",
    "Idris", "Jalen", "Kaia", "Lottie", "Marco", "Nia", "Oscar", "Pablo", "Quinn", "Ruthe", "Sven",
    "Tariq", "Uma", "Vera", "Wyatt", "Yara", "Zane",
];

const LAST_NAMES: &[&str] = &[
    "Abbott",
    "Bauch",
    "Collins",
    "Dietrich",
    "Ernser",
    "Feeney",
    "Gutkowski",
    "Harvey",
    "Jacobi",
    "Kovacek",
    "Kuhic",
    "Larkin",
    "Mertz",
    "Nolan",
    "Okafor",
    "Pfeffer",
    "Quigley",
    "Runolfsson",
    "Smitham",
    "Tanaka",
    "Upton",
    "Vandervort",
    "Weber",
    "Yost",
    "Zieme",
];

const NAME_PREFIXES: &[&str] = &["Mr.", "Mrs.", "Ms.", "Miss", "Dr."];

const NAME_SUFFIXES: &[&str] = &[
    "Jr.", "Sr.", "I", "II", "III", "IV", "V", "MD", "DDS", "PhD",
];

const JOB_DESCRIPTORS: &[&str] = &[
    "Lead",
    "Senior",
    "Direct",
    "Corporate",
    "Dynamic",
    "Future",
    "Product",
    "National",
    "Regional",
    "District",
    "Central",
    "Global",
    "Customer",
    "Investor",
    "Internal",
    "Chief",
];

const JOB_AREAS: &[&str] = &[
    "Solutions",
    "Program",
    "Brand",
    "Security",
    "Research",
    "Marketing",
    "Directives",
    "Implementation",
    "Integration",
    "Functionality",
    "Response",
    "Paradigm",
    "Tactics",
    "Identity",
    "Markets",
    "Group",
    "Division",
    "Applications",
    "Optimization",
    "Operations",
];

const JOB_TYPES: &[&str] = &[
    "Supervisor",
    "Associate",
    "Executive",
    "Liaison",
    "Officer",
    "Manager",
    "Engineer",
    "Specialist",
    "Director",
    "Coordinator",
    "Administrator",
    "Architect",
    "Analyst",
    "Designer",
    "Planner",
    "Orchestrator",
    "Technician",
    "Developer",
    "Producer",
    "Consultant",
];

const CITIES: &[&str] = &[
    "Lake Ardith",
    "Port Emmett",
    "New Lottie",
    "West Camila",
    "East Dario",
    "South Hana",
    "North Idris",
    "Fort Vera",
    "Gusburgh",
    "Kaiaville",
    "Marcoton",
    "Niafurt",
    "Oscarside",
    "Sventown",
    "Zaneborough",
];

const STREET_SUFFIXES: &[&str] = &[
    "Avenue", "Street", "Road", "Lane", "Drive", "Court", "Island", "Mill", "Ridge", "Plaza",
    "Way", "Park", "Square", "Terrace", "Crossing",
];

const COUNTRIES: &[(&str, &str)] = &[
    ("Argentina", "AR"),
    ("Australia", "AU"),
    ("Brazil", "BR"),
    ("Canada", "CA"),
    ("Chile", "CL"),
    ("Egypt", "EG"),
    ("Finland", "FI"),
    ("France", "FR"),
    ("Germany", "DE"),
    ("India", "IN"),
    ("Japan", "JP"),
    ("Kenya", "KE"),
    ("Mexico", "MX"),
    ("Netherlands", "NL"),
    ("New Zealand", "NZ"),
    ("Nigeria", "NG"),
    ("Norway", "NO"),
    ("Portugal", "PT"),
    ("South Korea", "KR"),
    ("Spain", "ES"),
    ("Sweden", "SE"),
    ("United Kingdom", "GB"),
    ("United States of America", "US"),
    ("Vietnam", "VN"),
];

const LOCALES: &[&str] = &[
    "ar", "bn", "de", "en", "es", "fa", "fi", "fr", "he", "hi", "id", "it", "ja", "ko", "nl", "no",
    "ny", "pl", "pt", "ru", "si", "sr", "sv", "sw", "tr", "uk", "vi", "zh",
];

const COLORS: &[&str] = &[
    "red",
    "green",
    "blue",
    "yellow",
    "orange",
    "purple",
    "fuchsia",
    "grey",
    "black",
    "white",
    "teal",
    "olive",
    "maroon",
    "navy",
    "lime",
    "silver",
    "cyan",
    "magenta",
    "orchid",
    "salmon",
    "turquoise",
    "indigo",
    "violet",
    "tan",
    "plum",
];

const ABBREVIATIONS: &[&str] = &[
    "ADP", "AGP", "AI", "CSS", "EXE", "FTP", "GB", "HDD", "HTTP", "IB", "JBOD", "JSON", "PCI",
    "PNG", "RAM", "RSS", "SAS", "SCSI", "SDD", "SMS", "SMTP", "SQL", "SSL", "TCP", "THX", "USB",
    "XML", "XSS",
];

const WORDS: &[&str] = &[
    "portal",
    "bypassing",
    "indigo",
    "cotton",
    "transmitting",
    "synergy",
    "matrix",
    "hub",
    "virtual",
    "quantify",
    "bandwidth",
    "compressing",
    "sensor",
    "firewall",
    "protocol",
    "granite",
    "orchestrate",
    "pixel",
    "array",
    "circuit",
    "monitor",
    "capacitor",
    "feed",
    "program",
    "panel",
    "driver",
    "interface",
    "system",
    "bus",
    "alarm",
];

const LOREM_WORDS: &[&str] = &[
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "adipisci",
    "velit",
    "sed",
    "quia",
    "non",
    "numquam",
    "eius",
    "modi",
    "tempora",
    "incidunt",
    "ut",
    "labore",
    "et",
    "dolore",
    "magnam",
    "aliquam",
    "quaerat",
    "voluptatem",
    "enim",
    "minima",
    "veniam",
    "quis",
    "nostrum",
    "exercitationem",
];

const DOMAIN_SUFFIXES: &[&str] = &["com", "net", "org", "biz", "info", "name", "io"];

const FREE_EMAIL_DOMAINS: &[&str] = &["gmail.com", "yahoo.com", "hotmail.com"];

const EXAMPLE_EMAIL_DOMAINS: &[&str] = &["example.com", "example.net", "example.org"];

const COMPANY_SUFFIXES: &[&str] = &["Inc", "LLC", "Group", "and Sons", "Ltd", "Partners"];

const CURRENCIES: &[(&str, &str, &str)] = &[
    ("AUD", "Australian Dollar", "$"),
    ("BRL", "Brazilian Real", "R$"),
    ("CAD", "Canadian Dollar", "$"),
    ("CHF", "Swiss Franc", "CHF"),
    ("CNY", "Yuan Renminbi", "¥"),
    ("EUR", "Euro", "€"),
    ("GBP", "Pound Sterling", "£"),
    ("INR", "Indian Rupee", "₹"),
    ("JPY", "Yen", "¥"),
    ("KRW", "Won", "₩"),
    ("MXN", "Mexican Peso", "$"),
    ("NOK", "Norwegian Krone", "kr"),
    ("SEK", "Swedish Krona", "kr"),
    ("USD", "US Dollar", "$"),
    ("ZAR", "Rand", "R"),
];

const FILE_TYPES: &[(&str, &str)] = &[
    ("csv", "text/csv"),
    ("gif", "image/gif"),
    ("html", "text/html"),
    ("jpeg", "image/jpeg"),
    ("json", "application/json"),
    ("mp3", "audio/mpeg"),
    ("mp4", "video/mp4"),
    ("pdf", "application/pdf"),
    ("png", "image/png"),
    ("txt", "text/plain"),
    ("xml", "application/xml"),
    ("zip", "application/zip"),
    ("wav", "audio/wav"),
    ("webm", "video/webm"),
    ("svg", "image/svg+xml"),
];

const USER_AGENTS: &[&str] = &[
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.1; Trident/6.0)",
];

const WEEKDAYS: &[&str] = &[
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const ALPHANUMERIC: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

const MIXED_ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

const MILLIS_PER_DAY: i64 = 86_400_000;

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
        let value = match name {
            "$guid" | "$randomUUID" => self.uuid_v4(),
            "$timestamp" => (now_millis().div_euclid(1000)).to_string(),
            "$isoTimestamp" => iso_timestamp(now_millis()),
            "$randomInt" => self.rng.random_range(0..=1000u32).to_string(),
            "$randomAbbreviation" => self.pick(ABBREVIATIONS).to_string(),
            "$randomAlphaNumeric" => self.chars(ALPHANUMERIC, 1),
            "$randomBankAccount" => self.digits(8),
            "$randomBitcoin" => {
                let prefix = self.pick(&["1", "3"]);
                let len = self.rng.random_range(24..=33);
                format!("{prefix}{}", self.chars(BASE58, len))
            }
            "$randomBoolean" => self.rng.random_bool(0.5).to_string(),
            "$randomCity" => self.pick(CITIES).to_string(),
            "$randomColor" => self.pick(COLORS).to_string(),
            "$randomCompanyName" => {
                format!("{} {}", self.pick(LAST_NAMES), self.pick(COMPANY_SUFFIXES))
            }
            "$randomCountry" => self.pick(COUNTRIES).0.to_string(),
            "$randomCountryCode" => self.pick(COUNTRIES).1.to_string(),
            "$randomCreditCardMask" => self.digits(4),
            "$randomCurrencyCode" => self.pick(CURRENCIES).0.to_string(),
            "$randomCurrencyName" => self.pick(CURRENCIES).1.to_string(),
            "$randomCurrencySymbol" => self.pick(CURRENCIES).2.to_string(),
            "$randomDateFuture" => {
                let offset = self.rng.random_range(1..=365 * MILLIS_PER_DAY);
                js_date_string(now_millis().saturating_add(offset))
            }
            "$randomDatePast" => {
                let offset = self.rng.random_range(1..=365 * MILLIS_PER_DAY);
                js_date_string(now_millis().saturating_sub(offset))
            }
            "$randomDateRecent" => {
                let offset = self.rng.random_range(1..=MILLIS_PER_DAY);
                js_date_string(now_millis().saturating_sub(offset))
            }
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
            "$randomFileExt" => self.pick(FILE_TYPES).0.to_string(),
            "$randomFileName" => format!(
                "{}_{}.{}",
                self.pick(WORDS),
                self.pick(WORDS),
                self.pick(FILE_TYPES).0
            ),
            "$randomFirstName" => self.pick(FIRST_NAMES).to_string(),
            "$randomFullName" => {
                format!("{} {}", self.pick(FIRST_NAMES), self.pick(LAST_NAMES))
            }
            "$randomHexColor" => format!("#{}", self.hex_bytes(3, "")),
            "$randomIP" => {
                let octets: [u8; 4] = self.rng.random();
                octets.map(|octet| octet.to_string()).join(".")
            }
            "$randomIPV6" => {
                let groups: [u16; 8] = self.rng.random();
                groups.map(|group| format!("{group:x}")).join(":")
            }
            "$randomJobTitle" => format!(
                "{} {} {}",
                self.pick(JOB_DESCRIPTORS),
                self.pick(JOB_AREAS),
                self.pick(JOB_TYPES)
            ),
            "$randomLastName" => self.pick(LAST_NAMES).to_string(),
            "$randomLatitude" => format!("{:.4}", self.rng.random_range(-90.0..=90.0f64)),
            "$randomLocale" => self.pick(LOCALES).to_string(),
            "$randomLongitude" => format!("{:.4}", self.rng.random_range(-180.0..=180.0f64)),
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
            "$randomMACAddress" => self.hex_bytes(6, ":"),
            "$randomMimeType" => self.pick(FILE_TYPES).1.to_string(),
            "$randomMonth" => self.pick(MONTHS).to_string(),
            "$randomNamePrefix" => self.pick(NAME_PREFIXES).to_string(),
            "$randomNameSuffix" => self.pick(NAME_SUFFIXES).to_string(),
            "$randomPassword" => self.chars(MIXED_ALPHANUMERIC, 15),
            "$randomPhoneNumber" => format!(
                "{}{}-{}{}-{}",
                self.rng.random_range(2..=9u8),
                self.digits(2),
                self.rng.random_range(2..=9u8),
                self.digits(2),
                self.digits(4)
            ),
            "$randomPrice" => {
                let cents = self.rng.random_range(100..=100_000u32);
                format!("{}.{:02}", cents / 100, cents % 100)
            }
            "$randomProtocol" => self.pick(&["http", "https"]).to_string(),
            "$randomSemver" => format!(
                "{}.{}.{}",
                self.rng.random_range(0..=9u8),
                self.rng.random_range(0..=9u8),
                self.rng.random_range(0..=9u8)
            ),
            "$randomStreetAddress" => {
                let number = self.rng.random_range(1..=9999u32);
                format!("{number} {}", self.street_name())
            }
            "$randomStreetName" => self.street_name(),
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
            "$randomWeekday" => self.pick(WEEKDAYS).to_string(),
            "$randomWord" => self.pick(WORDS).to_string(),
            "$randomWords" => {
                let count = self.rng.random_range(2..=3);
                self.words(WORDS, count)
            }
            _ => return None,
        };
        Some(value)
    }

    /// Every supported name (with `$`), sorted.
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

    fn domain_word(&mut self) -> String {
        self.pick(FIRST_NAMES).to_ascii_lowercase()
    }

    fn domain_name(&mut self) -> String {
        let word = self.domain_word();
        format!("{word}.{}", self.pick(DOMAIN_SUFFIXES))
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

/// Milliseconds since the Unix epoch now (0 if the clock is before the epoch).
fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|elapsed| i64::try_from(elapsed.as_millis()).ok())
        .unwrap_or(0)
}

/// A UTC instant broken into calendar fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: i64,
    minute: i64,
    second: i64,
    millis: i64,
    /// 0 = Sunday … 6 = Saturday.
    weekday: usize,
}

impl Civil {
    /// Converts Unix milliseconds (proleptic Gregorian calendar, days-from-civil inverse).
    fn from_unix_millis(millis: i64) -> Self {
        let days = millis.div_euclid(MILLIS_PER_DAY);
        let in_day = millis.rem_euclid(MILLIS_PER_DAY);
        let shifted = days + 719_468;
        let era = shifted.div_euclid(146_097);
        let day_of_era = shifted.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_index + 2) / 5 + 1;
        let month = if month_index < 10 {
            month_index + 3
        } else {
            month_index - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Self {
            year,
            // month is in 1..=12 and day in 1..=31 by construction.
            month: month as u32,
            day: day as u32,
            hour: in_day / 3_600_000,
            minute: in_day / 60_000 % 60,
            second: in_day / 1000 % 60,
            millis: in_day % 1000,
            // 1970-01-01 was a Thursday.
            weekday: (days + 4).rem_euclid(7) as usize,
        }
    }
}

/// `2026-11-24T20:56:04.123Z` form, as JavaScript's `Date.prototype.toISOString`.
fn iso_timestamp(millis: i64) -> String {
    let c = Civil::from_unix_millis(millis);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second, c.millis
    )
}

/// `Tue Nov 24 2026 20:56:04 GMT+0000 (Coordinated Universal Time)` form, as JavaScript's
/// `Date.prototype.toString` in UTC, which is how Postman prints its random dates.
fn js_date_string(millis: i64) -> String {
    let c = Civil::from_unix_millis(millis);
    let weekday = &WEEKDAYS[c.weekday][..3];
    let month = &MONTHS[(c.month - 1) as usize][..3];
    format!(
        "{weekday} {month} {:02} {:04} {:02}:{:02}:{:02} GMT+0000 (Coordinated Universal Time)",
        c.day, c.year, c.hour, c.minute, c.second
    )
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
    fn unknown_names_give_none() {
        let mut dynamic = DynamicVars::new(Some(3));
        for name in ["guid", "$nope", "$GUID", "", "$"] {
            assert_eq!(dynamic.generate(name), None, "{name}");
        }
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
    fn clock_based_dates_keep_their_shape_under_a_seed() {
        let mut dynamic = DynamicVars::new(Some(9));
        let future = dynamic.generate("$randomDateFuture").unwrap();
        assert!(
            future.ends_with(" GMT+0000 (Coordinated Universal Time)"),
            "{future}"
        );
        assert_eq!(future.split(' ').count(), 9, "{future}");
    }

    #[test]
    fn timestamps_are_current() {
        let mut dynamic = DynamicVars::new(Some(1));
        let before = now_millis() / 1000;
        let stamp: i64 = dynamic.generate("$timestamp").unwrap().parse().unwrap();
        let after = now_millis() / 1000;
        assert!((before..=after).contains(&stamp));
        let iso = dynamic.generate("$isoTimestamp").unwrap();
        assert_eq!(iso.len(), 24, "{iso}");
        assert!(iso.ends_with('Z'));
        let year: i64 = iso[..4].parse().unwrap();
        assert_eq!(year, Civil::from_unix_millis(after * 1000).year);
    }

    #[test]
    fn iso_timestamp_conversion() {
        assert_eq!(iso_timestamp(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_timestamp(1_795_553_764_123), "2026-11-24T20:56:04.123Z");
        assert_eq!(iso_timestamp(1_709_208_000_000), "2024-02-29T12:00:00.000Z");
        assert_eq!(iso_timestamp(4_102_444_799_999), "2099-12-31T23:59:59.999Z");
        assert_eq!(iso_timestamp(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(iso_timestamp(-1), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn js_date_string_conversion() {
        assert_eq!(
            js_date_string(1_795_553_764_123),
            "Tue Nov 24 2026 20:56:04 GMT+0000 (Coordinated Universal Time)"
        );
        assert_eq!(
            js_date_string(1_709_208_000_000),
            "Thu Feb 29 2024 12:00:00 GMT+0000 (Coordinated Universal Time)"
        );
        assert_eq!(
            js_date_string(0),
            "Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)"
        );
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
