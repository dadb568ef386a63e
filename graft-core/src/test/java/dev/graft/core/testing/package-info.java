/**
 * A plugin kind for tests, so the core's guarantees can be tested without class loading, and
 * helpers to race, block and wait in those tests. Packaged in graft-core's test-jar for other
 * modules' tests.
 *
 * <pre>{@code
 * TestLoader loader = new TestLoader();
 * Path v1 = new TestPlugins(dir).write(TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").answer("v1"));
 * try (Graft graft = Graft.builder().loader(loader).discoverLoaders(false).build()) {
 *     graft.load(v1);
 *     graft.contract(Echo.class).answer();   // "v1"
 * }
 * }</pre>
 *
 * <p>{@link dev.graft.core.testing.TestPlugin} describes the artifact format;
 * {@link dev.graft.core.testing.Journal} records what each version went through;
 * {@link dev.graft.core.testing.Gate} holds calls in flight for as long as a test needs.
 */
package dev.graft.core.testing;
