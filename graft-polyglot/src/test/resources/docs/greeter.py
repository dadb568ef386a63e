# graft.manifest
# id       = greeter
# version  = 2.0.0
# provides = docs.greeter@1.0
# imports  = graft.log@1.0, graft.config@1.0
# state    = greetings: i64

# docs/polyglot-plugins.md begin
def greet(name):
    graft_state.greetings += 1
    salutation = graft_config.get('salutation') if graft_config.has('salutation') else 'Hello'
    graft_log.debug('greeting ' + name)
    return f'{salutation}, {name}! (from Python)'


def greetings():
    return graft_state.greetings
# docs/polyglot-plugins.md end
