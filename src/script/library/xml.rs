//! The XML parser behind `xml2js` and `xml2Json`: a document parsed by `roxmltree` into a
//! tree the JavaScript side walks as sax events. An element is
//! `[name, [attribute, value, …], child, …]` with names as written (prefix included,
//! namespace declarations among the attributes); text is a string, text with CDATA in it
//! `[null, text]`.

use rquickjs::{Ctx, Function, Object};
use serde_json::Value;

/// The largest document parsed (bytes); a larger one is an error to the script.
const MAX_XML: usize = 8 << 20;

/// Sets `parse(xml)` on `n`: the tree as JSON, or throws the parser's error.
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, n: &Object<'js>) -> rquickjs::Result<()> {
    n.set(
        "parse",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, xml: String| -> rquickjs::Result<String> {
                tree_json(&xml).map_err(|message| {
                    rquickjs::Exception::throw_message(&ctx, &message)
                })
            },
        )?,
    )?;
    Ok(())
}

/// The root element of `xml` as the JSON tree, or the parse error's message.
fn tree_json(xml: &str) -> Result<String, String> {
    if xml.len() > MAX_XML {
        return Err(format!("XML document larger than {MAX_XML} bytes"));
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let document = roxmltree::Document::parse_with_options(xml, options).map_err(|e| e.to_string())?;
    Ok(element(xml, document.root_element()).to_string())
}

/// The raw qualified name at the start of the element's tag (`soap:Envelope`).
fn raw_name<'a>(xml: &'a str, node: roxmltree::Node) -> &'a str {
    let rest = xml.get(node.range().start + 1..).unwrap_or("");
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(rest.len());
    &rest[..end]
}

fn element(xml: &str, node: roxmltree::Node) -> Value {
    let mut attributes = Vec::new();
    // Namespaces declared on this element (in scope here, not in the parent's scope).
    let parent: Vec<_> = node
        .parent_element()
        .map(|p| p.namespaces().map(|ns| (ns.name(), ns.uri())).collect())
        .unwrap_or_default();
    for ns in node.namespaces() {
        if ns.name() == Some("xml") || parent.contains(&(ns.name(), ns.uri())) {
            continue;
        }
        attributes.push(Value::from(match ns.name() {
            Some(prefix) => format!("xmlns:{prefix}"),
            None => "xmlns".to_owned(),
        }));
        attributes.push(Value::from(ns.uri()));
    }
    for attribute in node.attributes() {
        let name = xml.get(attribute.range_qname()).unwrap_or(attribute.name());
        attributes.push(Value::from(name));
        attributes.push(Value::from(attribute.value()));
    }
    let mut out = vec![Value::from(raw_name(xml, node)), Value::Array(attributes)];
    for child in node.children() {
        if child.is_element() {
            out.push(element(xml, child));
        } else if child.is_text() {
            let text = Value::from(child.text().unwrap_or(""));
            // The source up to the next node: a text node's own range ends before a
            // CDATA section merged into it.
            let end = child
                .next_sibling()
                .map_or(node.range().end, |next| next.range().start);
            let raw = xml.get(child.range().start..end).unwrap_or("");
            // CDATA keeps a blank text (xml2js marks it); as `[null, text]`.
            out.push(if raw.contains("<![CDATA[") {
                Value::Array(vec![Value::Null, text])
            } else {
                text
            });
        }
    }
    Value::Array(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_names_namespaces_and_text() {
        let xml = r#"<s:E xmlns:s="urn:s" a="1"><s:B>x &amp; <![CDATA[<y>]]></s:B></s:E>"#;
        assert_eq!(
            tree_json(xml).unwrap(),
            r#"["s:E",["xmlns:s","urn:s","a","1"],["s:B",[],[null,"x & <y>"]]]"#
        );
        assert!(tree_json("<a>x</b>").is_err());
        assert!(tree_json(&"<a/>".repeat(MAX_XML)).is_err());
    }
}
