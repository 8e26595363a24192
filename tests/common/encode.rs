//! Response bodies compressed with an HTTP content coding, for the `/encoded` route.

/// `plain` compressed with the HTTP content coding `coding` (`gzip`, `deflate` (zlib),
/// `br`; anything else: as is).
pub(super) fn encode(coding: &str, plain: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut out = Vec::new();
    let level = flate2::Compression::default();
    let mut writer: Box<dyn Write + '_> = match coding {
        "gzip" => Box::new(flate2::write::GzEncoder::new(&mut out, level)),
        "deflate" => Box::new(flate2::write::ZlibEncoder::new(&mut out, level)),
        "br" => Box::new(brotli::CompressorWriter::new(&mut out, 4096, 5, 22)),
        _ => Box::new(&mut out),
    };
    writer.write_all(plain).unwrap();
    drop(writer); // finishes the stream
    out
}
