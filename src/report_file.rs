//! Report files written whole or not at all: a report goes to a temporary file next to its
//! path and is moved into place once its reporter has finished, so a run that is killed
//! (a second signal, a crash) never leaves an empty or cut-off report at the path.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context;

/// The temporary files of the reports being written, for [`remove_partial`].
static PARTIAL: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes the temporary files of every report not yet in place: for a process that exits
/// at once (a second signal), which runs no destructor.
pub fn remove_partial() {
    if let Ok(partial) = PARTIAL.lock() {
        for temp in partial.iter() {
            let _ = std::fs::remove_file(temp);
        }
    }
}

/// Forgets `temp`: it is in place, or removed.
fn forget(temp: &Path) {
    if let Ok(mut partial) = PARTIAL.lock() {
        partial.retain(|p| p != temp);
    }
}

/// A report being written: where it goes, and the temporary file it is written to.
pub struct ReportFile {
    temp: PathBuf,
    path: PathBuf,
    done: bool,
}

impl ReportFile {
    /// Starts the report at `path` (its folder created if missing; a report left there by
    /// an earlier run is removed, so it is never taken for this run's), and the writer of
    /// its temporary file.
    pub fn create(path: &Path) -> anyhow::Result<(ReportFile, BufWriter<File>)> {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        if let Some(dir) = dir {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let name = path
            .file_name()
            .with_context(|| format!("cannot write {}: not a file name", path.display()))?;
        let mut temp_name = std::ffi::OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(".{}.partial", std::process::id()));
        let temp = path.with_file_name(temp_name);
        let file =
            File::create(&temp).with_context(|| format!("cannot write {}", path.display()))?;
        if let Ok(mut partial) = PARTIAL.lock() {
            partial.push(temp.clone());
        }
        match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(e).with_context(|| format!("cannot replace {}", path.display()));
            }
            _ => {}
        }
        let report = ReportFile {
            temp,
            path: path.to_path_buf(),
            done: false,
        };
        Ok((report, BufWriter::new(file)))
    }

    /// Moves the finished report into place (its writer has been flushed).
    pub fn commit(mut self) -> anyhow::Result<()> {
        std::fs::rename(&self.temp, &self.path)
            .with_context(|| format!("cannot write {}", self.path.display()))?;
        self.done = true;
        forget(&self.temp);
        Ok(())
    }
}

impl Drop for ReportFile {
    /// A report never committed leaves nothing behind.
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.temp);
            forget(&self.temp);
        }
    }
}
