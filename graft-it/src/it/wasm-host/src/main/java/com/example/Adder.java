package com.example;

import dev.graft.api.Contract;

/** The host's own contract: plugins of any kind implement it. */
@Contract(name = "example.adder", version = "1.0")
public interface Adder {
    int add(int a, int b);
}
