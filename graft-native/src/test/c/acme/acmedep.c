/* libacmedep.so: a library a plugin links and ships beside itself (found through rpath $ORIGIN). */
__attribute__((visibility("default"))) int acme_dep_value(void) { return ACME_DEP_V; }
