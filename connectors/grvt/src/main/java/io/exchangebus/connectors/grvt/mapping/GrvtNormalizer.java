package io.exchangebus.connectors.grvt.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.spi.OfflineNormalizer;
import io.exchangebus.events.EventSource;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * Any GRVT message a role consumes — a stream frame (full or lite) or a sub-account summary answer — to our events,
 * by its shape: GRVT's {@link OfflineNormalizer}, what {@code exbus normalize --exchange grvt} and the fuzz run use.
 * Book and trade frames in GRVT's compact layout go through {@link CompactFrameReader}, as on the subscriber's path;
 * everything else is read as an exact tree once. It only dispatches, to the functions the roles use: {@link MarketMapping} ({@code v1.book.s/d}, {@code v1.trade},
 * {@code v1.ticker.s/d}), {@link OrderMapping#order} ({@code v1.order}), {@link AccountMapping} ({@code v1.fill}'s
 * {@code Fill}, {@code v1.position}, {@code account_summary}). Stateless: no book is kept, so deltas come out
 * unchecked against {@code prev_sequence_number}.
 *
 * <p>What maps to nothing is refused with the reason: a request, an answer to a subscription, an error body, a
 * stream no role consumes ({@code v1.state} is joined to its order by the OMS, it is no event by itself), a
 * malformed field. Only the mapping's own refusals are caught; anything else escaping is a bug. Thread-safe.
 */
public final class GrvtNormalizer implements OfflineNormalizer {

    private final PrivateContext context;

    /** @param account our account name, put in order, position and account events */
    public GrvtNormalizer(String account) {
        this.context = new PrivateContext(Objects.requireNonNull(account, "account"), EventSource.STREAM);
    }

    @Override
    public Normalized normalize(String raw, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Object fast = CompactFrameReader.read(raw, receivedAt);
        if (fast != null) {
            return Normalized.of(List.of((SpecificRecord) fast), "no event");
        }
        Result<JsonNode> tree = GrvtMapped.of(() -> GrvtFrame.tree(raw));
        if (!tree.isOk()) {
            return Normalized.refused(tree.error().message());
        }
        JsonNode node = tree.value();
        boolean fullFrame = node.has("stream") && node.path("feed").isObject();
        boolean liteFrame = !node.has("stream") && node.has("s") && node.path("f").isObject();
        if (fullFrame || liteFrame) {
            return frame(node, liteFrame, receivedAt);
        }
        boolean lite = !node.has("result") && node.has("r");
        JsonNode result = node.get(lite ? "r" : "result");
        if (result != null && result.isObject() && result.has(lite ? "sb" : "spot_balances")
                && !result.has(lite ? "ma" : "main_account_id")) {
            return one(AccountMapping.accountSummary(result, lite, context, receivedAt));
        }
        return Normalized.refused("neither a stream frame nor a sub-account summary: nothing to map");
    }

    private Normalized frame(JsonNode node, boolean lite, Instant receivedAt) {
        JsonNode feed = node.get(lite ? "f" : "feed");
        String stream = node.get(lite ? "s" : "stream").asText();
        return switch (stream) {
            case "v1.order" -> one(OrderMapping.order(feed, lite, context, receivedAt));
            case "v1.fill" -> one(AccountMapping.fill(feed, lite), UserFill::fill);
            case "v1.position" -> one(AccountMapping.position(feed, lite, context, receivedAt));
            case "v1.state" -> Normalized.refused("v1.state is joined to its order by the OMS: no event by itself");
            default -> one(MarketMapping.normalize(node, receivedAt), SpecificRecord.class::cast);
        };
    }

    private static Normalized one(Result<? extends SpecificRecord> result) {
        return one(result, Function.identity());
    }

    private static <T> Normalized one(Result<T> result, Function<? super T, ? extends SpecificRecord> event) {
        return result.isOk() ? Normalized.of(List.of(event.apply(result.value())), "no event")
                : Normalized.refused(result.error().message());
    }
}
