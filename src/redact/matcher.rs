//! Finding a set of secrets in bytes: every occurrence of each of their forms (overlapping
//! ones too), and the ones a message cut short (`'Proc/Secre…'`).

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, MatchKind};

use super::forms::forms;

/// What ends a value a message cut short.
pub(super) const ELLIPSIS: &[u8] = "…".as_bytes();

/// A secret cut short is masked when at least this many of its characters show.
const MIN_CUT_PREFIX: usize = 4;

/// A secret cut short is looked for at most this many bytes before the ellipsis.
const MAX_CUT: usize = 64 * 1024;

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
    /// The forms longer than [`MIN_CUT_PREFIX`] characters by their first ones: what a
    /// form cut short starts with.
    starts: HashMap<Vec<u8>, Vec<usize>>,
    /// The length in bytes of the longest form.
    longest: usize,
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
        let mut starts: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
        for (i, form) in all.iter().enumerate() {
            let bytes = form.as_bytes();
            if let Some(n) = prefix_len(bytes, MIN_CUT_PREFIX)
                && n < bytes.len()
            {
                starts.entry(bytes[..n].to_vec()).or_default().push(i);
            }
        }
        let longest = all.iter().map(String::len).max().unwrap_or(0);
        Matcher {
            values,
            forms: all,
            automaton,
            starts,
            longest,
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
        self.longest
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
            self.cut_before(hay, end, found);
            at = end + ELLIPSIS.len();
        }
    }

    /// Calls `found` with the range of each form cut short right before `end` (at least
    /// [`MIN_CUT_PREFIX`] of its characters, not all).
    fn cut_before(&self, hay: &[u8], end: usize, found: &mut impl FnMut(usize, usize)) {
        let lo = end.saturating_sub(self.longest.min(MAX_CUT));
        for s in lo..end {
            if hay[s] & 0xC0 == 0x80 {
                continue;
            }
            let Some(n) = prefix_len(&hay[s..end], MIN_CUT_PREFIX) else {
                continue;
            };
            let Some(ids) = self.starts.get(&hay[s..s + n]) else {
                continue;
            };
            let cut = &hay[s..end];
            if ids.iter().any(|&id| {
                let form = self.forms[id].as_bytes();
                cut.len() < form.len() && form.starts_with(cut)
            }) {
                found(s, end);
                // The longest cut is masked; shorter ones lie inside it.
                return;
            }
        }
    }
}

/// Where `needle` first occurs in `hay`.
fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The length in bytes of the first `n` characters of UTF-8 bytes; `None` when they hold
/// fewer.
fn prefix_len(bytes: &[u8], n: usize) -> Option<usize> {
    let mut count = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b & 0xC0 != 0x80 {
            if count == n {
                return Some(i);
            }
            count += 1;
        }
    }
    (count == n).then_some(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts(hay: &str, forms: &[&str]) -> Vec<(usize, usize)> {
        let m = Matcher::new(forms.iter().map(|f| f.to_string()));
        let mut out = Vec::new();
        m.find(hay.as_bytes(), &mut |s, e| out.push((s, e)));
        out
    }

    #[test]
    fn finds_the_longest_start_before_a_cut() {
        assert_eq!(cuts("x Proc/Secre…", &["Proc/Secret+456"]), [(2, 12)]);
        assert_eq!(cuts("aabaab…", &["aabaab!"]), [(0, 6)]);
        assert_eq!(cuts("äöüß…", &["äöüßx"]), [(0, 8)]);
        // Three characters are too few; a whole form is a match, not a cut.
        assert!(cuts("x Pro…", &["Proc/Secret+456"]).is_empty());
        assert_eq!(cuts("secret…", &["secret"]), [(0, 6)]);
    }
}
