//! The saved session in the browser's IndexedDB (database "sift"): the document as JSON text
//! under one key, and each opened file as the browser's own `File` (a `Blob`, stored by
//! structured clone: its bytes go from the browser's file to its disk, never through wasm).

use idb::{Database, Factory, ObjectStoreParams, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::File;

use crate::client::saved_session::FileKey;

const DATABASE: &str = "sift";
const VERSION: u32 = 1;
/// Holds the document under [`DOCUMENT_KEY`].
const SESSION: &str = "session";
const DOCUMENT_KEY: &str = "current";
/// Holds the files, by key.
const FILES: &str = "files";

/// An open connection to the saved session's database.
pub struct Store {
    db: Database,
}

impl Store {
    /// Opens (or creates) the database; `Err` says why the browser refused (no IndexedDB in
    /// a private window, blocked storage, …).
    pub async fn open() -> Result<Store, String> {
        let factory = Factory::new().map_err(|e| reason(&e))?;
        let mut request = factory.open(DATABASE, Some(VERSION)).map_err(|e| reason(&e))?;
        request.on_upgrade_needed(|event| {
            use idb::DatabaseEvent;
            let Ok(db) = event.database() else { return };
            for name in [SESSION, FILES] {
                if !db.store_names().iter().any(|n| n == name) {
                    let _ = db.create_object_store(name, ObjectStoreParams::new());
                }
            }
        });
        let db = request.await.map_err(|e| reason(&e))?;
        Ok(Store { db })
    }

    /// The stored document, if there is one.
    pub async fn document(&self) -> Result<Option<String>, String> {
        let tx = self.db.transaction(&[SESSION], TransactionMode::ReadOnly).map_err(|e| reason(&e))?;
        let store = tx.object_store(SESSION).map_err(|e| reason(&e))?;
        let value =
            store.get(JsValue::from_str(DOCUMENT_KEY)).map_err(|e| reason(&e))?.await.map_err(|e| reason(&e))?;
        // Anything but text (another program's value) reads as text that is not a session.
        Ok(value.map(|v| v.as_string().unwrap_or_else(|| format!("{v:?}"))))
    }

    /// The stored file under each of `keys` (`None` where none is).
    pub async fn files(&self, keys: &[FileKey]) -> Result<Vec<Option<File>>, String> {
        let tx = self.db.transaction(&[FILES], TransactionMode::ReadOnly).map_err(|e| reason(&e))?;
        let store = tx.object_store(FILES).map_err(|e| reason(&e))?;
        let mut files = Vec::with_capacity(keys.len());
        for key in keys {
            let value = store.get(JsValue::from_str(key)).map_err(|e| reason(&e))?.await.map_err(|e| reason(&e))?;
            files.push(value.and_then(|v| v.dyn_into::<File>().ok()));
        }
        Ok(files)
    }

    /// Stores `document` with the files in `added`, and forgets every stored file it does not
    /// name (`keep`): all in one transaction, so a refusal (quota) changes nothing.
    pub async fn save(&self, document: &str, added: &[(FileKey, File)], keep: &[FileKey]) -> Result<(), String> {
        let tx = self.db.transaction(&[SESSION, FILES], TransactionMode::ReadWrite).map_err(|e| reason(&e))?;
        let files = tx.object_store(FILES).map_err(|e| reason(&e))?;
        for (key, file) in added {
            files.put(file, Some(&JsValue::from_str(key))).map_err(|e| reason(&e))?;
        }
        let stored = files.get_all_keys(None, None).map_err(|e| reason(&e))?.await.map_err(|e| reason(&e))?;
        for key in stored {
            if key.as_string().is_none_or(|k| !keep.contains(&k)) {
                files.delete(key).map_err(|e| reason(&e))?;
            }
        }
        let session = tx.object_store(SESSION).map_err(|e| reason(&e))?;
        session.put(&JsValue::from_str(document), Some(&JsValue::from_str(DOCUMENT_KEY))).map_err(|e| reason(&e))?;
        committed(tx).await
    }

    /// Forgets the document and every file.
    pub async fn clear(&self) -> Result<(), String> {
        let tx = self.db.transaction(&[SESSION, FILES], TransactionMode::ReadWrite).map_err(|e| reason(&e))?;
        for name in [SESSION, FILES] {
            tx.object_store(name).map_err(|e| reason(&e))?.clear().map_err(|e| reason(&e))?;
        }
        committed(tx).await
    }
}

/// Waits for `tx` to end; an abort (the browser's quota, say) is an error.
async fn committed(tx: idb::Transaction) -> Result<(), String> {
    match tx.await {
        Ok(result) if result.is_committed() => Ok(()),
        Ok(_) => Err("the browser stopped the write".into()),
        Err(e) => Err(reason(&e)),
    }
}

/// An IndexedDB error in a few words: the DOM exception's name and message where there is one.
fn reason(error: &idb::Error) -> String {
    error.to_string()
}
