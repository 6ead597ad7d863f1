package io.exchangebus.streams.errors;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * A record whose key or value cannot be read (not our wire format, unknown schema id, incompatible schema) goes to
 * the dead-letter topic with its raw bytes, and processing resumes with the next record.
 */
public final class DeadLetterOnDeserializationError implements DeserializationExceptionHandler {
    /** {@code DeadLetter.errorType} of these. */
    public static final String ERROR_TYPE = "UNDECODABLE";

    private DeadLetterRecords records;

    @Override
    public void configure(Map<String, ?> configs) {
        records = new DeadLetterRecords(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        return Response.resume(records.of(context, ERROR_TYPE, exception));
    }
}
