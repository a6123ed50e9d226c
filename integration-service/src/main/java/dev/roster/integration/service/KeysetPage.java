package dev.roster.integration.service;

import java.util.List;
import java.util.function.Function;

/**
 * A page cut from a query that fetched one row more than the page holds: the extra row only tells that a
 * next page exists, and the last row kept is where it starts.
 */
public record KeysetPage<T>(List<T> items, String nextCursor) {

    public static <E, T> KeysetPage<T> of(List<E> fetched, int limit, Function<E, PageCursor> position,
            Function<E, T> map) {
        boolean more = fetched.size() > limit;
        List<E> kept = more ? fetched.subList(0, limit) : fetched;
        String next = more ? position.apply(kept.get(limit - 1)).encode() : null;
        return new KeysetPage<>(kept.stream().map(map).toList(), next);
    }
}
