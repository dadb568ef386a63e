/* Declares greet as taking an i32: the descriptor disagrees with the contract. */
#include "greeter_impl.h"

GRAFT_PLUGIN("greeter", "9.0.0", NULL, NULL,
             {"example.greeter", "1.0",
              (const graft_function[]) {{"fn greet(i32) -> str", (const void *) example_greeter_greet, 0},
                                        {"fn next(i32) -> i32", (const void *) example_greeter_next, 0}},
              2});
