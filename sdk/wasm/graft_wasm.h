/* graft_wasm.h: the conventions a WebAssembly guest of Graft follows, for C and clang --target=wasm32.
 *
 * Graft (the host) loads one .wasm module per plugin version and calls the functions it exports,
 * one per method of the contract it provides. Read docs/wasm-plugins.md for the whole story; in short:
 *
 *   - Manifest: the module describes itself in a custom section named "graft.manifest" holding
 *     the manifest's "key = value" lines. Write one GRAFT_MANIFEST_LINE per line, at file scope.
 *   - Numbers: int, long, float, double and boolean are plain wasm values (i32, i64, f32, f64;
 *     a boolean is an i32 that is 0 or 1).
 *   - str and bytes arguments arrive as (pointer, length) into a buffer the HOST allocated with
 *     your graft_alloc. You may read it during the call; do not free it and do not keep it.
 *   - str and bytes results are one i64, length << 32 | pointer (graft_result), to a buffer YOU
 *     allocated with graft_alloc. The host copies it out and frees it with your graft_free.
 *     A result of length 0 is neither read nor freed.
 *   - Records are C structs (WasmBindgen declares them): an argument is a pointer to one in a host
 *     buffer; a result is a pointer to one you allocated with graft_alloc (allocate the struct
 *     first, then its strings), which the host frees with its strings.
 *   - Export graft_alloc and graft_free when the contract passes str, bytes or records, or a host
 *     function you import returns str or bytes. graft_alloc returns 0 when it cannot allocate; the
 *     host then raises an exception instead of calling you (or, for a host function's result,
 *     returns GRAFT_HOST_FAILED).
 *   - Host modules: import only functions of the host modules your manifest imports
 *     ("imports = graft.log@1.0"; the host must grant them), declared by WasmBindgen's headers
 *     (graft_log.h, graft_config.h, graft_handles.h here for the built-ins), and graft.host's
 *     graft_error_message and graft_fail below. Any other import is refused when the plugin loads.
 *     Each host function returns a graft_host_result, never traps: test graft_host_status(r).
 *     Its str and bytes arguments are yours (the host copies them); its str and bytes results are
 *     buffers the host allocated with your graft_alloc, yours to free (graft_str_free).
 *   - State kept across calls and reloads: declare it in the manifest (state = ..., state-size = N)
 *     and reach it through graft.state's functions, declared with typed accessors by the header
 *     WasmBindgen.stateHeader writes from a Java record (docs/wasm-plugins.md, "State").
 *   - A trap (__builtin_trap(), an out-of-bounds access, a division by zero) becomes an exception
 *     in the host naming the plugin, the function and the trap; the instance is discarded.
 *
 * Build (clang 14 or later, lld's wasm-ld; no libc needed with GRAFT_BUMP_ALLOCATOR):
 *   clang --target=wasm32 -O2 -mbulk-memory -nostdlib -Wl,--no-entry -I sdk/wasm -o plugin.wasm plugin.c
 */
#ifndef GRAFT_WASM_H
#define GRAFT_WASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Exports a function to the host under the contract method's name. */
#define GRAFT_EXPORT(name) __attribute__((export_name(name)))

/* One line of the manifest, appended to the "graft.manifest" custom section (file scope only).
 *   GRAFT_MANIFEST_LINE("id       = greeter")
 *   GRAFT_MANIFEST_LINE("version  = 1.0.0")
 *   GRAFT_MANIFEST_LINE("provides = example.greeter@1.0")
 * The line must not contain a double quote or a backslash. */
#define GRAFT_MANIFEST_LINE(line) \
    __asm__(".section .custom_section.graft.manifest,\"\",@\n.ascii \"" line "\\n\"\n.text\n");

/* A str or bytes field of a record (a struct WasmBindgen declares): pointer and length. In an
 * argument the bytes are the host's; in a result, allocate them with graft_alloc after the struct. */
typedef struct {
    const char *ptr;
    uint32_t len;
} graft_str;

typedef struct {
    const uint8_t *ptr;
    uint32_t len;
} graft_bytes;

/* A str or bytes result: length in the high 32 bits, pointer in the low 32 bits. */
typedef uint64_t graft_result;

static inline graft_result graft_result_of(const void *ptr, uint32_t len) {
    return ((uint64_t) len << 32) | (uint32_t) (uintptr_t) ptr;
}

/* The allocator the host calls; export both (GRAFT_BUMP_ALLOCATOR or GRAFT_MALLOC_ALLOCATOR below define them). */
void *graft_alloc(uint32_t size);
void graft_free(void *ptr, uint32_t size);

/* A result holding a copy of len bytes at data, in a buffer from graft_alloc: what the host expects. */
static inline graft_result graft_return_copy(const void *data, uint32_t len) {
    if (len == 0) {
        return 0;
    }
    void *out = graft_alloc(len);
    if (out == NULL) {
        __builtin_trap();
    }
    __builtin_memcpy(out, data, len);
    return graft_result_of(out, len);
}

/* ------------------------------------------------------------------ host modules */

