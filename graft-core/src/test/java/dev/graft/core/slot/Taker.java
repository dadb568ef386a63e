package dev.graft.core.slot;

/** A generic super-interface of {@link Kinds}: proxies must forward inherited and bridged methods too. */
public interface Taker<T> {

    T take();

    String inherited(String s);
}
