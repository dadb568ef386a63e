package dev.graft.core.slot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.ContractType;
import dev.graft.core.ProviderUnavailableException;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated classes on the call path (ProxyFactory, through Slot): the slot proxy and the
 * counted target pass every kind of argument, result and exception through unchanged, whatever
 * the contract inherits or defaults.
 */
class SlotProxyTest {

    private final SlotGroup group = new SlotGroup("kinds-plugin");
    private final Slot<Kinds> slot = group.slot(ContractType.of(Kinds.class));
    private final CallTracker tracker = new CallTracker();

    /** The slot's proxy, with the slot pointing at {@code implementation}, counted or not. */
    private Kinds publish(Kinds implementation, boolean counted) {
        group.publish(Map.of(slot, counted ? slot.counted(implementation, tracker) : implementation), "unused");
        return slot.proxy();
    }

    @ParameterizedTest(name = "counted = {0}")
    @ValueSource(booleans = {false, true})
    void primitivesPassThrough(boolean counted) {
        Kinds kinds = publish(new Implementation("v1"), counted);

        assertEquals(23, kinds.ints(2, 3));
        assertEquals(Long.MAX_VALUE, kinds.longs(Long.MAX_VALUE - 7, 7));
        assertEquals(-0.75f, kinds.floats(1.5f, 2.25f));
        assertEquals(0.1 - 1e300, kinds.doubles(0.1, 1e300));
        assertTrue(kinds.booleans(true, false));
        assertFalse(kinds.booleans(false, false));
        assertEquals((byte) -128, kinds.bytes((byte) 127, (byte) -1));
        assertEquals('\uffff', kinds.chars('\ufffe', (char) 1));
        assertEquals(Short.MIN_VALUE, kinds.shorts(Short.MAX_VALUE, (short) -1));
        assertEquals("1 9000000000 3 4.5 c 6.5 7 true s", kinds.mixed((byte) 1, 9_000_000_000L, (short) 3, 4.5, 'c', 6.5f, 7, true, "s"));
        assertEquals(0, tracker.inFlight());
    }

    @ParameterizedTest(name = "counted = {0}")
    @ValueSource(booleans = {false, true})
    void referencesArraysAndVoidPassThrough(boolean counted) {
        Kinds kinds = publish(new Implementation("v1"), counted);

        int[] ints = {1, 2};
        assertArrayEquals(new int[] {2, 1, 3}, kinds.arrays(ints, new String[] {"x", "y", "z"}));
        Object o = new Object();
        assertSame(o, kinds.objects(o, "same"));
        assertEquals(null, kinds.objects(null, null));
        int[] into = new int[1];
        kinds.voids(into, 42);
        assertEquals(42, into[0]);
        assertEquals(0, tracker.inFlight());
    }

    @ParameterizedTest(name = "counted = {0}")
    @ValueSource(booleans = {false, true})
    void inheritedCovariantAndDefaultMethodsReachTheImplementation(boolean counted) {
        Kinds kinds = publish(new Implementation("v1"), counted);

        assertEquals("inherited x by v1", kinds.inherited("x"));
        assertEquals("taken by v1", kinds.take());
        Taker<CharSequence> taker = kinds;
        assertEquals("taken by v1", taker.take().toString(), "through the erased, bridged method too");
        assertEquals("default x", kinds.defaulted("x"));
        assertEquals("overridden x by v1", kinds.overridden("x"));
        assertEquals("static", Kinds.notForwarded());
    }

    @ParameterizedTest(name = "counted = {0}")
    @ValueSource(booleans = {false, true})
    void exceptionsPassThroughUnchanged(boolean counted) {
        Kinds kinds = publish(new Implementation("v1"), counted);

        IOException checked = new IOException("checked");
        assertSame(checked, assertThrows(IOException.class, () -> kinds.throwsChecked(checked)));
        IllegalStateException unchecked = new IllegalStateException("unchecked");
        assertSame(unchecked, assertThrows(IllegalStateException.class, () -> kinds.throwsUnchecked(unchecked)));
        assertEquals(0, tracker.inFlight(), "a call that threw has exited");
    }

