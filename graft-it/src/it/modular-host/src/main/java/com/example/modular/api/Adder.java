package com.example.modular.api;

import dev.graft.api.Contract;

@Contract(name = "example.adder", version = "1.0")
public interface Adder {
    int add(int a, int b);
}
