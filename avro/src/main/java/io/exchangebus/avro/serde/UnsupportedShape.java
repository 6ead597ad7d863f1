package io.exchangebus.avro.serde;

/**
 * A schema shape that {@link SameSchemaReader} or {@link CompiledSpecificWriter} does not cover: thrown while
 * compiling, caught by their {@code of}, which then declines the schema. Without a stack trace: it is no error.
 */
final class UnsupportedShape extends RuntimeException {
    UnsupportedShape() {
        super(null, null, false, false);
    }
}
