#!/bin/sh
# Builds graft-native's test fixtures into the folder given as $1:
#   - every src/test/c/*.c, and the example's C greeters (examples/greeter-native/src/main/c),
#     as shared libraries (gcc); and the variants below of a few of them (second versions,
#     another plugin id, state shapes);
#   - src/test/c/acme: libacmedep.so (v1, v2, in acme/vN/), acme_user_vN.so linking it with
#     rpath $ORIGIN, and pie_exec.so, a position-independent executable;
#   - the example's Rust greeter (examples/greeter-native/src/main/rust), v1 and v2, with cargo,
#     if cargo is on PATH.
# The tests build the example's sources themselves rather than take example-greeter-native's
# builds: that module comes later in the reactor, and the tests want every fixture in one folder.
# Without cargo the Rust greeter is skipped with a message; the tests that need it are skipped
# too (they check for cargo the same way). Run by Maven in generate-test-resources.
set -eu

out="$1"
here="$(cd "$(dirname "$0")/../.." && pwd)"   # graft-native/
sdk="$here/../sdk"
example="$here/../examples/greeter-native/src/main"
mkdir -p "$out"

cc="${CC:-gcc}"
if ! command -v "$cc" >/dev/null 2>&1; then
    echo "[graft-native] $cc not found on PATH: cannot build the native test fixtures" >&2
    exit 1
fi

build_c() { # name source [defines...]
    name="$1"; src="$2"; shift 2
    target="$out/$name.so"
    "$cc" -std=gnu11 -O2 -Wall -Wextra -Werror -fPIC -shared -fvisibility=hidden \
        -I "$sdk/c" -I "$here/src/test/c/include" -I "$example/c" "$@" -o "$target.tmp" "$src"
    mv "$target.tmp" "$target"
}

for src in "$here"/src/test/c/*.c; do
    build_c "$(basename "$src" .c)" "$src"
done
build_c greeter_v1 "$example/c/greeter.c"
build_c greeter_v2 "$example/c/greeter.c" -DGREETER_V2
build_c host_user_v2 "$here/src/test/c/host_user.c" -DSTEP=2
build_c handle_user_v2 "$here/src/test/c/handle_user.c" -DSTEP=2
build_c handle_user_other "$here/src/test/c/handle_user.c" '-DPLUGIN_ID="handle-other"'
# state: the counter's three shapes, a second build of v2's shape, a v2 whose init fails; one blob per shape
for v in 1 2 3; do
    build_c "counter_v$v" "$here/src/test/c/counter.c" "-DCOUNTER_V=$v"
done
build_c counter_v2b "$here/src/test/c/counter.c" -DCOUNTER_V=2 -DCOUNTER_MINOR=1
build_c counter_v2_init_fails "$here/src/test/c/counter.c" -DCOUNTER_V=2 -DCOUNTER_MINOR=9 -DINIT_FAILS
for n in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 90 91 92 93 94; do
    build_c "shape_$n" "$here/src/test/c/state_shapes.c" "-DSHAPE=$n"
done

# a plugin linking a library it ships beside itself (rpath $ORIGIN), two builds of each; and a PIE
for v in 1 2; do
    mkdir -p "$out/acme/v$v"
    "$cc" -std=gnu11 -O2 -Wall -Wextra -Werror -fPIC -shared -Wl,-soname,libacmedep.so "-DACME_DEP_V=$v" \
        -o "$out/acme/v$v/libacmedep.so" "$here/src/test/c/acme/acmedep.c"
    build_c "acme_user_v$v" "$here/src/test/c/acme/acme_user.c" "-DACME_USER_V=$v" "-DACME_USER_VERSION=\"$v.0.0\"" \
        -L "$out/acme/v$v" -Wl,--no-as-needed -lacmedep -Wl,-rpath,'$ORIGIN'
done
"$cc" -O2 -fPIE -pie -o "$out/pie_exec.so.tmp" "$here/src/test/c/acme/pie.c"
mv "$out/pie_exec.so.tmp" "$out/pie_exec.so"

if cargo --version >/dev/null 2>&1; then
    crate="$example/rust"
    for version in v1 v2; do
        cargo build --quiet --release --offline --manifest-path "$crate/Cargo.toml" \
            --target-dir "$out/cargo-$version" --features "$version"
        cp "$out/cargo-$version/release/libgraft_rust_greeter.so" "$out/rust_greeter_$version.so"
    done
else
    echo "[graft-native] cargo not found on PATH: the Rust example plugin (examples/greeter-native/src/main/rust) was NOT built;"
    echo "[graft-native] the tests that load it are skipped. Install Rust (cargo) to build and test it."
fi
