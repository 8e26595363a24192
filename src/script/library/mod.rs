//! The libraries of Postman's sandbox, loaded on first use: `require(NAME)` and the globals
//! Postman defines (`_`, `CryptoJS`, `tv4`, …) find them in [`LIBRARIES`]. A library is a
//! CommonJS body written in this project (`module`, `exports`, `require` and its `native`
//! functions in scope); heavy work (hashing, ciphers, dates, JSON Schema, XML and HTML
//! parsing) is done by Rust natives set on `native` when the library loads. A script that
//! uses no library pays nothing: nothing here runs until the first `require` or global read.

use rquickjs::{Ctx, Function, Object, Value};

mod csv_records;
mod html;
mod punycode;
mod url_parse;
mod xml;

#[cfg(test)]
mod cheerio_tests;
#[cfg(test)]
mod csv_tests;
#[cfg(test)]
mod node_tests;
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

const fn js(name: &'static str, source: &'static str) -> Library {
    Library {
        name,
        source: Some(source),
        natives: None,
        globals: &[],
    }
}

/// The JavaScript of the loader (`require` and the lazy globals), part of the prelude.
pub(crate) const LOADER_JS: &str = include_str!("loader.js");

/// Every library `require` knows, built in.
pub(crate) static LIBRARIES: &[Library] = &[
    Library {
        globals: &["_"],
        ..unsupported("lodash")
    },
    unsupported("moment"),
    Library {
        globals: &["CryptoJS"],
        ..unsupported("crypto-js")
    },
    unsupported("ajv"),
    Library {
        globals: &["tv4"],
        ..unsupported("tv4")
    },
    unsupported("uuid"),
    Library {
        globals: &["atob"],
        ..unsupported("atob")
    },
    Library {
        globals: &["btoa"],
        ..unsupported("btoa")
    },
    Library {
        globals: &["Buffer"],
        ..unsupported("buffer")
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
    // Served from the prelude's own chai (loader.js), never loaded from here.
    js("chai", ""),
];

const fn unsupported(name: &'static str) -> Library {
    Library {
        name,
        source: None,
        natives: None,
        globals: &[],
    }
}

/// The built-in library `require(name)` loads (`node:path` is `path`).
pub(crate) fn find(name: &str) -> Option<&'static Library> {
    let name = name.strip_prefix("node:").unwrap_or(name);
    LIBRARIES.iter().find(|l| l.name == name)
}

/// Whether `require(name)` loads something built in.
pub(crate) fn is_supported(name: &str) -> bool {
    find(name).is_some_and(|l| l.source.is_some())
}

/// Sets the loader's natives on `n`: `libGlobals()` (`[[global, library], …]`) and
/// `libLoad(name)`: the library's factory `function (module, exports, require, native)`
/// with its natives object, as `[factory, native]`; `undefined` for a library that is not
/// built in, `null` for one known but not supported.
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, n: &Object<'js>) -> rquickjs::Result<()> {
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
}
