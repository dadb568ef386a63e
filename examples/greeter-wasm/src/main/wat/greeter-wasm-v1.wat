;; docs/state.md begin
(; graft.manifest
id       = greeter
version  = 1.0.0
provides = example.greeter@1.0
imports  = graft.log@1.0, example.tally@1.0
state      = greetings: i64
state-size = 8
;)
;; docs/state.md end
;; Version 1 of the demo's greeter, in WebAssembly text. It implements the contract
;; dev.graft.examples.greeter.Greeter (example.greeter@1.0):
;;   String greet(String name)  ->  "Hello, <name>!"
;;   int next(int n)            ->  n + 1
;; The build compiles it with dev.graft.wasm.tools.WatCompiler (Chicory's wabt), which embeds the
;; manifest block above as the module's graft.manifest custom section (docs/wasm-plugins.md).
;;
;; It uses two host modules, declared in the manifest's imports: graft.log, a built-in, to say it
;; is ready, and the example's example.tally (dev.graft.examples.greeter.Tally), to count each
;; greeting in the host's counter "greetings". The counter is a host object, so the guest holds an
;; owned handle on it (an i64), never a reference. Each instance takes its own handle when it is
;; made; it never releases it: a version's handles are released when the version is retired.
;;
;; It also keeps its own count of greetings in its state (the manifest's state and state-size): a
;; block the host owns, shared by every instance of the version and carried across reloads,
;; reached through the loader's graft.state functions at the fields' byte offsets (greetings at 0).
;; See docs/wasm-plugins.md, "State".
(module
  ;; A host function returns a status word: the status in the high 32 bits, 0 for success. It
  ;; never traps; a logging failure is nothing to stop for, so log's status is dropped.
  (import "graft.log" "debug" (func $log_debug (param i32 i32) (result i64)))
  ;; long counter(String name): the name as (pointer, length), the handle written at the last pointer
  (import "example.tally" "counter" (func $tally_counter (param i32 i32 i32) (result i64)))
  ;; void add(long counter, int n)
  (import "example.tally" "add" (func $tally_add (param i64 i32) (result i64)))
  ;; The loader's own module: the message of the last failed host call, and ending the call with it.
  (import "graft.host" "error_message" (func $error_message (param i32 i32) (result i32)))
  (import "graft.host" "fail" (func $fail (param i32 i32 i32)))

  ;; The state: an atomic add returning the new value.
  ;; docs/state.md begin
  (import "graft.state" "i64_add" (func $state_i64_add (param i32 i64) (result i64)))
  ;; docs/state.md end

  ;; The handle on the host's counter "greetings", taken by $ready when the instance is made.
  (global $greetings (mut i64) (i64.const 0))

  ;; The memory convention: the host writes arguments into buffers from graft_alloc, and frees
  ;; the results the guest returns with graft_free. A bump allocator suffices: the host frees
  ;; last-in first-out, and graft_free takes back the most recent allocation.
  (memory (export "memory") 1)
  (global $top (mut i32) (i32.const 1024))

  (func $alloc (export "graft_alloc") (param $size i32) (result i32)
    (local $p i32) (local $end i32) (local $have i32)
    (local.set $p (global.get $top))
    (local.set $end (i32.and (i32.add (i32.add (local.get $p) (local.get $size)) (i32.const 7)) (i32.const -8)))
    (local.set $have (i32.shl (memory.size) (i32.const 16)))
    (if (i32.gt_u (local.get $end) (local.get $have))
      (then
        (if (i32.eq (memory.grow (i32.add (i32.shr_u (i32.sub (local.get $end) (local.get $have)) (i32.const 16)) (i32.const 1)))
                    (i32.const -1))
          (then (return (i32.const 0))))))   ;; out of memory: 0, the host reports it
    (global.set $top (local.get $end))
    (local.get $p))

  (func (export "graft_free") (param $p i32) (param $size i32)
    (if (i32.eq (i32.and (i32.add (i32.add (local.get $p) (local.get $size)) (i32.const 7)) (i32.const -8))
                (global.get $top))
      (then (global.set $top (local.get $p)))))

  ;; "Hello, " at address 16 (7 bytes), "!" at 32
  (data (i32.const 16) "Hello, ")
  (data (i32.const 32) "!")
  ;; "greeter 1.0.0 (WAT) ready" at 48 (25 bytes)
  (data (i32.const 48) "greeter 1.0.0 (WAT) ready")

  ;; "greetings" at 80 (9 bytes); the handle counter() returns is written at 8; a failed host
  ;; call's message is read into 96..351.
  (data (i32.const 80) "greetings")

  ;; Passes a failed host call on: ends the guest's call with the host's status and message (the
  ;; host's exception becomes the cause of what its caller gets). A status word of 0 returns.
  (func $pass_on (param $status_word i64)
    (local $status i32)
    (local.set $status (i32.wrap_i64 (i64.shr_u (local.get $status_word) (i64.const 32))))
    (if (local.get $status)
      (then (call $fail (local.get $status) (i32.const 96)
                        (call $error_message (i32.const 96) (i32.const 256))))))

  ;; Once per instance, when it is made: take the handle on the host's counter, and log one debug
  ;; line (turn the logger graft.plugin.greeter up to see it).
  (start $ready)
  (func $ready
    (call $pass_on (call $tally_counter (i32.const 80) (i32.const 9) (i32.const 8)))
    (global.set $greetings (i64.load (i32.const 8)))
    (drop (call $log_debug (i32.const 48) (i32.const 25))))

  ;; greet(str) -> str: the name arrives as (pointer, length) in a buffer the host owns for the
  ;; call; the answer goes into a buffer from graft_alloc, returned as length << 32 | pointer; the
  ;; greeting is counted in the host's counter, through the handle.
  (func (export "greet") (param $name i32) (param $len i32) (result i64)
    (local $out i32) (local $total i32)
    (local.set $total (i32.add (local.get $len) (i32.const 8)))
    (local.set $out (call $alloc (local.get $total)))
    (if (i32.eqz (local.get $out)) (then unreachable))
    ;; counted once the answer has its buffer, so that only greetings that are answered count
    (call $pass_on (call $tally_add (global.get $greetings) (i32.const 1)))
    ;; in state too, atomically: instances run calls at once, and share the block
    ;; docs/state.md begin
    (drop (call $state_i64_add (i32.const 0) (i64.const 1)))
    ;; docs/state.md end
    (memory.copy (local.get $out) (i32.const 16) (i32.const 7))
    (memory.copy (i32.add (local.get $out) (i32.const 7)) (local.get $name) (local.get $len))
    (memory.copy (i32.add (local.get $out) (i32.add (local.get $len) (i32.const 7))) (i32.const 32) (i32.const 1))
    (i64.or (i64.shl (i64.extend_i32_u (local.get $total)) (i64.const 32))
            (i64.extend_i32_u (local.get $out))))

  ;; next(i32) -> i32: numbers are plain wasm values
  (func (export "next") (param $n i32) (result i32)
    (i32.add (local.get $n) (i32.const 1))))
