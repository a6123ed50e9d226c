package dev.roster.commons.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import dev.roster.commons.problem.Problem.FieldError;

/**
 * Turns every exception that reaches the REST layer into an RFC 9457 problem: the same shapes in every
 * service, fields named by their path in the request, and nothing internal leaked on a 500.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort((a, b) -> a.field().compareTo(b.field()));
        return respond(ProblemResponses.validation(errors), uri);
    }

    @ServerExceptionMapper
    public Response unrecognizedProperty(UnrecognizedPropertyException e, UriInfo uri) {
        return respond(ProblemResponses.validation(List.of(new FieldError(pathOf(e), "is not a known field"))), uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        String message = "cannot be read from " + quoted(e.getValue()) + ": expected " + expected;
        return respond(ProblemResponses.validation(List.of(new FieldError(pathOf(e), message))), uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = pathOf(e);
        if (field.isEmpty()) {
            return respond(ProblemResponses.simple(400, "malformed-body", "Malformed request body",
                    "the body must be a JSON object"), uri);
        }
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        return respond(
                ProblemResponses.validation(List.of(new FieldError(field, "has the wrong type: expected " + expected))),
                uri);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        String field = pathOf(e);
        String message = e.getOriginalMessage() == null ? "is invalid" : e.getOriginalMessage();
        if (field.isEmpty()) {
            return respond(ProblemResponses.simple(400, "malformed-body", "Malformed request body", message), uri);
        }
        return respond(ProblemResponses.validation(List.of(new FieldError(field, message))), uri);
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e, UriInfo uri) {
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return respond(ProblemResponses.simple(400, "malformed-body", "Malformed request body",
                "the body is not valid JSON" + where), uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(ProblemResponses.simple(403, "forbidden", "Forbidden",
                "the token does not grant the permission this operation needs"), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonParseException parse) {
            return jsonParse(parse, uri);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return jsonMapping(mapping, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType info = e.getResponse().getStatusInfo();
        String detail = e.getMessage() == null ? info.getReasonPhrase() : e.getMessage();
        String kind = info.getReasonPhrase().toLowerCase().replace(' ', '-');
        return respond(ProblemResponses.simple(status, kind, info.getReasonPhrase(), detail), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, incident %s", incident);
        return respond(ProblemResponses.simple(500, "internal", "Internal error",
                "an unexpected error occurred; quote incident " + incident + " when reporting it"), uri);
    }

    private static Response unauthenticated(UriInfo uri) {
        Problem problem = ProblemResponses.simple(401, "unauthenticated", "Unauthenticated",
                "a valid bearer token is required");
        return Response.fromResponse(respond(problem, uri)).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private static Response respond(Problem problem, UriInfo uri) {
        return ProblemResponses.of(problem.instance() == null ? problem.withInstance(uri.getPath()) : problem);
    }

    /** The path of a violation as the client wrote it: without the method and parameter names. */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getIndex() != null && !field.isEmpty()) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null && !field.isEmpty()) {
                field.append('[').append(node.getKey()).append(']');
            }
            if (node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        if (field.isEmpty()) {
            return parameter == null ? path.toString() : parameter;
        }
        return field.toString();
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                values.append(i == 0 ? "" : ", ").append(constants[i]);
            }
            return values.toString();
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName();
    }

    private static String quoted(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }
}
