package io.exchangebus.sim.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.exchangebus.sim.auth.Checked;
import io.exchangebus.sim.server.JsonRpcReply;
import io.exchangebus.sim.server.JsonRpcSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code public/subscribe}, {@code private/subscribe} and their unsubscribes. The answer lists the channels actually
 * subscribed (an unknown channel, or a user channel asked publicly, is left out without an error, as Deribit does);
 * a {@code raw} channel without authentication fails the whole request with 13778. A book channel's first message
 * (its snapshot) follows the answer.
 */
final class Subscriptions {

    private final DeribitCore core;

    Subscriptions(DeribitCore core) {
        this.core = core;
    }

    void register(DeribitApi api) {
        api.sessionMethod("public/subscribe", false, call -> subscribe(call, false));
        api.sessionMethod("private/subscribe", true, call -> subscribe(call, true));
        api.sessionMethod("public/unsubscribe", false, this::unsubscribe);
        api.sessionMethod("private/unsubscribe", true, this::unsubscribe);
        api.sessionMethod("public/unsubscribe_all", false, this::unsubscribeAll);
        api.sessionMethod("private/unsubscribe_all", true, this::unsubscribeAll);
    }

    private JsonRpcReply subscribe(DeribitCall call, boolean privateCall) {
        JsonRpcSession session = call.session();
        boolean authenticated = privateCall || session.account(call.receivedAt()).isValid();
        List<Channel> accepted = new ArrayList<>();
        for (String name : names(call)) {
            Optional<Channel> channel = Channel.parse(name, known());
            if (channel.isEmpty() || (channel.get().isPrivate() && !privateCall)) {
                continue;
            }
            if (channel.get().isRaw() && !authenticated) {
                return DeribitError.RAW_SUBSCRIPTIONS_NOT_AVAILABLE.reply();
            }
            accepted.add(channel.get());
        }
        ArrayNode result = Json.array();
        accepted.forEach(c -> result.add(c.name()));
        // Books start once the answer is out (their snapshot follows it); the others deliver from now on, so that a
        // publish interval right after the answer already includes them.
        List<Channel> books = accepted.stream().filter(MarketStreams::startsWithSnapshot).toList();
        accepted.stream().filter(c -> !MarketStreams.startsWithSnapshot(c)).forEach(c -> session.subscribe(c.name()));
        return JsonRpcReply.ok(result).thenRun(() -> books.forEach(c -> core.marketStreams().start(session, c)));
    }

    private JsonRpcReply unsubscribe(DeribitCall call) {
        ArrayNode result = Json.array();
        for (String name : names(call)) {
            if (call.session().unsubscribe(name)) {
                result.add(name);
            }
        }
        return JsonRpcReply.ok(result);
    }

    private JsonRpcReply unsubscribeAll(DeribitCall call) {
        call.session().unsubscribeAll();
        return JsonRpcReply.ok(Json.MAPPER.getNodeFactory().textNode("ok"));
    }

    private static List<String> names(DeribitCall call) {
        JsonNode channels = call.params().get("channels");
        if (channels == null || !channels.isArray()) {
            throw new DeribitCall.BadParam("channels", "must be an array of channel names");
        }
        List<String> names = new ArrayList<>();
        channels.forEach(c -> names.add(c.asText()));
        return names;
    }

    private Set<String> known() {
        return core.market().instruments().stream().map(DeribitInstrument::name).collect(Collectors.toSet());
    }

    /** The account a session acts for now, if authenticated. */
    static Optional<String> account(JsonRpcSession session, java.time.Instant now) {
        return session.account(now) instanceof Checked.Valid<String> v ? Optional.of(v.session()) : Optional.empty();
    }
}
