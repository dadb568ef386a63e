/* A position-independent executable, not a shared library: dlopen refuses it. */
int main(void) { return 0; }
