//! Variable layers of a run and their Postman precedence.

use std::collections::HashMap;

/// One variable value; `secret` marks values that must be redacted in reports.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Variable {
    /// The value substituted for `{{name}}` (for a value that is not a string, its text as
    /// Postman renders it, JavaScript's `String(value)`), and what reports and exports show.
    pub value: String,
    /// True when the value must never appear in reports.
    pub secret: bool,
    /// The JSON text of a value that is not a string (a number, boolean, null, object or
    /// array a script set, or a JSON data file held): scripts read it back with its type
    /// for the rest of the run, as in Postman. `None` for a string.
    pub json: Option<String>,
}

/// Ordered map name -> Variable (insertion order kept; `set()` on an existing key
/// replaces the value in place). Lookups and changes are hashed: constant time whatever
/// the number of variables; a removal leaves a gap that a later compaction closes, so the
/// order [`VarMap::iter`] gives (what `toObject`, exports and iteration show) stays
/// Postman's. An empty map allocates nothing (scopes hold many of them).
#[derive(Debug, Clone, Default)]
pub struct VarMap {
    entries: Option<Box<Entries>>,
}

/// The variables of a non-empty [`VarMap`].
#[derive(Debug, Clone, Default)]
struct Entries {
    /// The entries in insertion order; `None` where one was removed.
    slots: Vec<Option<(String, Variable)>>,
    /// Where each defined name is in `slots`.
    index: HashMap<String, usize>,
}

impl Entries {
    /// Closes the gaps removals left, keeping the order.
    fn compact(&mut self) {
        self.slots.retain(Option::is_some);
        for (slot, entry) in self.slots.iter().enumerate() {
            if let Some((name, _)) = entry
                && let Some(at) = self.index.get_mut(name)
            {
                *at = slot;
            }
        }
    }
}

impl VarMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// The variable named `name`, if defined (an empty value counts as defined).
    pub fn get(&self, name: &str) -> Option<&Variable> {
        let entries = self.entries.as_deref()?;
        let slot = *entries.index.get(name)?;
        entries.slots[slot].as_ref().map(|(_, variable)| variable)
    }

    /// Defines `name` as a string; an existing entry keeps its position and gets the new
    /// value and flag.
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<String>, secret: bool) {
        let variable = Variable {
            value: value.into(),
            secret,
            json: None,
        };
        self.insert(name, variable);
    }

    /// Defines `name` as `variable` (typed or not), in place like [`VarMap::set`].
    pub fn insert(&mut self, name: impl Into<String>, variable: Variable) {
        let name = name.into();
        let entries = self.entries.get_or_insert_default();
        if let Some(&slot) = entries.index.get(&name)
            && let Some((_, old)) = entries.slots[slot].as_mut()
        {
            *old = variable;
            return;
        }
        entries.index.insert(name.clone(), entries.slots.len());
        entries.slots.push(Some((name, variable)));
    }

    /// Removes `name`, returning its variable if it was defined; the others keep their order.
    pub fn remove(&mut self, name: &str) -> Option<Variable> {
        let entries = self.entries.as_deref_mut()?;
        let slot = entries.index.remove(name)?;
        let removed = entries.slots[slot].take().map(|(_, variable)| variable);
        // Gaps are closed once they are the majority: a removal costs constant time on
        // average.
        if entries.slots.len() > 2 * entries.index.len() + 16 {
            entries.compact();
        }
        removed
    }

    /// True when `name` is defined.
    pub fn contains(&self, name: &str) -> bool {
        self.entries
            .as_deref()
            .is_some_and(|entries| entries.index.contains_key(name))
    }

    /// Removes every variable.
    pub fn clear(&mut self) {
        self.entries = None;
    }

    /// Number of variables.
    pub fn len(&self) -> usize {
        self.entries
            .as_deref()
            .map_or(0, |entries| entries.index.len())
    }

    /// True when no variable is defined.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The variables in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Variable)> {
        self.entries
            .iter()
            .flat_map(|entries| entries.slots.iter().flatten())
            .map(|(name, variable)| (name.as_str(), variable))
    }
}

impl PartialEq for VarMap {
    /// The same variables in the same order (wherever removals left gaps).
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for VarMap {}

impl FromIterator<(String, Variable)> for VarMap {
    /// Collects in order; a repeated name replaces the earlier value in place, like [`VarMap::set`].
    fn from_iter<I: IntoIterator<Item = (String, Variable)>>(iter: I) -> Self {
        let mut map = Self::new();
        for (name, variable) in iter {
            map.insert(name, variable);
        }
        map
    }
}

/// Postman's variable layers, lowest precedence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// Global variables (workspace-wide).
    Globals,
    /// Variables defined on the collection.
    Collection,
    /// The selected environment.
    Environment,
    /// The current iteration's data row.
    Data,
    /// Local (temporary) variables set by scripts during the run.
    Local,
}

