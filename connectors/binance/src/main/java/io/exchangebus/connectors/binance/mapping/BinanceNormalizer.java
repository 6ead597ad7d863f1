package io.exchangebus.connectors.binance.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.spi.OfflineNormalizer;
import io.exchangebus.events.EventSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.apache.avro.specific.SpecificRecord;

/**
 * Any Binance message a role consumes — a market-stream frame, a user-data event, a WebSocket API answer or a REST
 * body — to our events, by its shape: the one entry of {@code exbus normalize} and of the fixture census test.
 * It only dispatches: each format is mapped by the same function the roles use ({@link MarketMapping},
 * {@link UserDataMapping}, {@link OrderMapping}, {@link AccountMapping}, {@link InstrumentMapping}). Stateless: no
 * book is kept, so depth diffs come out as they are, unchecked against a sequence.
 *
 * <p>It is Binance's {@link OfflineNormalizer}. What maps to nothing is refused with the reason: a control answer, an error body, an event type no role
 * consumes, a malformed field. Thread-safe.
 */
public final class BinanceNormalizer implements OfflineNormalizer {

    private static final ObjectMapper JSON = ExactNumbers.exactMapper();
    private static final Set<String> MARKET_EVENTS = Set.of("depthUpdate", "trade", "aggTrade");

    private final BinanceVenue venue;
    private final String account;
    private final String depthSymbol;
    private final Function<String, Optional<String>> instrumentIds;

