//! Tests of `{{name}}` templates: parsing, rendering, nesting and the expansion limit.

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

/// Twenty variables, each referring four times to the next; the last one is `leaf`.
fn exponential(leaf: &str) -> Scope {
    let mut scope = Scope::default();
    for index in 1..20 {
        let next = format!("{{{{v{}}}}}", index + 1);
        scope
            .environment
            .set(format!("v{index}"), next.repeat(4), false);
    }
    scope.environment.set("v20", leaf, false);
    scope
}

/// Renders `source` against `scope` on a thread; fails when that takes longer than
/// ten seconds (instead of running for hours).
fn render_within_three_seconds(scope: Scope, source: &'static str) -> String {
    let (done, rendered) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(render(&scope, &[], source).0);
    });
    match rendered.recv_timeout(std::time::Duration::from_secs(10)) {
        Ok(out) => out,
        Err(_) => panic!("rendering took more than ten seconds"),
    }
}

#[test]
fn exponential_expansion_stops_early() {
    // 4^19 expansions that produce nothing still stop: reading values counts.
    let out = render_within_three_seconds(exponential(""), "[{{v1}}]");
    assert!(out.len() <= 16 << 20);
}

#[test]
fn exponential_expansion_is_an_error_naming_the_variable() {
    for leaf in ["", "sixteen bytes..."] {
        let scope = exponential(leaf);
        let mut dynamic = DynamicVars::new(Some(7));
        let mut resolver = Resolver::new(&scope, &[], &mut dynamic);
        assert_eq!(resolver.render_str("before {{v1}} after"), "");
        let error = resolver.exceeded().cloned();
        assert_eq!(
            error,
            Some(ExpansionError {
                name: "v1".into(),
                limit: DEFAULT_MAX_EXPANSION,
            })
        );
        // Nothing more is rendered once the limit was hit.
        assert_eq!(resolver.render_str("{{v20}}"), "");
        assert_eq!(
            error.map(|e| e.to_string()).as_deref(),
            Some(
                "expanding variable \"v1\" exceeds the limit of 16777216 bytes per \
                 expansion (--max-expansion)"
            )
        );
    }
}

#[test]
fn the_limit_counts_what_variables_make() {
    let mut scope = Scope::default();
    scope.environment.set("ten", "0123456789", false);
    scope.environment.set("twice", "{{ten}}{{ten}}", false);
    let rendered = |source: &str, limit: usize| {
        let mut dynamic = DynamicVars::new(Some(7));
        let mut resolver = Resolver::new(&scope, &[], &mut dynamic);
        resolver.set_limit(limit);
        let out = resolver.render_str(source);
        (out, resolver.exceeded().map(|e| e.name.clone()))
    };
    // The text as written is not counted, its variables' values are.
    let long = "x".repeat(100);
    let source = format!("{long}{{{{ten}}}}{{{{ten}}}}");
    assert_eq!(
        rendered(&source, 20),
        (format!("{long}01234567890123456789"), None)
    );
    assert_eq!(rendered(&source, 19), (String::new(), Some("ten".into())));
    // A value with references counts as read, and again for what it makes.
    assert_eq!(rendered("{{twice}}", 34).1, None);
    assert_eq!(rendered("{{twice}}", 33).1, Some("twice".into()));
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
