/* Serves test.native.hostuser by calling host modules: test.native.kit for every type and for
 * failures, graft.log (at init and shutdown too) and graft.config. -DSTEP=2 builds version 2. */
#define GRAFT_IMPLEMENTATION
#include "test_native_hostuser.h"
#include "test_native_kit.h"
#include "graft_config.h"
#include "graft_log.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#ifndef STEP
#define STEP 1
#endif
#define STRINGIFY(x) #x
#define VERSION(step) STRINGIFY(step) ".0.0"

static const graft_host *host_;
static const test_native_kit *kit_;
static const graft_log *log_;
static const graft_config *config_;

static graft_result init(const graft_host *host) {
    host_ = host;
    kit_ = test_native_kit_from(host);
    log_ = graft_log_from(host);
    config_ = graft_config_from(host);
    if (kit_ == NULL || log_ == NULL || config_ == NULL) {
        return graft_fail(GRAFT_FAILED, "expected a table for each import, found NULL");
    }
    char text[64];
    int n = snprintf(text, sizeof text, "host-user %d ready", STEP);
    return log_->info(text, (size_t) n);
}

static graft_result shutdown(void) {
    static const char text[] = "host-user stopping";
    return log_->info(text, sizeof text - 1);
}

/* Fails this call with the status a host function returned, and the host's message. */
static graft_result pass_on(graft_result r) {
    return graft_fail(graft_status(r), "%s", host_->error_message());
}

/* Answers "status S: MESSAGE" for a host function's result. */
static graft_result describe(graft_result r, graft_out_bytes *result) {
    return graft_return_format(result, "status %d: %s", (int) graft_status(r),
                               graft_status(r) == 0 ? "ok" : host_->error_message());
}

/* Moves a host function's bytes result into this function's result. */
static graft_result pass_bytes(graft_result r, graft_out_bytes *out, graft_out_bytes *result) {
    if (graft_status(r) != 0) {
        return pass_on(r);
    }
    if (out->ptr == NULL) {
        result->ptr = NULL;
        return graft_ok();
    }
    r = graft_return_bytes(result, out->ptr, out->len);
    graft_out_free(out);
    return r;
}

graft_result test_native_hostuser_add(int32_t a, int32_t b) {
    graft_result r = kit_->add(a, b);
    return graft_status(r) != 0 ? pass_on(r) : graft_ok_i32(graft_value_i32(r));
}

graft_result test_native_hostuser_multiply(int64_t a, int64_t b, int64_t *result) {
    graft_result r = kit_->multiply(a, b, result);
    return graft_status(r) != 0 ? pass_on(r) : graft_ok();
}

graft_result test_native_hostuser_half(float x) {
    graft_result r = kit_->half(x);
    return graft_status(r) != 0 ? pass_on(r) : graft_ok_f32(graft_value_f32(r));
}

graft_result test_native_hostuser_twice(double x, double *result) {
    graft_result r = kit_->twice(x, result);
    return graft_status(r) != 0 ? pass_on(r) : graft_ok();
}

graft_result test_native_hostuser_negate(bool b) {
    graft_result r = kit_->negate(b);
    return graft_status(r) != 0 ? pass_on(r) : graft_ok_bool(graft_value_bool(r));
}

graft_result test_native_hostuser_echo(const char *text, size_t text_len, graft_out_bytes *result) {
    graft_out_bytes out = {0};
    return pass_bytes(kit_->echo(text, text_len, &out), &out, result);
}

graft_result test_native_hostuser_reverse(const uint8_t *bytes, size_t bytes_len, graft_out_bytes *result) {
    graft_out_bytes out = {0};
    return pass_bytes(kit_->reverse(bytes, bytes_len, &out), &out, result);
}

graft_result test_native_hostuser_move(test_native_hostuser_point p, int32_t dx, test_native_hostuser_point *result) {
    test_native_kit_point in = {p.x, p.y};
    test_native_kit_point out = {0, 0};
    graft_result r = kit_->move(in, dx, &out);
    if (graft_status(r) != 0) {
        return pass_on(r);
    }
    result->x = out.x;
    result->y = out.y;
    return graft_ok();
}

graft_result test_native_hostuser_tryFail(const char *message, size_t message_len, graft_out_bytes *result) {
    return describe(kit_->fail(message, message_len), result);
}

graft_result test_native_hostuser_fail(const char *message, size_t message_len) {
    graft_result r = kit_->fail(message, message_len);
    return graft_status(r) != 0 ? pass_on(r) : graft_ok_i32(0);
}

graft_result test_native_hostuser_tryPanic(graft_out_bytes *result) {
    return describe(kit_->panic(), result);
}

graft_result test_native_hostuser_echoBad(int32_t which, graft_out_bytes *result) {
    static const char bad[] = {'o', 'k', (char) 0xff, '!'};
    graft_out_bytes out = {0};
    graft_result r;
    switch (which) {
    case 0:
        r = kit_->echo(bad, sizeof bad, &out);
        break;
    case 1:
        r = kit_->echo("x", 1, NULL);
        break;
    case 2:
        r = kit_->echo(NULL, 5, &out);
        break;
    default:
        r = kit_->echo("x", (size_t) 1 << 40, &out);
        break;
    }
    graft_out_free(&out);
    return describe(r, result);
}

graft_result test_native_hostuser_config(const char *key, size_t key_len, graft_out_bytes *result) {
    graft_result r = config_->has(key, key_len);
    if (graft_status(r) != 0) {
        return pass_on(r);
    }
    if (!graft_value_bool(r)) {
        return graft_return_static(result, "(unset)", 7);
    }
    graft_out_bytes out = {0};
    return pass_bytes(config_->get(key, key_len, &out), &out, result);
}

graft_result test_native_hostuser_log(const char *message, size_t message_len) {
    graft_result r = log_->info(message, message_len);
    return graft_status(r) != 0 ? pass_on(r) : graft_ok();
}

typedef struct native_thread_work {
    const char *text;
    size_t text_len;
    char answer[2048];
} native_thread_work;

/* Runs on a thread the JVM has never seen: FFM attaches it for the upcalls. */
static void *native_thread(void *arg) {
    native_thread_work *work = arg;
    graft_out_bytes out = {0};
    graft_result echoed = kit_->echo(work->text, work->text_len, &out);
    graft_result failed = kit_->fail(work->text, work->text_len);
    snprintf(work->answer, sizeof work->answer, "%.*s | status %d: %s",
             graft_status(echoed) == 0 ? (int) out.len : 0, graft_status(echoed) == 0 ? (const char *) out.ptr : "",
             (int) graft_status(failed), host_->error_message());
    graft_out_free(&out);
    return NULL;
}

graft_result test_native_hostuser_fromNativeThread(const char *text, size_t text_len, graft_out_bytes *result) {
    native_thread_work work = {text, text_len, {0}};
    pthread_t thread;
    if (pthread_create(&thread, NULL, native_thread, &work) != 0) {
        return graft_fail(GRAFT_FAILED, "pthread_create failed");
    }
    pthread_join(thread, NULL);
    return graft_return_bytes(result, work.answer, strlen(work.answer));
}

graft_result test_native_hostuser_version(void) {
    return graft_ok_i32(STEP);
}

GRAFT_PLUGIN_IMPORTS("host-user", VERSION(STEP), init, shutdown, (TEST_NATIVE_KIT_IMPORT, GRAFT_LOG_IMPORT, GRAFT_CONFIG_IMPORT),
                     TEST_NATIVE_HOSTUSER_CONTRACT);
