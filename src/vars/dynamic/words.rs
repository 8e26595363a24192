//! The data behind the dynamic variables: word lists, names, places, currencies, file
//! types and alphabets the generators pick from.

/// Given names.
pub(super) const FIRST_NAMES: &[&str] = &[
    "Ada", "Alvina", "Bernard", "Camila", "Dario", "Elsa", "Emmett", "Fatima", "Gus", "Hana",
    "Idris", "Jalen", "Kaia", "Lottie", "Marco", "Nia", "Oscar", "Pablo", "Quinn", "Ruthe", "Sven",
    "Tariq", "Uma", "Vera", "Wyatt", "Yara", "Zane",
];

/// Family names (also the base of company names).
pub(super) const LAST_NAMES: &[&str] = &[
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

/// Honorifics before a name.
pub(super) const NAME_PREFIXES: &[&str] = &["Mr.", "Mrs.", "Ms.", "Miss", "Dr."];

/// Generational and academic suffixes after a name.
pub(super) const NAME_SUFFIXES: &[&str] = &[
    "Jr.", "Sr.", "I", "II", "III", "IV", "V", "MD", "DDS", "PhD",
];

/// First word of a job title.
pub(super) const JOB_DESCRIPTORS: &[&str] = &[
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

/// Middle word of a job title.
pub(super) const JOB_AREAS: &[&str] = &[
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

/// Last word of a job title.
pub(super) const JOB_TYPES: &[&str] = &[
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

/// City names.
pub(super) const CITIES: &[&str] = &[
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

/// Last word of a street name.
pub(super) const STREET_SUFFIXES: &[&str] = &[
    "Avenue", "Street", "Road", "Lane", "Drive", "Court", "Island", "Mill", "Ridge", "Plaza",
    "Way", "Park", "Square", "Terrace", "Crossing",
];

/// Country names with their ISO 3166-1 alpha-2 codes.
pub(super) const COUNTRIES: &[(&str, &str)] = &[
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

/// Language codes.
pub(super) const LOCALES: &[&str] = &[
    "ar", "bn", "de", "en", "es", "fa", "fi", "fr", "he", "hi", "id", "it", "ja", "ko", "nl", "no",
    "ny", "pl", "pt", "ru", "si", "sr", "sv", "sw", "tr", "uk", "vi", "zh",
];

/// Colour names.
pub(super) const COLORS: &[&str] = &[
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

/// Technical abbreviations.
pub(super) const ABBREVIATIONS: &[&str] = &[
    "ADP", "AGP", "AI", "CSS", "EXE", "FTP", "GB", "HDD", "HTTP", "IB", "JBOD", "JSON", "PCI",
    "PNG", "RAM", "RSS", "SAS", "SCSI", "SDD", "SMS", "SMTP", "SQL", "SSL", "TCP", "THX", "USB",
    "XML", "XSS",
];

/// Plain words (file names, `$randomWord`, `$randomWords`).
pub(super) const WORDS: &[&str] = &[
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

/// Lorem ipsum words.
pub(super) const LOREM_WORDS: &[&str] = &[
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

/// Top-level domains.
pub(super) const DOMAIN_SUFFIXES: &[&str] = &["com", "net", "org", "biz", "info", "name", "io"];

/// Domains of `$randomEmail`.
pub(super) const FREE_EMAIL_DOMAINS: &[&str] = &["gmail.com", "yahoo.com", "hotmail.com"];

/// Reserved example domains of `$randomExampleEmail`.
pub(super) const EXAMPLE_EMAIL_DOMAINS: &[&str] = &["example.com", "example.net", "example.org"];

/// Last word of a company name.
pub(super) const COMPANY_SUFFIXES: &[&str] =
    &["Inc", "LLC", "Group", "and Sons", "Ltd", "Partners"];

/// ISO 4217 code, name and symbol of currencies.
pub(super) const CURRENCIES: &[(&str, &str, &str)] = &[
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

/// File extensions with their MIME types.
pub(super) const FILE_TYPES: &[(&str, &str)] = &[
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

/// Browser `User-Agent` strings.
pub(super) const USER_AGENTS: &[&str] = &[
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.1; Trident/6.0)",
];

/// Weekday names, Sunday first (the order of `Date.prototype.getDay`).
pub(super) const WEEKDAYS: &[&str] = &[
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// Month names, January first.
pub(super) const MONTHS: &[&str] = &[
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

/// Alphabet of `$randomAlphaNumeric`.
pub(super) const ALPHANUMERIC: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// Alphabet of `$randomPassword`.
pub(super) const MIXED_ALPHANUMERIC: &[u8] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Base58 alphabet of Bitcoin addresses.
pub(super) const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
