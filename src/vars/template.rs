//! `{{name}}` templates and their rendering against a [`Scope`].

use std::collections::BTreeSet;
use std::ops::ControlFlow;

use super::dynamic::DynamicVars;
use super::scope::{Scope, VarMap};

/// How many nested substitution passes Postman makes before leaving references as they are.
const MAX_DEPTH: usize = 19;

/// The default of `--max-expansion`: how much text the variables of one text may make.
pub const DEFAULT_MAX_EXPANSION: usize = 16 * 1024 * 1024;

/// Expanding a text's references would make more than the limit allows; the work stops
/// there (nothing of that size is built).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "expanding variable {name:?} exceeds the limit of {limit} bytes per expansion \
     (--max-expansion)"
)]
pub struct ExpansionError {
    /// The variable, as written in the text, whose expansion went over the limit.
    pub name: String,
    /// The limit in bytes.
    pub limit: usize,
}

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
/// `/\{\{([^{}]*?)}}/g` matches (no empty text pieces), until it breaks.
fn scan<'a>(
    source: &'a str,
    mut piece: impl FnMut(Piece<'a>) -> ControlFlow<()>,
) -> ControlFlow<()> {
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
                    piece(Piece::Text(&source[text_start..index]))?;
                }
                piece(Piece::Ref(&source[name_start..name_end]))?;
                index = name_end + 2;
                text_start = index;
                continue;
            }
        }
        index += 1;
    }
    if text_start < source.len() {
        piece(Piece::Text(&source[text_start..]))?;
    }
    ControlFlow::Continue(())
}

/// True when `source` has a `{{` that opens no reference (it may once a reference inside
/// it is resolved, as in `{{host.{{id}}}}`).
fn opens_in_text(source: &str) -> bool {
    let mut opens = false;
    let _ = scan(source, |piece| {
        if let Piece::Text(text) = piece {
            opens |= text.contains("{{");
        }
        ControlFlow::Continue(())
    });
    opens
}

/// The names `source` refers to with `{{name}}`, in order (matched as [`Resolver`]
/// renders them).
pub(crate) fn references(source: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let _ = scan(source, |piece| {
        if let Piece::Ref(name) = piece {
            names.push(name);
        }
        ControlFlow::Continue(())
    });
    names
}

#[cfg(any(test, feature = "internals"))]
impl Template {
    /// Parses `source` the way Postman's `/\{\{([^{}]*?)}}/g` matches it.
    pub fn parse(source: &str) -> Self {
        let mut parts = Vec::new();
        let _ = scan(source, |piece| {
            parts.push(match piece {
                Piece::Text(text) => Part::Text(text.to_string()),
                Piece::Ref(name) => Part::Ref(name.to_string()),
            });
            ControlFlow::Continue(())
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

/// Renders templates against a scope; collects the names it could not resolve, and stops
/// at the first text whose variables make more than its limit.
#[derive(Debug)]
pub struct Resolver<'a> {
    scope: &'a Scope,
    folders: &'a [VarMap],
    dynamic: &'a mut DynamicVars,
    unresolved: BTreeSet<String>,
    /// How many bytes the variables of one text may make.
    limit: usize,
    /// What the variables of the text being rendered made so far.
    spent: usize,
    /// The expansion that went over the limit; nothing is rendered after it.
    exceeded: Option<ExpansionError>,
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
            limit: DEFAULT_MAX_EXPANSION,
            spent: 0,
            exceeded: None,
        }
    }

    /// Limits what the variables of one text may make to `limit` bytes (by default
    /// [`DEFAULT_MAX_EXPANSION`]): the text a reference expands to, counting a value that
    /// holds references again each time it is read, so that the limit bounds the work as
    /// well as the result.
    pub fn set_limit(&mut self, limit: usize) {
        self.limit = limit;
    }

    /// The expansion that went over the limit, if one did: the texts rendered since are
    /// empty.
    pub fn exceeded(&self) -> Option<&ExpansionError> {
        self.exceeded.as_ref()
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
        if self.exceeded.is_some() {
            return String::new();
        }
        self.spent = 0;
        let mut out = String::with_capacity(template.source.len());
        if self
            .render_into(template, 1, &mut Vec::new(), &mut out)
            .is_break()
        {
            return String::new();
        }
        out
    }

    /// Renders `source` as [`Resolver::render`] renders its template, scanning it as it
    /// goes: nothing is allocated for text without references.
    ///
    /// A reference whose name is made by another one (`{{host.{{id}}}}`) resolves as in
    /// Postman, which substitutes the whole text again while a pass changed it: the inner
    /// reference first, then the name it formed, up to the same depth limit.
    ///
    /// What the variables make is limited (see [`Resolver::set_limit`]): past the limit,
    /// the rendering stops, the text is empty and [`Resolver::exceeded`] says why.
    pub fn render_str(&mut self, source: &str) -> String {
        if self.exceeded.is_some() {
            return String::new();
        }
        self.spent = 0;
        let mut out = String::with_capacity(source.len());
        if self
            .render_source_into(source, 1, &mut Vec::new(), &mut out)
            .is_break()
        {
            return String::new();
        }
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
            if self
                .render_source_into(&out, 1, &mut Vec::new(), &mut next)
                .is_break()
            {
                return String::new();
            }
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
    /// and `stack` the names whose values are being expanded around it. Breaks when the
    /// limit is reached.
    #[cfg(any(test, feature = "internals"))]
    fn render_into<'s>(
        &mut self,
        template: &'s Template,
        depth: usize,
        stack: &mut Vec<&'s str>,
        out: &mut String,
    ) -> ControlFlow<()>
    where
        'a: 's,
    {
        for part in &template.parts {
            match part {
                Part::Text(text) => self.push_text(text, depth, stack, out)?,
                Part::Ref(name) => self.render_reference(name, depth, stack, out)?,
            }
        }
        ControlFlow::Continue(())
    }

    /// [`Resolver::render_into`] for text not parsed into a [`Template`]: the same pieces,
    /// found as it goes.
    fn render_source_into<'s>(
        &mut self,
        source: &'s str,
        depth: usize,
        stack: &mut Vec<&'s str>,
        out: &mut String,
    ) -> ControlFlow<()>
    where
        'a: 's,
    {
        scan(source, |piece| match piece {
            Piece::Text(text) => self.push_text(text, depth, stack, out),
            Piece::Ref(name) => self.render_reference(name, depth, stack, out),
        })
    }

