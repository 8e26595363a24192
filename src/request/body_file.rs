//! Reading a file body or a form-data file: regular files only, and never more than the
//! run's limit, so that a named pipe, a device such as `/dev/zero` or a huge file cannot
//! block the run or exhaust its memory.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use super::error::BuildError;

/// Why a body file gave no bytes.
#[derive(Debug)]
pub(super) enum Unread {
    /// It cannot be opened or read (missing, no permission): Newman sends the request
    /// without it and warns, so does pmcheck.
    Unreadable(std::io::Error),
    /// It is not a regular file or is over the limit: the request is not built.
    Refused(BuildError),
}

/// The bytes of the regular file at `path`, read up to `limit` bytes.
pub(super) fn read(path: &Path, limit: usize) -> Result<Vec<u8>, Unread> {
    // Looked at before it is opened: opening a named pipe waits for a writer.
    let metadata = std::fs::metadata(path).map_err(Unread::Unreadable)?;
    check(path, &metadata, limit)?;
    let file = File::open(path).map_err(Unread::Unreadable)?;
    // And what was opened is checked again, in case the path changed in between.
    check(path, &file.metadata().map_err(Unread::Unreadable)?, limit)?;
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    file.take(cap)
        .read_to_end(&mut bytes)
        .map_err(Unread::Unreadable)?;
    if bytes.len() > limit {
        return Err(too_large(path, limit));
    }
    Ok(bytes)
}

/// A regular file no larger than `limit`, else the error that says what it is. A
/// directory is only unreadable, as in Newman (an empty `src` names the working folder).
fn check(path: &Path, metadata: &Metadata, limit: usize) -> Result<(), Unread> {
    if metadata.is_dir() {
        return Err(Unread::Unreadable(std::io::ErrorKind::IsADirectory.into()));
    }
    if !metadata.is_file() {
        let what = kind(metadata);
        return Err(refused(path, format!("it is {what}, not a regular file")));
    }
    if metadata.len() > u64::try_from(limit).unwrap_or(u64::MAX) {
        return Err(too_large(path, limit));
    }
    Ok(())
}

fn too_large(path: &Path, limit: usize) -> Unread {
    refused(
        path,
        format!("it is larger than the limit of {limit} bytes (--max-body)"),
    )
}

fn refused(path: &Path, reason: String) -> Unread {
    Unread::Refused(BuildError::File {
        path: path.to_path_buf(),
        source: Arc::new(std::io::Error::other(reason)),
    })
}

/// What a file that is not a regular file is, in words.
fn kind(metadata: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused_reason(path: &Path, limit: usize) -> String {
        match read(path, limit) {
            Err(Unread::Refused(error)) => error.to_string(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_regular_file_is_read_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("body.bin");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read(&path, 10).unwrap(), b"0123456789");
        assert_eq!(
            refused_reason(&path, 9),
            format!(
                "cannot read body file {}: it is larger than the limit of 9 bytes (--max-body)",
                path.display()
            )
        );
    }

    #[test]
    fn a_missing_file_or_a_directory_is_only_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        for path in [dir.path().join("missing"), dir.path().to_path_buf()] {
            assert!(matches!(read(&path, 10), Err(Unread::Unreadable(_))));
        }
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused() {
        assert_eq!(
            refused_reason(Path::new("/dev/zero"), 1 << 20),
            "cannot read body file /dev/zero: it is a device, not a regular file"
        );
    }
}
