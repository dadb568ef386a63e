//! The example greeter in Rust: version 1 answers "Hello, NAME!" and n + 1; built with the feature
//! `v2`, version 2 answers "Hi there, NAME!" and n + 2.

use graft_sdk::{graft_plugin, str_arg, GraftResult, OutBytes};
use std::ffi::{c_char, CStr};

#[cfg(not(feature = "v2"))]
mod version {
    pub const VERSION: &std::ffi::CStr = c"1.0.0";
    pub const GREETING: &str = "Hello";
    pub const STEP: i32 = 1;
}

#[cfg(feature = "v2")]
mod version {
    pub const VERSION: &std::ffi::CStr = c"2.0.0";
    pub const GREETING: &str = "Hi there";
    pub const STEP: i32 = 2;
}

const VERSION: &CStr = version::VERSION;

/// fn greet(str) -> str
extern "C" fn greet(name: *const c_char, name_len: usize, result: *mut OutBytes) -> GraftResult {
    // Safety: the host passes a string argument as (pointer, length), valid during the call.
    let name = match unsafe { str_arg(name, name_len) } {
        Ok(name) => name,
        Err(failure) => return failure,
    };
    // Safety: the host passes a valid, zeroed out slot for the result.
    unsafe { &mut *result }.set_string(format!("{}, {}!", version::GREETING, name))
}

/// fn next(i32) -> i32
extern "C" fn next(n: i32) -> GraftResult {
    GraftResult::i32(n.wrapping_add(version::STEP))
}

graft_plugin! {
    id: c"greeter", version: VERSION, init: None, shutdown: None,
    contracts: [
        { name: c"example.greeter", version: c"1.0", functions: [
            (c"fn greet(str) -> str", greet, 0),
            (c"fn next(i32) -> i32", next, 0),
        ] },
    ]
}
