package io.exchangebus.connectors.core.instrument;

import java.math.BigDecimal;

/**
 * One price band of an instrument whose tick grows with the price (Deribit {@code tick_size_steps}, an array of
 * {@code {above_price, tick_size}}): prices strictly above {@code abovePrice} must be multiples of {@code tickSize},
 * unless a higher band applies. "Strictly above" follows the field's name; where the docs are vague about the
 * boundary the two grids coincide on it for every captured instrument (0.005 is a multiple of 0.0001 and 0.0005).
 *
 * @param abovePrice the band's lower bound (exclusive), in the instrument's price currency, >= 0
 * @param tickSize the tick of the band, > 0
 */
public record TickBand(BigDecimal abovePrice, BigDecimal tickSize) {
    public TickBand {
        if (abovePrice == null || abovePrice.signum() < 0) {
            throw new IllegalArgumentException("abovePrice must be >= 0: " + abovePrice);
        }
        if (tickSize == null || tickSize.signum() <= 0) {
            throw new IllegalArgumentException("tickSize must be positive: " + tickSize);
        }
    }
}
