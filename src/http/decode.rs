//! Content decoding of response bodies (`gzip`, `deflate`, `br`), as Newman does, under
//! the body cap: the cap bounds the decoded size, so a small compressed body that
//! inflates to gigabytes stops at the cap instead of filling memory.

use std::io::{self, Write};

/// Why a body could not be decoded.
#[derive(Debug)]
pub(super) enum DecodeError {
    /// The decoded body grew past the cap.
    TooLarge,
    /// The bytes are not valid data of the named coding.
    Corrupt {
        /// `gzip`, `deflate` or `br`.
        coding: &'static str,
        /// What the decoder reported.
        detail: String,
    },
}

/// A `Vec` that refuses to grow past `limit` bytes.
struct Capped {
    bytes: Vec<u8>,
    limit: usize,
    overflowed: bool,
}

impl Write for Capped {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.bytes.len() + data.len() > self.limit {
            self.overflowed = true;
            return Err(io::Error::other("body cap reached"));
        }
        self.bytes.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

enum Coding {
    Identity(Capped),
    Gzip(flate2::write::MultiGzDecoder<Capped>),
    /// `deflate` before its first two bytes tell zlib-wrapped data (as the standard says)
    /// from raw deflate data (as many servers send), like browsers and Node tell them.
    Sniffing(Capped, Vec<u8>),
    Zlib(flate2::write::ZlibDecoder<Capped>),
    RawDeflate(flate2::write::DeflateDecoder<Capped>),
    Brotli(Box<brotli_decompressor::DecompressorWriter<Capped>>),
}

/// Decodes a body chunk by chunk into at most `limit` bytes.
pub(super) struct BodyDecoder {
    coding: Coding,
}

impl BodyDecoder {
    /// A decoder for a response whose `Content-Encoding` is `encoding` (`None`, unknown
    /// codings and `identity` leave the body as received).
    pub fn new(encoding: Option<&str>, limit: usize) -> Self {
        let sink = Capped {
            bytes: Vec::new(),
            limit,
            overflowed: false,
        };
        let coding = match encoding.map(|e| e.trim().to_ascii_lowercase()).as_deref() {
            Some("gzip" | "x-gzip") => Coding::Gzip(flate2::write::MultiGzDecoder::new(sink)),
            Some("deflate") => Coding::Sniffing(sink, Vec::new()),
            Some("br") => Coding::Brotli(Box::new(brotli_decompressor::DecompressorWriter::new(sink, 8192))),
            _ => Coding::Identity(sink),
        };
        BodyDecoder { coding }
    }

    /// Feeds the next received chunk.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), DecodeError> {
        if let Coding::Sniffing(_, start) = &mut self.coding {
            start.extend_from_slice(chunk);
            if start.len() < 2 {
                return Ok(());
            }
            let start = self.settle_deflate();
            return self.write(&start);
        }
        self.write(chunk)
    }

    /// Picks the zlib or the raw deflate decoder by the bytes seen; returns those bytes.
    fn settle_deflate(&mut self) -> Vec<u8> {
        let placeholder = Coding::Identity(Capped {
            bytes: Vec::new(),
            limit: 0,
            overflowed: false,
        });
        let Coding::Sniffing(sink, start) = std::mem::replace(&mut self.coding, placeholder)
        else {
            return Vec::new();
        };
        let zlib = start.len() >= 2
            && start[0] & 0x0f == 8
            && u16::from_be_bytes([start[0], start[1]]) % 31 == 0;
        self.coding = if zlib {
            Coding::Zlib(flate2::write::ZlibDecoder::new(sink))
        } else {
            Coding::RawDeflate(flate2::write::DeflateDecoder::new(sink))
        };
        start
    }

    fn write(&mut self, data: &[u8]) -> Result<(), DecodeError> {
        let result = match &mut self.coding {
            Coding::Identity(sink) => sink.write_all(data),
            Coding::Sniffing(..) => Ok(()),
            Coding::Gzip(d) => d.write_all(data),
            Coding::Zlib(d) => d.write_all(data),
            Coding::RawDeflate(d) => d.write_all(data),
            Coding::Brotli(d) => d.write_all(data),
        };
        result.map_err(|err| self.error(&err))
    }

