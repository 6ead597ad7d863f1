package io.exchangebus.streams.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Finds which instance of the application holds a key of a store (Kafka Streams' metadata: the active task of the
 * key's partition) and forwards a query there. Each instance advertises its query API as {@code application.server};
 * any instance can be asked, and answers with what the holder says. Thread-safe.
 */
final class KeyRouter {
    private static final Serializer<String> KEYS = Serdes.String().serializer();

    private final KafkaStreams streams;
    private final HostInfo self;
    private final HttpClient http;
    private final Duration timeout;

    KeyRouter(KafkaStreams streams, HostInfo self, Duration timeout) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.self = Objects.requireNonNull(self, "self");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** This instance, as the others know it. */
    HostInfo self() {
        return self;
    }

    /** Where {@code key} of {@code store} is held now. */
    Route route(String store, String key) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return Route.unavailable("the application is " + streams.state() + "; ask again shortly");
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, KEYS);
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return Route.unavailable("no instance holds " + store + " for this key yet; ask again shortly");
        }
        return metadata.activeHost().equals(self) ? Route.local() : Route.remote(metadata.activeHost());
    }

    /** The holder's answer to {@code pathAndQuery}, marked as forwarded so that it is not forwarded again. */
    HttpResponse<byte[]> forward(HostInfo host, String pathAndQuery) throws IOException, InterruptedException {
        String separator = pathAndQuery.contains("?") ? "&" : "?";
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery + separator
                + QueryApi.FORWARDED + "=true");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Where a key is: here, at another instance, or nowhere yet (rebalancing, starting). */
    record Route(Kind kind, HostInfo host, String reason) {
        enum Kind { LOCAL, REMOTE, UNAVAILABLE }

        static Route local() {
            return new Route(Kind.LOCAL, null, null);
        }

        static Route remote(HostInfo host) {
            return new Route(Kind.REMOTE, host, null);
        }

        static Route unavailable(String reason) {
            return new Route(Kind.UNAVAILABLE, null, reason);
        }
    }
}
