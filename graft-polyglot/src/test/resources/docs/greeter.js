/* graft.manifest
id       = greeter
version  = 1.0.0
provides = docs.greeter@1.0
imports  = graft.log@1.0, graft.config@1.0
state    = greetings: i64
*/

// One top-level function per contract method. The top level runs once in every context.
function greet(name) {
    graft_state.greetings += 1;
    const salutation = graft_config.has('salutation') ? graft_config.get('salutation') : 'Hello';
    graft_log.debug('greeting ' + name);
    return salutation + ', ' + name + '!';
}

function greetings() {
    return graft_state.greetings;
}
