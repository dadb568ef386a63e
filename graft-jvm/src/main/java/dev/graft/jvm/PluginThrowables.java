package dev.graft.jvm;

/** How messages about a plugin's classes name what a class of the plugin threw. */
final class PluginThrowables {

    private PluginThrowables() {
    }

    /**
     * A throwable as a message says it; a failed static initializer by what it threw, since
     * {@link ExceptionInInitializerError} alone only says that some initializer failed.
     */
    static String describe(Throwable e) {
        if (e instanceof ExceptionInInitializerError init && init.getCause() != null) {
            return "static initializer threw " + init.getCause();
        }
        return String.valueOf(e);
    }
}
