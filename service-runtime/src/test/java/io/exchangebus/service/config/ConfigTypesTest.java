package io.exchangebus.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.connectors.core.credentials.SecretRef;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each value type, read through the loader so that every error names its key. */
class ConfigTypesTest {
    enum Colour { DARK_RED, BLUE }

    static final ConfigKey<String> STRING = ConfigKey.optional("t.string", ConfigTypes.STRING, "s");
    static final ConfigKey<Integer> INT = ConfigKey.optional("t.int", ConfigTypes.INT, "i");
    static final ConfigKey<Long> LONG = ConfigKey.optional("t.long", ConfigTypes.LONG, "l");
    static final ConfigKey<Boolean> BOOLEAN = ConfigKey.optional("t.boolean", ConfigTypes.BOOLEAN, "b");
    static final ConfigKey<Duration> DURATION = ConfigKey.optional("t.duration", ConfigTypes.DURATION, "d");
    static final ConfigKey<BigDecimal> DECIMAL = ConfigKey.optional("t.decimal", ConfigTypes.DECIMAL, "x");
    static final ConfigKey<URI> URI_KEY = ConfigKey.optional("t.uri", ConfigTypes.URI_TYPE, "u");
    static final ConfigKey<Colour> ENUM = ConfigKey.optional("t.colour", ConfigTypes.enumOf(Colour.class), "e");
    static final ConfigKey<List<String>> LIST = ConfigKey.optional("t.list", ConfigTypes.STRING_LIST, "l");
    static final ConfigKey<SecretRef> SECRET = ConfigKey.optional("t.secret", ConfigTypes.SECRET_REF, "s");
    static final ConfigKey<Map<String, String>> MAP = ConfigKey.optional("t.map", ConfigTypes.STRING_MAP, "m");
    static final ConfigSchema SCHEMA = ConfigSchema.of(List.of(STRING, INT, LONG, BOOLEAN, DURATION, DECIMAL,
            URI_KEY, ENUM, LIST, SECRET, MAP));

    private static ServiceConfig load(String yaml) {
        return new ConfigLoader("test", SCHEMA, Map.of("PRESENT", "x")).loadYaml(yaml);
    }

    private static String problem(String yaml) {
        try {
            load(yaml);
        } catch (ConfigException e) {
            assertThat(e.problems()).hasSize(1);
            return e.problems().get(0);
        }
        throw new AssertionError("accepted: " + yaml);
    }

    @Test
    void shouldReadEveryTypeFromYaml() {
        ServiceConfig config = load(String.join("\n",
                "t:",
                "  string: hello",
                "  int: 42",
                "  long: 9000000000",
                "  boolean: true",
                "  duration: 500ms",
                "  decimal: 0.10",
                "  uri: wss://stream.example.com:9443/ws",
                "  colour: dark-red",
                "  list: [a, b]",
                "  secret: env:PRESENT",
                "  map:",
                "    security.protocol: SASL_SSL",
                "    sasl:",
                "      mechanism: PLAIN",
                ""));

        assertThat(config.get(STRING)).isEqualTo("hello");
        assertThat(config.get(INT)).isEqualTo(42);
        assertThat(config.get(LONG)).isEqualTo(9_000_000_000L);
        assertThat(config.get(BOOLEAN)).isTrue();
        assertThat(config.get(DURATION)).isEqualTo(Duration.ofMillis(500));
        assertThat(config.get(DECIMAL)).isEqualTo(new BigDecimal("0.10")).hasScaleOf(2);
        assertThat(config.get(URI_KEY)).isEqualTo(URI.create("wss://stream.example.com:9443/ws"));
        assertThat(config.get(ENUM)).isEqualTo(Colour.DARK_RED);
        assertThat(config.get(LIST)).containsExactly("a", "b");
        assertThat(config.get(SECRET)).isEqualTo(SecretRef.parse("env:PRESENT"));
        assertThat(config.get(MAP)).containsExactly(Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "PLAIN"));
    }

    @Test
    void shouldKeepDecimalsExactBeyondDoublePrecision() {
        assertThat(load("t:\n  decimal: 0.1000000000000000000000001\n").get(DECIMAL))
                .isEqualTo(new BigDecimal("0.1000000000000000000000001"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "500ms; PT0.5S", "30s; PT30S", "5m; PT5M", "2h; PT2H", "1d; PT24H", "0s; PT0S"})
    void shouldReadDurationsWithUnits(String text, String iso) {
        assertThat(load("t:\n  duration: " + text + "\n").get(DURATION)).isEqualTo(Duration.parse(iso));
    }

    @Test
    void shouldReadAListFromACommaSeparatedVariable() {
        ServiceConfig config = new ConfigLoader("test", SCHEMA, Map.of("EXBUS_T__LIST", "a, b,c")).loadYaml("");

        assertThat(config.get(LIST)).containsExactly("a", "b", "c");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "int: 4.5; config key 't.int': not an int: '4.5'",
            "int: 99999999999; config key 't.int': not an int: '99999999999'",
            "long: ten; config key 't.long': not a long: 'ten'",
            "boolean: yes; config key 't.boolean': must be true or false, was 'yes'",
            "duration: 30; config key 't.duration': not a duration (a whole number with ms, s, m, h or d, e.g. 500ms, 30s, 5m): '30'",
            "decimal: 1,5; config key 't.decimal': not a decimal number: '1,5'",
            "uri: /relative/path; config key 't.uri': not an absolute URI (scheme://host...): '/relative/path'",
            "colour: green; config key 't.colour': must be one of dark-red, blue, was 'green'",
            "list: {a: b}; config key 't.list': must be a list of strings",
            "map: text; config key 't.map': must be a map of names to values",
            "secret: env:ABSENT; config key 't.secret': environment variable ABSENT is not set",
    })
    void shouldNameTheKeyOfAValueThatIsNotOfItsType(String yaml, String expected) {
        assertThat(problem("t:\n  " + yaml + "\n")).isEqualTo(expected);
    }

    @Test
    void shouldNotRepeatTextGivenWhereASecretReferenceBelongs() {
        String problem = problem("t:\n  secret: s3cr3t-pasted-by-mistake\n");

        assertThat(problem).isEqualTo("config key 't.secret': a secret is given as env:NAME or file:/path, never as "
                + "its value");
    }

    @Test
    void shouldShowTypesAndDefaultsForTheReference() {
        assertThat(ENUM.type().name()).isEqualTo("enum (dark-red, blue)");
        assertThat(CommonKeys.SHUTDOWN_TIMEOUT.defaultText()).isEqualTo("30s");
        assertThat(CommonKeys.BOOTSTRAP_SERVERS.defaultText()).isEqualTo("required");
        assertThat(CommonKeys.EXCHANGE_REST_URL.defaultText()).isEqualTo("-");
        assertThat(CommonKeys.ACCOUNT_KEY_TYPE.defaultText()).isEqualTo("the exchange's first key type");
    }

    @Test
    void shouldRefuseAMalformedKeyPath() {
        assertThatThrownBy(() -> ConfigKey.optional("Kafka.Bootstrap", ConfigTypes.STRING, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Kafka.Bootstrap'");
        assertThatThrownBy(() -> ConfigKey.optional("a.*.b.*.c", ConfigTypes.STRING, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most one '*'");
    }
}
