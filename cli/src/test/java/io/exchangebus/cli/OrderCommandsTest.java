package io.exchangebus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.CancelAll;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.ReplaceOrder;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The {@code exbus order} command lines and the exact {@code OrderCommand} each builds (clock and ids fixed), and
 * every refusal of bad usage with exit code 2 before anything is sent.
 */
class OrderCommandsTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00.123456789Z");
    private static final Instant CREATED = Instant.parse("2026-11-21T10:00:00.123456Z");
    private static final UUID FIRST = UUID.fromString("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    private static final UUID SECOND = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    /** Somewhere nothing listens: a command that got past its checks would fail there with 1, not 2. */
    private static final String[] NOWHERE = {"--bootstrap", "127.0.0.1:9", "--registry", "http://127.0.0.1:9",
            "--timeout", "1s"};

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldBuildALimitBuyWithAFreshClientOrderIdTheDerivedInstrumentAndAnExpiry() {
        OrderCommand built = build("order", "place", "--exchange", "binance-spot", "--account", "main",
                "--symbol", "BTCUSDT", "--side", "buy", "--quantity", "0.002", "--price", "59000.10");

        PlaceOrder place = PlaceOrder.newBuilder().setClientOrderId("cli-3f2504e04f8941d39a0c0305e82c")
                .setSymbol("BTCUSDT").setInstrumentId("BTC-USDT").setSide(Side.BUY).setOrderType(OrderType.LIMIT)
                .setTimeInForce(null).setQuantity(new BigDecimal("0.002")).setPrice(new BigDecimal("59000.10"))
                .setStopPrice(null).setReduceOnly(false).setGoodTillTime(null).build();
        assertThat(built).isEqualTo(envelope("binance-spot", "main", place, 10).build());
        assertThat(((PlaceOrder) built.getAction()).getPrice().scale()).as("sent as typed").isEqualTo(2);
    }

    @Test
    void shouldBuildAReduceOnlyMarketSellOnAPerpetualWithTheGivenIdAndExpiry() {
        OrderCommand built = build("order", "place", "--exchange", "binance-usdm", "--account", "perp",
                "--symbol", "BTCUSDT", "--side", "SELL", "--type", "market", "--quantity", "1.5", "--reduce-only",
                "--client-order-id", "my-order-7", "--expires-in", "30s");

        PlaceOrder place = PlaceOrder.newBuilder().setClientOrderId("my-order-7").setSymbol("BTCUSDT")
                .setInstrumentId("BTC-USDT-PERP").setSide(Side.SELL).setOrderType(OrderType.MARKET)
                .setTimeInForce(null).setQuantity(new BigDecimal("1.5")).setPrice(null).setStopPrice(null)
                .setReduceOnly(true).setGoodTillTime(null).build();
        assertThat(built).isEqualTo(envelope("binance-usdm", "perp", place, 30).setCommandId("cli-" + FIRST)
                .build());
    }

    @Test
    void shouldBuildAStopLimitGoodTillATimeOnAnInstrumentGivenByHand() {
        OrderCommand built = build("order", "place", "--exchange", "binance-usdm", "--account", "perp",
                "--symbol", "BTCUSDT_261225", "--instrument", "BTC-USDT-20261225", "--side", "buy",
                "--type", "stop-limit", "--quantity", "0.010", "--price", "61000.0", "--stop-price", "60900.0",
                "--time-in-force", "gtd", "--good-till", "2026-11-22T00:00:00Z", "--client-order-id", "s1");

        PlaceOrder place = (PlaceOrder) built.getAction();
        assertThat(place.getInstrumentId()).isEqualTo("BTC-USDT-20261225");
        assertThat(place.getOrderType()).isEqualTo(OrderType.STOP_LIMIT);
        assertThat(place.getTimeInForce()).isEqualTo(TimeInForce.GTD);
        assertThat(place.getGoodTillTime()).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(place.getStopPrice()).isEqualTo(new BigDecimal("60900.0"));
        assertThat(place.getQuantity()).isEqualTo(new BigDecimal("0.010"));
    }

    @Test
    void shouldBuildACancelByTheExchangesOrderId() {
        OrderCommand built = build("order", "cancel", "--exchange", "binance-spot", "--account", "main",
                "--symbol", "ETHUSDT", "--order-id", "4242");

        CancelOrder cancel = CancelOrder.newBuilder().setSymbol("ETHUSDT").setInstrumentId("ETH-USDT")
                .setClientOrderId(null).setExchangeOrderId("4242").build();
        assertThat(built).isEqualTo(envelope("binance-spot", "main", cancel, 10).setCommandId("cli-" + FIRST)
                .build());
    }

    @Test
    void shouldBuildAReplaceOfAPriceUnderAFreshClientOrderId() {
        OrderCommand built = build("order", "replace", "--exchange", "binance-spot", "--account", "main",
                "--symbol", "BTCUSDT", "--client-order-id", "cli-old", "--price", "59010.00");

        ReplaceOrder replace = ReplaceOrder.newBuilder().setSymbol("BTCUSDT").setInstrumentId("BTC-USDT")
                .setClientOrderId("cli-old").setNewClientOrderId("cli-3f2504e04f8941d39a0c0305e82c")
                .setQuantity(null).setPrice(new BigDecimal("59010.00")).build();
        assertThat(built).isEqualTo(envelope("binance-spot", "main", replace, 10).build());
    }

    @Test
    void shouldBuildACancelAllOfEveryAccountOrOfOneSymbol() {
        OrderCommand everything = build("order", "cancel-all", "--exchange", "binance-usdm", "--account", "*");
        OrderCommand oneSymbol = build("order", "cancel-all", "--exchange", "binance-usdm", "--account", "perp",
                "--symbol", "ETHUSDT");

        assertThat(everything).isEqualTo(envelope("binance-usdm", "*", new CancelAll(null, null), 10)
                .setCommandId("cli-" + FIRST).build());
        assertThat(oneSymbol.getAction()).isEqualTo(new CancelAll("ETHUSDT", "ETH-USDT-PERP"));
    }

    static Stream<Arguments> badUsage() {
        List<String> place = List.of("order", "place", "--exchange", "binance-spot", "--account", "main",
                "--symbol", "BTCUSDT", "--side", "buy");
        return Stream.of(
                Arguments.of(with(place, "--quantity", "1e3", "--price", "1"), "'1e3' is not a decimal number"),
                Arguments.of(with(place, "--quantity", "1,5", "--price", "1"), "'1,5' is not a decimal number"),
                Arguments.of(with(place, "--quantity", "-1", "--price", "1"), "'-1' is not a decimal number"),
                Arguments.of(with(place, "--quantity", "0.000", "--price", "1"), "must be greater than zero"),
                Arguments.of(with(place, "--quantity", "NaN", "--price", "1"), "'NaN' is not a decimal number"),
                Arguments.of(with(place, "--quantity", "0.0000000000000000001", "--price", "1"), "exactly"),
                Arguments.of(with(place, "--quantity", "1", "--price", "59000.1.0"), "--price"),
                Arguments.of(with(place, "--quantity", "1"), "needs --price"),
                Arguments.of(with(place, "--quantity", "1", "--type", "market", "--price", "1"), "takes no --price"),
                Arguments.of(with(place, "--quantity", "1", "--type", "stop-limit", "--price", "1"),
                        "needs --stop-price"),
                Arguments.of(with(place, "--quantity", "1", "--price", "1", "--time-in-force", "gtd"), "--good-till"),
                Arguments.of(with(place, "--quantity", "1", "--price", "1", "--type", "iceberg"), "'iceberg'"),
                Arguments.of(with(place, "--quantity", "1", "--price", "1", "--expires-in", "soon"), "duration"),
                Arguments.of(with(place, "--price", "1"), "--quantity"),
                Arguments.of(List.of("order", "place", "--exchange", "binance-spot", "--account", "main",
                        "--symbol", "BTCUSDT", "--quantity", "1", "--price", "1"), "--side"),
                Arguments.of(List.of("order", "place", "--exchange", "binance-spot", "--symbol", "BTCUSDT",
                        "--side", "buy", "--quantity", "1", "--price", "1"), "--account"),
                Arguments.of(List.of("order", "place", "--exchange", "grvt", "--account", "main", "--symbol",
                        "BTCUSDT", "--side", "buy", "--quantity", "1", "--price", "1"), "pass --instrument"),
                Arguments.of(with(place, "--quantity", "1", "--price", "1", "--instrument", "BTCUSDT"),
                        "is not an instrument id"),
                Arguments.of(List.of("order", "cancel", "--exchange", "binance-spot", "--account", "main",
                        "--symbol", "BTCUSDT"), "--client-order-id, --order-id or both"),
                Arguments.of(List.of("order", "replace", "--exchange", "binance-spot", "--account", "main",
                        "--symbol", "BTCUSDT", "--client-order-id", "a"), "--price, --quantity or both"),
                Arguments.of(List.of("order", "replace", "--exchange", "binance-spot", "--account", "main",
                        "--symbol", "BTCUSDT", "--client-order-id", "a", "--quantity", "0x10"), "not a decimal"),
                Arguments.of(List.of("order", "status", "--exchange", "binance-spot", "--account", "main"),
                        "--client-order-id"),
                Arguments.of(List.of("order", "status", "--exchange", "binance-spot", "--account", "main",
                        "--client-order-id", "a", "--order-id", "1"), "mutually exclusive"),
                Arguments.of(List.of("order", "place", "--exchange", "binance-spot", "--account", "a:b", "--symbol",
                        "BTCUSDT", "--side", "buy", "--quantity", "1", "--price", "1"), "without ':'"),
                Arguments.of(List.of("order"), "Missing required subcommand"));
    }

    @ParameterizedTest
    @MethodSource("badUsage")
    void shouldRefuseBadUsageWithExitCodeTwoBeforeSendingAnything(List<String> args, String message) {
        int code = run(Stream.concat(args.stream(), Stream.of(NOWHERE).filter(a -> args.size() > 1))
                .toArray(String[]::new));

        assertThat(code).as("exit code; stderr: %s", err).isEqualTo(2);
        assertThat(err.toString()).contains(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"place", "cancel", "replace", "cancel-all", "status"})
    void shouldDescribeEachOrderCommandAndItsExitCodesInItsHelp(String command) {
        assertThat(run("order", command, "--help")).isZero();

        assertThat(out.toString()).startsWith("Usage: exbus order " + command).contains("Exit codes:")
                .contains("--exchange").contains("--account").contains("--bootstrap");
        if (!command.equals("status")) {
            assertThat(out.toString()).contains("4   ").contains("REJECTED");
        }
    }

    @Test
    void shouldExitOneAndSayWhereWhenKafkaCannotBeReached() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        int code = run("order", "place", "--exchange", "binance-spot", "--account", "main", "--symbol", "BTCUSDT",
                "--side", "buy", "--quantity", "0.002", "--price", "59000", "--bootstrap", "127.0.0.1:" + port,
                "--registry", "http://127.0.0.1:" + port, "--timeout", "2s");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("127.0.0.1:" + port);
        assertThat(out.toString()).isEmpty();
    }

    private static List<String> with(List<String> base, String... more) {
        return Stream.concat(base.stream(), Stream.of(more)).toList();
    }

    private static OrderCommand.Builder envelope(String exchange, String account, Object action, int expiresInSeconds) {
        return OrderCommand.newBuilder().setCommandId("cli-" + SECOND).setExchange(exchange).setAccount(account)
                .setCreatedAt(CREATED).setExpiresAt(CREATED.plusSeconds(expiresInSeconds)).setAction(action);
    }

    /** Parses {@code args} as exbus does and builds the command with the fixed clock and ids. */
    private static OrderCommand build(String... args) {
        CommandLine.ParseResult parsed = Exbus.commandLine().parseArgs(args);
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        OrderSubmission command = (OrderSubmission) parsed.commandSpec().userObject();
        command.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Iterator<UUID> ids = List.of(FIRST, SECOND).iterator();
        command.uuids = ids::next;
        return command.build();
    }

    private int run(String... args) {
        CommandLine cli = Exbus.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
