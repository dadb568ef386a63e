package dev.graft.core.testing;

import java.lang.ref.WeakReference;
import java.util.List;

/** For G3 tests: waits, bounded, for the garbage collector to take what only weak references still reach. */
public final class Collected {

    private Collected() {
    }

    /**
     * Asks for collections, up to 100 times 100 ms apart, until every reference is cleared.
     *
     * @return how many references are still set (0 when everything was collected)
     */
    public static long awaitAll(List<? extends WeakReference<?>> references) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            System.gc();
            if (references.stream().allMatch(r -> r.get() == null)) {
                return 0;
            }
            Thread.sleep(100);
        }
        return references.stream().filter(r -> r.get() != null).count();
    }
}
