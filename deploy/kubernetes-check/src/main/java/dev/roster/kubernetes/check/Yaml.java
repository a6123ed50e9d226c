package dev.roster.kubernetes.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/** Reads YAML files of one or more documents into trees, refusing a key that appears twice in one map, as kubectl does. */
public final class Yaml {

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private Yaml() {
    }

    /** Every non-empty document of the file, in order. */
    public static List<JsonNode> readDocuments(Path file) {
        try {
            return readDocuments(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-empty document of the text, in order; {@code source} names it in errors. */
    public static List<JsonNode> readDocuments(String text, String source) {
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser = FACTORY.createParser(text);
                MappingIterator<JsonNode> values = MAPPER.readValues(parser, JsonNode.class)) {
            while (values.hasNextValue()) {
                JsonNode document = values.nextValue();
                if (!isEmpty(document)) {
                    documents.add(document);
                }
            }
        } catch (JsonProcessingException e) {
            throw new ManifestException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /** An empty document (after a trailing ---, or only comments) reads as null or as an empty string. */
    private static boolean isEmpty(JsonNode document) {
        return document == null || document.isNull() || document.isMissingNode()
                || (document.isTextual() && document.asText().isEmpty());
    }
}
