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
 *   - Export graft_alloc and graft_free when the contract passes str, bytes or records. graft_alloc returns
 *     0 when it cannot allocate; the host then raises an exception instead of calling you.
 *   - Import nothing: a module with imports is refused (host modules come later).
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
 * until host modules exist: link only what imports nothing. */
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
