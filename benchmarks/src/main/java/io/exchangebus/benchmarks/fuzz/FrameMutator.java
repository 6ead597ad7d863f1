package io.exchangebus.benchmarks.fuzz;

import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutates an exchange frame the ways a broken network, a buggy gateway or a hostile peer would: one to three of byte
 * flips, truncations, deleted and repeated spans, a number swapped for an extreme value or another type, deep
 * nesting, a huge array, odd Unicode. Deterministic for a seed. Not thread-safe (one per thread).
 */
final class FrameMutator {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");
    private static final String[] EXTREMES = {"-1", "-0.00000001", "0", "-0", "1e38", "1E+400", "1e-30",
            "99999999999999999999999999999999999999", "0.0000000000000000001", "9223372036854775808",
            "-9223372036854775809", "123456789012345678901.5", "NaN", "Infinity", "null", "true", "\"\"",
            "\"1e38\"", "\"-5\"", "\"abc\"", "[]", "{}", "1.5"};
    private static final String[] ODD = {"\u0000", "\uD800", "\uDFFF", "\uFEFF", "\u202E", "\uFFFF", "é",
            "\uD83D\uDE00", "\\u0000", "\\ud800", "\"", "\\", "\n"};

    /**
     * No mutation makes a frame longer than this (1 MiB): repeated huge-array mutations of a 259-level snapshot reach
     * 14 MB, whose mere reading takes over 100 ms, and no exchange sends market-data frames of that size.
     */
    static final int MAX_CHARS = 1 << 20;

    private final SplittableRandom random;

    FrameMutator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A mutated copy of {@code frame}. */
    String mutate(String frame) {
        String s = frame;
        int times = 1 + random.nextInt(3);
        for (int i = 0; i < times && !s.isEmpty(); i++) {
            String next = once(s);
            s = next.length() <= MAX_CHARS ? next : s;
        }
        return s;
    }

    private String once(String s) {
        return switch (random.nextInt(9)) {
            case 0 -> flip(s);
            case 1 -> s.substring(0, random.nextInt(s.length()));
            case 2 -> deleteSpan(s);
            case 3 -> repeatSpan(s);
            case 4, 5 -> swapNumber(s);
            case 6 -> deepNesting(s);
            case 7 -> hugeArray(s);
            default -> insert(s, ODD[random.nextInt(ODD.length)]);
        };
    }

    private String flip(String s) {
        int at = random.nextInt(s.length());
        char c = (char) (s.charAt(at) ^ (1 << random.nextInt(8)));
        return s.substring(0, at) + c + s.substring(at + 1);
    }

    private String deleteSpan(String s) {
        int from = random.nextInt(s.length());
        int to = Math.min(s.length(), from + 1 + random.nextInt(32));
        return s.substring(0, from) + s.substring(to);
    }

    private String repeatSpan(String s) {
        int from = random.nextInt(s.length());
        int to = Math.min(s.length(), from + 1 + random.nextInt(64));
        String span = s.substring(from, to);
        return s.substring(0, to) + span.repeat(1 + random.nextInt(3)) + s.substring(to);
    }

    /** The first number at or after a random place (else the first of the frame) swapped for an extreme value. */
    private String swapNumber(String s) {
        Matcher m = NUMBER.matcher(s);
        if (!m.find(random.nextInt(s.length())) && !m.find(0)) {
            return flip(s);
        }
        return s.substring(0, m.start()) + EXTREMES[random.nextInt(EXTREMES.length)] + s.substring(m.end());
    }

    private String deepNesting(String s) {
        int colon = s.indexOf(':', random.nextInt(s.length()));
        int at = colon < 0 ? random.nextInt(s.length()) : colon + 1;
        int depth = 1 + random.nextInt(5000);
        return s.substring(0, at) + "[".repeat(depth) + "1" + "]".repeat(depth) + s.substring(at);
    }

    /** An array's first element repeated thousands of times. */
    private String hugeArray(String s) {
        int open = s.indexOf("[[", random.nextInt(s.length()));
        if (open < 0) {
            open = s.indexOf('[');
        }
        if (open < 0) {
            return flip(s);
        }
        int end = s.indexOf(']', open + 1);
        if (end < 0) {
            return flip(s);
        }
        String element = s.substring(open + 1, end + 1) + ",";
        return s.substring(0, open + 1) + element.repeat(1000 + random.nextInt(9_000)) + s.substring(open + 1);
    }

    private String insert(String s, String text) {
        int at = random.nextInt(s.length() + 1);
        return s.substring(0, at) + text + s.substring(at);
    }
}
