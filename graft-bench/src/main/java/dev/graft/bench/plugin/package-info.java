/**
 * The benchmark plugin's classes. They are compiled with the benchmarks but run from plugin jars
 * written at set-up time ({@link dev.graft.bench.CounterJars}), where the plugin's class loader
 * defines its own copies; the contract they implement stays the host's.
 */
package dev.graft.bench.plugin;
