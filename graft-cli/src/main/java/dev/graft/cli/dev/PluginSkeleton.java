package dev.graft.cli.dev;

import dev.graft.core.ContractType;
import java.util.List;
import java.util.Map;

/**
 * One kind's plugin skeleton for {@code graft new}: the files of a plugin folder that
 * {@code graft dev} builds and loads at once, with a stub of every contract method returning a
 * plain default (0, false, "", an empty array, a record of defaults).
 */
interface PluginSkeleton {

    /** The kind, as {@link SourceBuilder#kind()} names it. */
    String kind();

    /**
     * The skeleton's files, by path relative to the plugin folder.
     *
     * @param id the plugin id (already checked)
     * @param contracts the contracts it provides
     * @param run the command that runs it under {@code graft dev}, for the skeleton's comments
     * @throws SkeletonException if a contract has a type this kind's skeleton cannot serve
     */
    Map<String, String> files(String id, List<ContractType<?>> contracts, String run) throws SkeletonException;
}
