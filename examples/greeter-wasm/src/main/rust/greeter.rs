//! The demo's greeter contract (example.greeter@1.0, dev.graft.examples.greeter.Greeter) in Rust,
//! for the wasm32-unknown-unknown target: no_std, no crates, one file, built by rustc alone
//! (build.sh). One source, two versions:
//!   version 1: greet("world") = "Hello, world!",    next(n) = n + 1
//!   version 2: greet("world") = "Hi there, world!", next(n) = n + 2   (built with --cfg greeter_v2)
//! At its first call, each instance logs that it is ready through the built-in host module
//! graft.log. docs/rust-wasm-plugins.md explains every part.

// docs/rust-wasm-plugins.md begin
#![no_std]

use core::arch::wasm32;
use core::ptr;
use core::slice;

// The manifest: the bytes of a static in the custom section "graft.manifest". #[used] keeps it,
// although no code reads it.
macro_rules! graft_manifest {
    ($text:expr) => {
        #[used]
        #[link_section = "graft.manifest"]
        static GRAFT_MANIFEST: [u8; $text.len()] = {
            let text: &[u8] = $text;
            let mut bytes = [0u8; $text.len()];
            let mut i = 0;
            while i < text.len() {
                bytes[i] = text[i];
                i += 1;
            }
            bytes
        };
    };
}

#[cfg(not(greeter_v2))]
graft_manifest!(b"id       = greeter
version  = 1.0.0
provides = example.greeter@1.0
imports  = graft.log@1.0
max-memory-pages = 16
");
// docs/rust-wasm-plugins.md end

#[cfg(greeter_v2)]
graft_manifest!(b"id       = greeter
version  = 2.0.0
provides = example.greeter@1.0
imports  = graft.log@1.0
max-memory-pages = 16
");

#[cfg(not(greeter_v2))]
mod version {
    pub const GREETING: &[u8] = b"Hello, ";
    pub const READY: &[u8] = b"greeter 1.0.0 (Rust) ready";
    pub const STEP: i32 = 1;
}

#[cfg(greeter_v2)]
mod version {
    pub const GREETING: &[u8] = b"Hi there, ";
    pub const READY: &[u8] = b"greeter 2.0.0 (Rust) ready";
    pub const STEP: i32 = 2;
}

// docs/rust-wasm-plugins.md begin
// A host module function: module "graft.log", field "debug"; every one returns a status word (an
// i64: the status in the high 32 bits, 0 for success).
#[link(wasm_import_module = "graft.log")]
extern "C" {
    #[link_name = "debug"]
    fn graft_log_debug(message: *const u8, message_len: u32) -> u64;
}

// The allocator the host calls: graft_alloc(size) -> ptr (0 when it cannot) and graft_free(ptr,
// size). Upward from the linker's __heap_base, growing memory as needed (up to the plugin's limit:
// then 0); graft_free takes back only the most recent allocation, which is all the host's
// last-in first-out frees need. One instance runs one call at a time, so no atomics.
extern "C" {
    static __heap_base: u8;
}

static mut TOP: usize = 0;

#[no_mangle]
pub unsafe extern "C" fn graft_alloc(size: u32) -> *mut u8 {
    if TOP == 0 {
        TOP = ptr::addr_of!(__heap_base) as usize;
    }
    let start = TOP;
    let end = match start.checked_add(size as usize + 7) {
        Some(end) => end & !7,
        None => return ptr::null_mut(),
    };
    let have = wasm32::memory_size(0) * 65536;
    if end > have && wasm32::memory_grow(0, (end - have + 65535) / 65536) == usize::MAX {
        return ptr::null_mut();
    }
    TOP = end;
    start as *mut u8
}

#[no_mangle]
pub unsafe extern "C" fn graft_free(ptr: *mut u8, size: u32) {
    if (ptr as usize + size as usize + 7) & !7 == TOP {
        TOP = ptr as usize;
    }
}

// A panic (an index out of bounds, say) traps: the host gets a WasmTrapException and a new instance.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    wasm32::unreachable()
}

static mut READY: bool = false;

// String greet(String name): fn greet(str) -> str. The argument is the host's (read it during the
// call); the result is allocated with graft_alloc and returned as len << 32 | ptr, and the host
// frees it.
#[no_mangle]
pub unsafe extern "C" fn greet(name: *const u8, name_len: u32) -> u64 {
    if !READY {
        READY = true;
        graft_log_debug(version::READY.as_ptr(), version::READY.len() as u32); // a failed log is nothing to stop for
    }
    let name = slice::from_raw_parts(name, name_len as usize);
    let prefix = version::GREETING;
    let len = prefix.len() + name.len() + 1;
    let out = graft_alloc(len as u32);
    if out.is_null() {
        wasm32::unreachable(); // out of memory: the host sees a trap
    }
    let answer = slice::from_raw_parts_mut(out, len);
    answer[..prefix.len()].copy_from_slice(prefix);
    answer[prefix.len()..len - 1].copy_from_slice(name);
    answer[len - 1] = b'!';
    ((len as u64) << 32) | out as u64
}

// int next(int n): fn next(i32) -> i32
#[no_mangle]
pub extern "C" fn next(n: i32) -> i32 {
    n + version::STEP
}
// docs/rust-wasm-plugins.md end
