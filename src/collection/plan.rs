//! Flattening collections into a plan: ordered steps with stable test names, their
//! inherited auth, scripts, behaviour and variables, grouped into flows.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::load::LoadedCollection;
use super::model::{Auth, Behavior, Event, Folder, Item, Request, SavedResponse, VariableDef};
use super::sidecar::{Sidecar, StepConfig};
use crate::vars::VarMap;

/// Everything a run will do, in document order.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// One entry per collection file.
    pub collections: Vec<PlannedCollection>,
}

impl Plan {
    /// Every step of every collection, in order.
    pub fn steps(&self) -> impl Iterator<Item = &Step> {
        self.collections.iter().flat_map(|c| c.steps.iter())
    }

    /// Number of steps.
    pub fn len(&self) -> usize {
        self.collections.iter().map(|c| c.steps.len()).sum()
    }

    /// True when no step was planned.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A collection's steps and flows.
#[derive(Debug, Clone)]
pub struct PlannedCollection {
    /// Collection name (`info.name`).
    pub name: String,
    /// The file it came from.
    pub path: PathBuf,
    /// Collection variables.
    pub variables: Vec<VariableDef>,
    /// Steps in document order (depth first).
    pub steps: Vec<Step>,
    /// Steps grouped by the folder that holds them, in order of first appearance.
    pub flows: Vec<Flow>,
    /// The collection's sidecar, if any.
    pub sidecar: Option<Sidecar>,
}

/// The requests directly inside one folder; root-level requests form the setup flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    /// Folder path joined with `::` (empty for the root-level setup).
    pub name: String,
    /// Indexes into [`PlannedCollection::steps`], in order.
    pub steps: Vec<usize>,
}

/// One request to run: becomes one test case.
#[derive(Debug, Clone)]
pub struct Step {
    /// Stable, unique test name: `collection::folder::…::request` (`#2` on duplicates).
    pub id: String,
    /// Request name.
    pub name: String,
    /// Names of the enclosing folders, outermost first.
    pub folders: Vec<String>,
    /// The request as written.
    pub request: Arc<Request>,
    /// Effective auth after inheritance (`None`: no auth).
    pub auth: Option<Arc<Auth>>,
    /// Variables of the enclosing folders, outermost first.
    pub folder_vars: Arc<[VarMap]>,
    /// Scripts in Postman's order: collection, folders (outer to inner), request.
    pub events: Vec<Arc<Event>>,
    /// Saved example responses.
    pub examples: Arc<[SavedResponse]>,
    /// Effective `protocolProfileBehavior`.
    pub behavior: Behavior,
    /// What the sidecar says about this request.
    pub config: Arc<StepConfig>,
}

impl Step {
    /// Non-disabled script sources listening on `listen` (`prerequest` or `test`), in order.
    pub fn scripts<'a>(&'a self, listen: &'a str) -> impl Iterator<Item = &'a str> {
        self.events
            .iter()
            .filter(move |e| e.listen == listen && !e.disabled && !e.source.trim().is_empty())
            .map(|e| e.source.as_str())
    }
}

/// Which items to keep: Newman's `--folder` (folder or request names; empty keeps all).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Folder or request names.
    pub names: Vec<String>,
}

impl Selection {
    fn keeps(&self, folders: &[String], request: &str) -> bool {
        self.names.is_empty()
            || self
                .names
                .iter()
                .any(|n| n == request || folders.iter().any(|f| f == n))
    }
}

/// Builds the plan of the loaded collections.
pub fn plan(collections: Vec<LoadedCollection>, selection: &Selection) -> Plan {
    Plan {
        collections: collections
            .into_iter()
            .map(|c| plan_collection(c, selection))
            .collect(),
    }
}

struct Inherited {
    auth: Option<Arc<Auth>>,
    events: Vec<Arc<Event>>,
    folder_vars: Arc<[VarMap]>,
    behavior: Behavior,
    folders: Vec<String>,
}

struct Planner<'a> {
    collection: String,
    sidecar: Option<&'a Sidecar>,
    selection: &'a Selection,
    steps: Vec<Step>,
    seen: HashMap<String, usize>,
}

fn plan_collection(loaded: LoadedCollection, selection: &Selection) -> PlannedCollection {
    let c = loaded.collection;
    let sidecar = loaded.sidecar;
    let mut planner = Planner {
        collection: c.info.name.clone(),
        sidecar: sidecar.as_ref(),
        selection,
        steps: Vec::new(),
        seen: HashMap::new(),
    };
    let root = Inherited {
        auth: c.auth.map(Arc::new),
        events: c.events.into_iter().map(Arc::new).collect(),
        folder_vars: Arc::from(Vec::new()),
        behavior: c.behavior,
        folders: Vec::new(),
    };
    planner.items(c.items, &root);
    let steps = planner.steps;
    let flows = flows(&steps);
    PlannedCollection {
        name: c.info.name,
        path: loaded.path,
        variables: c.variables,
        steps,
        flows,
        sidecar,
    }
}

fn var_map(defs: &[VariableDef]) -> VarMap {
    defs.iter()
        .filter(|v| !v.disabled)
        .map(|v| {
            (
                v.key.clone(),
                crate::vars::Variable {
                    value: v.value.clone(),
                    secret: v.secret,
                },
            )
        })
        .collect()
}

