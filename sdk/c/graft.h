/*
 * graft.h: the C ABI of Graft native plugins, ABI version 4.
 *
 * A native plugin is one shared library that describes itself: it exports one data symbol,
 * `graft_plugin`, a descriptor naming the plugin (id, version), the contracts it provides and,
 * for each contract, its functions with their signatures, the host modules it imports, and the
 * host functions it patches. Graft reads the descriptor, checks every function against the host's
 * Java interfaces, and calls the functions through java.lang.foreign. See docs/native-plugins.md.
 *
 * Do not write contract prototypes by hand: `CBindgen` (graft-native) writes a header per contract
 * with the prototypes and the descriptor entry. A plugin then looks like this:
 *
 *     #define GRAFT_IMPLEMENTATION          // in exactly one .c file of the plugin
 *     #include "example_greeter.h"          // written by graft bindgen; includes graft.h
 *
 *     graft_result example_greeter_greet(const char *name, size_t name_len, graft_out_bytes *result) {
 *         return graft_return_format(result, "Hello, %.*s!", (int) name_len, name);
 *     }
 *     graft_result example_greeter_next(int32_t n) {
 *         return graft_ok_i32(n + 1);
 *     }
 *     GRAFT_PLUGIN("greeter", "1.0.0", NULL, NULL, EXAMPLE_GREETER_CONTRACT);
 *
 * Calling convention (the same for every contract function):
 *   - Every function returns a graft_result: a 64-bit word whose upper 32 bits are the status
 *     (0: success) and whose lower 32 bits hold a result of 32 bits or less (int, float, boolean).
 *     It travels in a register, so a call of int -> int needs no memory at all.
 *   - Other results (long, double, String, byte[], ByteBuffer, records) are written through a last
 *     parameter `result`, a pointer to memory Graft provides for the call and zeroes before it.
 *   - String arguments arrive as UTF-8 bytes and a length (`name`, `name_len`); the bytes are also
 *     NUL-terminated, for convenience. byte[] and ByteBuffer arguments arrive as a pointer and a
 *     length. Argument memory is valid only during the call: copy what you keep. A Java null
 *     arrives as (NULL, 0).
 *   - To fail, return graft_fail(status, format, ...): Graft throws NativeCallException naming the
 *     plugin, the contract, the function, the status and the message. The plugin stays loaded.
 *
 * Host modules (logging, configuration, the host's own services) are called through tables of
 * function pointers handed to init: import them with GRAFT_PLUGIN_IMPORTS and the import entries
 * of their bindgen headers (graft_log.h, graft_config.h, graft_handles.h for the built-ins), and
 * take each table from init's `graft_host`:
 *
 *     #include "graft_log.h"
 *     static const graft_log *log_;
 *     static graft_result init(const graft_host *host) {
 *         log_ = graft_log_from(host);
 *         return log_->info("ready", 5);
 *     }
 *     GRAFT_PLUGIN_IMPORTS("greeter", "1.0.0", init, NULL, (GRAFT_LOG_IMPORT), EXAMPLE_GREETER_CONTRACT);
 *
 * Host functions follow the same convention, seen from the other side: they return a graft_result
 * (read it with graft_status and graft_value_*), take strings and bytes as pointer and length, and
 * write larger results through a last pointer; a string or bytes result is malloc'ed for the plugin,
 * which frees it with free(). A failure is a status (GRAFT_HOST_FAILED, GRAFT_BAD_HANDLE,
 * GRAFT_BAD_ARGUMENT) and a message, host->error_message().
 *
 * State that survives reloads lives in a block the host allocates and owns, laid out as a struct
 * the plugin declares: give the descriptor its declaration text and size with GRAFT_PLUGIN_STATE
 * (or GRAFT_PLUGIN_IMPORTS_STATE), and take the block from init's `graft_host` with graft_state:
 *
 *     typedef struct greeter_state { int64_t greetings; } greeter_state;
 *     static greeter_state *state;
 *     static graft_result init(const graft_host *host) {
 *         state = graft_state(host);
 *         return graft_ok();
 *     }
 *     ... __atomic_fetch_add(&state->greetings, 1, __ATOMIC_RELAXED);   // calls run on many threads
 *     GRAFT_PLUGIN_STATE("greeter", "1.0.0", init, NULL, "greetings: i64", sizeof(greeter_state),
 *                        EXAMPLE_GREETER_CONTRACT);
 *
 * The host checks the size against the declaration's C layout, carries the block to the next
 * version (shared as it is when the shape is the same, mapped field by field when it changed), and
 * frees it when the plugin is unloaded. `graft bindgen --state` writes the struct and declaration
 * from a Java record, with static asserts. See docs/native-plugins.md, "State".
 *
 * A plugin may also patch a host's patchable function (ABI 4, docs/patchable.md): `graft bindgen
 * --lang c --patch discount --class java.util.function.DoubleUnaryOperator` writes discount.h, the
 * prototype of patch_discount (this calling convention) and DISCOUNT_PATCH, its descriptor entry:
 *
 *     graft_result patch_discount(double price, double *result) {
 *         *result = price * 0.7;
 *         return graft_ok();
 *     }
 *     GRAFT_PLUGIN_PATCHES("pricing", "1.0.0", NULL, NULL, (DISCOUNT_PATCH));   // contract entries may follow
 *
 * Build with -fPIC -shared -fvisibility=hidden: only `graft_plugin` needs to be exported.
 */
