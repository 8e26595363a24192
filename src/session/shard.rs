//! `--shard K/N`: a stable partition of a plan's flows over N machines, by a hash of each
//! flow's full name that is the same on every platform and in every run.

use std::fmt;
use std::str::FromStr;

/// One shard of N: runs the flows whose name hashes to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based index of this shard.
    pub index: u64,
    /// Number of shards.
    pub count: u64,
}

/// Why a `K/N` shard specification was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShardError {
    /// Not of the form `K/N` with two whole numbers.
    #[error("expected K/N with whole numbers, such as 2/4, got {0:?}")]
    Syntax(String),
    /// K outside 1..=N.
    #[error("shard {index}/{count} is out of range: K must be between 1 and N")]
    Range {
        /// The K given.
        index: u64,
        /// The N given.
        count: u64,
    },
}

impl FromStr for Shard {
    type Err = ShardError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let syntax = || ShardError::Syntax(s.to_string());
        let (k, n) = s.trim().split_once('/').ok_or_else(syntax)?;
        let index: u64 = k.trim().parse().map_err(|_| syntax())?;
        let count: u64 = n.trim().parse().map_err(|_| syntax())?;
        if index == 0 || index > count {
            return Err(ShardError::Range { index, count });
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// True when the flow `flow` of collection `collection` belongs to this shard.
    pub fn owns(&self, collection: &str, flow: &str) -> bool {
        flow_hash(collection, flow) % self.count == self.index - 1
    }

    /// True for the shard that reports the setup requests (shard 1).
    pub fn reports_setup(&self) -> bool {
        self.index == 1
    }
}

/// 64-bit FNV-1a of `collection::flow`: stable across platforms, runs and Rust versions
/// (unlike `DefaultHasher`).
pub fn flow_hash(collection: &str, flow: &str) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    [collection.as_bytes(), b"::", flow.as_bytes()]
        .into_iter()
        .flatten()
        .fold(OFFSET, |h, &b| (h ^ u64::from(b)).wrapping_mul(PRIME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_k_of_n() {
        assert_eq!("2/4".parse(), Ok(Shard { index: 2, count: 4 }));
        assert_eq!(" 1 / 1 ".parse(), Ok(Shard { index: 1, count: 1 }));
        assert!(matches!(
            "0/4".parse::<Shard>(),
            Err(ShardError::Range { .. })
        ));
        assert!(matches!(
            "5/4".parse::<Shard>(),
            Err(ShardError::Range { .. })
        ));
        assert!(matches!("2".parse::<Shard>(), Err(ShardError::Syntax(_))));
        assert!(matches!("a/b".parse::<Shard>(), Err(ShardError::Syntax(_))));
        assert_eq!(Shard { index: 3, count: 7 }.to_string(), "3/7");
    }

    #[test]
    fn hash_is_fnv1a_of_the_full_name() {
        // Pinned: a change of algorithm would reshuffle every CI matrix.
        assert_eq!(flow_hash("parallel", "folder 00"), 0x2304_6262_93de_e7b2);
        assert_ne!(flow_hash("a", "b::c"), flow_hash("a", "b"));
    }

    #[test]
    fn every_flow_has_exactly_one_shard() {
        for count in 1..=7 {
            for f in 0..50 {
                let name = format!("folder {f}");
                let owners = (1..=count)
                    .filter(|&index| Shard { index, count }.owns("c", &name))
                    .count();
                assert_eq!(owners, 1, "{name} in {count} shards");
            }
        }
    }
}
