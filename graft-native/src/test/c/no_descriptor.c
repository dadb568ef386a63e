/* A shared library that knows nothing of Graft: no graft_plugin symbol. */
__attribute__((visibility("default"))) int add(int a, int b) { return a + b; }
