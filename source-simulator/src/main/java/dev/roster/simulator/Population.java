package dev.roster.simulator;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A deterministic synthetic population of N people. Person {@code i} is computed from (seed, i) when asked
 * for; only the changes made between syncs are stored, as small overlays (a map of index to modification
 * count, bitsets of deactivated and deleted people, and a log of changed indices for delta queries), so a
 * population of 1,000,000 costs a few hundred kilobytes at most.
 *
 * <p>
 * Built-in irregularities, by index: every 17th person ({@code i % 17 == 16}) is deactivated, every 23rd
 * ({@code i % 23 == 22}, unless deactivated) pending, every 61st has no email, every 97th an invalid email (no
 * {@code @}), every 131st an unparseable hire date.
 *
 * <p>
 * Thread-safe: the server reads while a test changes the population.
 */
public final class Population {

    static final int PERIOD = 17 * 23;
    private static final String[] FIRST = {"Zoë", "Jürgen", "Łukasz", "Søren", "Élodie", "Anna", "Mateo", "Björn",
            "Çağla", "Renée", "José", "Siobhán", "Ingrid", "Ahmet", "Priya", "Kenji", "Olivia", "Noah", "Małgorzata",
            "François", "Zoltán", "Chloé", "Åsa", "Dmitrij", "Fatima", "Liam", "Emma", "Jiří", "Nuno", "Aoife",
            "Hélène",
            "Mikkel", "Grzegorz", "Léa", "Thomas", "Sofía", "Ólafur", "Yusuf", "Marta", "Ewa"};
    private static final String[] LAST = {"Müller", "Nowak", "Sørensen", "Dvořák", "García", "O'Brien", "Łęcka",
            "Ødegård", "Kovačević", "Şahin", "Tanaka", "Nguyễn", "Schmidt", "Lefèvre", "Johansson", "Fernández",
            "Smith", "Rossi", "Weiß", "Kowalski", "Byrne", "Dubois", "Novák", "Jensen", "Öztürk", "Martínez",
            "Brown", "Horváth", "Sánchez", "Wójcik", "Bäcker", "Nilsson", "Costa", "Van der Berg", "Håkansson",
            "Petrović", "Kim", "Patel", "Żak", "Lindqvist"};
    private static final String[] DEPARTMENTS = {"Engineering", "Sales", "Marketing", "Finance", "Human Resources",
            "Customer Success", "Operations", "Legal", "Product", "Facilities"};
    private static final String[] TITLES = {"Software Engineer", "Senior Software Engineer", "Account Executive",
            "Marketing Manager", "Controller", "HR Business Partner", "Support Specialist", "Operations Analyst",
            "Legal Counsel", "Product Manager", "Team Lead", "Office Manager", "Data Analyst", "Designer"};
    // office, city, country (ISO), phone prefix
    private static final String[][] OFFICES = {{"Berlin HQ", "Berlin", "DE", "+49 30 "},
            {"München Süd", "München", "DE", "+49 89 "}, {"Kraków", "Kraków", "PL", "+48 12 "},
            {"København", "København", "DK", "+45 33 "}, {"Paris La Défense", "Paris", "FR", "+33 1 "},
            {"Zürich", "Zürich", "CH", "+41 44 "}, {"London", "London", "GB", "+44 20 "},
            {"New York", "New York", "US", "+1 212 "}, {"São Paulo", "São Paulo", "BR", "+55 11 "},
            {"Tokyo", "Tokyo", "JP", "+81 3 "}};
    private static final int[][] BASE_PREFIX = basePrefix();

    private final long seed;
    private final int baseSize;
    private int added;
    private final Map<Integer, Integer> versions = new HashMap<>();
    private final BitSet deactivated = new BitSet();
    private final BitSet deleted = new BitSet();
    private final BitSet softDeleted = new BitSet();
    private int[] changeLog = new int[16];
    private int changeCount;
    private int epoch;

