//! Natives of `punycode`: RFC 3492 encoding and decoding by the `idna` crate.

use rquickjs::{Ctx, Exception, Function, Object};

/// The longest label or string `encode`/`decode` take (characters).
const MAX_INPUT: usize = 1 << 16;

/// Sets `encode(string)` and `decode(string)` on `n`; both throw `RangeError` as
/// punycode.js does (`Overflow: input needs wider integers to process`, `Invalid input`).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, n: &Object<'js>) -> rquickjs::Result<()> {
    n.set(
        "encode",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, input: String| -> rquickjs::Result<String> {
                if input.len() > MAX_INPUT {
                    return Err(Exception::throw_range(&ctx, "Overflow: input needs wider integers to process"));
                }
                idna::punycode::encode_str(&input).ok_or_else(|| {
                    Exception::throw_range(&ctx, "Overflow: input needs wider integers to process")
                })
            },
        )?,
    )?;
    n.set(
        "decode",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, input: String| -> rquickjs::Result<String> {
                if input.len() > MAX_INPUT || !input.is_ascii() {
                    return Err(Exception::throw_range(&ctx, "Illegal input >= 0x80 (not a basic code point)"));
                }
                idna::punycode::decode_to_string(&input)
                    .ok_or_else(|| Exception::throw_range(&ctx, "Invalid input"))
            },
        )?,
    )?;
    Ok(())
}
