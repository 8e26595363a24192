//! `{{name}}` templates and their rendering against a [`Scope`].

use std::collections::BTreeSet;

use super::dynamic::DynamicVars;
use super::scope::{Scope, VarMap};

/// How many nested substitution passes Postman makes before leaving references as they are.
const MAX_DEPTH: usize = 19;

/// One piece of a parsed template.
#[cfg(any(test, feature = "internals"))]
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// Text copied as is.
    Text(String),
    /// A `{{name}}` reference, holding the name between the braces.
    Ref(String),
}

/// A string parsed once into literal text and `{{name}}` references (Postman syntax: `{{`
/// then any chars except `{` and `}` then `}}`; the name is taken verbatim, no trimming;
/// text that does not match, such as a lone `{{` or `{{a{b}}`, stays literal).
#[cfg(any(test, feature = "internals"))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    source: String,
    parts: Vec<Part>,
}

/// A piece of template text: literal text, or the name inside a `{{...}}` reference.
enum Piece<'a> {
    Text(&'a str),
    Ref(&'a str),
}

/// Calls `piece` with each piece of `source` in order, matched the way Postman's
/// `/\{\{([^{}]*?)}}/g` matches (no empty text pieces).
fn scan<'a>(source: &'a str, mut piece: impl FnMut(Piece<'a>)) {
    let bytes = source.as_bytes();
    let mut text_start = 0;
    let mut index = 0;
    while index + 1 < bytes.len() {
        if bytes[index] == b'{' && bytes[index + 1] == b'{' {
            let name_start = index + 2;
            let name_end = bytes[name_start..]
                .iter()
                .position(|&b| b == b'{' || b == b'}')
                .map_or(bytes.len(), |offset| name_start + offset);
            if bytes[name_end..].starts_with(b"}}") {
                if text_start < index {
                    piece(Piece::Text(&source[text_start..index]));
                }
                piece(Piece::Ref(&source[name_start..name_end]));
                index = name_end + 2;
                text_start = index;
                continue;
            }
        }
        index += 1;
    }
    if text_start < source.len() {
        piece(Piece::Text(&source[text_start..]));
    }
}

/// True when `source` has a `{{` that opens no reference (it may once a reference inside
/// it is resolved, as in `{{host.{{id}}}}`).
fn opens_in_text(source: &str) -> bool {
    let mut opens = false;
    scan(source, |piece| {
        if let Piece::Text(text) = piece {
            opens |= text.contains("{{");
        }
    });
    opens
}

/// The names `source` refers to with `{{name}}`, in order (matched as [`Resolver`]
/// renders them).
pub(crate) fn references(source: &str) -> Vec<&str> {
    let mut names = Vec::new();
    scan(source, |piece| {
        if let Piece::Ref(name) = piece {
            names.push(name);
        }
    });
    names
}

#[cfg(any(test, feature = "internals"))]
impl Template {
    /// Parses `source` the way Postman's `/\{\{([^{}]*?)}}/g` matches it.
    pub fn parse(source: &str) -> Self {
        let mut parts = Vec::new();
        scan(source, |piece| {
            parts.push(match piece {
                Piece::Text(text) => Part::Text(text.to_string()),
                Piece::Ref(name) => Part::Ref(name.to_string()),
            });
        });
        Self {
            source: source.to_string(),
            parts,
        }
    }

    /// True when the string has no `{{...}}` reference (render is then a copy).
    pub fn is_literal(&self) -> bool {
        self.parts.iter().all(|part| matches!(part, Part::Text(_)))
    }

    /// Names referenced, in order (including `$dynamic` ones).
    pub fn references(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|part| match part {
            Part::Ref(name) => Some(name.as_str()),
            Part::Text(_) => None,
        })
    }

    /// The original text.
    pub fn source(&self) -> &str {
        &self.source
    }
}

/// Renders templates against a scope; collects the names it could not resolve.
#[derive(Debug)]
pub struct Resolver<'a> {
    scope: &'a Scope,
    folders: &'a [VarMap],
    dynamic: &'a mut DynamicVars,
    unresolved: BTreeSet<String>,
}

