/* The descriptors of older graft.h ABI versions, as their libraries laid them out: each appended to
 * the one before, so the fields of the older keep their offsets. */
#include "graft.h"

/* ABI 2 (host modules): before state. */
typedef struct abi_v2_descriptor {
    uint32_t magic;
    uint32_t abi_version;
    const char *id;
    const char *version;
    const graft_contract *contracts;
    uint32_t contract_count;
    graft_result (*init)(const graft_host *host);
    graft_result (*shutdown)(void);
    const char *(*error_message)(void);
    void (*release)(const void *ptr, size_t len);
    const graft_import *imports;
    uint32_t import_count;
} abi_v2_descriptor;

/* ABI 3 (state): before patches. */
typedef struct abi_v3_descriptor {
    abi_v2_descriptor v2;
    const char *state;
    uint32_t state_size;
} abi_v3_descriptor;
