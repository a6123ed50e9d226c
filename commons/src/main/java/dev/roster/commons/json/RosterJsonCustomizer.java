package dev.roster.commons.json;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.jackson.ObjectMapperCustomizer;

/** JSON as the APIs promise it: durations as ISO-8601 text ({@code PT24H}), like dates. */
@Singleton
public class RosterJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    }
}
