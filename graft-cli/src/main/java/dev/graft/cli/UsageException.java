package dev.graft.cli;

/** Input on the command line that cannot be used: the command prints the message and exits with {@link GraftCommand#USAGE}. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
