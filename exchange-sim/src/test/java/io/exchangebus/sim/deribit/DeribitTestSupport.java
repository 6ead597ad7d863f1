package io.exchangebus.sim.deribit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.sim.account.ApiKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Fixtures, shape comparison and a logged-in client for the Deribit simulator tests. */
final class DeribitTestSupport {

    static final Path FIXTURES = Path.of("/work/shared/fixtures/deribit");

    private DeribitTestSupport() {
    }

    /** A simulator that publishes only when a test calls {@code publishNow()}, with a funded account "alice". */
    static DeribitSimulator.Builder quiet() {
        return DeribitSimulator.builder().seed(7).publishInterval(null);
    }

    /** The {@code message} of the fixture line whose fields contain {@code marker} (a name, label or channel). */
    static JsonNode fixture(String file, String marker) throws Exception {
        for (String line : Files.readAllLines(FIXTURES.resolve(file))) {
            JsonNode item = DeribitWsClient.JSON.readTree(line);
            for (String field : List.of("name", "label", "channel", "source", "description")) {
                if (item.path(field).asText().contains(marker)) {
                    return item.get("message");
                }
            }
        }
        throw new AssertionError("no fixture " + marker + " in " + file);
    }

    /**
     * Every field of {@code sample} is in {@code actual} with the same JSON type (number, string, boolean, array,
     * object; null in the sample matches anything), recursively into objects and the first element of arrays.
     * {@code optional}: fields the sample has that are not always sent.
     */
    static void assertSameShape(String path, JsonNode sample, JsonNode actual, Set<String> optional) {
        List<String> problems = new ArrayList<>();
        compare(path, sample, actual, optional, problems);
        assertThat(problems).as("shape of %s against the fixture", path).isEmpty();
    }

    private static void compare(String path, JsonNode sample, JsonNode actual, Set<String> optional,
                                List<String> problems) {
        if (sample.isNull()) {
            return;
        }
        if (actual == null || actual.isMissingNode()) {
            problems.add(path + " missing");
            return;
        }
        if (sample.getNodeType() != actual.getNodeType()) {
            problems.add(path + ": " + actual.getNodeType() + " instead of " + sample.getNodeType());
            return;
        }
        if (sample.isObject()) {
            for (Iterator<String> it = sample.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!optional.contains(name)) {
                    compare(path + "." + name, sample.get(name), actual.get(name), optional, problems);
                }
            }
        } else if (sample.isArray() && sample.size() > 0 && actual.size() > 0) {
            compare(path + "[0]", sample.get(0), actual.get(0), optional, problems);
        }
    }

    /** Connects and authenticates with client credentials. */
    static DeribitWsClient login(DeribitSimulator sim, ApiKey key) throws Exception {
        DeribitWsClient client = DeribitWsClient.connect(sim.wsUri());
        client.result("public/auth", "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + key.keyId()
                + "\",\"client_secret\":\"" + key.secret() + "\"}");
        return client;
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
