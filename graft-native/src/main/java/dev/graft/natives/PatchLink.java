package dev.graft.natives;

import dev.graft.core.PluginLinkException;
import dev.graft.core.patch.PatchableType;
import dev.graft.core.spi.LinkContext;
import dev.graft.core.spi.PatchBody;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;

/**
 * Link time for one patch of a native plugin, whether its descriptor (ABI 4) or its sidecar names
 * it: the host's patchable function, the library's function checked against that function's
 * interface in Mun's style ({@code expected fn discount(f64) -> f64, found fn discount(i32) -> f64}),
 * bound like a contract function (to the version's {@link CallGuard}, so a patch obeys the same
 * lifetime rules as a contract call: it never runs in an unmapped library), and wrapped as the body
 * the core stacks. Only the calling convention differs between the two: a descriptor's function
 * has graft.h's ({@link GuestCall}), a sidecar's a plain C prototype ({@link PlainCall}).
 *
 * @param patchable what the host declared
 * @param pluginId  the plugin, for messages
 * @param source    its artifact, for messages
 */
record PatchLink(PatchableType patchable, String pluginId, Path source) {

    /**
     * The function as the host declared it: the core checked, before the loader ran, that every
     * name the manifest patches was declared.
     */
    static PatchLink of(String function, LinkContext link, String pluginId, Path source) {
        return new PatchLink(link.patchable(function).orElseThrow(), pluginId, source);
    }

    /** The interface's one method, which the library's function implements. */
    Method method() {
        return patchable.method();
    }

    /** A link error about this patch: {@code patchable function 'discount' (...): MESSAGE}. */
    PluginLinkException error(String message) {
        return new PluginLinkException(pluginId, source, patchable + ": " + message);
    }

    /** Mun's: {@code expected fn discount(f64) -> f64, found fn discount(i32) -> f64}. */
    PluginLinkException mismatch(String expected, String found) {
        return error("expected " + expected + ", found " + found);
    }

    /** The body the core stacks: an implementation of the function's interface over the bound handle. */
    PatchBody body(MethodHandle handle, String versionLabel, String library) {
        return new PatchBody(patchable.name(), ContractImplementation.create(patchable.type(), List.of(method()), List.of(handle),
                "native " + versionLabel + " patch " + patchable.name() + " (" + library + ")"));
    }

    /**
     * A descriptor's patch (ABI 4): its signature must be the one graft.h's convention gives the
     * function ({@link Signature#of} of the interface's method, under the function's name), and its
     * address not NULL.
     *
     * <p>Why a patch never runs in an unmapped library: its downcall's target is bound to the
     * version's guard, and the body holds the downcall as a constant, so a thread calling the body
     * keeps the guard reachable until the call returned; the core drops the body from the stack when
     * the version is replaced or unloaded, and only then lets the guard's unreachability retire it
     * ({@link NativePlugin}'s class comment, which covers patches as it covers contract implementations).
     *
     * @throws PluginLinkException for an unparsable or mismatched signature, a NULL address, or a
     *                             function no native plugin can carry
     */
    PatchBody bind(Descriptor.PatchEntry entry, EntryPoints entries, CallGuard guard, String versionLabel, String library) {
        Signature want = check(entry, entries.release() != null);
        GuestFunction guest = new GuestFunction(pluginId, null, patchable.name(), want.toString(), entries.errorMessage(),
                entries.release(), guard);
        return body(GuestCall.bind(method(), want, guard.bind(entry.function().address()), entry.function().critical(), guest),
                versionLabel, library);
    }

    /**
     * The checks of {@link #bind} that run none of the library's code ({@code graft inspect} runs
     * them on a descriptor read from the file): returns the signature the function has.
     *
     * @param releases whether the plugin has a release entry (which a bytes result needs)
     */
    Signature check(Descriptor.PatchEntry entry, boolean releases) {
        Signature want = expected();
        Signature have;
        try {
            have = Signature.parse(entry.function().signature());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
        String problem = ContractLink.problem(want, have, entry.function(), releases);
        if (problem != null) {
            throw error(problem);
        }
        return want;
    }

    /** {@link #signature(PatchableType)}, a link error when no native plugin can carry the function. */
    Signature expected() {
        try {
            return signature(patchable);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /**
     * The signature graft.h's convention gives a patchable function: its method's types under the
     * function's name ({@code fn discount(f64) -> f64}), as descriptors carry it and bindgen writes it.
     *
     * @throws IllegalArgumentException if a type of the method is one no native plugin can carry
     */
    static Signature signature(PatchableType patchable) {
        Method m = patchable.method();
        Signature of;
        try {
            of = Signature.of(m);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected a function a native plugin can carry, found "
                    + PatchableType.signature(patchable.name(), m) + " (" + e.getMessage() + ")", e);
        }
        return new Signature(patchable.name(), of.params(), of.result());
    }
}
