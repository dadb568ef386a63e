package dev.graft.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.graft.core.host.HandleException.Reason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Long random sequences of create, release, resolve, forge, scope and retire, run against the
 * handle table and against a plain model of what each handle should be; any difference fails the
 * test with the seed and the step, so it can be replayed ({@code -Dgraft.handles.seed=N}).
 *
 * <p>The model is a map from every value ever issued to its owner, kind, object and liveness:
 * whatever the table's layout, a value it never issued must be UNKNOWN, a value issued twice would
 * be an alias (the model checks it never happens), and every other answer follows from the map.
 */
class HandleModelTest {

    private static final int STEPS = 30_000;

    static Stream<Arguments> runs() {
        String chosen = System.getProperty("graft.handles.seed");
        LongStream seeds = chosen != null ? LongStream.of(Long.decode(chosen)) : LongStream.of(1, 7, 42, 2024, 0xC0FFEE, 987654321L);
        // the default highest generation, and small ones that make slots retire all the time
        return seeds.boxed().flatMap(seed -> Stream.of(Handle.MAX_GENERATION, 1, 2, 5).map(max -> Arguments.of(seed, max)));
    }

    @ParameterizedTest(name = "seed {0}, highest generation {1}")
    @MethodSource("runs")
    void theTableAnswersAsTheModelSays(long seed, int maxGeneration) {
        Run run = new Run(seed, maxGeneration);
        try {
            run.go();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + seed + " (replay with -Dgraft.handles.seed=" + seed + "), highest generation "
                    + maxGeneration + ", step " + run.step + ": " + e.getMessage() + "\nlast steps: " + run.trail, e);
        }
    }

    /** A host object of its own type, so that asking for another type is a WRONG_TYPE. */
    record Box(int n) {
    }

    /** What the model knows of one issued value. */
    static final class Issued {
        final VersionHandles owner;
        final Object target;
        final boolean scoped;
        boolean live = true;

        Issued(VersionHandles owner, Object target, boolean scoped) {
            this.owner = owner;
            this.target = target;
            this.scoped = scoped;
        }
    }

    record OpenScope(HandleScope scope, VersionHandles owner, List<Long> handles) {
    }

    /** The expected answer: an object, or a refusal for a reason. */
    record Expected(Object target, Reason reason) {
    }

    private static final class Run {
        final SplittableRandom random;
        final HandleTable table;
        final List<VersionHandles> versions = new ArrayList<>();
        final Set<VersionHandles> retired = new HashSet<>();
        final Map<Long, Issued> issued = new HashMap<>();
        final List<Long> values = new ArrayList<>(); // every issued value, to pick from
        final Deque<OpenScope> scopes = new ArrayDeque<>(); // innermost first
        final Deque<String> trail = new ArrayDeque<>();
        final Map<VersionHandles, Integer> ownedLive = new HashMap<>(); // kept as the model goes, not counted each step
        int scopedLive;
        int step;
        int objects;

        Run(long seed, int maxGeneration) {
            random = new SplittableRandom(seed);
            table = new HandleTable(maxGeneration);
        }

        void go() {
            newVersion();
            for (step = 0; step < STEPS; step++) {
                int dice = random.nextInt(100);
                if (dice < 2) {
                    newVersion();
                } else if (dice < 3) {
                    retire();
                } else if (dice < 22) {
                    owned();
                } else if (dice < 34) {
                    release(pick());
                } else if (dice < 58) {
                    resolve(pick());
                } else if (dice < 66) {
                    resolve(forge());
                } else if (dice < 70) {
                    release(forge());
                } else if (dice < 76) {
                    openScope();
                } else if (dice < 90) {
                    scoped();
                } else {
                    closeScope();
                }
                checkCounts();
            }
            while (!scopes.isEmpty()) {
                closeScope();
            }
            versions.forEach(VersionHandles::retire);
            assertEquals(0, table.live(), "everything released once every version is retired");
            assertEquals(0, table.scopedOnThisThread());
        }

        void note(String what) {
            trail.addLast(step + ": " + what);
            if (trail.size() > 12) {
                trail.removeFirst();
            }
        }

        VersionHandles anyVersion() {
            return versions.get(random.nextInt(versions.size()));
        }

        Object newObject() {
            int n = ++objects;
            return random.nextBoolean() ? "object " + n : new Box(n);
        }

        void newVersion() {
            if (versions.size() < 8) {
                versions.add(table.open("p" + versions.size() + "@1.0.0#" + versions.size()));
                note("new version " + versions.getLast().label());
            }
        }

        void retire() {
            VersionHandles v = anyVersion();
            note("retire " + v.label());
            v.retire();
            retired.add(v);
            issued.values().stream().filter(i -> i.owner == v && !i.scoped && i.live).forEach(this::dead);
        }

        void owned() {
            VersionHandles v = anyVersion();
            Object target = newObject();
            note("owned " + target + " for " + v.label());
            if (retired.contains(v)) {
                expectIllegalState(() -> v.owned(target));
                return;
            }
            record(v.owned(target), v, target, false);
        }

        void openScope() {
            VersionHandles v = anyVersion();
            note("open scope of " + v.label());
            if (retired.contains(v)) {
                expectIllegalState(v::scope);
                return;
            }
            scopes.push(new OpenScope(v.scope(), v, new ArrayList<>()));
        }

        void scoped() {
            if (scopes.isEmpty()) {
                openScope();
                return;
            }
            OpenScope innermost = scopes.peek();
            Object target = newObject();
            note("scoped " + target + " in scope of " + innermost.owner().label());
            if (retired.contains(innermost.owner())) {
                expectIllegalState(() -> innermost.scope().handle(target));
                return;
            }
            long h = innermost.scope().handle(target);
            record(h, innermost.owner(), target, true);
            innermost.handles().add(h);
            if (scopes.size() > 1 && random.nextInt(20) == 0) {
                // only the innermost scope makes handles
                OpenScope outer = scopes.stream().skip(1).findFirst().orElseThrow();
                expectIllegalState(() -> outer.scope().handle("not here"));
            }
        }

        void closeScope() {
            if (scopes.isEmpty()) {
                return;
            }
            if (scopes.size() > 1 && random.nextInt(10) == 0) {
                // closing an outer one first closes those inside it, and says so
                List<OpenScope> open = new ArrayList<>(scopes);
                int which = 1 + random.nextInt(open.size() - 1);
                note("close scope at " + which + " of " + open.size() + " with inner ones open");
                expectIllegalState(open.get(which).scope()::close);
                for (int i = 0; i <= which; i++) {
                    closed(scopes.pop());
                }
                return;
            }
            OpenScope innermost = scopes.pop();
            note("close innermost scope of " + innermost.owner().label());
            innermost.scope().close();
            closed(innermost);
        }

        void closed(OpenScope scope) {
            scope.handles().forEach(h -> dead(issued.get(h)));
        }

        void record(long h, VersionHandles owner, Object target, boolean scoped) {
            if (issued.containsKey(h)) {
                throw new AssertionError("the table issued " + Handle.describe(h) + " twice: an alias");
            }
            if (h <= 0) {
                throw new AssertionError("expected a positive handle, found " + h);
            }
            issued.put(h, new Issued(owner, target, scoped));
            values.add(h);
            if (scoped) {
                scopedLive++;
            } else {
                ownedLive.merge(owner, 1, Integer::sum);
            }
        }

        void dead(Issued i) {
            i.live = false;
            if (i.scoped) {
                scopedLive--;
            } else {
                ownedLive.merge(i.owner, -1, Integer::sum);
            }
        }

        long pick() {
            if (values.isEmpty()) {
                return forge();
            }
            // recent values more often: they are the ones still live
            int n = values.size();
            int back = random.nextInt(4) == 0 ? random.nextInt(n) : random.nextInt(Math.min(n, 64));
            return values.get(n - 1 - back);
        }

        long forge() {
            long base = values.isEmpty() ? Handle.of(0, 1) : pick();
            return switch (random.nextInt(6)) {
                case 0 -> random.nextLong();
                case 1 -> base + (1L << 32); // next generation
                case 2 -> base - (1L << 32); // previous generation
                case 3 -> base + 1; // next slot
                case 4 -> base ^ (1L << random.nextInt(64)); // one bit flipped
                default -> random.nextInt(3) - 1L; // 0, 1 and -1
            };
        }

        Expected expect(long value, VersionHandles asker, Class<?> type, boolean release) {
            if (retired.contains(asker)) {
                return new Expected(null, Reason.RELEASED);
            }
            Issued i = issued.get(value);
            if (i == null) {
                return new Expected(null, Reason.UNKNOWN);
            }
            if (!i.live) {
                return new Expected(null, Reason.RELEASED);
            }
            if (i.owner != asker) {
                return new Expected(null, Reason.FOREIGN);
            }
            if (release) {
                return i.scoped ? new Expected(null, Reason.WRONG_KIND) : new Expected(i.target, null);
            }
            return type.isInstance(i.target) ? new Expected(i.target, null) : new Expected(null, Reason.WRONG_TYPE);
        }

        void resolve(long value) {
            VersionHandles asker = random.nextInt(4) == 0 ? anyVersion() : ownerOr(value);
            Class<?> type = switch (random.nextInt(3)) {
                case 0 -> Object.class;
                case 1 -> String.class;
                default -> Box.class;
            };
            note("resolve " + Handle.describe(value) + " as " + type.getSimpleName() + " by " + asker.label());
            Expected expected = expect(value, asker, type, false);
            Object found;
            try {
                found = asker.resolve(value, type);
            } catch (HandleException e) {
                assertEquals(expected.reason(), e.reason(), () -> "resolve refused: " + e.getMessage());
                assertEquals(value, e.handle());
                return;
            }
            if (expected.reason() != null) {
                throw new AssertionError("expected " + expected.reason() + " resolving " + Handle.describe(value)
                        + ", found it resolved to " + found);
            }
            assertSame(expected.target(), found, "resolved to another object");
        }

        void release(long value) {
            VersionHandles asker = random.nextInt(4) == 0 ? anyVersion() : ownerOr(value);
            note("release " + Handle.describe(value) + " by " + asker.label());
            Expected expected = expect(value, asker, Object.class, true);
            try {
                asker.release(value);
            } catch (HandleException e) {
                assertEquals(expected.reason(), e.reason(), () -> "release refused: " + e.getMessage());
                return;
            }
            if (expected.reason() != null) {
                throw new AssertionError("expected " + expected.reason() + " releasing " + Handle.describe(value) + ", found it released");
            }
            dead(issued.get(value));
        }

        VersionHandles ownerOr(long value) {
            Issued i = issued.get(value);
            return i != null ? i.owner : anyVersion();
        }

        void checkCounts() {
            int owned = 0;
            for (VersionHandles v : versions) {
                int mine = ownedLive.getOrDefault(v, 0);
                owned += mine;
                assertEquals(mine, v.live(), () -> "owned handles live of " + v.label());
            }
            assertEquals(owned, table.live(), "owned handles live in the table");
            assertEquals(scopedLive, table.scopedOnThisThread(), "scoped handles live on this thread");
        }

        static void expectIllegalState(Runnable action) {
            try {
                action.run();
            } catch (IllegalStateException expected) {
                return;
            }
            throw new AssertionError("expected an IllegalStateException, found none");
        }
    }
}
