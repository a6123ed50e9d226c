package dev.roster.worker.discovery;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.roster.commons.events.FieldsDiscovered.DiscoveredField;
import dev.roster.commons.events.FieldsDiscovered.FieldType;
import dev.roster.mappingrules.SourcePaths;
import dev.roster.worker.connector.SourceRecord;

/**
 * Derives a source's fields from its first records: every path met (see {@link SourcePaths}), in the order
 * first met, with up to three distinct samples and the type at least 95% of its non-empty values fit
 * (BOOLEAN, NUMBER, DATE, else TEXT): a few malformed values do not hide that a field holds dates.
 */
public final class FieldCollector {

    static final int SAMPLES = 3;
    /** The share of a field's values (in percent) that must fit a type for the field to have it. */
    static final int AGREEMENT_PERCENT = 95;
    private static final int MAX_SAMPLE_LENGTH = 200;

    private final Map<String, Field> fields = new LinkedHashMap<>();
    private long records;

    public void add(SourceRecord record) {
        if (record.removed()) {
            return; // a removal carries only an id
        }
        records++;
        SourcePaths.walk(record.attributes(), (path, value) -> fields.computeIfAbsent(path, p -> new Field())
                .add(value));
    }

    public long records() {
        return records;
    }

    public List<DiscoveredField> fields() {
        List<DiscoveredField> result = new ArrayList<>(fields.size());
        fields.forEach((name, field) -> result.add(new DiscoveredField(name, field.type(),
                List.copyOf(field.samples))));
        return result;
    }

    private static final class Field {

        final Set<String> samples = new LinkedHashSet<>();
        int values;
        int numbers;
        int dates;
        int booleans;

        void add(String value) {
            if (value == null) {
                return;
            }
            values++;
            numbers += isNumber(value) ? 1 : 0;
            dates += isDate(value) ? 1 : 0;
            booleans += value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? 1 : 0;
            if (samples.size() < SAMPLES) {
                samples.add(value.length() > MAX_SAMPLE_LENGTH ? value.substring(0, MAX_SAMPLE_LENGTH) : value);
            }
        }

        FieldType type() {
            if (values == 0) {
                return FieldType.TEXT;
            }
            if (mostly(booleans)) {
                return FieldType.BOOLEAN;
            }
            if (mostly(numbers)) {
                return FieldType.NUMBER;
            }
            return mostly(dates) ? FieldType.DATE : FieldType.TEXT;
        }

        /** A type holds when nearly all values fit it: one malformed date among many does not make text. */
        private boolean mostly(int fitting) {
            return fitting * 100L >= values * (long) AGREEMENT_PERCENT;
        }

        private static boolean isNumber(String value) {
            if (value.length() > 1 && value.charAt(0) == '0' && Character.isDigit(value.charAt(1))) {
                return false; // 0042 is an id or a code, not a number
            }
            if (value.startsWith("+")) {
                return false; // a phone number
            }
            try {
                new BigDecimal(value);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private static boolean isDate(String value) {
            return value.matches("\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?");
        }
    }
}
