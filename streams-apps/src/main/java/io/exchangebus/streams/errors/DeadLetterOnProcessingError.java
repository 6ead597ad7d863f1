package io.exchangebus.streams.errors;

import io.exchangebus.avro.registry.SchemaRegistryException;
import io.exchangebus.streams.InvalidEventException;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record a processor refuses ({@link InvalidEventException}: it breaks the event model's contract) or fails on
 * (a bug, logged with its stack trace) goes to the dead-letter topic with the raw input bytes, and processing
 * resumes: one bad record never stops the application.
 *
 * <p>Not so when the schema registry failed while an output was written: that is the infrastructure, not the
 * record, and dead-lettering would lose a good record. The thread fails instead; the service replaces it, and it
 * resumes from the last commit (exactly-once: nothing of the failed transaction is visible).
 */
public final class DeadLetterOnProcessingError implements ProcessingExceptionHandler {
    /** {@code DeadLetter.errorType} of a refused event. */
    public static final String INVALID = "INVALID_EVENT";
    /** {@code DeadLetter.errorType} of a processor's failure. */
    public static final String FAILED = "PROCESSING_FAILED";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterOnProcessingError.class);

    private DeadLetterRecords records;

    @Override
    public void configure(Map<String, ?> configs) {
        records = new DeadLetterRecords(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (registryFailed(exception)) {
            LOG.error("processor {} could not write its output for {}-{}@{}: the schema registry failed; retrying "
                    + "from the last commit", context.processorNodeId(), context.topic(), context.partition(),
                    context.offset(), exception);
            return Response.fail();
        }
        if (exception instanceof InvalidEventException) {
            return Response.resume(records.of(context, INVALID, exception));
        }
        LOG.error("processor {} failed on {}-{}@{}", context.processorNodeId(), context.topic(), context.partition(),
                context.offset(), exception);
        return Response.resume(records.of(context, FAILED, exception));
    }

    private static boolean registryFailed(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException) {
                return true;
            }
        }
        return false;
    }
}
