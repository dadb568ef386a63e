/* graft.manifest
id       = greeter
version  = 1.0.0
provides = example.greeter@1.0
imports  = graft.log@1.0, example.tally@1.0
state    = greetings: i64
*/
// Version 1 of the example greeter in JavaScript, a plugin of one file whose leading comment is
// its manifest (docs/polyglot-plugins.md). It implements the contract
// dev.graft.examples.greeter.Greeter (example.greeter@1.0), one function per contract method:
//   greet(name) -> "Hello, <name>!"
//   next(n)     -> n + 1
//
// It uses two host modules, imported above and reached as globals named after them: graft.log
// (graft_log), to say it is ready at debug level, and example.tally (example_tally), to count each
// greeting in the host's counter "greetings". The counter is a host object, so the guest holds an
// owned handle on it (a number), never the object; a version's handles are released when it is
// retired.
//
// It also keeps its own count of greetings in its state (the manifest's state line), the global
// object graft_state, which Graft carries from version to version across reloads, mapped field by
// field: version 2 adds a field. A version with state runs its calls one at a time, so the
// read-modify-write below never loses an update. The top level runs before the state is handed
// over, so only functions touch graft_state.

const greetings = example_tally.counter("greetings");
graft_log.debug("greeter 1.0.0 (JavaScript) ready");

function greet(name) {
  const greeting = "Hello, " + name + "!";
  // counted once the greeting is made, so that only greetings that are answered count
  example_tally.add(greetings, 1);
  graft_state.greetings += 1;
  return greeting;
}

function next(n) {
  return n + 1;
}
