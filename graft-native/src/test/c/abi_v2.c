/* A descriptor as graft.h of ABI version 2 laid it out (before state): still accepted, as a plugin
 * without state. What follows it in memory looks like ABI 3's state fields, with a declaration the
 * host would refuse: the host must not read past the ABI 2 descriptor. */
#include "greeter_impl.h"

#include "old_descriptors.h"

typedef struct abi_v2_export {
    abi_v2_descriptor descriptor;
    const char *not_state;       /* where ABI 3 has state */
    uint32_t not_state_size;
} abi_v2_export;

static const graft_contract contracts[] = {EXAMPLE_GREETER_CONTRACT};

static graft_result init(const graft_host *host) {
    return graft_state(host) == NULL ? graft_ok() : graft_fail(GRAFT_FAILED, "expected no state block, found one");
}

GRAFT_EXPORT const abi_v2_export graft_plugin = {
    {GRAFT_MAGIC, 2, "greeter", "2.5.0", contracts, 1, init, NULL, graft_error_message, graft_release, NULL, 0},
    "this is not a declaration: str", 3};
