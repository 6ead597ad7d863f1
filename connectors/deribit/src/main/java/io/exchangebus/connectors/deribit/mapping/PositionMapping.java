package io.exchangebus.connectors.deribit.mapping;

import static io.exchangebus.connectors.deribit.mapping.DeribitFields.decimal;
import static io.exchangebus.connectors.deribit.mapping.DeribitFields.decimalOrNull;
import static io.exchangebus.connectors.deribit.mapping.DeribitFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.events.PositionSide;
import io.exchangebus.events.PositionUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Deribit positions ({@code private/get_positions} result items, the {@code positions} of {@code user.changes})
 * as {@link Position}s: our {@link PositionUpdate} with what it has no field for.
 *
 * <pre>
 *   size                 → quantity, signed (negative short), in the instrument's quantity unit (USD for
 *                          inverse contracts, the coin for linear ones and options); it must agree with direction
 *                          (buy: &gt; 0, sell: &lt; 0, zero: 0), else refused
 *   size_currency        → Position.sizeCurrency, the size in the base coin (inverse: USD size / mark price)
 *   average_price        → entryPrice (null when flat at 0)
 *   mark_price           → markPrice
 *   floating_profit_loss → unrealizedPnl; realized_profit_loss → realizedPnl; total_profit_loss → Position
 *   estimated_liquidation_price → liquidationPrice (null when Deribit gives null); leverage → leverage
 *   kind                 → Position.kind (future, option, spot …, as Deribit says)
 * </pre>
 * Deribit has one net position per instrument: positionSide NET. No exchange time is given (null).
 */
public final class PositionMapping {

    private PositionMapping() {
    }

    /**
     * One position.
     *
     * @param update our event
     * @param sizeCurrency the size in the base currency ({@code size_currency}), null when not given
     * @param totalProfitLoss {@code total_profit_loss}, null when not given
     * @param kind Deribit's {@code kind}
     */
    public record Position(PositionUpdate update, BigDecimal sizeCurrency, BigDecimal totalProfitLoss, String kind) {
        public Position {
            Objects.requireNonNull(update, "update");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** The items of a {@code get_positions} result or a {@code user.changes} {@code positions} array. */
    public static List<Position> positions(JsonNode items, PrivateContext ctx, Instant received) {
        if (items == null || !items.isArray()) {
            throw new UnmappableMessageException("positions are not an array");
        }
        List<Position> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                out.add(position(items.get(i), ctx, received));
            } catch (UnmappableMessageException e) {
                throw new UnmappableMessageException("positions[" + i + "]: " + e.getMessage());
            }
        }
        return out;
    }

    /** One position object. */
    public static Position position(JsonNode p, PrivateContext ctx, Instant received) {
        String symbol = text(p, "instrument_name");
        BigDecimal size = decimal(p, "size");
        String direction = text(p, "direction");
        int expected = switch (direction) {
            case "buy" -> 1;
            case "sell" -> -1;
            case "zero" -> 0;
            default -> throw new UnmappableMessageException("direction: unknown value '" + direction + "'");
        };
        if (size.signum() != expected) {
            throw new UnmappableMessageException("size " + size.toPlainString() + " disagrees with direction "
                    + direction);
        }
        BigDecimal entry = decimalOrNull(p, "average_price");
        PositionUpdate update = PositionUpdate.newBuilder()
                .setExchange(DeribitErrors.EXCHANGE).setAccount(ctx.account()).setSubAccount(ctx.subAccount())
                .setSymbol(symbol)
                .setInstrumentId(DeribitSymbols.instrumentId(symbol).toString())
                .setPositionSide(PositionSide.NET)
                .setQuantity(ExactDecimals.exact("size", size))
                .setEntryPrice(entry == null || (entry.signum() == 0 && size.signum() == 0) ? null
                        : ExactDecimals.exact("average_price", entry))
                .setMarkPrice(exactOrNull("mark_price", decimalOrNull(p, "mark_price")))
                .setUnrealizedPnl(exactOrNull("floating_profit_loss", decimalOrNull(p, "floating_profit_loss")))
                .setRealizedPnl(exactOrNull("realized_profit_loss", decimalOrNull(p, "realized_profit_loss")))
                .setLiquidationPrice(exactOrNull("estimated_liquidation_price",
                        decimalOrNull(p, "estimated_liquidation_price")))
                .setLeverage(exactOrNull("leverage", decimalOrNull(p, "leverage")))
                .setExchangeTime(null)
                .setReceiveTime(Objects.requireNonNull(received, "received"))
                .setSource(ctx.source())
                .build();
        return new Position(update, exactOrNull("size_currency", decimalOrNull(p, "size_currency")),
                exactOrNull("total_profit_loss", decimalOrNull(p, "total_profit_loss")), text(p, "kind"));
    }

    private static BigDecimal exactOrNull(String field, BigDecimal value) {
        return value == null ? null : ExactDecimals.exact(field, value);
    }
}
