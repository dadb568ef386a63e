#!/bin/sh
# Builds the C greeter plugins greeter-c-v1.wasm and greeter-c-v2.wasm into the given folder, or
# into examples/greeter-wasm/target/c. Needs clang (with the WebAssembly target) and lld's wasm-ld;
# Maven does not run it (the demo uses the WAT greeters), graft-wasm's CGuestTest does where they
# are installed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)          # examples/greeter-wasm/src/main/c
sdk="$here/../../../../../sdk/wasm"          # graft_wasm.h, graft_log.h
out=${1:-$here/../../../target/c}
mkdir -p "$out"
out=$(cd "$out" && pwd)
# example_greeter.h comes from WasmBindgen (./graft bindgen --lang wasm --class dev.graft.examples.greeter.Greeter),
# so clang holds the functions to the contract's signatures; it names them example_greeter_greet and
# example_greeter_next, exported as greet and next.
flags="--target=wasm32 -O2 -mbulk-memory -nostdlib -Wl,--no-entry -I $here -I $sdk"
clang $flags -o "$out/greeter-c-v1.wasm" "$here/greeter.c"
clang $flags -DGREETER_V2 -o "$out/greeter-c-v2.wasm" "$here/greeter.c"
echo "built $out/greeter-c-v1.wasm $out/greeter-c-v2.wasm"
