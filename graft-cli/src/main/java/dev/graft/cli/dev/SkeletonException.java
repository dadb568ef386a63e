package dev.graft.cli.dev;

/**
 * {@code graft new} cannot write the skeleton asked for: an unknown kind, a bad plugin id, a class
 * that is not a contract, a target folder that is not empty, or a contract type the kind cannot
 * serve. The message says what was expected and what was found.
 */
public final class SkeletonException extends Exception {

    public SkeletonException(String message) {
        super(message);
    }
}