#ifndef GRAFT_H
#define GRAFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The descriptor layout below; bumped on any change to it or to the calling convention.
 * 2: host modules (graft_descriptor.imports, init(const graft_host *)).
 * 3: state (graft_descriptor.state and state_size, graft_host.state).
 * 4: patches (graft_descriptor.patches and patch_count). */
#define GRAFT_ABI_VERSION 4u
/* "GRFT" in memory: the first field of every descriptor. */
#define GRAFT_MAGIC 0x54465247u

#if defined(_WIN32)
#define GRAFT_EXPORT __declspec(dllexport)
#define GRAFT_HIDDEN
#else
#define GRAFT_EXPORT __attribute__((visibility("default")))
#define GRAFT_HIDDEN __attribute__((visibility("hidden")))
#endif

/* ------------------------------------------------------------------ results */

/* Status in the upper 32 bits (0: success), a result of 32 bits or less in the lower 32. */
typedef struct graft_result {
    uint64_t word;
} graft_result;

/* Generic failure status, for guests without codes of their own. */
#define GRAFT_FAILED 1

static inline graft_result graft_ok(void) {
    graft_result r = {0};
    return r;
}

static inline graft_result graft_ok_i32(int32_t value) {
    graft_result r = {(uint64_t) (uint32_t) value};
    return r;
}

static inline graft_result graft_ok_f32(float value) {
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    graft_result r = {(uint64_t) bits};
    return r;
}

static inline graft_result graft_ok_bool(bool value) {
    graft_result r = {value ? 1u : 0u};
    return r;
}

/* The status of a result: 0 for success. */
static inline int32_t graft_status(graft_result r) {
    return (int32_t) (uint32_t) (r.word >> 32);
}

/* The value packed in a successful result, as graft_ok_i32, graft_ok_f32 and graft_ok_bool packed it. */
static inline int32_t graft_value_i32(graft_result r) {
    return (int32_t) (uint32_t) r.word;
}

