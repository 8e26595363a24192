//! Flattening collections into a plan: ordered steps with stable test names, their
//! inherited auth, scripts, behaviour and variables, grouped into flows.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use super::load::LoadedCollection;
use super::model::{
    Auth, Behavior, Body, Event, Folder, Item, Request, SavedResponse, VariableDef,
};
use super::sidecar::{Sidecar, StepConfig};
use crate::check::Example;
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
    /// The document's JSON text as loaded (a v1 collection's in its v2.1 form).
    pub source: Option<Arc<[u8]>>,
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
    /// Stable, unique test name: `collection::folder::…::request` (`#2` on duplicates); an
    /// unnamed request is shown by its URL.
    pub id: String,
    /// Request name ("" for an unnamed request, as Newman reports it).
    pub name: String,
    /// Which of the same-named requests of its folder this is, from 2 on (the `#2` of
    /// [`Step::id`]); `None` for the first.
    pub duplicate: Option<usize>,
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
    /// Each example's body as JSON (`None`: none, or not JSON), parsed on first use.
    parsed_examples: Arc<[OnceLock<Option<serde_json::Value>>]>,
    /// Effective `protocolProfileBehavior`.
    pub behavior: Behavior,
    /// What the sidecar says about this request.
    pub config: Arc<StepConfig>,
    /// 1-based line of the request's item in the collection file, when known.
    pub line: Option<usize>,
}

impl Step {
    /// The test name of this step in iteration `iteration` of `iterations`: its id, with
    /// ` [iter N]` when the run has several iterations (as `pmcheck list` prints it).
    pub fn test_name(&self, iteration: usize, iterations: usize) -> String {
        if iterations > 1 {
            format!("{} [iter {iteration}]", self.id)
        } else {
            self.id.clone()
        }
    }

    /// Why the step is not run, if it is not: the sidecar's `skip`, or `simulator_only`
    /// when the target is not the embedded simulator (`embedded` false). The one rule every
    /// way of running applies.
    pub fn skip_reason(&self, embedded: bool) -> Option<String> {
        self.config.skip.clone().or_else(|| {
            (self.config.simulator_only && !embedded)
                .then(|| "simulator only: runs against --target embedded".to_string())
        })
    }

    /// The saved examples of `status` whose bodies are JSON, in order; each body is parsed
    /// once per step, by the first case that compares with it.
    pub fn json_examples(&self, status: u16) -> Vec<Example<'_>> {
        self.examples
            .iter()
            .zip(self.parsed_examples.iter())
            .filter(|(e, _)| e.code == Some(status))
            .filter_map(|(e, parsed)| {
                let body = parsed.get_or_init(|| {
                    e.body
                        .as_deref()
                        .and_then(|b| serde_json::from_str(b).ok())
                });
                Some(Example {
                    name: &e.name,
                    body: body.as_ref()?,
                })
            })
            .collect()
    }

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

/// A sidecar asks for an order the collection cannot give.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "{}: the rule for {step} says before = {before:?}, but its folder holds no request of that name",
    sidecar.display()
)]
pub struct PlanError {
    /// The sidecar file.
    pub sidecar: PathBuf,
    /// The step that was to move.
    pub step: String,
    /// The sibling it was to run before.
    pub before: String,
}

