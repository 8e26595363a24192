//! Finding a set of secrets in bytes: every occurrence of each of their forms (overlapping
//! ones too), and the ones a message cut short (`'Proc/Secre…'`).

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, MatchKind};

use super::forms::forms;

/// What ends a value a message cut short.
pub(super) const ELLIPSIS: &[u8] = "…".as_bytes();

/// A secret cut short is masked when at least this many of its characters show.
const MIN_CUT_PREFIX: usize = 4;

/// Secrets and the automaton that finds their forms.
#[derive(Debug, Clone)]
pub(super) struct Matcher {
    /// The secret values themselves.
    values: HashSet<String>,
    /// Their forms (see `forms`).
    forms: Vec<String>,
    /// Finds every form in one pass; `None` when it could not be built (then each form is
    /// searched for alone).
    automaton: Option<AhoCorasick>,
}

impl Matcher {
    /// A matcher of `values` (empty ones ignored).
    pub fn new(values: impl IntoIterator<Item = String>) -> Self {
        let values: HashSet<String> = values.into_iter().filter(|v| !v.is_empty()).collect();
        let mut all = Vec::new();
        for v in &values {
            forms(v, &mut all);
        }
        all.sort();
        all.dedup();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&all)
            .ok();
        Matcher {
            values,
            forms: all,
            automaton,
        }
    }

    /// Whether it knows the secret `value`.
    pub fn knows(&self, value: &str) -> bool {
        self.values.contains(value)
    }

    /// Whether it has nothing to find.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// The length in bytes of its longest form.
    pub fn longest(&self) -> usize {
        self.forms.iter().map(String::len).max().unwrap_or(0)
    }

    /// Calls `found` with the range of every occurrence of a form in `hay`, overlapping
    /// ones included, and of every form cut short by an ellipsis.
    pub fn find(&self, hay: &[u8], found: &mut impl FnMut(usize, usize)) {
        match &self.automaton {
            Some(ac) => {
                for m in ac.find_overlapping_iter(hay) {
                    found(m.start(), m.end());
                }
            }
            None => {
                for form in &self.forms {
                    let needle = form.as_bytes();
                    for (i, w) in hay.windows(needle.len()).enumerate() {
                        if w == needle {
                            found(i, i + needle.len());
                        }
                    }
                }
            }
        }
        let mut at = 0;
        while let Some(i) = find_bytes(&hay[at..], ELLIPSIS) {
            let end = at + i;
            for form in &self.forms {
                let k = cut_prefix(&hay[..end], form.as_bytes());
                if chars(&form.as_bytes()[..k]) >= MIN_CUT_PREFIX {
                    found(end - k, end);
                }
            }
            at = end + ELLIPSIS.len();
        }
    }
}

/// Where `needle` first occurs in `hay`.
fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The characters of UTF-8 bytes (the bytes that do not continue one).
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// The length of the longest start of `form` that `before` ends with (shorter than
/// `form`), found as the Knuth–Morris–Pratt automaton of `form` would after reading the
/// end of `before`.
fn cut_prefix(before: &[u8], form: &[u8]) -> usize {
    if form.len() < 2 {
        return 0;
    }
    // The text that can end with a start of `form` shorter than it.
    let pattern = &form[..form.len() - 1];
    let window = &before[before.len().saturating_sub(pattern.len())..];
    let mut failure = vec![0usize; pattern.len()];
    let mut k = 0;
    for i in 1..pattern.len() {
        while k > 0 && pattern[i] != pattern[k] {
            k = failure[k - 1];
        }
        if pattern[i] == pattern[k] {
            k += 1;
        }
        failure[i] = k;
    }
    let mut state = 0;
    for &b in window {
        while state > 0 && (state == pattern.len() || pattern[state] != b) {
            state = failure[state - 1];
        }
        if state < pattern.len() && pattern[state] == b {
            state += 1;
        }
    }
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_prefix_is_the_longest_start_before_the_cut() {
        assert_eq!(cut_prefix(b"x Proc/Secre", b"Proc/Secret+456"), 10);
        assert_eq!(cut_prefix(b"aab", b"aabaab!"), 3);
        assert_eq!(cut_prefix(b"aabaab", b"aabaab!"), 6);
        assert_eq!(cut_prefix(b"none", b"secret"), 0);
        // The whole form is a match, not a cut.
        assert_eq!(cut_prefix(b"secret", b"secret"), 0);
    }
}
