package dev.graft.core;

/**
 * A contract by name and version, as manifests and descriptors write it: {@code example.greeter@1.2}.
 */
public record ContractRef(String name, Version version) {

    public ContractRef {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*")) {
            throw new IllegalArgumentException(
                    "expected a dotted contract name such as example.greeter, found '" + name + "'");
        }
    }

    /**
     * Parses {@code name@version}.
     *
     * @throws IllegalArgumentException naming what was expected and what was found
     */
    public static ContractRef parse(String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException(
                    "expected a contract as name@version (example.greeter@1.0), found '" + text + "'");
        }
        return new ContractRef(text.substring(0, at).strip(), Version.parse(text.substring(at + 1)));
    }

    /** The same contract: same name and major version. */
    public boolean sameContract(ContractRef other) {
        return name.equals(other.name) && version.major() == other.version.major();
    }

    /** This provided contract answers a request for {@code required}. */
    public boolean satisfies(ContractRef required) {
        return name.equals(required.name) && version.satisfies(required.version);
    }

    @Override
    public String toString() {
        return name + "@" + version.toShortString();
    }
}
