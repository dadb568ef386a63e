# graft.manifest
# id       = greeter
# version  = 1.0.0
# provides = example.greeter@1.0
# imports  = graft.log@1.0, example.tally@1.0

# Version 1 of the example greeter in Python, a plugin of one file whose leading comment block is
# its manifest (docs/polyglot-plugins.md). It implements the contract
# dev.graft.examples.greeter.Greeter (example.greeter@1.0), one function per contract method:
#   greet(name) -> "Hello, <name>!"
#   next(n)     -> n + 1
#
# It uses two host modules, imported above and reached as globals named after them: graft.log
# (graft_log), to say it is ready at debug level, and example.tally (example_tally), to count each
# greeting in the host's counter "greetings". The counter is a host object, so the guest holds an
# owned handle on it (a number), never the object; a version's handles are released when it is
# retired.
#
# This module runs once in each of the version's contexts (Graft keeps a few per version, so that
# calls on several threads run at once): each takes its own handle and logs once.

greetings = example_tally.counter("greetings")
graft_log.debug("greeter 1.0.0 (Python) ready")


def greet(name):
    greeting = "Hello, " + name + "!"
    # counted once the greeting is made, so that only greetings that are answered count
    example_tally.add(greetings, 1)
    return greeting


def next(n):
    return n + 1
