package dev.graft.natives;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.graft.core.PluginLinkException;
import dev.graft.core.spi.LinkedHostModule;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code graft_host} a native plugin version's init receives (sdk/c/graft.h): one entry per
 * imported host module, in the descriptor's order, each with its name, the version the host
 * provides, and its table of upcall stubs; and {@code error_message}, the message of the calling
 * thread's last failed host call; and {@code state}, the state block (ABI 3), NULL until the
 * version starts ({@link NativePlugin#start} writes it once the core handed the state over).
 *
 * <p>Everything lives in the version's arena, so it stays valid, and the guest may keep pointers
 * to it, until the version is retired: see {@link NativePlugin} for why no guest code can reach a
 * stub after that.
 */
final class HostTable {

    static final StructLayout MODULE = CStruct.of(ADDRESS.withName("name"), ADDRESS.withName("version"),
            ADDRESS.withName("functions"));
    static final StructLayout HOST = CStruct.of(JAVA_INT.withName("abi_version"), JAVA_INT.withName("module_count"),
            ADDRESS.withName("modules"), ADDRESS.withName("error_message"),
            ADDRESS.withName("state"));

    private HostTable() {
    }

    /**
     * Links every import of the descriptor and returns the graft_host for init.
     *
     * @param modules the host modules the core checked and made for this version; asked for only if
     *                the plugin imports any
     * @throws PluginLinkException if an import does not link (see {@link HostModuleLink})
     */
    static MemorySegment link(List<Descriptor.ImportEntry> imports, Supplier<List<LinkedHostModule>> modules,
                              String pluginId, String label, Path source, Arena arena) {
        MemorySegment entries = arena.allocate(MODULE, Math.max(1, imports.size()));
        List<LinkedHostModule> linked = imports.isEmpty() ? List.of() : modules.get();
        for (int i = 0; i < imports.size(); i++) {
            Descriptor.ImportEntry entry = imports.get(i);
            LinkedHostModule module = linked.stream().filter(m -> m.module().name().equals(entry.name())).findFirst()
                    .orElseThrow(() -> new PluginLinkException(pluginId, source, "host module " + entry.ref()
                            + ": expected the host to provide it, as the core checked, found only "
                            + linked.stream().map(m -> m.module().toString()).toList()));
            MemorySegment table = HostModuleLink.table(entry, module, pluginId, label, source, arena);
            MemorySegment e = entries.asSlice(MODULE.byteSize() * i, MODULE);
            e.set(ADDRESS, Descriptor.offset(MODULE, "name"), arena.allocateFrom(entry.name()));
            e.set(ADDRESS, Descriptor.offset(MODULE, "version"), arena.allocateFrom(module.module().version().toShortString()));
            e.set(ADDRESS, Descriptor.offset(MODULE, "functions"), table);
        }
        MemorySegment host = arena.allocate(HOST);
        host.set(JAVA_INT, Descriptor.offset(HOST, "abi_version"), Descriptor.ABI_VERSION);
        host.set(JAVA_INT, Descriptor.offset(HOST, "module_count"), imports.size());
        host.set(ADDRESS, Descriptor.offset(HOST, "modules"), entries);
        host.set(ADDRESS, Descriptor.offset(HOST, "error_message"), HostFailure.ERROR_MESSAGE);
        host.set(ADDRESS, Descriptor.offset(HOST, "state"), MemorySegment.NULL);
        return host;
    }
}
