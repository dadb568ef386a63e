/* A descriptor as graft.h of ABI version 3 laid it out (before patches): still accepted, as a plugin
 * that patches nothing. What follows it in memory looks like ABI 4's patch fields, with a count and
 * a pointer the host would follow: the host must not read past the ABI 3 descriptor. */
#include "greeter_impl.h"

#include "old_descriptors.h"

typedef struct abi_v3_export {
    abi_v3_descriptor descriptor;
    const char *not_patches;     /* where ABI 4 has patches */
    uint32_t not_patch_count;
} abi_v3_export;

static const graft_contract contracts[] = {EXAMPLE_GREETER_CONTRACT};

GRAFT_EXPORT const abi_v3_export graft_plugin = {
    {{GRAFT_MAGIC, 3, "greeter", "3.5.0", contracts, 1, NULL, NULL, graft_error_message, graft_release, NULL, 0}, NULL, 0},
    "these are not patches", 7};
