package dev.roster.mappingrules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular expressions that admins write, kept harmless: a pattern is at most {@link #MAX_PATTERN} characters
 * and must compile; it runs on at most {@link #MAX_INPUT} characters and within a budget of character reads,
 * so a pattern that backtracks catastrophically fails one value instead of stalling a sync.
 */
public final class SafeRegex {

    public static final int MAX_PATTERN = 200;
    public static final int MAX_INPUT = 1024;
    static final long MAX_READS = 200_000;

    private SafeRegex() {
    }

    /** The compiled pattern, or {@link IllegalArgumentException} saying why it is refused. */
    public static Pattern compile(String regex) {
        if (regex == null || regex.isEmpty()) {
            throw new IllegalArgumentException("a regular expression is required");
        }
        if (regex.length() > MAX_PATTERN) {
            throw new IllegalArgumentException("a regular expression is at most " + MAX_PATTERN + " characters, not "
                    + regex.length());
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }

    /** Whether the pattern occurs in the value; {@link IllegalArgumentException} when that costs too much. */
    public static boolean find(Pattern pattern, String value) {
        return pattern.matcher(bounded(value)).find();
    }

    /** Every occurrence replaced by the literal {@code replacement}. */
    public static String replaceAll(Pattern pattern, String value, String replacement) {
        return pattern.matcher(bounded(value)).replaceAll(Matcher.quoteReplacement(replacement));
    }

    private static CharSequence bounded(String value) {
        if (value.length() > MAX_INPUT) {
            throw new IllegalArgumentException("a regular expression runs on at most " + MAX_INPUT
                    + " characters, not " + value.length());
        }
        return new Budgeted(value, new long[]{MAX_READS});
    }

    /** A text that refuses to be read more than a set number of times in all. */
    private record Budgeted(String text, long[] reads) implements CharSequence {

        @Override
        public char charAt(int index) {
            if (--reads[0] < 0) {
                throw new IllegalArgumentException("the regular expression is too costly on this value");
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.substring(start, end), reads);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
