//! The example greeter in Rust: version 1 answers "Hello, NAME!" and n + 1; built with the feature
//! `v2`, version 2 answers "Hi there, NAME!" and n + 2. Like the C greeter, it logs that it is
//! ready through the host module graft.log (at debug level), counts each greeting in the host's
//! counter "greetings" through an owned handle from the example's host module example.tally, and
//! releases the handle with graft.handles when the version shuts down.
//!
//! It also keeps its own count of greetings in its state, a block the host owns and carries across
//! reloads, declared with `graft_state!`: version 2 adds the length of the longest name greeted, so
//! a reload between the versions (or to and from the C greeter's) maps the block field by field, and
//! `greetings` keeps its value both ways.

use graft_sdk::modules::{Handles, Log, HANDLES, LOG};
use graft_sdk::{c, graft_plugin, graft_state, import, str_arg, GraftResult, Host, Import, OutBytes, FAILED};
use std::ffi::{c_char, CStr};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::OnceLock;

/// The table of the example host module example.tally@1.0 (dev.graft.examples.greeter.Tally),
/// in the order of [`TALLY`]'s signatures, as examples/greeter-native/src/main/c/example_tally.h
/// (written by graft bindgen) declares it for C.
#[repr(C)]
struct Tally {
    add: extern "C" fn(i64, i32) -> GraftResult,
    counter: extern "C" fn(*const c_char, usize, *mut i64) -> GraftResult,
}

const TALLY: Import = import(c"example.tally", c"1.0", &[c(c"fn add(i64, i32)"), c(c"fn counter(str) -> i64")]);

/// What init found: the tables it calls, the handle on the host's counter, and the state's count.
struct Imports {
    tally: &'static Tally,
    handles: &'static Handles,
    greetings: i64,
    /// The state block's `greetings`, updated atomically: calls run on many threads, and a version
    /// of the same shape shares the block while this one's calls finish.
    counted: &'static AtomicI64,
    #[cfg(feature = "v2")]
    longest: &'static std::sync::atomic::AtomicI32,
}

#[cfg(not(feature = "v2"))]
graft_state! {
    /// Version 1's state.
    struct GreeterState {
        greetings: i64,
    }
}

// docs/state.md begin
#[cfg(feature = "v2")]
graft_state! {
    /// Version 2's state: the count, and the length of the longest name greeted.
    struct GreeterState {
        greetings: i64,
        longest: i32,
    }
}
// docs/state.md end

/// Set once by init, read by every call afterwards. Each version is a library copy of its own,
/// with its own statics; the host runs init before it publishes the version, so every call sees
/// it set (OnceLock's own synchronisation makes that hold whatever the host does).
static IMPORTS: OnceLock<Imports> = OnceLock::new();

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
    // Safety: the host passes a valid graft_host; each table, as imported below, is of the type
    // it is read as.
    let (log, tally, handles) = unsafe {
        match ((*host).find::<Log>(c"graft.log"), (*host).find::<Tally>(c"example.tally"), (*host).find::<Handles>(c"graft.handles")) {
            (Some(log), Some(tally), Some(handles)) => (log, tally, handles),
            _ => return GraftResult::fail(FAILED, "expected graft.log, example.tally and graft.handles among the imports"),
        }
    };
    let counter = "greetings";
    let mut greetings = 0i64;
    let made = (tally.counter)(counter.as_ptr() as *const c_char, counter.len(), &mut greetings);
    if !made.is_ok() {
        return made; // the load fails, with the host's message
    }
    // Safety: the host passes the block GreeterState declares (graft_plugin! below names it); it
    // lives until this version is unloaded, and an i64 and an AtomicI64 have the same layout.
    let state = unsafe { (*host).state::<GreeterState>() };
    if state.is_null() {
        return GraftResult::fail(FAILED, "expected a state block, found none");
    }
    let counted = unsafe { AtomicI64::from_ptr(std::ptr::addr_of_mut!((*state).greetings)) };
    #[cfg(feature = "v2")]
    let longest = unsafe { std::sync::atomic::AtomicI32::from_ptr(std::ptr::addr_of_mut!((*state).longest)) };
    let imports = Imports {
        tally,
        handles,
        greetings,
        counted,
        #[cfg(feature = "v2")]
        longest,
    };
    if IMPORTS.set(imports).is_err() {
        return GraftResult::fail(FAILED, "expected init to run once per version, found it run again");
    }
    log.debug(version::READY)
}

extern "C" fn shutdown() -> GraftResult {
    match IMPORTS.get() {
        Some(imports) => (imports.handles.release)(imports.greetings),
        None => GraftResult::OK,
    }
}

/// fn greet(str) -> str
extern "C" fn greet(name: *const c_char, name_len: usize, result: *mut OutBytes) -> GraftResult {
    let Some(imports) = IMPORTS.get() else {
        return GraftResult::fail(FAILED, "expected init to have run, found no imports");
    };
    // Safety: the host passes a string argument as (pointer, length), valid during the call.
    let name = match unsafe { str_arg(name, name_len) } {
        Ok(name) => name,
        Err(failure) => return failure,
    };
    let greeting = format!("{}, {}!", version::GREETING, name);
    // counted once the greeting is made, so that only greetings that are answered count
    let counted = (imports.tally.add)(imports.greetings, 1);
    if !counted.is_ok() {
        return counted; // the call fails, with the host's exception as the cause
    }
    imports.counted.fetch_add(1, Ordering::Relaxed);
    #[cfg(feature = "v2")]
    imports.longest.fetch_max(name.len().min(i32::MAX as usize) as i32, Ordering::Relaxed);
    // Safety: the host passes a valid, zeroed out slot for the result.
    unsafe { &mut *result }.set_string(greeting)
}

/// fn next(i32) -> i32
extern "C" fn next(n: i32) -> GraftResult {
    GraftResult::i32(n.wrapping_add(version::STEP))
}

graft_plugin! {
    id: c"greeter", version: VERSION, init: Some(init), shutdown: Some(shutdown),
    imports: [LOG, TALLY, HANDLES],
    state: GreeterState,
    contracts: [
        { name: c"example.greeter", version: c"1.0", functions: [
            (c"fn greet(str) -> str", greet, 0),
            (c"fn next(i32) -> i32", next, 0),
        ] },
    ]
}
