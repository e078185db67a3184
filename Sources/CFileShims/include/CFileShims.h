// CFileShims: removing the temporary files of atomic writes when the process is ended by
// SIGINT or SIGTERM. A signal handler may only call async-signal-safe functions and read
// lock-free state, which Swift cannot promise; this file is that handler and its state.
#ifndef CFILESHIMS_H
#define CFILESHIMS_H

/// Registers `path` (a temporary file being written) for removal on SIGINT/SIGTERM.
/// Returns the slot to pass to `CFileShims_unregisterTemporary`, or -1 when the path is
/// longer than 4095 bytes or all 64 slots are taken (the file is then not protected).
int CFileShims_registerTemporary(const char *path);

/// Forgets the slot (the file was renamed into place or removed). -1 is ignored.
void CFileShims_unregisterTemporary(int slot);

/// Installs handlers for SIGINT and SIGTERM that remove every registered temporary file
/// and end the process with exit status 128 + the signal (130, 143).
void CFileShims_removeTemporariesOnSignals(void);

#endif
