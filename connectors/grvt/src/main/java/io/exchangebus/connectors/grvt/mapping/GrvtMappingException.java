package io.exchangebus.connectors.grvt.mapping;

/**
 * A message that cannot be mapped, naming the field and why. Internal: the public mapping functions catch it and
 * return an error value ({@link GrvtMapped}), so callers never see it.
 */
final class GrvtMappingException extends RuntimeException {
    GrvtMappingException(String message) {
        super(message, null, false, false);
    }
}
