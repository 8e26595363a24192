//! Natives of `csv-parse/lib/sync`: records split by the `csv` crate, each with the line
//! it starts on, for the JavaScript side to shape (columns, casts, line ranges).

use rquickjs::{Ctx, Exception, Function, Object};

/// The largest input parsed (bytes).
const MAX_CSV: usize = 8 << 20;

/// The dialect the script asked for.
#[derive(Debug, serde::Deserialize)]
struct Dialect {
    delimiter: String,
    quote: Option<String>,
    escape: Option<String>,
    comment: Option<String>,
    trim: bool,
}

fn byte(option: &str, value: &str) -> Result<u8, String> {
    match value.as_bytes() {
        [b] => Ok(*b),
        _ => Err(format!("not supported: csv-parse option {option} {value:?} (one ASCII character)")),
    }
}

/// `[[line, [field, …]], …]` as JSON, or the reader's error.
fn records(input: &str, dialect: &Dialect) -> Result<String, String> {
    if input.len() > MAX_CSV {
        return Err(format!("CSV input larger than {MAX_CSV} bytes"));
    }
    let mut builder = csv::ReaderBuilder::new();
    builder
        .has_headers(false)
        .flexible(true)
        .delimiter(byte("delimiter", &dialect.delimiter)?);
    match dialect.quote.as_deref() {
        Some(quote) => builder.quote(byte("quote", quote)?),
        None => builder.quoting(false),
    };
    if let Some(escape) = dialect.escape.as_deref().filter(|e| *e != "\"") {
        builder.escape(Some(byte("escape", escape)?)).double_quote(false);
    }
    if let Some(comment) = dialect.comment.as_deref() {
        builder.comment(Some(byte("comment", comment)?));
    }
    if dialect.trim {
        builder.trim(csv::Trim::Fields);
    }
    let mut out = Vec::new();
    for record in builder.from_reader(input.as_bytes()).into_records() {
        let record = record.map_err(|e| e.to_string())?;
        let line = record.position().map_or(0, |p| p.line());
        let fields: Vec<&str> = record.iter().collect();
        out.push(serde_json::json!([line, fields]));
    }
    Ok(serde_json::Value::Array(out).to_string())
}

/// Sets `records(input, dialect)` on `n` (see [`records`]).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, n: &Object<'js>) -> rquickjs::Result<()> {
    n.set(
        "records",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, input: String, dialect: String| -> rquickjs::Result<String> {
                let dialect: Dialect = serde_json::from_str(&dialect)
                    .map_err(|e| Exception::throw_type(&ctx, &e.to_string()))?;
                records(&input, &dialect).map_err(|e| Exception::throw_message(&ctx, &e))
            },
        )?,
    )?;
    Ok(())
}