/* Declares a function imported from a host module: GRAFT_HOST_IMPORT("graft.log", "info"). */
#define GRAFT_HOST_IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

/* What every host function returns: the status in the high 32 bits (0: success), an int32_t,
 * float or bool result in the low 32 bits. Other results are written through a last pointer.
 * The same word as a native plugin's graft_result. */
typedef uint64_t graft_host_result;

/* Statuses (the same as for native plugins). The message is graft_error_message's. */
#define GRAFT_FAILED 1       /* a guest's own failure, for graft_fail */
#define GRAFT_HOST_FAILED 2  /* the host module's implementation threw, or its result did not fit in your memory */
#define GRAFT_BAD_HANDLE 3   /* a handle released, forged, of another plugin or version, or of another type */
#define GRAFT_BAD_ARGUMENT 4 /* an argument the host refuses: outside your memory, text that is not UTF-8, a NULL result pointer */

static inline int32_t graft_host_status(graft_host_result r) {
    return (int32_t) (uint32_t) (r >> 32);
}

static inline int32_t graft_host_i32(graft_host_result r) {
    return (int32_t) (uint32_t) r;
}

static inline float graft_host_f32(graft_host_result r) {
    uint32_t bits = (uint32_t) r;
    float value;
    __builtin_memcpy(&value, &bits, sizeof value);
    return value;
}

static inline bool graft_host_bool(graft_host_result r) {
    return (uint32_t) r != 0;
}

/* graft.host, the loader's own functions: any guest may import them without declaring anything.
 *
 * graft_error_message: the message of this instance's last failed host function (empty if none
 * failed), UTF-8, cut at a character boundary to fit capacity - 1 bytes, NUL-terminated; returns
 * the bytes written, NUL excluded. Read it right after the failure: the next one replaces it.
 *
 * graft_fail: fails the guest's current call with a status (0 becomes GRAFT_FAILED) and a message:
 * the host's caller gets a WasmGuestException; if the status is the one the last failed host
 * function returned, that host module's exception is its cause. Does not return: the call ends
 * there, and the instance is replaced (state in globals and memory is lost, as after a trap). */
GRAFT_HOST_IMPORT("graft.host", "error_message") uint32_t graft_error_message(char *buffer, uint32_t capacity);
GRAFT_HOST_IMPORT("graft.host", "fail") __attribute__((noreturn)) void graft_fail(int32_t status, const char *message, uint32_t len);

/* Passes a failed host function's status and message on, failing the current call. */
__attribute__((noreturn)) static inline void graft_fail_host(graft_host_result r) {
    char message[512];
    uint32_t len = graft_error_message(message, sizeof message);
    graft_fail(graft_host_status(r), message, len);
}

/* Frees a str or bytes result of a host function (allocated with your graft_alloc) and clears it. */
static inline void graft_str_free(graft_str *s) {
    if (s->len != 0) {
        graft_free((void *) s->ptr, s->len);
    }
    s->ptr = NULL;
    s->len = 0;
}

static inline void graft_bytes_free(graft_bytes *b) {
    if (b->len != 0) {
        graft_free((void *) b->ptr, b->len);
    }
    b->ptr = NULL;
    b->len = 0;
}

#if defined(GRAFT_BUMP_ALLOCATOR)
/* For guests without libc: allocates upward from the linker's __heap_base, growing memory as
 * needed (up to the plugin's limit: then graft_alloc returns 0). graft_free takes back only the
 * most recent allocation, which is all the host's last-in first-out frees need; memory the guest
 * allocates for itself and never returns stays used. Define in one file only. */
extern unsigned char __heap_base;
static unsigned char *graft_top = &__heap_base;

GRAFT_EXPORT("graft_alloc") void *graft_alloc(uint32_t size) {
    uintptr_t start = (uintptr_t) graft_top;
    uintptr_t end = (start + size + 7) & ~(uintptr_t) 7;
    uintptr_t have = __builtin_wasm_memory_size(0) * 65536;
    if (end < start) {
        return NULL;
    }
    if (end > have && __builtin_wasm_memory_grow(0, (end - have + 65535) / 65536) == (size_t) -1) {
        return NULL;
    }
    graft_top = (unsigned char *) end;
    return (void *) start;
}

GRAFT_EXPORT("graft_free") void graft_free(void *ptr, uint32_t size) {
    if ((((uintptr_t) ptr + size + 7) & ~(uintptr_t) 7) == (uintptr_t) graft_top) {
        graft_top = (unsigned char *) ptr;
    }
}
#elif defined(GRAFT_MALLOC_ALLOCATOR)
/* For guests built against a libc (wasi-libc, say): the host's buffers come from malloc. Note
 * that a libc that imports WASI functions makes the module import them, which Graft refuses
 * (there is no WASI host module): link only what imports nothing. */
#include <stdlib.h>

GRAFT_EXPORT("graft_alloc") void *graft_alloc(uint32_t size) {
    return malloc(size == 0 ? 1 : size);
}

GRAFT_EXPORT("graft_free") void graft_free(void *ptr, uint32_t size) {
    (void) size;
    free(ptr);
}
#endif

#endif