impl<'a> Resolver<'a> {
    /// A resolver over `scope` with the enclosing folders' variables (outermost first) and
    /// the run's dynamic-variable generator.
    pub fn new(scope: &'a Scope, folders: &'a [VarMap], dynamic: &'a mut DynamicVars) -> Self {
        Self {
            scope,
            folders,
            dynamic,
            unresolved: BTreeSet::new(),
        }
    }

    /// Substitutes every reference. A defined variable (even empty) gives its value; a value
    /// that itself contains `{{...}}` is resolved recursively (nested references), up to a
    /// depth of 19 passes like Postman, cycles stop and are left literal; `{{$name}}` for a
    /// known dynamic variable gives a fresh value per occurrence (a defined variable named
    /// `$name` in the scope wins over the dynamic one); an unresolved reference is emitted
    /// literally as `{{name}}` and its name recorded (so is a reference left by a cycle or
    /// by the depth limit).
    #[cfg(any(test, feature = "internals"))]
    pub fn render(&mut self, template: &Template) -> String {
        let mut out = String::with_capacity(template.source.len());
        let mut stack = Vec::new();
        self.render_into(template, 1, &mut stack, &mut out);
        out
    }

    /// Renders `source` as [`Resolver::render`] renders its template, scanning it as it
    /// goes: nothing is allocated for text without references.
    ///
    /// A reference whose name is made by another one (`{{host.{{id}}}}`) resolves as in
    /// Postman, which substitutes the whole text again while a pass changed it: the inner
    /// reference first, then the name it formed, up to the same depth limit.
    pub fn render_str(&mut self, source: &str) -> String {
        let mut out = String::with_capacity(source.len());
        let mut stack = Vec::new();
        self.render_source_into(source, 1, &mut stack, &mut out);
        if !out.contains("{{") || !opens_in_text(source) {
            return out;
        }
        // Another pass only where the last one may have formed a reference: its text had a
        // `{{` outside every reference (values' own references are resolved already). A
        // reference still unresolved is seen again by each pass: recorded once.
        let mut passes = 1;
        loop {
            let fed_opens = opens_in_text(&out);
            let mut next = String::with_capacity(out.len());
            self.render_source_into(&out, 1, &mut stack, &mut next);
            passes += 1;
            let settled = next == out;
            out = next;
            if settled || !fed_opens || passes >= MAX_DEPTH || !out.contains("{{") {
                break;
            }
        }
        out
    }

    /// Names left unresolved so far, sorted, de-duplicated.
    pub fn unresolved(&self) -> &BTreeSet<String> {
        &self.unresolved
    }

