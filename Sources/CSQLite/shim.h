// Thin shim: the only place Edgewise includes <sqlite3.h>.
// Variadic functions and function-like macros that Swift cannot import get static inline wrappers here.
#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro Swift does not import: these bind a copy of the bytes, so the
// caller's buffer may go away as soon as the call returns.
static inline int edgewise_sqlite3_bind_text_transient(sqlite3_stmt *statement, int index, const char *text, int length) {
    return sqlite3_bind_text(statement, index, text, length, SQLITE_TRANSIENT);
}

static inline int edgewise_sqlite3_bind_blob_transient(sqlite3_stmt *statement, int index, const void *bytes, int length) {
    return sqlite3_bind_blob(statement, index, bytes, length, SQLITE_TRANSIENT);
}

// Flushes the connection's write-ahead log (or rollback journal) to stable storage with the VFS's
// own xSync (fdatasync/fsync on Linux). With `PRAGMA synchronous=NORMAL` a WAL commit is written
// but not synced; after this call every commit made so far survives a power cut. Returns SQLITE_OK
// when no journal is open (nothing written yet), else the VFS's result code.
static inline int edgewise_sqlite3_sync_journal(sqlite3 *database) {
    sqlite3_file *journal = 0;
    int result = sqlite3_file_control(database, "main", SQLITE_FCNTL_JOURNAL_POINTER, &journal);
    if (result != SQLITE_OK) return result;
    if (journal == 0 || journal->pMethods == 0) return SQLITE_OK;
    return journal->pMethods->xSync(journal, SQLITE_SYNC_NORMAL);
}
