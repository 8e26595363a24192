//! The libraries of Postman's sandbox, loaded on first use: `require(NAME)` and the globals
//! Postman defines (`_`, `CryptoJS`, `tv4`, …) find them in [`LIBRARIES`]. A library is a
//! CommonJS body written in this project (`module`, `exports`, `require` and its `native`
//! functions in scope); heavy work (hashing, ciphers, dates, JSON Schema, XML and HTML
//! parsing) is done by Rust natives set on `native` when the library loads. A script that
//! uses no library pays nothing: nothing here runs until the first `require` or global read.

mod modules;

use std::sync::Arc;

use rquickjs::{Ctx, Exception, Function, Object, Value};

pub use modules::{ModulesError, ScriptModules};

mod crypto;
mod csv_records;
mod html;
mod punycode;
mod schema;
mod url_parse;
mod xml;

#[cfg(test)]
mod buffer_tests;
#[cfg(test)]
mod crypto_tests;
#[cfg(test)]
mod cheerio_tests;
#[cfg(test)]
mod csv_tests;
#[cfg(test)]
mod moment_tests;
#[cfg(test)]
mod node_tests;
#[cfg(test)]
mod schema_tests;
#[cfg(test)]
mod postman_collection_tests;
#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod xml_tests;

/// The natives of one library, set on the object its source sees as `native`.
pub(crate) type Natives = for<'js> fn(&Ctx<'js>, &Object<'js>) -> rquickjs::Result<()>;

/// One library of the sandbox.
pub(crate) struct Library {
    /// The name `require` takes (`lodash`, `crypto-js`, `csv-parse/lib/sync`, `path`).
    pub name: &'static str,
    /// The CommonJS body; `None`: known to Postman, not supported here (`require` throws
    /// `not supported: require('NAME')` and `lint` names it).
    pub source: Option<&'static str>,
    /// Natives of the library, if it has any.
    pub natives: Option<Natives>,
    /// Globals Postman's sandbox defines as this library (`_` for lodash), read lazily.
    pub globals: &'static [&'static str],
}

/// The source of a lodash library: the functions, then `names` (the names it has), then the
/// chain and the export.
macro_rules! lodash {
    ($($names:literal),+) => {
        concat!(
            include_str!("lodash_core.js"),
            include_str!("lodash_array.js"),
            include_str!("lodash_object.js"),
            include_str!("lodash_string.js"),
            $(include_str!($names),)+
            include_str!("lodash_end.js")
        )
    };
}

const fn js(name: &'static str, source: &'static str) -> Library {
    Library {
        name,
        source: Some(source),
        natives: None,
        globals: &[],
    }
}

/// The JavaScript of the loader (`require`, the lazy globals and SugarJS's lazy prototype
/// methods), part of the prelude.
pub(crate) const LOADER_JS: &str = concat!(include_str!("loader.js"), include_str!("sugar_stubs.js"));

