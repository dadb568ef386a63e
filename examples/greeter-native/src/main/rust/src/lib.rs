//! The example greeter in Rust: version 1 answers "Hello, NAME!" and n + 1; built with the feature
//! `v2`, version 2 answers "Hi there, NAME!" and n + 2. When it starts, it logs that it is ready
//! through the host module graft.log, at debug level, like the C greeter.

use graft_sdk::modules::{Log, LOG};
use graft_sdk::{graft_plugin, str_arg, GraftResult, Host, OutBytes, FAILED};
use std::ffi::{c_char, CStr};

#[cfg(not(feature = "v2"))]
mod version {
    pub const VERSION: &std::ffi::CStr = c"1.0.0";
    pub const READY: &str = "greeter 1.0.0 (Rust) ready";
    pub const GREETING: &str = "Hello";
    pub const STEP: i32 = 1;
}

#[cfg(feature = "v2")]
mod version {
    pub const VERSION: &std::ffi::CStr = c"2.0.0";
    pub const READY: &str = "greeter 2.0.0 (Rust) ready";
    pub const GREETING: &str = "Hi there";
    pub const STEP: i32 = 2;
}

const VERSION: &CStr = version::VERSION;

extern "C" fn init(host: *const Host) -> GraftResult {
    // Safety: the host passes a valid graft_host; graft.log's table, as imported below, is a Log.
    match unsafe { (*host).find::<Log>(c"graft.log") } {
        Some(log) => log.debug(version::READY),
        None => GraftResult::fail(FAILED, "expected graft.log among the imports, found none"),
    }
}

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
    id: c"greeter", version: VERSION, init: Some(init), shutdown: None,
    imports: [LOG],
    contracts: [
        { name: c"example.greeter", version: c"1.0", functions: [
            (c"fn greet(str) -> str", greet, 0),
            (c"fn next(i32) -> i32", next, 0),
        ] },
    ]
}
