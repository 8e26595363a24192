//! The HTML of finished cases, kept in a temporary file until the page is written, so
//! that a long run's report holds only where each case's HTML is, not the HTML.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where one piece of HTML is in the spool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Segment {
    start: u64,
    len: u64,
}

/// A temporary file of HTML pieces, removed when dropped.
pub(super) struct Spool {
    path: PathBuf,
    file: BufWriter<File>,
    end: u64,
}

impl Spool {
    /// A new, empty spool in the system's temporary folder.
    pub fn new() -> io::Result<Spool> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("pmcheck-html-{}-{n}.part", std::process::id()));
        let file = File::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)?;
        Ok(Spool {
            path,
            file: BufWriter::new(file),
            end: 0,
        })
    }

    /// Appends `html`, returning where it is.
    pub fn push(&mut self, html: &str) -> io::Result<Segment> {
        self.file.write_all(html.as_bytes())?;
        let segment = Segment {
            start: self.end,
            len: html.len() as u64,
        };
        self.end += segment.len;
        Ok(segment)
    }

    /// Copies the piece at `segment` to `out`.
    pub fn copy(&mut self, segment: Segment, out: &mut impl Write) -> io::Result<()> {
        self.file.flush()?;
        let file = self.file.get_mut();
        file.seek(SeekFrom::Start(segment.start))?;
        let copied = io::copy(&mut Read::take(&mut *file, segment.len), out)?;
        if copied == segment.len {
            Ok(())
        } else {
            Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("{} ends before the case's HTML", self.path.display()),
            ))
        }
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_come_back_in_any_order_and_the_file_goes() {
        let mut spool = Spool::new().expect("a temporary file");
        let a = spool.push("<p>a</p>").expect("written");
        let b = spool.push("<p>bé</p>").expect("written");
        let mut out = Vec::new();
        spool.copy(b, &mut out).expect("read");
        spool.copy(a, &mut out).expect("read");
        spool.copy(b, &mut out).expect("read");
        assert_eq!(
            String::from_utf8(out).expect("UTF-8"),
            "<p>bé</p><p>a</p><p>bé</p>"
        );
        let path = spool.path.clone();
        assert!(path.exists());
        drop(spool);
        assert!(!path.exists());
    }
}
