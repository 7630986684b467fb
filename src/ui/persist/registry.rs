//! Which opened `File`s are in the store, and under which key. A `File` is known by identity
//! (the same JavaScript object), so a file opened once is stored once however often the
//! session is saved.

use js_sys::Object;
use web_sys::File;

use crate::client::saved_session::FileKey;

/// The files the session has named, with their keys and whether the store holds them yet.
#[derive(Default)]
pub struct Registry {
    files: Vec<Entry>,
    next: u32,
}

struct Entry {
    file: File,
    key: FileKey,
    stored: bool,
}

impl Registry {
    /// The key of `file`, given a new one the first time.
    pub fn key(&mut self, file: &File) -> FileKey {
        if let Some(entry) = self.files.iter().find(|e| Object::is(&e.file, file)) {
            return entry.key.clone();
        }
        self.next += 1;
        let key = format!("{}-{}-{}", js_sys::Date::now() as u64, self.next, file.name());
        self.files.push(Entry { file: file.clone(), key: key.clone(), stored: false });
        key
    }

    /// Notes `file`, read back from the store under `key`.
    pub fn add_stored(&mut self, key: FileKey, file: File) {
        self.files.push(Entry { file, key, stored: true });
    }

    /// The files named by `keys` that the store does not hold yet.
    pub fn unstored(&self, keys: &[FileKey]) -> Vec<(FileKey, File)> {
        self.files
            .iter()
            .filter(|e| !e.stored && keys.contains(&e.key))
            .map(|e| (e.key.clone(), e.file.clone()))
            .collect()
    }

    /// Notes that the store now holds exactly the files of `keys`.
    pub fn stored(&mut self, keys: &[FileKey]) {
        for entry in &mut self.files {
            entry.stored = keys.contains(&entry.key);
        }
    }

    /// The bytes of the files named by `keys`.
    pub fn size(&self, keys: &[FileKey]) -> f64 {
        self.files.iter().filter(|e| keys.contains(&e.key)).map(|e| e.file.size()).sum()
    }

    /// The file under `key`.
    pub fn file(&self, key: &FileKey) -> Option<File> {
        self.files.iter().find(|e| &e.key == key).map(|e| e.file.clone())
    }
}
