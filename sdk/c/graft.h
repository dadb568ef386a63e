/*
 * graft.h: the C ABI of Graft native plugins, ABI version 1.
 *
 * A native plugin is one shared library that describes itself: it exports one data symbol,
 * `graft_plugin`, a descriptor naming the plugin (id, version), the contracts it provides and,
 * for each contract, its functions with their signatures. Graft reads the descriptor, checks every
 * function against the host's Java contract interface, and calls the functions through
 * java.lang.foreign. See docs/native-plugins.md.
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
 * Build with -fPIC -shared -fvisibility=hidden: only `graft_plugin` needs to be exported.
 */
#ifndef GRAFT_H
#define GRAFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The descriptor layout below; bumped on any change to it or to the calling convention. */
#define GRAFT_ABI_VERSION 1u
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

/* Where a function writes a String, byte[] or ByteBuffer result. */
typedef struct graft_out_bytes {
    const uint8_t *ptr; /* the bytes (UTF-8 for a String); NULL for a Java null */
    size_t len;
    uint32_t owned;     /* non-zero: Graft calls the descriptor's release(ptr, len) once it has copied them */
} graft_out_bytes;

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

typedef struct graft_descriptor {
    uint32_t magic;                  /* GRAFT_MAGIC */
    uint32_t abi_version;            /* GRAFT_ABI_VERSION */
    const char *id;                  /* plugin id: lower-case letters, digits, '.', '_', '-' */
    const char *version;             /* semantic version, "1.0.0" */
    const graft_contract *contracts;
    uint32_t contract_count;
    graft_result (*init)(void);      /* may be NULL; a failure refuses the load or reload */
    graft_result (*shutdown)(void);  /* may be NULL; runs once no call is in flight */
    const char *(*error_message)(void);        /* the message of this thread's last graft_fail */
    void (*release)(const void *ptr, size_t len); /* frees what a graft_out_bytes marked owned */
} graft_descriptor;

GRAFT_HIDDEN const char *graft_error_message(void);
GRAFT_HIDDEN void graft_release(const void *ptr, size_t len);

/*
 * Defines the exported descriptor, the data symbol `graft_plugin`. `init` and `shutdown` are functions `graft_result f(void)` or
 * NULL; the rest are contract entries such as EXAMPLE_GREETER_CONTRACT from a bindgen header.
 */
#define GRAFT_PLUGIN(id, version, init, shutdown, ...)                                            \
    static const graft_contract graft_contracts_[] = {__VA_ARGS__};                             \
    GRAFT_EXPORT const graft_descriptor graft_plugin = {                                           \
        GRAFT_MAGIC, GRAFT_ABI_VERSION, (id), (version), graft_contracts_,                     \
        (uint32_t) (sizeof graft_contracts_ / sizeof graft_contracts_[0]), (init), (shutdown), \
        graft_error_message, graft_release}

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
