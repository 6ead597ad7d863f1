package io.exchangebus.avro.registry;

/**
 * The schema registry refused a request (HTTP 4xx, with its error code and reason) or could not be reached
 * (network error, timeout or 5xx after every retry; {@link #status()} is then the last HTTP status or 0).
 */
public class SchemaRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Confluent error code: subject not found. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent error code: schema (or version) not found. */
    public static final int SCHEMA_NOT_FOUND = 40403;

    private final String subject;
    private final int status;
    private final int errorCode;
    private final boolean unavailable;

    SchemaRegistryException(String message, String subject, int status, int errorCode, boolean unavailable,
                            Throwable cause) {
        super(message, cause);
        this.subject = subject;
        this.status = status;
        this.errorCode = errorCode;
        this.unavailable = unavailable;
    }

    /** The subject concerned, or null for a look-up by id. */
    public String subject() {
        return subject;
    }

    /** The HTTP status of the last answer, 0 if no answer came. */
    public int status() {
        return status;
    }

    /** The registry's {@code error_code}, or 0 when it gave none. */
    public int errorCode() {
        return errorCode;
    }

    /** True when the registry could not be reached or kept failing (5xx): the request may succeed later. */
    public boolean isUnavailable() {
        return unavailable;
    }

    /** True for a 404 of an unknown schema id, subject or version. */
    public boolean isNotFound() {
        return status == 404;
    }
}
