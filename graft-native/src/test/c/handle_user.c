/* Serves test.native.handleuser by passing handles to the host modules test.native.store and
 * graft.handles. -DSTEP=2 builds version 2; -DPLUGIN_ID='"other"' another plugin. */
#define GRAFT_IMPLEMENTATION
#include "test_native_handleuser.h"
#include "test_native_store.h"
#include "graft_handles.h"

#ifndef STEP
#define STEP 1
#endif
#ifndef PLUGIN_ID
#define PLUGIN_ID "handle-user"
#endif
#define STRINGIFY(x) #x
#define VERSION(step) STRINGIFY(step) ".0.0"

static const graft_host *host_;
static const test_native_store *store_;
static const graft_handles *handles_;

static graft_result init(const graft_host *host) {
    host_ = host;
    store_ = test_native_store_from(host);
    handles_ = graft_handles_from(host);
    if (store_ == NULL || handles_ == NULL) {
        return graft_fail(GRAFT_FAILED, "expected a table for each import, found NULL");
    }
    return graft_ok();
}

static graft_result pass_on(graft_result r) {
    return graft_fail(graft_status(r), "%s", host_->error_message());
}

graft_result test_native_handleuser_open(const char *text, size_t text_len, int64_t *result) {
    graft_result r = store_->open(text, text_len, result);
    return graft_status(r) != 0 ? pass_on(r) : graft_ok();
}

graft_result test_native_handleuser_read(int64_t handle, graft_out_bytes *result) {
    graft_out_bytes out = {0};
    graft_result r = store_->read(handle, &out);
    if (graft_status(r) != 0) {
        return pass_on(r);
    }
    r = graft_return_bytes(result, out.ptr, out.len);
    graft_out_free(&out);
    return r;
}

graft_result test_native_handleuser_tryRead(int64_t handle, graft_out_bytes *result) {
    graft_out_bytes out = {0};
    graft_result r = store_->read(handle, &out);
    if (graft_status(r) != 0) {
        return graft_return_format(result, "status %d: %s", (int) graft_status(r), host_->error_message());
    }
    r = graft_return_format(result, "ok: %.*s", (int) out.len, (const char *) out.ptr);
    graft_out_free(&out);
    return r;
}

graft_result test_native_handleuser_append(int64_t handle, const char *text, size_t text_len) {
    graft_result r = store_->append(handle, text, text_len);
    return graft_status(r) != 0 ? pass_on(r) : graft_ok();
}

graft_result test_native_handleuser_release(int64_t handle) {
    return graft_ok_i32(graft_status(handles_->release(handle)));
}

graft_result test_native_handleuser_number(int32_t n, int64_t *result) {
    graft_result r = store_->number(n, result);
    return graft_status(r) != 0 ? pass_on(r) : graft_ok();
}

graft_result test_native_handleuser_leak(int32_t count) {
    int32_t opened = 0;
    for (int32_t i = 0; i < count; i++) {
        int64_t handle;
        if (graft_status(store_->open("leaked", 6, &handle)) == 0) {
            opened++;
        }
    }
    return graft_ok_i32(opened);
}

graft_result test_native_handleuser_version(void) {
    return graft_ok_i32(STEP);
}

GRAFT_PLUGIN_IMPORTS(PLUGIN_ID, VERSION(STEP), init, NULL, (TEST_NATIVE_STORE_IMPORT, GRAFT_HANDLES_IMPORT),
                     TEST_NATIVE_HANDLEUSER_CONTRACT);
