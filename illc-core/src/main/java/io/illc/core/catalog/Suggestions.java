package io.illc.core.catalog;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" by edit distance. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidate closest to {@code given}, if it is close enough to be a likely typo. Of two as
     * close, the one sharing more of its letters in order: {@code lbl} is two edits from both
     * {@code b} and {@code label}, and means the second. None that shares no letter with it.
     */
    public static Optional<String> closest(String given, Collection<String> candidates) {
        String g = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestShared = -1;
        for (String c : candidates) {
            String lower = c.toLowerCase(Locale.ROOT);
            int d = distance(g, lower);
            int shared = d <= bestDistance ? sharedInOrder(g, lower) : -1;
            if (d < bestDistance || d == bestDistance && shared > bestShared) {
                best = c;
                bestDistance = d;
                bestShared = shared;
            }
        }
        int allowed = Math.max(2, g.length() / 3);
        // A name with no letter in common is no typo of it, however short both are ('z' is not a typo of 'a').
        return best != null && bestDistance <= allowed && bestShared > 0 ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The length of the longest common subsequence of {@code a} and {@code b}. */
    static int sharedInOrder(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = a.charAt(i - 1) == b.charAt(j - 1) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** "; did you mean 'x'?" or "". */
    public static String didYouMean(String given, Collection<String> candidates) {
        return closest(given, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
    }
}
