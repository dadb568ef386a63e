#!/bin/sh
# Builds the Rust greeter plugins greeter-rust-v1.wasm and greeter-rust-v2.wasm into the given
# folder, or into examples/greeter-wasm/target/rust, with rustc alone (no cargo, no crates).
# Needs a rustc that has the wasm32-unknown-unknown target: $RUSTC, else the rustc on PATH, else
# /usr/bin/rustc (Debian: apt-get install rustc libstd-rust-dev-wasm32; rustup: rustup target add
# wasm32-unknown-unknown). Each is probed by compiling a tiny no_std module; where none works the
# build is skipped with a message, and exits 0: the Rust greeter is optional, as clang's is.
# STACK_SIZE (bytes, default 65536) sets the guest's stack: rustc's own default, 1 MiB, makes the
# module's initial memory 17 pages, above the example's max-memory-pages = 16.
set -eu
here=$(cd "$(dirname "$0")" && pwd)          # examples/greeter-wasm/src/main/rust
out=${1:-$here/../../../target/rust}
mkdir -p "$out"
out=$(cd "$out" && pwd)
probe="$out/probe"
mkdir -p "$probe"
printf '#![no_std]\n#[panic_handler]\nfn p(_: &core::panic::PanicInfo) -> ! { loop {} }\n#[no_mangle]\npub extern "C" fn f() -> i32 { 1 }\n' > "$probe/probe.rs"

rustc=""
for candidate in "${RUSTC:-}" rustc /usr/bin/rustc; do
    [ -n "$candidate" ] || continue
    if "$candidate" --target wasm32-unknown-unknown --crate-type cdylib -o "$probe/probe.wasm" "$probe/probe.rs" >/dev/null 2>&1; then
        rustc=$candidate
        break
    fi
done
rm -rf "$probe"
if [ -z "$rustc" ]; then
    echo "[example-greeter-wasm] no rustc with the wasm32-unknown-unknown target (tried \$RUSTC, rustc, /usr/bin/rustc): the Rust greeter (examples/greeter-wasm/src/main/rust) was NOT built."
    echo "[example-greeter-wasm] Install the target (rustup target add wasm32-unknown-unknown, or Debian's libstd-rust-dev-wasm32) to build it."
    exit 0
fi

# docs/rust-wasm-plugins.md begin
flags="--target wasm32-unknown-unknown --crate-type cdylib -C opt-level=s -C panic=abort -C strip=debuginfo"
flags="$flags -C link-arg=-zstack-size=${STACK_SIZE:-65536}"   # rustc's default stack is 1 MiB: 17 pages
"$rustc" $flags -o "$out/greeter-rust-v1.wasm" "$here/greeter.rs"
"$rustc" $flags --cfg greeter_v2 -o "$out/greeter-rust-v2.wasm" "$here/greeter.rs"
# docs/rust-wasm-plugins.md end
echo "[example-greeter-wasm] built $out/greeter-rust-v1.wasm, greeter-rust-v2.wasm with $("$rustc" --version)"
