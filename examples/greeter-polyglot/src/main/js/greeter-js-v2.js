/* graft.manifest
id       = greeter
version  = 2.0.0
provides = example.greeter@1.0
imports  = graft.log@1.0, example.tally@1.0
state    = greetings: i64; longest: i32
*/
// Version 2 of the example greeter in JavaScript: as version 1 (greeter-js-v1.js, which says
// more), with another greeting and step:
//   greet(name) -> "Hi there, <name>!"
//   next(n)     -> n + 2
// and one more field in its state: the length of the longest name greeted.

const greetings = example_tally.counter("greetings");
graft_log.debug("greeter 2.0.0 (JavaScript) ready");

function greet(name) {
  const greeting = "Hi there, " + name + "!";
  example_tally.add(greetings, 1);
  graft_state.greetings += 1;
  graft_state.longest = Math.max(graft_state.longest, name.length);
  return greeting;
}

function next(n) {
  return n + 2;
}
