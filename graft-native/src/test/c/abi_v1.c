/* A descriptor as graft.h of ABI version 1 laid it out (before host modules): it is refused with a
 * message that says to rebuild against the current graft.h. */
#include "greeter_impl.h"

typedef struct abi_v1_descriptor {
    uint32_t magic;
    uint32_t abi_version;
    const char *id;
    const char *version;
    const graft_contract *contracts;
    uint32_t contract_count;
    graft_result (*init)(void);
    graft_result (*shutdown)(void);
    const char *(*error_message)(void);
    void (*release)(const void *ptr, size_t len);
} abi_v1_descriptor;

static const graft_contract contracts[] = {EXAMPLE_GREETER_CONTRACT};

GRAFT_EXPORT const abi_v1_descriptor graft_plugin = {GRAFT_MAGIC, 1, "greeter", "1.5.0", contracts, 1, NULL, NULL,
                                                     graft_error_message, graft_release};
