#!/bin/sh
# Builds the C greeter plugins: greeter-c-v1.wasm and greeter-c-v2.wasm, next to this script
# unless an output folder is given. Needs clang (with the WebAssembly target) and lld's wasm-ld.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
flags="--target=wasm32 -O2 -mbulk-memory -nostdlib -Wl,--no-entry -I $here -I $here/../.."
clang $flags -o "$out/greeter-c-v1.wasm" "$here/greeter.c"
clang $flags -DGREETER_V2 -o "$out/greeter-c-v2.wasm" "$here/greeter.c"
echo "built $out/greeter-c-v1.wasm $out/greeter-c-v2.wasm"
