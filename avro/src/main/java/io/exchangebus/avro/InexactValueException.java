package io.exchangebus.avro;

import java.math.BigDecimal;

/**
 * A money value that the event model cannot hold exactly: more decimal places than the field's scale, or more
 * digits than its precision. Thrown instead of rounding, naming the field and the value.
 */
public final class InexactValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;

    public InexactValueException(String field, BigDecimal value, String why) {
        super("Field '" + field + "' cannot hold " + value.toPlainString() + " exactly: " + why);
        this.field = field;
        this.value = value.toPlainString();
    }

    /**
     * A refusal of decimal text that was never made a {@link BigDecimal} (a huge exponent would cost memory);
     * {@code text} is shown as given.
     */
    public InexactValueException(String field, String text, String why) {
        super("Field '" + field + "' cannot hold " + text + " exactly: " + why);
        this.field = field;
        this.value = text;
    }

    /** The field path, such as {@code BookUpdate.bids[3].price}. */
    public String field() {
        return field;
    }

    /** The offending value, in plain notation. */
    public String value() {
        return value;
    }
}