    public Population(long seed, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0");
        }
        this.seed = seed;
        this.baseSize = size;
    }

    public long seed() {
        return seed;
    }

    /** Number of indices ever generated (initial N plus added), deleted ones included. */
    public synchronized int size() {
        return baseSize + added;
    }

    // ---------------------------------------------------------------- reading

    /** Whether index {@code i} names a person who exists (in range, not deleted). */
    public synchronized boolean exists(int i) {
        return i >= 0 && i < size() && !deleted.get(i);
    }

    public synchronized boolean isDeleted(int i) {
        return deleted.get(i);
    }

    /** Whether a deleted person was soft-deleted (restorable; Graph's {@code "changed"} reason). */
    public synchronized boolean isSoftDeleted(int i) {
        return softDeleted.get(i);
    }

    /** The status of person {@code i}, or {@code null} if deleted or out of range. */
    public synchronized PersonStatus status(int i) {
        if (i < 0 || i >= size() || deleted.get(i)) {
            return null;
        }
        return deactivated.get(i) ? PersonStatus.DEACTIVATED : baseStatus(i);
    }

    /** Generates person {@code i} (also for a deleted one: its last state). */
    public Person person(int i) {
        int version;
        PersonStatus status;
        synchronized (this) {
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException("no person " + i + " in a population of " + size());
            }
            version = versions.getOrDefault(i, 0);
            status = deactivated.get(i) ? PersonStatus.DEACTIVATED : baseStatus(i);
        }
        SplittableRandom r = new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + i));
        String first = FIRST[r.nextInt(FIRST.length)];
        String last = LAST[r.nextInt(LAST.length)];
        int dept = r.nextInt(DEPARTMENTS.length);
        int title = r.nextInt(TITLES.length);
        String[] office = OFFICES[r.nextInt(OFFICES.length)];
        int phoneNumber = 1_000_000 + r.nextInt(9_000_000);
        LocalDate hire = LocalDate.of(2000, 1, 1).plusDays(r.nextInt(365 * 25));
        if (version > 0) {
            title = (title + version) % TITLES.length;
            phoneNumber = 1_000_000 + (phoneNumber + 7919 * version) % 9_000_000;
            if (version % 2 == 1) {
                dept = (dept + 1) % DEPARTMENTS.length;
            }
        }
        String local = asciiLocalPart(first, last, i);
        String email;
        if (i % 61 == 60) {
            email = null;
        } else if (i % 97 == 96) {
            email = local + ".example.com"; // no @
        } else {
            email = local + "@example.com";
        }
        String hireDate = i % 131 == 130 ? hire.getDayOfMonth() + "/13/" + hire.getYear() : hire.toString();
        return new Person(i, idOf(i), staffbaseIdOf(i), salesforceIdOf(i), externalIdOf(i), first, last, email,
                DEPARTMENTS[dept], TITLES[title], office[0], office[1], office[2], office[3] + phoneNumber, hireDate,
                managerOf(i), status, version);
    }

    /** The manager of person {@code i}: a lower index (a 7-ary tree), or -1 for person 0. */
    public static int managerOf(int i) {
        return i <= 0 ? -1 : (i - 1) / 7;
    }

    /** The UUID of person {@code i} (Graph and SCIM {@code id}). */
    public String idOf(int i) {
        long hi = mix(seed ^ 0x5DEECE66DL ^ ((long) i << 20));
        long lo = mix(hi ^ i ^ 0x2545F4914F6CDD1DL);
        hi = (hi & ~0xF000L) | 0x4000L; // version 4
        lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(hi, lo).toString();
    }

    /** The Staffbase id of person {@code i}: 24 hex digits, like a MongoDB ObjectId. */
    public String staffbaseIdOf(int i) {
        return String.format(Locale.ROOT, "%08x%016x", i, mix(seed + i));
    }

    /** The Salesforce Contact id of person {@code i}: 18 characters starting with {@code 003}. */
    public String salesforceIdOf(int i) {
        return String.format(Locale.ROOT, "003SIM%012d", i);
    }

    public static String externalIdOf(int i) {
        return String.format(Locale.ROOT, "E%07d", i);
    }

    // ------------------------------------------------------- counting/paging

    /** How many existing people have one of the given statuses. */
    public synchronized int count(Set<PersonStatus> statuses) {
        return countBelow(statuses, size());
    }

    /** How many existing people with one of the given statuses have an index below {@code upTo}. */
    public synchronized int countBelow(Set<PersonStatus> statuses, int upTo) {
        int full = upTo / PERIOD;
        int rest = upTo % PERIOD;
        int c = 0;
        for (PersonStatus s : statuses) {
            int[] prefix = BASE_PREFIX[s.ordinal()];
            c += full * prefix[PERIOD] + prefix[rest];
        }
        for (int j = deleted.nextSetBit(0); j >= 0 && j < upTo; j = deleted.nextSetBit(j + 1)) {
            if (statuses.contains(baseStatus(j))) {
                c--;
            }
        }
        for (int j = deactivated.nextSetBit(0); j >= 0 && j < upTo; j = deactivated.nextSetBit(j + 1)) {
            if (!deleted.get(j)) {
                if (statuses.contains(baseStatus(j))) {
                    c--;
                }
                if (statuses.contains(PersonStatus.DEACTIVATED)) {
                    c++;
                }
            }
        }
        return c;
    }

    /**
     * The index of the {@code n}-th (0-based) existing person with one of the given statuses, or -1 if there
     * are not that many. A binary search over {@link #countBelow}: no scan of the population.
     */
    public synchronized int nth(Set<PersonStatus> statuses, int n) {
        if (n < 0 || statuses.isEmpty()) {
            return -1;
        }
        int lo = 0;
        int hi = size();
        if (countBelow(statuses, hi) <= n) {
            return -1;
        }
        while (lo < hi) { // smallest u with countBelow(u) > n
            int mid = (lo + hi) >>> 1;
            if (countBelow(statuses, mid) > n) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo - 1;
    }

    /** The first index at or after {@code from} of an existing person with one of the statuses, or -1. */
    public synchronized int nextMatching(Set<PersonStatus> statuses, int from) {
        if (statuses.isEmpty()) {
            return -1;
        }
        for (int j = Math.max(0, from); j < size(); j++) {
            PersonStatus s = status(j);
            if (s != null && statuses.contains(s)) {
                return j;
            }
        }
        return -1;
    }

    // ----------------------------------------------------------------- changes

    /** Adds {@code k} new people (indices {@code size()..size()+k-1}); returns their indices. */
    public synchronized int[] add(int k) {
        int[] out = new int[k];
        for (int n = 0; n < k; n++) {
            out[n] = size();
            added++;
            log(out[n]);
        }
        return out;
    }

    /** Modifies {@code k} existing people chosen deterministically (title, phone, department change). */
    public synchronized int[] modify(int k) {
        int[] picked = pick(k, 1, j -> !deleted.get(j));
        for (int j : picked) {
            modifyAt(j);
        }
        return picked;
    }

    /** Deactivates {@code k} currently non-deactivated people chosen deterministically. */
    public synchronized int[] deactivate(int k) {
        int[] picked = pick(k, 2, j -> !deleted.get(j) && status(j) != PersonStatus.DEACTIVATED);
        for (int j : picked) {
            deactivateAt(j);
        }
        return picked;
    }

    /** Deletes {@code k} existing people permanently (Graph {@code @removed} reason {@code deleted}). */
    public synchronized int[] delete(int k) {
        int[] picked = pick(k, 3, j -> !deleted.get(j));
        for (int j : picked) {
            deleteAt(j);
        }
        return picked;
    }

    /** Soft-deletes {@code k} existing people (Graph {@code @removed} reason {@code changed}). */
    public synchronized int[] softDelete(int k) {
        int[] picked = pick(k, 4, j -> !deleted.get(j));
        for (int j : picked) {
            softDeleted.set(j);
            deleteAt(j);
        }
        return picked;
    }

    public synchronized void modifyAt(int i) {
        requireExisting(i);
        versions.merge(i, 1, Integer::sum);
        log(i);
    }

    public synchronized void deactivateAt(int i) {
        requireExisting(i);
        deactivated.set(i);
        log(i);
    }

    /** Re-activates a person deactivated by {@link #deactivateAt} (built-in inactive people stay inactive). */
    public synchronized void reactivateAt(int i) {
        requireExisting(i);
        deactivated.clear(i);
        log(i);
    }

    public synchronized void deleteAt(int i) {
        requireExisting(i);
        deleted.set(i);
        log(i);
    }

    /** Number of changes made so far; the delta state embedded in Graph delta tokens. */
    public synchronized int changeCount() {
        return changeCount;
    }

    /** Invalidates every delta token issued so far (the next delta call gets 410 Gone). */
    public synchronized void expireDeltaTokens() {
        epoch++;
    }

    public synchronized int epoch() {
        return epoch;
    }

    /** The distinct indices changed by changes {@code from..to-1}, in order of their first change. */
    public synchronized int[] changedBetween(int from, int to) {
        if (from < 0 || to > changeCount || from > to) {
            throw new IllegalArgumentException("bad change range " + from + ".." + to);
        }
        LinkedHashSet<Integer> seen = new LinkedHashSet<>();
        for (int p = from; p < to; p++) {
            seen.add(changeLog[p]);
        }
        return seen.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * An estimate of the bytes the overlays retain: what the population costs beyond its constant part. It
     * grows with the number of changes, never with N.
     */
    public synchronized long overlayBytes() {
        long bits = (long) deleted.size() + softDeleted.size() + deactivated.size();
        return bits / 8 + versions.size() * 64L + changeLog.length * 4L;
    }

    /** Number of people with a stored modification (the size of the modification overlay). */
    public synchronized int modifiedCount() {
        return versions.size();
    }

    // ---------------------------------------------------------------- internals

    private interface IntPredicate {

        boolean test(int j);
    }

    private int[] pick(int k, int salt, IntPredicate ok) {
        SplittableRandom r = new SplittableRandom(mix(seed ^ (0xC0FFEEL * salt) ^ ((long) changeCount << 32)));
        int[] out = new int[k];
        int n = 0;
        int size = size();
        long attempts = 0;
        while (n < k && size > 0) {
            if (++attempts > 100L * k + 10_000) {
                throw new IllegalStateException("not enough eligible people to change " + k);
            }
            int j = r.nextInt(size);
            if (ok.test(j) && !contains(out, n, j)) {
                out[n++] = j;
            }
        }
        return n == k ? out : Arrays.copyOf(out, n);
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int x = 0; x < n; x++) {
            if (a[x] == v) {
                return true;
            }
        }
        return false;
    }

    private void requireExisting(int i) {
        if (!exists(i)) {
            throw new IllegalArgumentException("no existing person " + i);
        }
    }

    private void log(int i) {
        if (changeCount == changeLog.length) {
            changeLog = Arrays.copyOf(changeLog, changeLog.length * 2);
        }
        changeLog[changeCount++] = i;
    }

    static PersonStatus baseStatus(int i) {
        if (i % 17 == 16) {
            return PersonStatus.DEACTIVATED;
        }
        if (i % 23 == 22) {
            return PersonStatus.PENDING;
        }
        return PersonStatus.ACTIVATED;
    }

    private static int[][] basePrefix() {
        int[][] prefix = new int[PersonStatus.values().length][PERIOD + 1];
        for (int i = 0; i < PERIOD; i++) {
            PersonStatus s = baseStatus(i);
            for (PersonStatus t : PersonStatus.values()) {
                prefix[t.ordinal()][i + 1] = prefix[t.ordinal()][i] + (s == t ? 1 : 0);
            }
        }
        return prefix;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** {@code first.last.i} folded to ASCII lower case: {@code Zoë Müller} → {@code zoe.muller.42}. */
    static String asciiLocalPart(String first, String last, int i) {
        return fold(first) + "." + fold(last) + "." + i;
    }

    private static String fold(String s) {
        String t = s.toLowerCase(Locale.ROOT).replace("ł", "l").replace("ø", "o").replace("ß", "ss")
                .replace("æ", "ae").replace("đ", "d").replace("ı", "i");
        t = Normalizer.normalize(t, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return t.replaceAll("[^a-z0-9]", "");
    }

    /** All statuses. */
    public static Set<PersonStatus> allStatuses() {
        return EnumSet.allOf(PersonStatus.class);
    }

    /** Activated and pending: whom a sync imports. */
    public static Set<PersonStatus> importable() {
        return EnumSet.of(PersonStatus.ACTIVATED, PersonStatus.PENDING);
    }
}