    /// The whole decoded body.
    pub fn finish(mut self) -> Result<Vec<u8>, DecodeError> {
        if matches!(self.coding, Coding::Sniffing(..)) {
            let start = self.settle_deflate();
            self.write(&start)?;
        }
        let result = match &mut self.coding {
            Coding::Identity(_) | Coding::Sniffing(..) => Ok(()),
            Coding::Gzip(d) => d.try_finish(),
            Coding::Zlib(d) => d.try_finish(),
            Coding::RawDeflate(d) => d.try_finish(),
            Coding::Brotli(d) => d.close(),
        };
        result.map_err(|err| self.error(&err))?;
        let corrupt = |coding, err: io::Error| DecodeError::Corrupt {
            coding,
            detail: err.to_string(),
        };
        // The decoders are finished: taking their output cannot fail any more.
        match self.coding {
            Coding::Identity(sink) | Coding::Sniffing(sink, _) => Ok(sink.bytes),
            Coding::Gzip(d) => d.finish().map(|s| s.bytes).map_err(|e| corrupt("gzip", e)),
            Coding::Zlib(d) => d.finish().map(|s| s.bytes).map_err(|e| corrupt("deflate", e)),
            Coding::RawDeflate(d) => d.finish().map(|s| s.bytes).map_err(|e| corrupt("deflate", e)),
            Coding::Brotli(d) => match d.into_inner() {
                Ok(sink) | Err(sink) => Ok(sink.bytes),
            },
        }
    }

    fn error(&self, err: &io::Error) -> DecodeError {
        let (sink, coding) = match &self.coding {
            Coding::Identity(sink) | Coding::Sniffing(sink, _) => (sink, "identity"),
            Coding::Gzip(d) => (d.get_ref(), "gzip"),
            Coding::Zlib(d) => (d.get_ref(), "deflate"),
            Coding::RawDeflate(d) => (d.get_ref(), "deflate"),
            Coding::Brotli(d) => (d.get_ref(), "br"),
        };
        if sink.overflowed {
            DecodeError::TooLarge
        } else {
            DecodeError::Corrupt {
                coding,
                detail: err.to_string(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn decode(encoding: Option<&str>, body: &[u8], limit: usize, chunk: usize) -> Result<Vec<u8>, DecodeError> {
        let mut decoder = BodyDecoder::new(encoding, limit);
        for part in body.chunks(chunk.max(1)) {
            decoder.push(part)?;
        }
        decoder.finish()
    }

    #[test]
    fn every_coding_decodes_in_any_chunking() {
        let text = b"hello hello hello compressed world".repeat(50);
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        zlib.write_all(&text).unwrap();
        let zlib = zlib.finish().unwrap();
        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        raw.write_all(&text).unwrap();
        let raw = raw.finish().unwrap();
        let mut br = Vec::new();
        brotli::CompressorWriter::new(&mut br, 4096, 5, 22).write_all(&text).unwrap();
        for chunk in [1, 7, 100_000] {
            assert_eq!(decode(Some("gzip"), &gzip(&text), 1 << 20, chunk).unwrap(), text);
            assert_eq!(decode(Some("X-Gzip"), &gzip(&text), 1 << 20, chunk).unwrap(), text);
            assert_eq!(decode(Some("deflate"), &zlib, 1 << 20, chunk).unwrap(), text);
            assert_eq!(decode(Some("deflate"), &raw, 1 << 20, chunk).unwrap(), text);
            assert_eq!(decode(Some(" br"), &br, 1 << 20, chunk).unwrap(), text);
            assert_eq!(decode(None, &text, 1 << 20, chunk).unwrap(), text);
            assert_eq!(decode(Some("compress"), &text, 1 << 20, chunk).unwrap(), text);
        }
    }

    #[test]
    fn the_cap_bounds_the_decoded_size() {
        // 64 MiB of zeros compress to about 64 KiB.
        let bomb = gzip(&vec![0u8; 64 << 20]);
        assert!(bomb.len() < 1 << 20);
        assert!(matches!(
            decode(Some("gzip"), &bomb, 1 << 20, 8192),
            Err(DecodeError::TooLarge)
        ));
        assert!(matches!(
            decode(None, &[1u8; 11], 10, 3),
            Err(DecodeError::TooLarge)
        ));
        assert_eq!(decode(None, &[1u8; 10], 10, 3).unwrap().len(), 10);
    }

    #[test]
    fn corrupt_data_is_an_error() {
        assert!(matches!(
            decode(Some("gzip"), b"not gzip at all", 1 << 20, 4),
            Err(DecodeError::Corrupt { coding: "gzip", .. })
        ));
        let mut truncated = gzip(b"some text that is long enough");
        truncated.truncate(truncated.len() / 2);
        assert!(matches!(
            decode(Some("gzip"), &truncated, 1 << 20, 4),
            Err(DecodeError::Corrupt { .. })
        ));
    }
}
