#include "CFileShims.h"

#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

enum { slotCount = 64, pathBytes = 4096 };
enum { slotFree = 0, slotFilling = 1, slotReady = 2, slotRemoving = 3 };

static _Atomic int states[slotCount];
static char paths[slotCount][pathBytes];

int CFileShims_registerTemporary(const char *path) {
    size_t length = strlen(path);
    if (length >= pathBytes) return -1;
    for (int slot = 0; slot < slotCount; slot++) {
        int expected = slotFree;
        if (atomic_compare_exchange_strong(&states[slot], &expected, slotFilling)) {
            memcpy(paths[slot], path, length + 1);
            atomic_store_explicit(&states[slot], slotReady, memory_order_release);
            return slot;
        }
    }
    return -1;
}

void CFileShims_unregisterTemporary(int slot) {
    if (slot < 0 || slot >= slotCount) return;
    atomic_store_explicit(&states[slot], slotFree, memory_order_release);
}

static void removeAndExit(int signal) {
    for (int slot = 0; slot < slotCount; slot++) {
        int expected = slotReady;
        if (atomic_compare_exchange_strong(&states[slot], &expected, slotRemoving)) unlink(paths[slot]);
    }
    _exit(128 + signal);
}

void CFileShims_removeTemporariesOnSignals(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = removeAndExit;
    sigemptyset(&action.sa_mask);
    sigaddset(&action.sa_mask, SIGINT);
    sigaddset(&action.sa_mask, SIGTERM);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
}
