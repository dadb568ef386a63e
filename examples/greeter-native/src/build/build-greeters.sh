#!/bin/sh
# Builds the example greeter plugins. Run by Maven in the compile phase (so also with -DskipTests):
#   $1  the folder of the C builds, which end up in the module's jar:
#       greeter-native-v1.so, greeter-native-v2.so (from src/main/c/greeter.c, with gcc), and
#       patch-native.so (from src/main/c/patch_price.c), the native plugin of graft demo's patch demo;
#   $2  the module's build folder: the Rust crate (src/main/rust), if cargo is on PATH, is built
#       there with cargo into greeter-rust-v1.so and greeter-rust-v2.so. They stay out of the jar,
#       so that the jar is the same with or without cargo. Without cargo a message says so.
set -eu

out="$1"
build="$2"
here="$(cd "$(dirname "$0")/../.." && pwd)"   # examples/greeter-native/
sdk="$here/../../sdk"
mkdir -p "$out" "$build"

cc="${CC:-gcc}"
if ! command -v "$cc" >/dev/null 2>&1; then
    echo "[example-greeter-native] $cc not found on PATH: cannot build the example's C greeters" >&2
    exit 1
fi

# example_greeter.h and example_tally.h come from CBindgen (./graft bindgen --lang c --class
# dev.graft.examples.greeter.Greeter, and .Tally), so gcc holds the functions to the Java signatures.
for version in v1 v2; do
    target="$out/greeter-native-$version.so"
    define=""
    [ "$version" = v2 ] && define="-DGREETER_V2"
    "$cc" -std=gnu11 -O2 -Wall -Wextra -Werror -fPIC -shared -fvisibility=hidden $define \
        -I "$sdk/c" -I "$here/src/main/c" -o "$target.tmp" "$here/src/main/c/greeter.c"
    mv "$target.tmp" "$target"   # never leave a half-written library where a build looks
done

# The patch demo's native plugin (graft demo): patches the host's "price" from its descriptor.
"$cc" -std=gnu11 -O2 -Wall -Wextra -Werror -fPIC -shared -fvisibility=hidden \
    -I "$sdk/c" -I "$here/src/main/c" -o "$out/patch-native.so.tmp" "$here/src/main/c/patch_price.c"
mv "$out/patch-native.so.tmp" "$out/patch-native.so"

if cargo --version >/dev/null 2>&1; then
    # One target folder per version: the versions differ by a cargo feature, which would
    # otherwise rebuild over each other.
    for version in v1 v2; do
        cargo build --quiet --release --offline --manifest-path "$here/src/main/rust/Cargo.toml" \
            --target-dir "$build/cargo-$version" --features "$version"
        cp "$build/cargo-$version/release/libgraft_rust_greeter.so" "$build/greeter-rust-$version.so"
    done
else
    echo "[example-greeter-native] cargo not found on PATH: the Rust example plugin (examples/greeter-native/src/main/rust) was NOT built."
    echo "[example-greeter-native] Install Rust (cargo) to build it; the C greeters were built."
fi
