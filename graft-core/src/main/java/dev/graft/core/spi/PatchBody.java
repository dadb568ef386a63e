package dev.graft.core.spi;

/**
 * A body a prepared plugin version supplies for a patchable function its manifest names in
 * {@code patches}: an instance of the function's interface ({@link LinkContext#patchable}).
 */
public record PatchBody(String function, Object body) {
}
