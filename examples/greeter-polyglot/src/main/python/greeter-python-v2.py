# graft.manifest
# id       = greeter
# version  = 2.0.0
# provides = example.greeter@1.0
# imports  = graft.log@1.0, example.tally@1.0
# state    = greetings: i64; longest: i32

# Version 2 of the example greeter in Python: as version 1 (greeter-python-v1.py, which says
# more), with another greeting and step:
#   greet(name) -> "Hi there, <name>!"
#   next(n)     -> n + 2
# and one more field in its state: the length of the longest name greeted.

greetings = example_tally.counter("greetings")
graft_log.debug("greeter 2.0.0 (Python) ready")


def greet(name):
    greeting = "Hi there, " + name + "!"
    example_tally.add(greetings, 1)
    graft_state.greetings += 1
    graft_state.longest = max(graft_state.longest, len(name))
    return greeting


def next(n):
    return n + 2
