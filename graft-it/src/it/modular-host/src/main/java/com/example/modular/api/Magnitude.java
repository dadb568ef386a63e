package com.example.modular.api;

import dev.graft.api.Contract;

/** Served by the C library's {@code abs}, through a sidecar: a native plugin with nothing to build. */
@Contract(name = "example.magnitude", version = "1.0")
public interface Magnitude {
    int abs(int value);
}