    @Test
    void countedTargetCountsTheCallWhileItRuns() {
        long[] seen = new long[1];
        Kinds kinds = publish(new Implementation("v1") {
            @Override
            public void voids(int[] into, int value) {
                seen[0] = tracker.inFlight();
            }
        }, true);

        kinds.voids(new int[1], 0);
        assertEquals(1, seen[0]);
        assertEquals(0, tracker.inFlight());
    }

    @Test
    void callRefusedByAClosedVersionGoesThroughTheSlotToItsSuccessor() {
        Kinds old = slot.counted(new Implementation("v1"), tracker);
        group.publish(Map.of(slot, old), "unused");
        group.publish(Map.of(slot, new Implementation("v2")), "unused");
        tracker.close();

        // a caller that read the old target just before the publish, and enters after the close
        assertEquals("taken by v2", old.take());
        assertEquals(0, tracker.inFlight());
    }

    @Test
    void proxyStaysTheSameObjectAndFollowsWhatIsPublished() {
        Kinds kinds = publish(new Implementation("v1"), false);
        assertEquals("taken by v1", kinds.take());
        publish(new Implementation("v2"), false);

        assertSame(kinds, slot.proxy());
        assertEquals("taken by v2", kinds.take());
    }

    @Test
    void proxyToStringDescribesTheSlot() {
        Kinds kinds = publish(new Implementation("v1"), false);

        assertEquals("graft proxy of test.kinds@1.0 (" + Kinds.class.getName() + ") from plugin 'kinds-plugin'", kinds.toString());
        assertEquals(slot.toString(), kinds.toString());
    }

    @Test
    void slotWithNothingPublishedIsUnavailable() {
        Kinds kinds = slot.proxy();
        ProviderUnavailableException never = assertThrows(ProviderUnavailableException.class, () -> kinds.ints(1, 2));
        assertTrue(never.getMessage().contains("test.kinds@1.0") && never.getMessage().contains("has not published it yet"),
                never.getMessage());

        publish(new Implementation("v1"), false);
        group.publish(Map.of(), "plugin 'kinds-plugin' was unloaded");
        ProviderUnavailableException gone = assertThrows(ProviderUnavailableException.class, kinds::take);
        assertTrue(gone.getMessage().contains("was unloaded"), gone.getMessage());
    }

    /** Operations whose results show each argument arrived, in its place. */
    private static class Implementation implements Kinds {

        private final String version;

        Implementation(String version) {
            this.version = version;
        }

        @Override
        public int ints(int a, int b) {
            return a * 10 + b;
        }

        @Override
        public long longs(long a, long b) {
            return a + b;
        }

        @Override
        public float floats(float a, float b) {
            return a - b;
        }

        @Override
        public double doubles(double a, double b) {
            return a - b;
        }

        @Override
        public boolean booleans(boolean a, boolean b) {
            return a && !b;
        }

        @Override
        public byte bytes(byte a, byte b) {
            return (byte) (a - b);
        }

        @Override
        public char chars(char a, char b) {
            return (char) (a + b);
        }

        @Override
        public short shorts(short a, short b) {
            return (short) (a - b);
        }

        @Override
        public int[] arrays(int[] a, String[] b) {
            return new int[] {a[1], a[0], b.length};
        }

        @Override
        public Object objects(Object a, String b) {
            return a;
        }

        @Override
        public void voids(int[] into, int value) {
            into[0] = value;
        }

        @Override
        public String mixed(byte b, long l, short s, double d, char c, float f, int i, boolean z, String str) {
            return b + " " + l + " " + s + " " + d + " " + c + " " + f + " " + i + " " + z + " " + str;
        }

        @Override
        public String take() {
            return "taken by " + version;
        }

        @Override
        public String inherited(String s) {
            return "inherited " + s + " by " + version;
        }

        @Override
        public String overridden(String s) {
            return "overridden " + s + " by " + version;
        }

        @Override
        public void throwsChecked(IOException e) throws IOException {
            throw e;
        }

        @Override
        public void throwsUnchecked(RuntimeException e) {
            throw e;
        }
    }
}