    /// Counts `bytes` made by the variables of the text being rendered (`name` is the
    /// reference being expanded, `stack` the ones around it); breaks past the limit.
    fn spend(&mut self, bytes: usize, name: &str, stack: &[&str]) -> ControlFlow<()> {
        self.spent = self.spent.saturating_add(bytes);
        if self.spent <= self.limit {
            return ControlFlow::Continue(());
        }
        let name = stack.first().copied().unwrap_or(name);
        self.exceeded = Some(ExpansionError {
            name: name.to_string(),
            limit: self.limit,
        });
        ControlFlow::Break(())
    }

    /// Appends literal text; inside a value (below the first pass) it counts as made.
    fn push_text(
        &mut self,
        text: &str,
        depth: usize,
        stack: &[&str],
        out: &mut String,
    ) -> ControlFlow<()> {
        if depth > 1 {
            self.spend(text.len(), "", stack)?;
        }
        out.push_str(text);
        ControlFlow::Continue(())
    }

    fn render_reference<'s>(
        &mut self,
        name: &'s str,
        depth: usize,
        stack: &mut Vec<&'s str>,
        out: &mut String,
    ) -> ControlFlow<()>
    where
        'a: 's,
    {
        if depth > MAX_DEPTH || stack.contains(&name) {
            return self.emit_unresolved(name, depth, stack, out);
        }
        let scope: &'a Scope = self.scope;
        if let Some(variable) = scope.lookup(self.folders, name) {
            // A value is counted each time it is read: one with references as well as
            // what it makes, so that unbounded work stops as early as unbounded text.
            self.spend(variable.value.len(), name, stack)?;
            if variable.value.contains("{{") {
                stack.push(name);
                let flow = self.render_source_into(&variable.value, depth + 1, stack, out);
                stack.pop();
                flow
            } else {
                out.push_str(&variable.value);
                ControlFlow::Continue(())
            }
        } else if let Some(value) = self.dynamic.generate(name) {
            self.spend(value.len(), name, stack)?;
            out.push_str(&value);
            ControlFlow::Continue(())
        } else {
            self.emit_unresolved(name, depth, stack, out)
        }
    }

    fn emit_unresolved(
        &mut self,
        name: &str,
        depth: usize,
        stack: &[&str],
        out: &mut String,
    ) -> ControlFlow<()> {
        if depth > 1 {
            self.spend(name.len() + 4, name, stack)?;
        }
        out.push_str("{{");
        out.push_str(name);
        out.push_str("}}");
        self.unresolved.insert(name.to_string());
        ControlFlow::Continue(())
    }
}

#[cfg(test)]
#[path = "template_tests.rs"]
mod tests;
