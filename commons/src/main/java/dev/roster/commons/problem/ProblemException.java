package dev.roster.commons.problem;

import java.util.List;

import dev.roster.commons.problem.Problem.FieldError;

/**
 * Thrown by resources and services to answer with a problem. The mapper adds the request path.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException of(int status, String kind, String title, String detail) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + kind, title, status, detail, null, null, null));
    }

    public static ProblemException notFound(String what, Object id) {
        return of(404, "not-found", "Not found", what + " " + id + " does not exist");
    }

    public static ProblemException conflict(String detail) {
        return of(409, "conflict", "Conflict", detail);
    }

    public static ProblemException forbidden(String detail) {
        return of(403, "forbidden", "Forbidden", detail);
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400,
                field + ": " + message, null, List.of(new FieldError(field, message)), null));
    }
}
