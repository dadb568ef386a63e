package dev.graft.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code graft --version}: the version written into graft-cli.jar's manifest when it was built. */
public final class GraftVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = GraftVersion.class.getPackage().getImplementationVersion();
        return new String[] {"graft " + (version != null ? version : "(not run from graft-cli.jar)"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")"};
    }
}
