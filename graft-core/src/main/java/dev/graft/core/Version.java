package dev.graft.core;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version: {@code MAJOR.MINOR[.PATCH][-PRERELEASE]}.
 *
 * <p>{@link #satisfies} is the one compatibility rule of Graft, for contracts and plugin
 * dependencies alike: same major, and at least the minor (then patch) asked for.
 */
public record Version(int major, int minor, int patch, String preRelease) implements Comparable<Version> {

    private static final Pattern FORM =
            Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})(?:\\.(0|[1-9]\\d{0,8}))?(?:-([0-9A-Za-z.-]+))?");

    private static final Comparator<Version> ORDER = Comparator.comparingInt(Version::major)
            .thenComparingInt(Version::minor)
            .thenComparingInt(Version::patch)
            .thenComparing(Version::preRelease, Version::comparePreRelease);

    public Version {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("expected non-negative version numbers, found " + major + "." + minor + "." + patch);
        }
        preRelease = preRelease == null ? "" : preRelease;
    }

    /**
     * Parses {@code 1.2}, {@code 1.2.3} or {@code 1.2.3-beta.1}.
     *
     * @throws IllegalArgumentException naming what was expected and what was found
     */
    public static Version parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(
                    "expected a semantic version such as 1.2 or 1.2.3, found '" + text + "'");
        }
        return new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), m.group(4));
    }

    /** Same major version, and not older than {@code required}. */
    public boolean satisfies(Version required) {
        return major == required.major && compareTo(required) >= 0;
    }

    /**
     * Semantic Versioning's rule 11: a pre-release sorts before its release; identifiers compare
     * one by one, numeric ones as numbers and below alphanumeric ones; a shorter list that is a
     * prefix of a longer one sorts first. So {@code beta.2 < beta.10 < rc.1 < (release)}.
     */
    private static int comparePreRelease(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xNumeric = x[i].chars().allMatch(Character::isDigit);
            boolean yNumeric = y[i].chars().allMatch(Character::isDigit);
            int c;
            if (xNumeric && yNumeric) {
                c = new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]));
            } else if (xNumeric != yNumeric) {
                c = xNumeric ? -1 : 1;
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    @Override
    public int compareTo(Version other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease);
    }

    /** {@code MAJOR.MINOR}, the form contracts are usually written in. */
    public String toShortString() {
        return major + "." + minor;
    }
}