/// Builds the plan of the loaded collections.
pub fn plan(collections: Vec<LoadedCollection>, selection: &Selection) -> Result<Plan, PlanError> {
    Ok(Plan {
        collections: collections
            .into_iter()
            .map(|c| plan_collection(c, selection))
            .collect::<Result<_, _>>()?,
    })
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

fn plan_collection(
    loaded: LoadedCollection,
    selection: &Selection,
) -> Result<PlannedCollection, PlanError> {
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
    let mut steps = planner.steps;
    if let Some(s) = &sidecar {
        reorder(&mut steps, &s.path, selection)?;
    }
    let flows = flows(&steps);
    Ok(PlannedCollection {
        name: c.info.name,
        path: loaded.path,
        variables: c.variables,
        steps,
        flows,
        sidecar,
        source: c.source,
    })
}

/// Moves each step whose sidecar rule says `before = NAME` to just before its sibling
/// `NAME` (collections list alternative steps, such as "Step 3a: Resend OTP", after the
/// step they stand in front of).
/// A sibling left out by `--folder` leaves the step where it is.
fn reorder(
    steps: &mut Vec<Step>,
    sidecar: &std::path::Path,
    selection: &Selection,
) -> Result<(), PlanError> {
    let moving: Vec<String> = steps
        .iter()
        .filter(|s| s.config.before.is_some())
        .map(|s| s.id.clone())
        .collect();
    for id in moving {
        let Some(from) = steps.iter().position(|s| s.id == id) else {
            continue;
        };
        let step = steps.remove(from);
        let before = step.config.before.as_deref().unwrap_or_default();
        let Some(to) = steps
            .iter()
            .position(|s| s.folders == step.folders && s.name == before)
        else {
            if !selection.names.is_empty() {
                steps.insert(from, step);
                continue;
            }
            return Err(PlanError {
                sidecar: sidecar.to_path_buf(),
                step: step.id,
                before: before.to_string(),
            });
        };
        steps.insert(to, step);
    }
    Ok(())
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
                    json: None,
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
                    let (id, duplicate) =
                        self.unique_id(&parent.folders, display_name(&r.name, &r.request));
                    let config = Arc::new(
                        self.sidecar
                            .map(|s| s.config_for(&self.collection, &parent.folders, &r.name))
                            .unwrap_or_default(),
                    );
                    let mut behavior = r.behavior.inherit(parent.behavior);
                    if config.follow_redirects.is_some() {
                        behavior.follow_redirects = config.follow_redirects;
                    }
                    let mut request = r.request;
                    if let Some(text) = &config.body {
                        let language = match request.body {
                            Some(Body::Raw { language, .. }) => language,
                            _ => None,
                        };
                        request.body = Some(Body::Raw {
                            text: text.clone(),
                            language,
                        });
                    }
                    self.steps.push(Step {
                        id,
                        name: r.name,
                        duplicate,
                        folders: parent.folders.clone(),
                        request: Arc::new(request),
                        auth,
                        folder_vars: parent.folder_vars.clone(),
                        events,
                        parsed_examples: r.responses.iter().map(|_| OnceLock::new()).collect(),
                        examples: Arc::from(r.responses),
                        behavior,
                        config,
                        line: r.line,
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

    /// The step's id and, from the second same-named request of a folder on, its number.
    fn unique_id(&mut self, folders: &[String], name: &str) -> (String, Option<usize>) {
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
            (base, None)
        } else {
            (format!("{base} #{n}"), Some(*n))
        }
    }
}

/// The name of a request in its test name: its own, or for an unnamed request (which
/// Newman reports with an empty name) its URL as written.
pub(crate) fn display_name<'a>(name: &'a str, request: &'a Request) -> &'a str {
    if !name.is_empty() {
        name
    } else if !request.url.raw.trim().is_empty() {
        request.url.raw.trim()
    } else {
        "(unnamed request)"
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
        with_sidecar(json, None, selection).unwrap()
    }

    fn with_sidecar(
        json: &str,
        sidecar: Option<&str>,
        selection: &Selection,
    ) -> Result<PlannedCollection, PlanError> {
        let collection = parse_collection(Path::new("t.json"), json.as_bytes()).unwrap();
        let sidecar = sidecar.map(|t| Sidecar::parse(Path::new("t.pmcheck.toml"), t).unwrap());
        let mut p = plan(
            vec![LoadedCollection {
                path: "t.json".into(),
                collection,
                sidecar,
            }],
            selection,
        )?;
        Ok(p.collections.remove(0))
    }

    fn ids(c: &PlannedCollection) -> Vec<&str> {
        c.steps.iter().map(|s| s.id.as_str()).collect()
    }

    const STEPS: &str = r#"{"info":{"name":"C","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
      "item":[{"name":"F","item":[
        {"name":"1","request":"http://h/1"},
        {"name":"2","request":{"url":"http://h/2","method":"POST","body":{"mode":"raw","raw":"x=1","options":{"raw":{"language":"text"}}}}},
        {"name":"2a","request":"http://h/2a"},
        {"name":"3","request":"http://h/3"}
      ]}]}"#;

    #[test]
    fn sidecar_moves_a_step_before_its_sibling() {
        let side = "[[rule]]\npath = \"F::2a\"\nbefore = \"2\"\n";
        let c = with_sidecar(STEPS, Some(side), &Selection::default()).unwrap();
        assert_eq!(ids(&c), ["C::F::1", "C::F::2a", "C::F::2", "C::F::3"]);
        assert_eq!(c.flows[0].steps, vec![0, 1, 2, 3]);
    }

    #[test]
    fn unknown_sibling_is_an_error_unless_selection_left_it_out() {
        let side = "[[rule]]\npath = \"F::2a\"\nbefore = \"Step 2\"\n";
        let err = with_sidecar(STEPS, Some(side), &Selection::default()).unwrap_err();
        assert_eq!(err.step, "C::F::2a");
        assert!(err.to_string().contains("t.pmcheck.toml"), "{err}");
        assert!(err.to_string().contains("\"Step 2\""), "{err}");
        let only = Selection {
            names: vec!["2a".into(), "3".into()],
        };
        let c = with_sidecar(STEPS, Some(side), &only).unwrap();
        assert_eq!(ids(&c), ["C::F::2a", "C::F::3"]);
    }

    #[test]
    fn sidecar_replaces_the_body_and_redirect_behaviour() {
        let side = "[[rule]]\npath = \"F::2\"\nbody = \"y={{v}}\"\nfollow_redirects = false\n";
        let c = with_sidecar(STEPS, Some(side), &Selection::default()).unwrap();
        assert_eq!(
            c.steps[1].request.body,
            Some(Body::Raw {
                text: "y={{v}}".into(),
                language: Some("text".into())
            })
        );
        assert_eq!(c.steps[1].behavior.follow_redirects, Some(false));
        assert_eq!(c.steps[2].behavior.follow_redirects, None);
        assert_eq!(c.steps[2].request.body, None);
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