    /// Appends `template` rendered to `out`; `depth` is the pass its references belong to
    /// and `stack` the names whose values are being expanded around it.
    #[cfg(any(test, feature = "internals"))]
    fn render_into(
        &mut self,
        template: &Template,
        depth: usize,
        stack: &mut Vec<String>,
        out: &mut String,
    ) {
        for part in &template.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Ref(name) => self.render_reference(name, depth, stack, out),
            }
        }
    }

    /// [`Resolver::render_into`] for text not parsed into a [`Template`]: the same pieces,
    /// found as it goes.
    fn render_source_into(
        &mut self,
        source: &str,
        depth: usize,
        stack: &mut Vec<String>,
        out: &mut String,
    ) {
        scan(source, |piece| match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Ref(name) => self.render_reference(name, depth, stack, out),
        });
    }

    fn render_reference(
        &mut self,
        name: &str,
        depth: usize,
        stack: &mut Vec<String>,
        out: &mut String,
    ) {
        if depth > MAX_DEPTH || stack.iter().any(|open| open == name) {
            self.emit_unresolved(name, out);
            return;
        }
        let scope = self.scope;
        if let Some(variable) = scope.lookup(self.folders, name) {
            if variable.value.contains("{{") {
                stack.push(name.to_string());
                self.render_source_into(&variable.value, depth + 1, stack, out);
                stack.pop();
            } else {
                out.push_str(&variable.value);
            }
        } else if let Some(value) = self.dynamic.generate(name) {
            out.push_str(&value);
        } else {
            self.emit_unresolved(name, out);
        }
    }

    fn emit_unresolved(&mut self, name: &str, out: &mut String) {
        out.push_str("{{");
        out.push_str(name);
        out.push_str("}}");
        self.unresolved.insert(name.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(scope: &Scope, folders: &[VarMap], source: &str) -> (String, Vec<String>) {
        let mut dynamic = DynamicVars::new(Some(7));
        let mut resolver = Resolver::new(scope, folders, &mut dynamic);
        let out = resolver.render_str(source);
        (out, resolver.unresolved().iter().cloned().collect())
    }

    fn refs(source: &str) -> Vec<String> {
        Template::parse(source)
            .references()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn parse_finds_references_verbatim() {
        assert_eq!(refs("{{a}}/x/{{ b }}{{$guid}}"), ["a", " b ", "$guid"]);
        assert_eq!(refs("{{}}"), [""]);
        assert_eq!(refs("é{{ü}}ß"), ["ü"]);
        let template = Template::parse("pre {{name}} post");
        assert_eq!(template.source(), "pre {{name}} post");
        assert!(!template.is_literal());
    }

    #[test]
    fn malformed_braces_stay_literal() {
        for source in [
            "{{", "}}", "{{a", "{{a}", "{{a{b}}", "{{a}b}}", "{a}}", "{ {a} }", "",
        ] {
            let template = Template::parse(source);
            assert!(template.is_literal(), "{source:?} should be literal");
            let (out, unresolved) = render(&Scope::default(), &[], source);
            assert_eq!(out, source);
            assert!(unresolved.is_empty());
        }
    }

    #[test]
    fn extra_braces_around_a_reference() {
        let mut scope = Scope::default();
        scope.globals.set("a", "A", false);
        assert_eq!(refs("{{{a}}}"), ["a"]);
        assert_eq!(render(&scope, &[], "{{{a}}}").0, "{A}");
        assert_eq!(render(&scope, &[], "{{a{b}}{{a}}").0, "{{a{b}}A");
    }

    #[test]
    fn substitutes_using_precedence_and_folders() {
        let mut scope = Scope::default();
        scope.globals.set("host", "global.example", false);
        scope.collection.set("path", "collection", false);
        scope.environment.set("host", "env.example", false);
        let mut folder = VarMap::new();
        folder.set("path", "folder", false);
        let (out, unresolved) = render(&scope, &[folder], "https://{{host}}/{{path}}");
        assert_eq!(out, "https://env.example/folder");
        assert!(unresolved.is_empty());
    }

    #[test]
    fn empty_but_defined_substitutes_empty() {
        let mut scope = Scope::default();
        scope.environment.set("empty", "", false);
        let (out, unresolved) = render(&scope, &[], "[{{empty}}]");
        assert_eq!(out, "[]");
        assert!(unresolved.is_empty());
    }

    #[test]
    fn unresolved_is_literal_and_recorded_sorted_once() {
        let mut scope = Scope::default();
        scope.globals.set("known", "k", false);
        let (out, unresolved) = render(
            &scope,
            &[],
            "{{zeta}}-{{known}}-{{alpha}}-{{zeta}}-{{$noSuchDynamic}}",
        );
        assert_eq!(out, "{{zeta}}-k-{{alpha}}-{{zeta}}-{{$noSuchDynamic}}");
        assert_eq!(unresolved, ["$noSuchDynamic", "alpha", "zeta"]);
    }

    #[test]
    fn unresolved_accumulates_across_renders() {
        let scope = Scope::default();
        let mut dynamic = DynamicVars::new(Some(1));
        let mut resolver = Resolver::new(&scope, &[], &mut dynamic);
        resolver.render_str("{{b}}");
        resolver.render(&Template::parse("{{a}}"));
        let names: Vec<&str> = resolver.unresolved().iter().map(String::as_str).collect();
        assert_eq!(names, ["a", "b"]);
    }

    #[test]
    fn nested_references_resolve() {
        let mut scope = Scope::default();
        scope.environment.set("a", "{{b}}-x", false);
        scope.globals.set("b", "y", false);
        assert_eq!(render(&scope, &[], "{{a}}").0, "y-x");
        scope.local.set("c", "<{{a}}|{{a}}>", false);
        assert_eq!(render(&scope, &[], "{{c}}").0, "<y-x|y-x>");
    }

    #[test]
    fn names_made_by_inner_references_resolve_inner_first() {
        let mut scope = Scope::default();
        scope.local.set("one", "1", false);
        scope.local.set("host.1", "example.test", false);
        scope.local.set("two", "{{one}}", false);
        let (out, unresolved) = render(&scope, &[], "http://{{host.{{one}}}}/get");
        assert_eq!(out, "http://example.test/get");
        assert!(unresolved.is_empty());
        let (out, _) = render(&scope, &[], "{{host.{{two}}}}");
        assert_eq!(out, "example.test");
        let (out, unresolved) = render(&scope, &[], "{{host.{{one}}x}}");
        assert_eq!(out, "{{host.1x}}");
        assert_eq!(unresolved, ["host.1x"]);
        let (out, unresolved) = render(&scope, &[], "{{a.{{missing}}}}");
        assert_eq!(out, "{{a.{{missing}}}}");
        assert_eq!(unresolved, ["missing"]);
    }

    #[test]
    fn nested_unresolved_is_recorded() {
        let mut scope = Scope::default();
        scope.environment.set("a", "{{missing}}!", false);
        let (out, unresolved) = render(&scope, &[], "{{a}}");
        assert_eq!(out, "{{missing}}!");
        assert_eq!(unresolved, ["missing"]);
    }

    #[test]
    fn self_cycle_terminates() {
        let mut scope = Scope::default();
        scope.environment.set("a", "x{{a}}", false);
        let (out, unresolved) = render(&scope, &[], "{{a}}");
        assert_eq!(out, "x{{a}}");
        assert_eq!(unresolved, ["a"]);
    }

    #[test]
    fn mutual_cycle_terminates() {
        let mut scope = Scope::default();
        scope.environment.set("a", "{{b}}{{b}}", false);
        scope.environment.set("b", "{{a}}{{a}}", false);
        let (out, unresolved) = render(&scope, &[], "{{a}}");
        assert_eq!(out, "{{a}}{{a}}{{a}}{{a}}");
        assert_eq!(unresolved, ["a"]);
    }

    #[test]
    fn depth_limit_is_nineteen_passes() {
        let mut scope = Scope::default();
        for index in 1..=25 {
            scope.environment.set(
                format!("v{index}"),
                format!("{{{{v{}}}}}", index + 1),
                false,
            );
        }
        scope.environment.set("v26", "end", false);
        // 19 passes resolve v1 .. v19, leaving the reference to v20.
        let (out, unresolved) = render(&scope, &[], "{{v1}}");
        assert_eq!(out, "{{v20}}");
        assert_eq!(unresolved, ["v20"]);
        // A chain of exactly 19 references resolves fully.
        let (out, unresolved) = render(&scope, &[], "{{v8}}");
        assert_eq!(out, "end");
        assert!(unresolved.is_empty());
    }

    #[test]
    fn dynamic_values_are_fresh_per_occurrence() {
        let (out, unresolved) = render(&Scope::default(), &[], "{{$guid}} {{$guid}}");
        assert!(unresolved.is_empty());
        let (first, second) = out.split_once(' ').unwrap();
        assert_eq!(first.len(), 36);
        assert_eq!(second.len(), 36);
        assert_ne!(first, second);
    }

    #[test]
    fn dynamic_inside_nested_value() {
        let mut scope = Scope::default();
        scope.environment.set("id", "{{$randomUUID}}", false);
        let (out, unresolved) = render(&scope, &[], "{{id}}/{{id}}");
        assert!(unresolved.is_empty());
        let (first, second) = out.split_once('/').unwrap();
        assert_eq!(first.len(), 36);
        assert_ne!(first, second);
    }

    #[test]
    fn defined_variable_wins_over_dynamic() {
        let mut scope = Scope::default();
        scope.collection.set("$guid", "fixed", false);
        assert_eq!(render(&scope, &[], "{{$guid}}").0, "fixed");
    }

    #[test]
    fn seeded_rendering_is_reproducible() {
        let source = "{{$randomFirstName}} {{$randomInt}} {{$guid}}";
        let (a, _) = render(&Scope::default(), &[], source);
        let (b, _) = render(&Scope::default(), &[], source);
        assert_eq!(a, b);
    }
}