static inline float graft_value_f32(graft_result r) {
    uint32_t bits = (uint32_t) r.word;
    float value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

static inline bool graft_value_bool(graft_result r) {
    return (r.word & 0xFFu) != 0;
}

/* Statuses host module functions return; the message is the host's error_message(). */
#define GRAFT_HOST_FAILED 2  /* the host module's implementation threw */
#define GRAFT_BAD_HANDLE 3   /* a handle released, forged, of another plugin or version, or of another type */
#define GRAFT_BAD_ARGUMENT 4 /* an argument the host refuses: text that is not UTF-8, a NULL result pointer */

/* Where a function writes a String, byte[] or ByteBuffer result. */
typedef struct graft_out_bytes {
    const uint8_t *ptr; /* the bytes (UTF-8 for a String); NULL for a Java null */
    size_t len;
    /* A plugin's result: non-zero, Graft calls the descriptor's release(ptr, len) once it has
     * copied them. A host function's result: non-zero, the bytes were malloc'ed for the plugin
     * (and a String's are also NUL-terminated): free them with graft_out_free. */
    uint32_t owned;
} graft_out_bytes;

/* Frees a host function's string or bytes result, if it is owned, and clears it. */
static inline void graft_out_free(graft_out_bytes *out) {
    if (out->owned) {
        free((void *) out->ptr);
    }
    out->ptr = NULL;
    out->len = 0;
    out->owned = 0;
}

/*
 * Fails the call with a status (non-zero; 0 becomes GRAFT_FAILED) and a printf-style message,
 * kept per thread until Graft reads it right after the call.
 */
GRAFT_HIDDEN graft_result graft_fail(int32_t status, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Returns a copy of `len` bytes (malloc'ed, released by Graft after it copied them). */
GRAFT_HIDDEN graft_result graft_return_bytes(graft_out_bytes *out, const void *bytes, size_t len);

/* Returns bytes that outlive the plugin version (a string literal): not copied, never released. */
static inline graft_result graft_return_static(graft_out_bytes *out, const char *text, size_t len) {
    out->ptr = (const uint8_t *) text;
    out->len = len;
    out->owned = 0;
    return graft_ok();
}

/* Returns a formatted UTF-8 string (printf-style). */
GRAFT_HIDDEN graft_result graft_return_format(graft_out_bytes *out, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* ------------------------------------------------------------------ host modules */

/*
 * One host module as init receives it: `functions` points to the module's table, a struct of
 * function pointers (graft_log, ...) in the order of the import's `functions`. The table, the
 * names and the graft_host itself stay valid until the plugin version is unloaded.
 */
typedef struct graft_host_module {
    const char *name;      /* as imported: "graft.log" */
    const char *version;   /* the version the host provides: the import's major, at least its minor */
    const void *functions; /* the table */
} graft_host_module;

typedef struct graft_host {
    uint32_t abi_version;                 /* GRAFT_ABI_VERSION */
    uint32_t module_count;                /* one per import, in the descriptor's order */
    const graft_host_module *modules;
    const char *(*error_message)(void);   /* the message of this thread's last failed host function */
    /* ABI 3: the plugin's state block, laid out as the struct its descriptor declares, owned by the
     * host; NULL when the plugin declares no state. Valid, on any thread, until the version is
     * unloaded. Calls run on many threads at once, and a new version of the same shape shares this
     * block while the old one's calls finish: update fields atomically. */
    void *state;
} graft_host;

/* The table of an imported module, by name; NULL when the plugin does not import it. */
static inline const void *graft_host_find(const graft_host *host, const char *name) {
    if (host == NULL) {
        return NULL;
    }
    for (uint32_t i = 0; i < host->module_count; i++) {
        if (strcmp(host->modules[i].name, name) == 0) {
            return host->modules[i].functions;
        }
    }
    return NULL;
}

/* The state block init receives (ABI 3), or NULL when the plugin declares no state. */
static inline void *graft_state(const graft_host *host) {
    return host != NULL && host->abi_version >= 3u ? host->state : NULL;
}

/* ------------------------------------------------------------------ the descriptor */

/* The function returns quickly, never blocks and never calls back into the host: Graft may call
 * it without a thread-state transition and pass byte[] arguments without copying them. */
#define GRAFT_FN_CRITICAL 1u

typedef struct graft_function {
    const char *signature;  /* "fn greet(str) -> str": written by graft bindgen, checked at link time */
    const void *address;    /* the function */
    uint32_t flags;         /* GRAFT_FN_* */
} graft_function;

typedef struct graft_contract {
    const char *name;                /* "example.greeter" */
    const char *version;             /* "1.0" */
    const graft_function *functions;
    uint32_t function_count;         /* must equal the contract's method count */
} graft_contract;

/*
 * A host module the plugin imports: Graft checks each signature against the host's Java interface
 * when it links the plugin and builds the module's table in this order (so a plugin built against
 * version 1.0 keeps working with a host that offers 1.3). Written by graft bindgen: GRAFT_LOG_IMPORT.
 */
typedef struct graft_import {
    const char *name;              /* "graft.log" */
    const char *version;           /* "1.0": the version the plugin was built against */
    const char *const *functions;  /* "fn info(str)": the signatures, in the order of the table */
    uint32_t function_count;
} graft_import;

/*
 * A host's patchable function the plugin patches (ABI 4, docs/patchable.md): its name as the host
 * declared it, and the function that replaces its body, with graft.h's calling convention like a
 * contract function. Graft checks the signature against the function's Java interface when it
 * links the plugin. Written by graft bindgen --patch NAME: DISCOUNT_PATCH.
 */
typedef struct graft_patch {
    const char *name;       /* "discount" */
    const char *signature;  /* "fn discount(f64) -> f64" */
    const void *address;    /* the function */
    uint32_t flags;         /* GRAFT_FN_* */
} graft_patch;

typedef struct graft_descriptor {
    uint32_t magic;                  /* GRAFT_MAGIC */
    uint32_t abi_version;            /* GRAFT_ABI_VERSION */
    const char *id;                  /* plugin id: lower-case letters, digits, '.', '_', '-' */
    const char *version;             /* semantic version, "1.0.0" */
    const graft_contract *contracts;
    uint32_t contract_count;
    /* may be NULL; runs before the version is published, with the tables of the imported host
     * modules; a failure refuses the load or reload */
    graft_result (*init)(const graft_host *host);
    graft_result (*shutdown)(void);  /* may be NULL; runs once no call is in flight */
    const char *(*error_message)(void);        /* the message of this thread's last graft_fail */
    void (*release)(const void *ptr, size_t len); /* frees what a graft_out_bytes marked owned */
    const graft_import *imports;     /* ABI 2: the host modules imported; NULL when none */
    uint32_t import_count;
    /* ABI 3: the state declaration ("greetings: i64; last: char[32]"), NULL for none, and
     * sizeof the struct it declares as this compiler laid it out: the host checks it. */
    const char *state;
    uint32_t state_size;
    /* ABI 4: the host's patchable functions the plugin patches; NULL when none */
    const graft_patch *patches;
    uint32_t patch_count;
} graft_descriptor;

GRAFT_HIDDEN const char *graft_error_message(void);
GRAFT_HIDDEN void graft_release(const void *ptr, size_t len);

/*
 * Defines the exported descriptor, the data symbol `graft_plugin`, of a plugin that imports no host
 * module and keeps no state. `init` is a function `graft_result f(const graft_host *)` or NULL,
 * `shutdown` a function `graft_result f(void)` or NULL; the rest are contract entries such as
 * EXAMPLE_GREETER_CONTRACT from a bindgen header.
 */
#define GRAFT_PLUGIN(id, version, init, shutdown, ...) \
    GRAFT_PLUGIN_STATE(id, version, init, shutdown, NULL, 0, __VA_ARGS__)

/*
 * The same for a plugin that imports host modules: `imports` is a parenthesised list of import
 * entries from bindgen headers, such as (GRAFT_LOG_IMPORT, GRAFT_CONFIG_IMPORT).
 */
#define GRAFT_PLUGIN_IMPORTS(id, version, init, shutdown, imports, ...) \
    GRAFT_PLUGIN_IMPORTS_STATE(id, version, init, shutdown, imports, NULL, 0, __VA_ARGS__)

/*
 * GRAFT_PLUGIN for a plugin with state: `state_declaration` is the declaration text (a string
 * literal, "greetings: i64; last: char[32]") and `state_size` sizeof the struct it declares.
 * init finds the block with graft_state(host).
 */
#define GRAFT_PLUGIN_STATE(id, version, init, shutdown, state_declaration, state_size, ...)        \
    static const graft_contract graft_contracts_[] = {__VA_ARGS__};                             \
    GRAFT_DESCRIPTOR_(id, version, init, shutdown, NULL, 0, state_declaration, state_size, NULL, 0)

/* GRAFT_PLUGIN_IMPORTS for a plugin with state: the state as for GRAFT_PLUGIN_STATE. */
#define GRAFT_PLUGIN_IMPORTS_STATE(id, version, init, shutdown, imports, state_declaration, state_size, ...) \
    static const graft_contract graft_contracts_[] = {__VA_ARGS__};                             \
    static const graft_import graft_imports_[] = {GRAFT_UNPAREN_ imports};                       \
    GRAFT_DESCRIPTOR_(id, version, init, shutdown, graft_imports_, GRAFT_COUNT_(graft_imports_),  \
                      state_declaration, state_size, NULL, 0)

/*
 * GRAFT_PLUGIN for a plugin that patches host functions (ABI 4): `patches` is a parenthesised list
 * of patch entries from bindgen headers, such as (DISCOUNT_PATCH); the contract entries may be
 * none (a plugin that only patches):
 *
 *     GRAFT_PLUGIN_PATCHES("pricing", "1.0.0", NULL, NULL, (DISCOUNT_PATCH));
 */
#define GRAFT_PLUGIN_PATCHES(id, version, init, shutdown, patches, ...)                           \
    static const graft_contract graft_contracts_[] = {__VA_ARGS__};                             \
    static const graft_patch graft_patches_[] = {GRAFT_UNPAREN_ patches};                        \
    GRAFT_DESCRIPTOR_(id, version, init, shutdown, NULL, 0, NULL, 0, graft_patches_,             \
                      GRAFT_COUNT_(graft_patches_))

/* Every field at once: imports as for GRAFT_PLUGIN_IMPORTS (() for none), state as for
 * GRAFT_PLUGIN_STATE (NULL, 0 for none), patches as for GRAFT_PLUGIN_PATCHES. */
#define GRAFT_PLUGIN_IMPORTS_STATE_PATCHES(id, version, init, shutdown, imports, state_declaration, state_size, \
                                           patches, ...)                                          \
    static const graft_contract graft_contracts_[] = {__VA_ARGS__};                             \
    static const graft_import graft_imports_[] = {GRAFT_UNPAREN_ imports};                       \
    static const graft_patch graft_patches_[] = {GRAFT_UNPAREN_ patches};                        \
    GRAFT_DESCRIPTOR_(id, version, init, shutdown, graft_imports_, GRAFT_COUNT_(graft_imports_),  \
                      state_declaration, state_size, graft_patches_, GRAFT_COUNT_(graft_patches_))

/* The exported descriptor over the arrays the macros above define. */
#define GRAFT_DESCRIPTOR_(id, version, init, shutdown, imports, import_count, state_declaration, state_size, \
                          patches, patch_count)                                                   \
    GRAFT_EXPORT const graft_descriptor graft_plugin = {                                           \
        GRAFT_MAGIC, GRAFT_ABI_VERSION, (id), (version), graft_contracts_,                     \
        GRAFT_COUNT_(graft_contracts_), (init), (shutdown), graft_error_message, graft_release, \
        (imports), (import_count), (state_declaration), (uint32_t) (state_size), (patches), (patch_count)}
#define GRAFT_COUNT_(array) ((uint32_t) (sizeof (array) / sizeof (array)[0]))
#define GRAFT_UNPAREN_(...) __VA_ARGS__

/* ------------------------------------------------------------------ implementation */

#ifdef GRAFT_IMPLEMENTATION
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* No destructor: a thread-local with one would keep the library mapped after Graft unloads it. */
static _Thread_local char graft_message_[1024];

const char *graft_error_message(void) {
    return graft_message_;
}

void graft_release(const void *ptr, size_t len) {
    (void) len;
    free((void *) ptr);
}

graft_result graft_fail(int32_t status, const char *format, ...) {
    va_list args;
    va_start(args, format);
    vsnprintf(graft_message_, sizeof graft_message_, format, args);
    va_end(args);
    graft_result r = {(uint64_t) (uint32_t) (status == 0 ? GRAFT_FAILED : status) << 32};
    return r;
}

graft_result graft_return_bytes(graft_out_bytes *out, const void *bytes, size_t len) {
    uint8_t *copy = malloc(len == 0 ? 1 : len);
    if (copy == NULL) {
        return graft_fail(GRAFT_FAILED, "out of memory copying %zu bytes", len);
    }
    if (len > 0) {
        memcpy(copy, bytes, len);
    }
    out->ptr = copy;
    out->len = len;
    out->owned = 1;
    return graft_ok();
}

graft_result graft_return_format(graft_out_bytes *out, const char *format, ...) {
    va_list args;
    va_start(args, format);
    int len = vsnprintf(NULL, 0, format, args);
    va_end(args);
    if (len < 0) {
        return graft_fail(GRAFT_FAILED, "cannot format '%s'", format);
    }
    char *text = malloc((size_t) len + 1);
    if (text == NULL) {
        return graft_fail(GRAFT_FAILED, "out of memory formatting %d bytes", len);
    }
    va_start(args, format);
    vsnprintf(text, (size_t) len + 1, format, args);
    va_end(args);
    out->ptr = (const uint8_t *) text;
    out->len = (size_t) len;
    out->owned = 1;
    return graft_ok();
}
#endif /* GRAFT_IMPLEMENTATION */

#ifdef __cplusplus
}
#endif

#endif /* GRAFT_H */
