//! The index's files on disk, written without fsync.
//!
//! tantivy's [`MmapDirectory`] syncs every file it writes: each commit fsyncs its
//! segment files, every rewrite of `.managed.json` and `meta.json`, and the directory
//! itself, about fourteen fsyncs per commit (strace). On a busy disk that made a
//! commit take 84 ms at the median and 284 ms at p99, most of the time from a save to
//! it being searchable. [`UnsyncedDirectory`] is the same directory (reads, locks,
//! deletes and the `meta.json` watch that reloads other processes' readers are
//! [`MmapDirectory`]'s own) whose writes stop at the page cache.
//!
//! Why that is safe here: the index is derived data. SQLite (synchronous FULL) is the
//! truth, and an outbox row stays in SQLite until an index commit covers it.
//! - A process crash (a kill, a panic) loses nothing the process wrote: the kernel
//!   holds it and writes it out later. Only the uncommitted batch is lost, and the
//!   outbox still holds it, exactly as with fsync.
//! - An OS crash or power loss may lose recent index writes. Renames stay atomic
//!   (`meta.json` is whole, old or new), but the index may come back as it was a few
//!   commits ago, or with files its `meta.json` names missing or cut short. Files
//!   that do not open are caught when the index is opened (`SearchIndex::open`
//!   reads every segment's headers and footers) and the index is rebuilt. Lost
//!   commits are caught by the outbox watermark: every time outbox rows are deleted,
//!   the same SQLite transaction records the highest seq deleted
//!   (`meta.index_purged_upto`, durable with them); an index whose last commit says
//!   it covers less than that lost work the outbox no longer holds, and is rebuilt
//!   from SQLite. Commits lost while their rows were still in the outbox are simply
//!   drained again.
//!
//! So the trade is: after an OS crash, now and then a rebuild (seconds) instead of
//! fourteen fsyncs on every commit.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    AntiCallToken, Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, TerminatingWrite,
    WatchCallback, WatchHandle, WritePtr,
};

/// An [`MmapDirectory`] whose writes are never fsynced (see the module doc).
#[derive(Clone, Debug)]
pub(crate) struct UnsyncedDirectory {
    inner: MmapDirectory,
    root: PathBuf,
}

impl UnsyncedDirectory {
    /// Opens the existing directory `root`.
    pub(crate) fn open(root: &Path) -> Result<Self, OpenDirectoryError> {
        Ok(UnsyncedDirectory {
            inner: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
        })
    }
}

/// A new file: written through to the page cache, never synced.
struct UnsyncedFile(File);

impl Write for UnsyncedFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl TerminatingWrite for UnsyncedFile {
    fn terminate_ref(&mut self, _: AntiCallToken) -> io::Result<()> {
        // Everything was handed to the kernel by `write` (the `BufWriter` around this
        // flushes first); visible to readers and other processes from here on.
        self.0.flush()
    }
}

impl Directory for UnsyncedDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    /// Like [`MmapDirectory::open_write`] (the file must not exist yet), without the
    /// fsync when the writer is terminated.
    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(self.root.join(path))
            .map_err(|e| {
                if e.kind() == io::ErrorKind::AlreadyExists {
                    OpenWriteError::FileAlreadyExists(path.to_path_buf())
                } else {
                    OpenWriteError::wrap_io_error(e, path.to_path_buf())
                }
            })?;
        Ok(BufWriter::new(Box::new(UnsyncedFile(file))))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    /// Writes a temporary file beside `path` and renames it over `path`: a reader (or
    /// the `meta.json` watch) sees the old content or the new, never a part. Not
    /// synced.
    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        let target = self.root.join(path);
        let parent = target.parent().unwrap_or(&self.root);
        let mut temp = tempfile::Builder::new()
            .prefix(".rungs-atomic")
            .tempfile_in(parent)?;
        temp.write_all(data)?;
        temp.persist(&target).map_err(|e| e.error)?;
        Ok(())
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::directory::INDEX_WRITER_LOCK;

    #[test]
    fn writes_read_back_and_existing_files_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = UnsyncedDirectory::open(tmp.path()).unwrap();
        let path = Path::new("seg.idx");
        let mut w = dir.open_write(path).unwrap();
        w.write_all(b"hello index").unwrap();
        w.terminate().unwrap();
        assert_eq!(
            dir.open_read(path)
                .unwrap()
                .read_bytes()
                .unwrap()
                .as_slice(),
            b"hello index"
        );
        assert!(dir.exists(path).unwrap());
        assert!(matches!(
            dir.open_write(path),
            Err(OpenWriteError::FileAlreadyExists(_))
        ));
        dir.delete(path).unwrap();
        assert!(!dir.exists(path).unwrap());
    }

    #[test]
    fn atomic_write_replaces_whole_and_leaves_no_temporary_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = UnsyncedDirectory::open(tmp.path()).unwrap();
        let path = Path::new("meta.json");
        dir.atomic_write(path, b"first").unwrap();
        dir.atomic_write(path, b"second, longer").unwrap();
        assert_eq!(dir.atomic_read(path).unwrap(), b"second, longer");
        let names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["meta.json"]);
    }

    #[test]
    fn locks_are_the_mmap_directorys_own() {
        let tmp = tempfile::tempdir().unwrap();
        let a = UnsyncedDirectory::open(tmp.path()).unwrap();
        let b = MmapDirectory::open(tmp.path()).unwrap();
        let held = a.acquire_lock(&INDEX_WRITER_LOCK).unwrap();
        assert!(matches!(
            b.acquire_lock(&INDEX_WRITER_LOCK),
            Err(LockError::LockBusy)
        ));
        drop(held);
        b.acquire_lock(&INDEX_WRITER_LOCK).unwrap();
    }
}