/// Every library `require` knows, built in.
pub(crate) static LIBRARIES: &[Library] = &[
    js("lodash", lodash!("lodash_names.js")),
    // Postman's `_` global is lodash 3 (`require('lodash')` is lodash 4).
    Library {
        globals: &["_"],
        ..js("pmcheck:lodash3", lodash!("lodash_names.js", "lodash3.js"))
    },
    js(
        "moment",
        concat!(include_str!("moment.js"), include_str!("moment_ops.js")),
    ),
    Library {
        name: "crypto-js",
        source: Some(concat!(include_str!("crypto.js"), include_str!("cipher.js"))),
        natives: Some(crypto::natives),
        globals: &["CryptoJS"],
    },
    Library {
        name: "ajv",
        source: Some(include_str!("ajv.js")),
        natives: Some(schema::natives),
        globals: &[],
    },
    Library {
        name: "tv4",
        source: Some(include_str!("tv4.js")),
        natives: Some(schema::natives),
        globals: &["tv4"],
    },
    js("uuid", include_str!("uuid.js")),
    Library {
        globals: &["atob"],
        ..js("atob", include_str!("atob.js"))
    },
    Library {
        globals: &["btoa"],
        ..js("btoa", include_str!("btoa.js"))
    },
    js("buffer", include_str!("buffer.js")),
    // The `Buffer` global: `require('buffer').Buffer`.
    Library {
        globals: &["Buffer"],
        ..js("pmcheck:Buffer", "module.exports = require('buffer').Buffer;")
    },
    Library {
        natives: Some(xml::natives),
        ..js(
            "xml2js",
            concat!(include_str!("xml2js.js"), include_str!("xml2js_builder.js")),
        )
    },
    Library {
        globals: &["xml2Json"],
        ..js("pmcheck:xml2json", include_str!("xml2json.js"))
    },
    Library {
        globals: &["cheerio"],
        natives: Some(html::natives),
        ..js("cheerio", include_str!("cheerio.js"))
    },
    Library {
        natives: Some(csv_records::natives),
        ..js("csv-parse/lib/sync", include_str!("csv_parse.js"))
    },
    js("postman-collection", include_str!("postman_collection.js")),
    js("path", include_str!("path.js")),
    js("assert", include_str!("assert.js")),
    js("util", include_str!("util.js")),
    Library {
        natives: Some(url_parse::natives),
        ..js("url", include_str!("url.js"))
    },
    Library {
        natives: Some(punycode::natives),
        ..js("punycode", include_str!("punycode.js"))
    },
    js("querystring", include_str!("querystring.js")),
    js("string_decoder", include_str!("string_decoder.js")),
    js("stream", include_str!("stream.js")),
    js("timers", include_str!("timers.js")),
    js("events", include_str!("events.js")),
    // SugarJS 1.x's prototype methods, loaded by the prelude's accessors (sugar_stubs.js).
    js(
        "pmcheck:sugar",
        concat!(
            include_str!("sugar_core.js"),
            include_str!("sugar_array.js"),
            include_str!("sugar_number.js"),
            include_str!("sugar_date.js")
        ),
    ),
    // Served from the prelude's own chai (loader.js), never loaded from here.
    js("chai", ""),
];

/// The built-in library `require(name)` loads (`node:path` is `path`).
pub(crate) fn find(name: &str) -> Option<&'static Library> {
    let name = name.strip_prefix("node:").unwrap_or(name);
    LIBRARIES.iter().find(|l| l.name == name)
}

/// Whether `require(name)` loads something built in.
pub(crate) fn is_supported(name: &str) -> bool {
    find(name).is_some_and(|l| l.source.is_some())
}

/// A module a script asks for by a literal name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Required {
    /// `require('NAME')`.
    Require(String),
    /// `pm.require('SPEC')`.
    Pm(String),
}

