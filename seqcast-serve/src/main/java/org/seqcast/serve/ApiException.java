package org.seqcast.serve;

/**
 * A request the server refuses, with the HTTP status, the request field at fault (a JSON path such as
 * {@code history[3].value}, a query parameter, or null when no single field is) and what was expected.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    public ApiException(int status, String field, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an API error has a 4xx or 5xx status; got " + status);
        }
        this.status = status;
        this.field = field;
    }

    /** A 400 naming {@code field}. */
    static ApiException badRequest(String field, String message) {
        return new ApiException(400, field, message);
    }

    public int status() {
        return status;
    }

    /** The field at fault, or null. */
    public String field() {
        return field;
    }
}