impl Planner<'_> {
    fn items(&mut self, items: Vec<Item>, parent: &Inherited) {
        for item in items {
            match item {
                Item::Folder(f) => self.folder(f, parent),
                Item::Request(r) => {
                    if !self.selection.keeps(&parent.folders, &r.name) {
                        continue;
                    }
                    let mut events = parent.events.clone();
                    events.extend(r.events.into_iter().map(Arc::new));
                    let auth = match &r.request.auth {
                        Some(a) => Some(Arc::new(a.clone())),
                        None => parent.auth.clone(),
                    }
                    .filter(|a| a.kind != "noauth");
                    let id = self.unique_id(&parent.folders, &r.name);
                    let config = Arc::new(
                        self.sidecar
                            .map(|s| s.config_for(&self.collection, &parent.folders, &r.name))
                            .unwrap_or_default(),
                    );
                    self.steps.push(Step {
                        id,
                        name: r.name,
                        folders: parent.folders.clone(),
                        request: Arc::new(r.request),
                        auth,
                        folder_vars: parent.folder_vars.clone(),
                        events,
                        examples: Arc::from(r.responses),
                        behavior: r.behavior.inherit(parent.behavior),
                        config,
                    });
                }
            }
        }
    }

    fn folder(&mut self, f: Folder, parent: &Inherited) {
        let mut events = parent.events.clone();
        events.extend(f.events.into_iter().map(Arc::new));
        let folder_vars: Arc<[VarMap]> = if f.variables.is_empty() {
            parent.folder_vars.clone()
        } else {
            let mut v = parent.folder_vars.to_vec();
            v.push(var_map(&f.variables));
            Arc::from(v)
        };
        let mut folders = parent.folders.clone();
        folders.push(f.name);
        let inherited = Inherited {
            auth: match f.auth {
                Some(a) => Some(Arc::new(a)),
                None => parent.auth.clone(),
            },
            events,
            folder_vars,
            behavior: f.behavior.inherit(parent.behavior),
            folders,
        };
        self.items(f.items, &inherited);
    }

    fn unique_id(&mut self, folders: &[String], name: &str) -> String {
        let mut base = self.collection.clone();
        for f in folders {
            base.push_str("::");
            base.push_str(f);
        }
        base.push_str("::");
        base.push_str(name);
        let n = self.seen.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            base
        } else {
            format!("{base} #{n}")
        }
    }
}

fn flows(steps: &[Step]) -> Vec<Flow> {
    let mut out: Vec<Flow> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, step) in steps.iter().enumerate() {
        let name = step.folders.join("::");
        let slot = *index.entry(name.clone()).or_insert_with(|| {
            out.push(Flow {
                name,
                steps: Vec::new(),
            });
            out.len() - 1
        });
        out[slot].steps.push(i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::load::parse_collection;
    use std::path::Path;

    fn planned(json: &str, selection: &Selection) -> PlannedCollection {
        let collection = parse_collection(Path::new("t.json"), json.as_bytes()).unwrap();
        let mut p = plan(
            vec![LoadedCollection {
                path: "t.json".into(),
                collection,
                sidecar: None,
            }],
            selection,
        );
        p.collections.remove(0)
    }

    const MIXED: &str = r#"{"info":{"name":"C","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
      "auth":{"type":"bearer","bearer":[{"key":"token","value":"t"}]},
      "event":[{"listen":"test","script":{"exec":["c"]}}],
      "item":[
        {"name":"root","request":"http://h/r"},
        {"name":"F","auth":{"type":"basic","basic":{"username":"u"}},
         "event":[{"listen":"test","script":{"exec":"f"}}],
         "variable":[{"key":"fv","value":"1"}],
         "item":[
           {"name":"a","request":{"url":"http://h/a","auth":{"type":"noauth"}},"event":[{"listen":"test","script":{"exec":"r"}}]},
           {"name":"G","item":[{"name":"b","request":"http://h/b"}]},
           {"name":"a","request":"http://h/a2"}
         ]}
      ]}"#;

    #[test]
    fn document_order_names_and_flows() {
        let c = planned(MIXED, &Selection::default());
        let ids: Vec<&str> = c.steps.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["C::root", "C::F::a", "C::F::G::b", "C::F::a #2"]);
        assert_eq!(
            c.flows,
            vec![
                Flow {
                    name: "".into(),
                    steps: vec![0]
                },
                Flow {
                    name: "F".into(),
                    steps: vec![1, 3]
                },
                Flow {
                    name: "F::G".into(),
                    steps: vec![2]
                },
            ]
        );
    }

    #[test]
    fn auth_scripts_and_variables_inherit() {
        let c = planned(MIXED, &Selection::default());
        assert_eq!(c.steps[0].auth.as_ref().unwrap().kind, "bearer");
        assert!(c.steps[1].auth.is_none(), "noauth stops inheritance");
        assert_eq!(c.steps[2].auth.as_ref().unwrap().kind, "basic");
        let scripts: Vec<&str> = c.steps[1].scripts("test").collect();
        assert_eq!(scripts, ["c", "f", "r"]);
        assert_eq!(c.steps[2].folder_vars.len(), 1);
        assert!(c.steps[0].folder_vars.is_empty());
    }

    #[test]
    fn folder_selection() {
        let sel = Selection {
            names: vec!["G".into(), "root".into()],
        };
        let c = planned(MIXED, &sel);
        let ids: Vec<&str> = c.steps.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["C::root", "C::F::G::b"]);
    }
}