/// Layered variables of a run with Postman precedence:
/// globals < collection < (folder variables) < environment < iteration data < local.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// Global variables.
    pub globals: VarMap,
    /// Collection variables.
    pub collection: VarMap,
    /// Environment variables.
    pub environment: VarMap,
    /// Iteration data variables.
    pub data: VarMap,
    /// Local variables.
    pub local: VarMap,
}

impl Scope {
    /// The map of one layer.
    pub fn layer(&self, layer: Layer) -> &VarMap {
        match layer {
            Layer::Globals => &self.globals,
            Layer::Collection => &self.collection,
            Layer::Environment => &self.environment,
            Layer::Data => &self.data,
            Layer::Local => &self.local,
        }
    }

    /// The map of one layer, for changes.
    pub fn layer_mut(&mut self, layer: Layer) -> &mut VarMap {
        match layer {
            Layer::Globals => &mut self.globals,
            Layer::Collection => &mut self.collection,
            Layer::Environment => &mut self.environment,
            Layer::Data => &mut self.data,
            Layer::Local => &mut self.local,
        }
    }

    /// Looks `name` up: local, then data, then environment, then `folders` from last
    /// (innermost folder) to first, then collection, then globals.
    pub fn lookup<'a>(&'a self, folders: &'a [VarMap], name: &str) -> Option<&'a Variable> {
        self.local
            .get(name)
            .or_else(|| self.data.get(name))
            .or_else(|| self.environment.get(name))
            .or_else(|| folders.iter().rev().find_map(|folder| folder.get(name)))
            .or_else(|| self.collection.get(name))
            .or_else(|| self.globals.get(name))
    }

