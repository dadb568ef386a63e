package dev.graft.cli.dev;

/** A {@link DevSession} cannot start on what it was given: its folder is missing or not a folder. */
public final class DevInputException extends IllegalArgumentException {

    public DevInputException(String message) {
        super(message);
    }
}
