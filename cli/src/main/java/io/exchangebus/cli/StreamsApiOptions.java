package io.exchangebus.cli;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the streams-apps query API is and how to print its answers: {@code --url}, else the environment's
 * {@code EXBUS_STREAMS_URL}, else the one a running {@code exbus demo} wrote to the stack file, else
 * {@value #DEFAULT_URL} (the {@code service.http-port} of streams-apps in the demo and in its example configuration).
 */
final class StreamsApiOptions {
    static final String DEFAULT_URL = "http://127.0.0.1:8090";
    static final String ENV = "EXBUS_STREAMS_URL";
    /** The key under which a running {@code exbus demo} writes its streams-apps URL to the stack file. */
    static final String STACK_FILE_KEY = "streams-url";

    @Option(names = "--url", paramLabel = "URL", description = "Root of a streams-apps instance's query API "
            + "(any instance answers any query). Default: $" + ENV + ", else the running exbus demo's, else "
            + DEFAULT_URL + ".")
    String url;

    @Option(names = "--json", description = "Print the API's JSON answer as it is.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = OptionTypes.Interval.class,
            description = "Longest wait for an answer, retrying while the API answers 503 (starting or "
                    + "rebalancing). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    /** The environment; another map in tests. */
    Map<String, String> env = System.getenv();

    /** The API's root, without a trailing '/'. */
    URI base() {
        String chosen = url;
        if (chosen == null) {
            String fromEnv = env.get(ENV);
            chosen = fromEnv != null && !fromEnv.isBlank() ? fromEnv
                    : Connection.readStackFile().getProperty(STACK_FILE_KEY, DEFAULT_URL);
        }
        while (chosen.endsWith("/")) {
            chosen = chosen.substring(0, chosen.length() - 1);
        }
        URI uri = URI.create(chosen);
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("not an http(s) URL: '" + chosen + "'");
        }
        return uri;
    }
}