    /// Every non-empty value marked secret in any layer (and in `folders`), for redaction;
    /// longest first, each value once.
    pub fn secret_values(&self, folders: &[VarMap]) -> Vec<String> {
        let layers = [
            &self.globals,
            &self.collection,
            &self.environment,
            &self.data,
            &self.local,
        ];
        let mut values: Vec<String> = layers
            .into_iter()
            .chain(folders)
            .flat_map(VarMap::iter)
            .filter(|(_, variable)| variable.secret && !variable.value.is_empty())
            .map(|(_, variable)| variable.value.clone())
            .collect();
        values.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        values.dedup();
        values
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAYERS: [Layer; 5] = [
        Layer::Globals,
        Layer::Collection,
        Layer::Environment,
        Layer::Data,
        Layer::Local,
    ];

    #[test]
    fn varmap_keeps_insertion_order_and_replaces_in_place() {
        let mut map = VarMap::new();
        assert!(map.is_empty());
        map.set("b", "1", false);
        map.set("a", "2", false);
        map.set("c", "3", false);
        map.set("b", "4", true);
        let names: Vec<&str> = map.iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["b", "a", "c"]);
        assert_eq!(
            map.get("b"),
            Some(&Variable {
                value: "4".into(),
                secret: true,
                json: None,
            })
        );
        assert_eq!(map.len(), 3);
        assert!(map.contains("a"));
        assert_eq!(map.remove("a").map(|v| v.value), Some("2".to_string()));
        assert!(!map.contains("a"));
        assert_eq!(map.remove("a"), None);
        let names: Vec<&str> = map.iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["b", "c"]);
        map.clear();
        assert!(map.is_empty());
        assert_eq!(map.get("b"), None);
    }

    #[test]
    fn varmap_from_iter_dedups_later_wins() {
        let var = |value: &str| Variable {
            value: value.into(),
            secret: false,
            json: (value == "3").then(|| "3".to_string()),
        };
        let map: VarMap = [
            ("x".to_string(), var("1")),
            ("y".to_string(), var("2")),
            ("x".to_string(), var("3")),
        ]
        .into_iter()
        .collect();
        let pairs: Vec<(&str, &str)> = map
            .iter()
            .map(|(name, v)| (name, v.value.as_str()))
            .collect();
        assert_eq!(pairs, [("x", "3"), ("y", "2")]);
        // The later value keeps its type.
        assert_eq!(map.get("x").unwrap().json.as_deref(), Some("3"));
    }

    /// Runs `work` on a thread and fails when it takes longer than `limit`, instead of
    /// waiting for a regression to finish.
    fn within(limit: std::time::Duration, work: impl FnOnce() + Send + 'static) {
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            work();
            let _ = done.send(());
        });
        assert!(
            finished.recv_timeout(limit).is_ok(),
            "did not finish within {limit:?}"
        );
    }

    #[test]
    fn a_hundred_thousand_variables_set_and_get_in_linear_time() {
        within(std::time::Duration::from_secs(3), || {
            let mut map = VarMap::new();
            for index in 0..100_000 {
                map.set(format!("v{index}"), index.to_string(), false);
            }
            for index in 0..100_000 {
                map.set(format!("v{index}"), "again", false);
                assert!(map.get(&format!("v{index}")).is_some());
            }
            for index in (0..100_000).step_by(2) {
                assert!(map.remove(&format!("v{index}")).is_some());
            }
            assert_eq!(map.len(), 50_000);
            assert_eq!(map.iter().next().map(|(name, _)| name), Some("v1"));
        });
    }

    #[test]
    fn order_survives_removals_and_reinsertions() {
        let mut map = VarMap::new();
        for name in ["a", "b", "c", "d", "e"] {
            map.set(name, name, false);
        }
        map.remove("b");
        map.remove("d");
        map.set("b", "again", false);
        map.set("c", "C", false);
        let pairs: Vec<(&str, &str)> = map
            .iter()
            .map(|(name, v)| (name, v.value.as_str()))
            .collect();
        assert_eq!(pairs, [("a", "a"), ("c", "C"), ("e", "e"), ("b", "again")]);
        assert_eq!(map.len(), 4);
        let mut same = VarMap::new();
        for (name, value) in [("a", "a"), ("c", "C"), ("e", "e"), ("b", "again")] {
            same.set(name, value, false);
        }
        assert_eq!(map, same);
        // Removing almost everything compacts without losing the order.
        for index in 0..100 {
            map.set(format!("x{index}"), "x", false);
        }
        for index in 0..99 {
            map.remove(&format!("x{index}"));
        }
        let names: Vec<&str> = map.iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["a", "c", "e", "b", "x99"]);
        assert_eq!(map.get("x99").map(|v| v.value.as_str()), Some("x"));
    }

    #[test]
    fn layer_accessors_match_fields() {
        let mut scope = Scope::default();
        for (index, layer) in LAYERS.into_iter().enumerate() {
            scope.layer_mut(layer).set("n", index.to_string(), false);
        }
        assert_eq!(scope.globals.get("n").unwrap().value, "0");
        assert_eq!(scope.collection.get("n").unwrap().value, "1");
        assert_eq!(scope.environment.get("n").unwrap().value, "2");
        assert_eq!(scope.data.get("n").unwrap().value, "3");
        assert_eq!(scope.local.get("n").unwrap().value, "4");
        for (index, layer) in LAYERS.into_iter().enumerate() {
            assert_eq!(
                scope.layer(layer).get("n").unwrap().value,
                index.to_string()
            );
        }
    }

    #[test]
    fn precedence_table() {
        let mut scope = Scope::default();
        for layer in LAYERS {
            scope.layer_mut(layer).set("v", format!("{layer:?}"), false);
        }
        let mut outer = VarMap::new();
        outer.set("v", "outer", false);
        let mut inner = VarMap::new();
        inner.set("v", "inner", false);
        let folders = [outer, inner];
        let expected = [
            (Some(Layer::Local), "Local"),
            (Some(Layer::Data), "Data"),
            (Some(Layer::Environment), "Environment"),
            (None, "inner"),
            (None, "outer"),
            (Some(Layer::Collection), "Collection"),
            (Some(Layer::Globals), "Globals"),
        ];
        let mut folders_left = folders.len();
        for (layer, value) in expected {
            assert_eq!(
                scope.lookup(&folders[..folders_left], "v").unwrap().value,
                value
            );
            match layer {
                Some(layer) => {
                    scope.layer_mut(layer).remove("v");
                }
                None => folders_left -= 1,
            }
        }
        assert_eq!(
            scope.lookup(&folders, "v").map(|v| v.value.as_str()),
            Some("inner")
        );
        assert_eq!(scope.lookup(&[], "v"), None);
    }

    #[test]
    fn innermost_folder_wins_only_over_outer_folders() {
        let mut scope = Scope::default();
        scope.collection.set("v", "collection", false);
        let mut outer = VarMap::new();
        outer.set("v", "outer", false);
        outer.set("only_outer", "o", false);
        let inner = VarMap::new();
        let folders = [outer, inner];
        assert_eq!(scope.lookup(&folders, "v").unwrap().value, "outer");
        assert_eq!(scope.lookup(&folders, "only_outer").unwrap().value, "o");
        scope.environment.set("v", "env", false);
        assert_eq!(scope.lookup(&folders, "v").unwrap().value, "env");
    }

    #[test]
    fn empty_value_is_defined() {
        let mut scope = Scope::default();
        scope.globals.set("v", "g", false);
        scope.local.set("v", "", false);
        assert_eq!(scope.lookup(&[], "v").unwrap().value, "");
    }

    #[test]
    fn secret_values_longest_first_unique_non_empty() {
        let mut scope = Scope::default();
        scope.globals.set("a", "short", true);
        scope.environment.set("b", "a-much-longer-secret", true);
        scope.local.set("c", "", true);
        scope.data.set("d", "visible-but-not-secret", false);
        scope.collection.set("e", "short", true);
        let mut folder = VarMap::new();
        folder.set("f", "folder-secret", true);
        assert_eq!(
            scope.secret_values(std::slice::from_ref(&folder)),
            ["a-much-longer-secret", "folder-secret", "short"]
        );
        assert_eq!(scope.secret_values(&[]), ["a-much-longer-secret", "short"]);
    }
}