/// The modules `source` asks for with a string literal (`require('x')`, `require("x")`,
/// `pm.require('npm:x@1')`), in order, each once.
pub(crate) fn required(source: &str) -> Vec<Required> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = source[at..].find("require") {
        let start = at + found;
        at = start + "require".len();
        let before = source[..start].chars().next_back();
        let pm = source[..start].ends_with("pm.");
        if !pm && before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '.')
        {
            continue;
        }
        let rest = source[at..].trim_start();
        let Some(rest) = rest.strip_prefix('(') else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(quote) = rest.chars().next().filter(|c| matches!(c, '\'' | '"' | '`')) else {
            continue;
        };
        let Some(end) = rest[1..].find(quote) else {
            continue;
        };
        let name = &rest[1..1 + end];
        if name.is_empty() || (quote == '`' && name.contains("${")) {
            continue;
        }
        let item = if pm {
            Required::Pm(name.to_string())
        } else {
            Required::Require(name.to_string())
        };
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// Sets the loader's natives on `n`: `libGlobals` (`[[global, library], …]`);
/// `libLoad(name)`: the library's factory `function (module, exports, require, native)`
/// with its natives object, as `[factory, native]`; `undefined` for a library that is not
/// built in, `null` for one known but not supported; and `modLoad(request, from, npm)`: a
/// file of the script modules folder (`from`: the requiring module's file, or null) as
/// `[path, factory or JSON text, is_json]`, `undefined` when none matches.
pub(crate) fn natives<'js>(
    ctx: &Ctx<'js>,
    n: &Object<'js>,
    modules: Option<&Arc<ScriptModules>>,
) -> rquickjs::Result<()> {
    let globals = rquickjs::Array::new(ctx.clone())?;
    for library in LIBRARIES {
        for global in library.globals {
            let pair = rquickjs::Array::new(ctx.clone())?;
            pair.set(0, *global)?;
            pair.set(1, library.name)?;
            globals.set(globals.len(), pair)?;
        }
    }
    n.set("libGlobals", globals)?;
    n.set(
        "libLoad",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, name: String| -> rquickjs::Result<Value<'js>> {
                let Some(library) = find(&name) else {
                    return Ok(Value::new_undefined(ctx));
                };
                let Some(source) = library.source else {
                    return Ok(Value::new_null(ctx));
                };
                let factory: Function = ctx.eval(format!(
                    "(function (module, exports, require, native) {{\n{source}\n}})"
                ))?;
                let native = Object::new(ctx.clone())?;
                if let Some(natives) = library.natives {
                    natives(&ctx, &native)?;
                }
                let pair = rquickjs::Array::new(ctx.clone())?;
                pair.set(0, factory)?;
                pair.set(1, native)?;
                Ok(pair.into_value())
            },
        )?,
    )?;
    let modules = modules.cloned();
    n.set("modules", modules.is_some())?;
    n.set(
        "modLoad",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>,
                  request: String,
                  from: Option<String>,
                  npm: bool|
                  -> rquickjs::Result<Value<'js>> {
                let Some(modules) = &modules else {
                    return Ok(Value::new_undefined(ctx));
                };
                let found = if npm {
                    modules.resolve_npm(&request)
                } else {
                    modules.resolve(&request, from.as_deref().map(std::path::Path::new))
                };
                let found = match found {
                    Ok(Some(found)) => found,
                    Ok(None) => return Ok(Value::new_undefined(ctx)),
                    Err(e) => return Err(Exception::throw_message(&ctx, &e.to_string())),
                };
                let path = found.path.to_string_lossy().into_owned();
                let pair = rquickjs::Array::new(ctx.clone())?;
                pair.set(0, path.as_str())?;
                if found.json {
                    pair.set(1, found.source)?;
                } else {
                    // A `#!` line is not JavaScript; keep the line count for stack traces.
                    let source = match found.source.strip_prefix("#!") {
                        Some(rest) => rest.find('\n').map_or("", |i| &rest[i..]),
                        None => &found.source,
                    };
                    let mut options = rquickjs::context::EvalOptions::default();
                    options.strict = false;
                    options.filename = Some(path.clone());
                    let factory: Function = ctx.eval_with_options(
                        format!(
                            "(function (exports, require, module, __filename, __dirname) {{{source}\n}})"
                        ),
                        options,
                    )?;
                    pair.set(1, factory)?;
                }
                pair.set(2, found.json)?;
                Ok(pair.into_value())
            },
        )?,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_node_prefixes_resolve() {
        let mut names: Vec<_> = LIBRARIES.iter().map(|l| l.name).collect();
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count);
        assert!(find("node:path").is_some_and(|l| l.name == "path"));
        assert!(find("left-pad").is_none());
        assert!(is_supported("chai"));
    }

    #[test]
    fn literal_requires_are_found() {
        let source = "var a = require('x'); const b = require ( \"y/z\" );\n\
                      pm.require('npm:q@1.0.0'); my_require('no'); obj.require('no');\n\
                      require(name); require(`t`); require('x');";
        assert_eq!(
            required(source),
            [
                Required::Require("x".into()),
                Required::Require("y/z".into()),
                Required::Pm("npm:q@1.0.0".into()),
                Required::Require("t".into()),
            ]
        );
    }
}

#[cfg(test)]
mod script_eval;
#[cfg(test)]
mod lodash_tests;
#[cfg(test)]
mod sugar_tests;