    /**
     * @param venue the family the messages came from (formats differ)
     * @param account the account to put in account and order events
     * @param depthSymbol the symbol of REST depth answers, which do not name it; null if none is expected
     * @param instrumentIds our instrument id of a Binance symbol (a registry's, or {@link SymbolGuess})
     */
    public BinanceNormalizer(BinanceVenue venue, String account, String depthSymbol,
                             Function<String, Optional<String>> instrumentIds) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.account = Objects.requireNonNull(account, "account");
        this.depthSymbol = depthSymbol;
        this.instrumentIds = Objects.requireNonNull(instrumentIds, "instrumentIds");
    }

    /** A normalizer whose instrument ids are {@link SymbolGuess guessed} from the symbols. */
    public static BinanceNormalizer guessingIds(BinanceVenue venue, String account, String depthSymbol) {
        return new BinanceNormalizer(venue, account, depthSymbol, symbol -> SymbolGuess.instrumentId(venue, symbol));
    }

    /** The events of one raw message received at {@code receivedAt}, or why there are none. Never throws. */
    @Override
    public Normalized normalize(String raw, Instant receivedAt) {
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            return Normalized.refused("not valid JSON: " + e.getOriginalMessage());
        } catch (NumberFormatException e) {
            // Jackson's BigDecimal reading of a number such as 1e3123456789012345678901 (an exponent beyond int)
            return Normalized.refused("a number that cannot be read: " + e.getMessage());
        }
        if (node == null || !(node.isObject() || node.isArray())) {
            return Normalized.refused("not a JSON object or array");
        }
        try {
            return dispatch(raw, node, receivedAt);
        } catch (UnmappableMessageException e) {
            return Normalized.refused(e.getMessage());
        }
    }

    private Normalized dispatch(String raw, JsonNode node, Instant receivedAt) {
        if (node.isArray()) {
            return restList(node, receivedAt);
        }
        if (node.has("code") && node.has("msg") && node.path("code").asInt() == 200) {
            return Normalized.refused("an acknowledgement (" + node.get("msg").asText() + "): nothing to map");
        }
        if (node.has("code") && node.has("msg") && node.size() <= 3) {
            return Normalized.refused("a Binance error answer: " + node.get("code").asText() + " "
                    + node.get("msg").asText());
        }
        if (node.has("method") && (node.has("params") || node.has("id"))) {
            return Normalized.refused("a request (" + node.get("method").asText()
                    + "): what we send, not what a role receives");
        }
        if (node.has("id") && node.has("status")) {
            return wsApiAnswer(node, receivedAt);
        }
        if (isMarketData(node)) {
            List<SpecificRecord> events = new ArrayList<>();
            MarketMapping.normalize(venue, raw, receivedAt, s -> instrumentIds.apply(s).orElse(null))
                    .forEach(e -> events.add((SpecificRecord) e));
            return Normalized.of(events, "a market-stream request's answer: nothing to map");
        }
        JsonNode event = UserDataMapping.unwrap(node);
        if (!event.isMissingNode()) {
            return userData(event, receivedAt);
        }
        return restObject(node, receivedAt);
    }

    private static boolean isMarketData(JsonNode node) {
        JsonNode data = node.has("stream") && node.path("data").isObject() ? node.get("data") : node;
        return MARKET_EVENTS.contains(data.path("e").asText())
                || data.has("lastUpdateId") && data.has("bids") && node.has("stream")
                || node.has("result") && node.has("id") && node.size() == 2;
    }

    private Normalized wsApiAnswer(JsonNode node, Instant receivedAt) {
        if (node.path("status").asInt() != 200) {
            JsonNode error = node.path("error");
            return Normalized.refused("a WebSocket API error answer: status " + node.path("status").asInt() + ", "
                    + error.path("code").asText() + " " + error.path("msg").asText());
        }
        JsonNode result = node.path("result");
        if (result.isArray()) {
            return restList(result, receivedAt);
        }
        if (!result.isObject()) {
            return Normalized.refused("a WebSocket API answer without a result object");
        }
        return restObject(result, receivedAt);
    }

    private Normalized userData(JsonNode event, Instant receivedAt) {
        UserDataMapping.Mapped mapped = UserDataMapping.map(event,
                new MappingContext(venue.exchange(), account, instrumentIds, EventSource.STREAM), receivedAt);
        if (mapped instanceof UserDataMapping.OrderEvent o) {
            return Normalized.of(List.of(o.update()), "no order");
        }
        if (mapped instanceof UserDataMapping.Balances b) {
            return Normalized.of(b.balances(), "no balance in the event");
        }
        if (mapped instanceof UserDataMapping.AccountChange a) {
            List<SpecificRecord> events = new ArrayList<>(a.balances());
            events.addAll(a.positions());
            return Normalized.of(events, "an ACCOUNT_UPDATE (" + a.reason() + ") that changes nothing");
        }
        if (mapped instanceof UserDataMapping.BalanceDelta d) {
            return Normalized.refused("a balance delta (" + d.asset() + " " + d.delta().toPlainString()
                    + "): our BalanceUpdate holds absolute balances, which the outboundAccountPosition that follows "
                    + "carries");
        }
        if (mapped instanceof UserDataMapping.StreamEnded s) {
            return Normalized.refused(s.type() + ": " + s.reason());
        }
        UserDataMapping.NotMapped n = (UserDataMapping.NotMapped) mapped;
        return Normalized.refused(n.type() + ": " + n.reason());
    }

    private Normalized restObject(JsonNode body, Instant receivedAt) {
        MappingContext ctx = new MappingContext(venue.exchange(), account, instrumentIds,
                EventSource.RECOVERY);
        if (body.has("lastUpdateId") && body.has("bids") && body.has("asks")) {
            if (depthSymbol == null) {
                return Normalized.refused("a depth snapshot does not name its symbol: give it (--symbol)");
            }
            return Normalized.of(List.of((SpecificRecord) MarketMapping.normalizeRestDepth(venue, depthSymbol,
                    body.toString(), receivedAt, s -> instrumentIds.apply(s).orElse(null))), "empty depth");
        }
        if (body.path("symbols").isArray() && body.has("timezone")) {
            InstrumentMapping.Mapped mapped = InstrumentMapping.fromExchangeInfo(venue, body);
            return Normalized.of(mapped.instruments().stream().map(InstrumentDefinition::toEvent).toList(),
                    "exchangeInfo without a symbol we can map: " + mapped.skipped());
        }
        if (body.path("balances").isArray()) {
            List<SpecificRecord> events = new ArrayList<>(AccountMapping.spotBalances(ctx, body, receivedAt));
            events.add(AccountMapping.spotAccount(ctx, body, receivedAt));
            return Normalized.of(events, "no balances");
        }
        if (body.path("assets").isArray() && body.has("totalWalletBalance")) {
            List<SpecificRecord> events = new ArrayList<>();
            events.add(AccountMapping.futuresAccount(ctx, body, receivedAt));
            events.addAll(AccountMapping.futuresAccountBalances(ctx, body, receivedAt));
            if (body.path("positions").isArray()) {
                events.addAll(AccountMapping.positions(ctx, body.get("positions"), receivedAt));
            }
            return Normalized.of(events, "no account data");
        }
        if (body.has("orderId") && body.has("status") && body.has("symbol")) {
            return Normalized.of(List.of(OrderMapping.toUpdate(ctx, body, receivedAt)), "no order");
        }
        return Normalized.refused("not a message any Binance role consumes (fields: "
                + String.join(",", (Iterable<String>) body::fieldNames) + ")");
    }

    private Normalized restList(JsonNode items, Instant receivedAt) {
        if (items.isEmpty()) {
            return Normalized.refused("an empty list");
        }
        MappingContext ctx = new MappingContext(venue.exchange(), account, instrumentIds,
                EventSource.RECOVERY);
        List<JsonNode> all = StreamSupport.stream(items.spliterator(), false).toList();
        if (all.stream().allMatch(o -> o.has("orderId") && o.has("status"))) {
            return Normalized.of(all.stream().map(o -> OrderMapping.toUpdate(ctx, o, receivedAt)).toList(),
                    "no order");
        }
        if (all.stream().allMatch(p -> p.has("positionAmt"))) {
            return Normalized.of(AccountMapping.positions(ctx, items, receivedAt), "only flat positions");
        }
        if (all.stream().allMatch(b -> b.has("asset") && b.has("balance"))) {
            return Normalized.of(AccountMapping.futuresBalances(ctx, items, receivedAt), "no balances");
        }
        return Normalized.refused("a list of something no Binance role consumes");
    }
}
