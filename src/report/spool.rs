//! Text of finished cases kept in a temporary file until a report is written at the end
//! of the run (the JUnit suites, the HTML page's cases), so that a long run's memory holds
//! only where each piece is, not the text.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where one piece of text is in the spool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment {
    start: u64,
    len: u64,
}

/// A temporary file of text pieces, removed when dropped. It is also a writer: what is
/// written through it is appended.
pub(crate) struct Spool {
    path: PathBuf,
    file: BufWriter<File>,
    end: u64,
}

impl Spool {
    /// A new, empty spool in the system's temporary folder, named after `report`.
    pub fn new(report: &str) -> io::Result<Spool> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let name = format!("pmcheck-{report}-{}-{n}.part", std::process::id());
        let path = std::env::temp_dir().join(name);
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

    /// Appends `text`, returning where it is.
    pub fn push(&mut self, text: &str) -> io::Result<Segment> {
        let start = self.end;
        self.write_all(text.as_bytes())?;
        Ok(Segment {
            start,
            len: text.len() as u64,
        })
    }

    /// Copies everything appended so far to `out`.
    pub fn copy_all(&mut self, out: &mut impl Write) -> io::Result<()> {
        let all = Segment {
            start: 0,
            len: self.end,
        };
        self.copy(all, out)
    }

    /// Copies the piece at `segment` to `out`; later appends still go to the end.
    pub fn copy(&mut self, segment: Segment, out: &mut impl Write) -> io::Result<()> {
        self.file.flush()?;
        let file = self.file.get_mut();
        file.seek(SeekFrom::Start(segment.start))?;
        let copied = io::copy(&mut Read::take(&mut *file, segment.len), out);
        file.seek(SeekFrom::End(0))?;
        if copied? == segment.len {
            Ok(())
        } else {
            Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("{} ends before the piece it holds", self.path.display()),
            ))
        }
    }
}

impl Write for Spool {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.end += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
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
        let mut spool = Spool::new("test").expect("a temporary file");
        let a = spool.push("<p>a</p>").expect("written");
        let b = spool.push("<p>bé</p>").expect("written");
        let mut out = Vec::new();
        spool.copy(b, &mut out).expect("read");
        spool.copy(a, &mut out).expect("read");
        spool.copy(b, &mut out).expect("read");
        write!(spool, "<i>c</i>").expect("written");
        spool.copy_all(&mut out).expect("read");
        assert_eq!(
            String::from_utf8(out).expect("UTF-8"),
            "<p>bé</p><p>a</p><p>bé</p><p>a</p><p>bé</p><i>c</i>"
        );
        let path = spool.path.clone();
        assert!(path.exists());
        drop(spool);
        assert!(!path.exists());
    }
}
