package dev.roster.integration.connection;

import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roster.integration.domain.SourceType;

/** An uploaded CSV file whose header row names the fields. */
@Schema(name = "CsvConnection", example = """
        {"delimiter": ",", "encoding": "UTF-8"}""")
public record CsvConnection(
        @Schema(defaultValue = ",") @Pattern(regexp = "[,;\\t|]", message = "must be one of , ; | or a tab") String delimiter,
        @Schema(defaultValue = "UTF-8") @Pattern(regexp = "UTF-8|ISO-8859-1|windows-1252", message = "must be UTF-8, ISO-8859-1 or windows-1252") String encoding)
        implements
            ConnectionSettings {

    public CsvConnection {
        delimiter = delimiter == null ? "," : delimiter;
        encoding = encoding == null ? "UTF-8" : encoding;
    }

    @Override
    public SourceType sourceType() {
        return SourceType.CSV;
    }

    @Override
    public List<UrlField> urls() {
        return List.of();
    }

    @Override
    public Set<String> secretNames() {
        return Set.of();
    }
}
