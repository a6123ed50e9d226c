package dev.roster.commons.problem;

import java.util.List;

import jakarta.ws.rs.core.Response;

import dev.roster.commons.problem.Problem.FieldError;

/** Builds problem+json responses; the one place that knows their shape. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    public static Problem simple(int status, String kind, String title, String detail) {
        return new Problem(Problem.TYPE_BASE + kind, title, status, detail, null, null, null);
    }

    public static Problem validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, detail, null, errors, null);
    }
}
