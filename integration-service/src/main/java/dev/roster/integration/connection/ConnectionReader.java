package dev.roster.integration.connection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import dev.roster.commons.problem.Problem.FieldError;
import dev.roster.commons.problem.ProblemException;
import dev.roster.commons.problem.ProblemResponses;
import dev.roster.integration.domain.SourceType;

/**
 * Reads the connection settings of a source type from request JSON, and refuses with every invalid field
 * named by its path ({@code connection.baseUrl}), including URLs that point where Roster must not go.
 */
@ApplicationScoped
public class ConnectionReader {

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    @Inject
    SourceUrlPolicy urls;

    public ConnectionSettings read(SourceType sourceType, JsonNode json) {
        JsonNode node = json == null || json instanceof NullNode ? mapper.createObjectNode() : json;
        if (!node.isObject()) {
            throw ProblemException.invalidField("connection", "must be an object");
        }
        ConnectionSettings settings;
        try {
            settings = mapper.readerFor(ConnectionSettings.typeOf(sourceType))
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(node);
        } catch (JsonMappingException e) {
            throw ProblemException.invalidField("connection" + path(e), message(e, sourceType));
        } catch (java.io.IOException e) {
            throw ProblemException.invalidField("connection", "cannot be read: " + e.getMessage());
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<ConnectionSettings> violation : validator.validate(settings)) {
            String property = violation.getPropertyPath().toString();
            errors.add(new FieldError(property.equals("complete") ? "connection" : "connection." + property,
                    violation.getMessage()));
        }
        for (ConnectionSettings.UrlField url : settings.urls()) {
            if (url.url() != null) {
                urls.refusal(url.url())
                        .ifPresent(reason -> errors.add(new FieldError("connection." + url.field(), reason)));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw new ProblemException(ProblemResponses.validation(errors));
        }
        return settings;
    }

    public JsonNode write(ConnectionSettings settings) {
        return mapper.valueToTree(settings);
    }

    public ConnectionSettings fromStored(SourceType sourceType, JsonNode stored) {
        return mapper.convertValue(stored, ConnectionSettings.typeOf(sourceType));
    }

    /** Refuses secrets that the connection does not use, naming the ones it does. */
    public void checkSecretNames(ConnectionSettings settings, Map<String, String> credentials) {
        if (credentials == null) {
            return;
        }
        Set<String> allowed = new TreeSet<>(settings.secretNames());
        for (Map.Entry<String, String> secret : credentials.entrySet()) {
            if (!allowed.contains(secret.getKey())) {
                throw ProblemException.invalidField("credentials." + secret.getKey(), allowed.isEmpty()
                        ? "this source type takes no credentials"
                        : "is not a credential of this source; expected " + String.join(", ", allowed));
            }
            if (secret.getValue() == null || secret.getValue().isBlank()) {
                throw ProblemException.invalidField("credentials." + secret.getKey(), "must not be blank");
            }
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String message(JsonMappingException e, SourceType sourceType) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
            return "is not a connection setting of " + sourceType;
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException invalid
                && invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
            return "must be one of " + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants());
        }
        return "has the wrong type";
    }
}
