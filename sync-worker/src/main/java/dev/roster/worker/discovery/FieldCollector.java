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
import dev.roster.worker.connector.SourceRecord;
import dev.roster.worker.mapping.SourcePaths;

/**
 * Derives a source's fields from its first records: every path met (see {@link SourcePaths}), in the order
 * first met, with up to three distinct samples and the type all its non-empty values share (NUMBER, DATE,
 * BOOLEAN, else TEXT).
 */
public final class FieldCollector {

    static final int SAMPLES = 3;
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
        boolean seen;
        boolean number = true;
        boolean date = true;
        boolean bool = true;

        void add(String value) {
            if (value == null) {
                return;
            }
            seen = true;
            number &= isNumber(value);
            date &= isDate(value);
            bool &= value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
            if (samples.size() < SAMPLES) {
                samples.add(value.length() > MAX_SAMPLE_LENGTH ? value.substring(0, MAX_SAMPLE_LENGTH) : value);
            }
        }

        FieldType type() {
            if (!seen) {
                return FieldType.TEXT;
            }
            if (bool) {
                return FieldType.BOOLEAN;
            }
            if (number) {
                return FieldType.NUMBER;
            }
            return date ? FieldType.DATE : FieldType.TEXT;
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
