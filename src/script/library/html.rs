//! Natives of `cheerio`: HTML parsed by `scraper` (html5ever) into a node table, and CSS
//! selectors matched by `scraper`. The natives keep no state: each call parses the
//! document again, the same way, so node numbers agree between calls.

use std::collections::HashMap;

use ego_tree::NodeId;
use rquickjs::{Ctx, Exception, Function, Object};
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::{Value, json};

/// The largest document parsed (bytes).
const MAX_HTML: usize = 4 << 20;

/// A whole document (`<html>` or a doctype in it) or a fragment (no synthetic
/// `<html>`, `<head>` or `<body>` shown).
fn parse(html: &str) -> Result<Html, String> {
    if html.len() > MAX_HTML {
        return Err(format!("HTML document larger than {MAX_HTML} bytes"));
    }
    let lower = html.get(..html.len().min(1024)).unwrap_or("").to_ascii_lowercase();
    Ok(if lower.contains("<html") || lower.contains("<!doctype") {
        Html::parse_document(html)
    } else {
        Html::parse_fragment(html)
    })
}

/// Node numbers in document order.
fn numbers(html: &Html) -> HashMap<NodeId, usize> {
    html.tree.root().descendants().enumerate().map(|(i, n)| (n.id(), i)).collect()
}

/// The node table: `[kind, parent, …]` per node in document order; kinds 0 root,
/// 1 element (`name`, `[attribute, value, …]`), 2 text, 3 comment, 4 doctype and 5 the
/// fragment's synthetic `<html>` (its children are the root's).
fn table(html: &Html) -> String {
    let numbers = numbers(html);
    let fragment = matches!(html.tree.root().value(), Node::Fragment);
    let synthetic = if fragment {
        html.tree.root().first_child().map(|n| n.id())
    } else {
        None
    };
    let mut out = Vec::new();
    for node in html.tree.root().descendants() {
        let mut parent = node.parent().map_or(-1, |p| numbers[&p.id()] as i64);
        if node.parent().map(|p| p.id()) == synthetic {
            parent = 0;
        }
        out.push(match node.value() {
            Node::Document | Node::Fragment => json!([0, -1]),
            Node::Element(_) if Some(node.id()) == synthetic => json!([5, 0]),
            Node::Element(e) => {
                let attrs: Vec<&str> = e.attrs().flat_map(|(k, v)| [k, v]).collect();
                json!([1, parent, e.name(), attrs])
            }
            Node::Text(t) => json!([2, parent, &**t]),
            Node::Comment(c) => json!([3, parent, &**c]),
            Node::Doctype(d) => json!([4, parent, d.name()]),
            Node::ProcessingInstruction(p) => json!([3, parent, &*p.data]),
        });
    }
    Value::Array(out).to_string()
}

/// The numbers of the elements matching `selector` under the scope nodes (descendants), or
/// in the whole document when `scopes` is empty; in document order, without duplicates.
fn select(html: &Html, selector: &Selector, scopes: &[usize]) -> Vec<usize> {
    let numbers = numbers(html);
    let mut found: Vec<usize> = if scopes.is_empty() {
        html.select(selector).map(|e| numbers[&e.id()]).collect()
    } else {
        let nodes: Vec<_> = html.tree.root().descendants().collect();
        scopes
            .iter()
            .filter_map(|&i| nodes.get(i).copied())
            .filter_map(ElementRef::wrap)
            .flat_map(|scope| scope.select(selector).map(|e| numbers[&e.id()]).collect::<Vec<_>>())
            .collect()
    };
    found.sort_unstable();
    found.dedup();
    found
}

/// Which of the nodes match `selector`.
fn matches(html: &Html, selector: &Selector, nodes: &[usize]) -> Vec<bool> {
    let all: Vec<_> = html.tree.root().descendants().collect();
    nodes
        .iter()
        .map(|&i| {
            all.get(i)
                .copied()
                .and_then(ElementRef::wrap)
                .is_some_and(|e| selector.matches(&e))
        })
        .collect()
}

fn selector(ctx: &Ctx<'_>, text: &str) -> rquickjs::Result<Selector> {
    Selector::parse(text).map_err(|e| {
        Exception::throw_syntax(ctx, &format!("unsupported selector {text:?}: {e}"))
    })
}

/// Sets `parse(html)` (the node table as JSON), `select(html, selector, scopes)` and
/// `matches(html, selector, nodes)` on `n`.
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, n: &Object<'js>) -> rquickjs::Result<()> {
    let err = |ctx: &Ctx<'_>, e: String| Exception::throw_range(ctx, &e);
    n.set(
        "parse",
        Function::new(ctx.clone(), move |ctx: Ctx<'js>, html: String| -> rquickjs::Result<String> {
            Ok(table(&parse(&html).map_err(|e| err(&ctx, e))?))
        })?,
    )?;
    n.set(
        "select",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, html: String, sel: String, scopes: Vec<usize>| -> rquickjs::Result<Vec<usize>> {
                let selector = selector(&ctx, &sel)?;
                Ok(select(&parse(&html).map_err(|e| err(&ctx, e))?, &selector, &scopes))
            },
        )?,
    )?;
    n.set(
        "matches",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, html: String, sel: String, nodes: Vec<usize>| -> rquickjs::Result<Vec<bool>> {
                let selector = selector(&ctx, &sel)?;
                Ok(matches(&parse(&html).map_err(|e| err(&ctx, e))?, &selector, &nodes))
            },
        )?,
    )?;
    Ok(())
}
