package dev.graft.examples.greeter.kotlin

// docs/jvm-plugins.md begin
import dev.graft.api.PluginContext
import dev.graft.api.host.Log
import dev.graft.examples.greeter.Greeter

/**
 * The example contract in Kotlin: a class implementing the contract's Java interface, with a
 * public constructor taking the PluginContext, as a Java provider has. Its calls go through the
 * Kotlin standard library (the null checks on parameters, replaceFirstChar), which is in the jar.
 */
class KotlinGreeter(context: PluginContext) : Greeter {

    init {
        context.hostModule(Log::class.java).debug("greeter 3.0.0 (Kotlin) ready")
    }

    override fun greet(name: String): String = "Hello from Kotlin, ${name.replaceFirstChar { it.uppercase() }}!"

    override fun next(n: Int): Int = n + 3
}
// docs/jvm-plugins.md end
