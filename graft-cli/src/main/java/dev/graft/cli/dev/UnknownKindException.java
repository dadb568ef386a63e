package dev.graft.cli.dev;

/**
 * A plugin folder whose kind {@code graft dev} cannot tell: no builder accepts its contents, or its
 * {@code graft-dev.properties} names a kind no builder has. The message says what was looked for
 * and what was found; the folder is reported once and ignored until it changes.
 */
public final class UnknownKindException extends Exception {

    public UnknownKindException(String message) {
        super(message);
    }
}
