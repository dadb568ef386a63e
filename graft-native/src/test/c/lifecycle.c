/* A greeter whose init and shutdown leave marks the test reads through a file named by GRAFT_TEST_MARKS. */
#include "greeter_impl.h"

#include <stdio.h>
#include <stdlib.h>

static void mark(const char *what) {
    const char *path = getenv("GRAFT_TEST_MARKS");
    if (path == NULL) {
        return;
    }
    FILE *f = fopen(path, "a");
    if (f != NULL) {
        fprintf(f, "%s\n", what);
        fclose(f);
    }
}

static graft_result init(const graft_host *host) {
    (void) host;
    mark("init");
    return graft_ok();
}

static graft_result shutdown(void) {
    mark("shutdown");
    return graft_ok();
}

GRAFT_PLUGIN("greeter", "3.0.0", init, shutdown, EXAMPLE_GREETER_CONTRACT);
