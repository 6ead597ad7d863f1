package io.exchangebus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.oms.OmsKeys;
import io.exchangebus.oms.OmsService;
import io.exchangebus.oms.OmsServiceMain;
import io.exchangebus.service.kafka.CatalogueTopics;
import io.exchangebus.service.testing.RunningService;
import io.exchangebus.service.testing.SimulatedBinance;
import io.exchangebus.sim.ReceivedOrderCommand;
import io.exchangebus.sim.account.ApiKey;
import io.exchangebus.sim.binance.BinanceFamily;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * {@code exbus order} against the real oms-service, run in this JVM on the real broker and registry, trading on
 * the Binance spot simulator over real sockets: the printed ack carries the simulator's own order id, a refusal by
 * the exchange exits 4 with its error, and {@code order status} finds what the OMS wrote.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExbusOrderIT {
    private static final String SIM_ACCOUNT = "trader";

    private LocalStack stack;
    private SimulatedBinance binance;
    private RunningService oms;

    @BeforeAll
    void startOmsOnTheSimulator(LocalStack stack) throws Exception {
        this.stack = stack;
        // The catalogue's partition counts (6 for the order topics): the CLI must find the account's partition.
        CatalogueTopics.ensure(stack.bootstrapServers(), List.of(Topics.ORDER_COMMANDS, Topics.ORDER_ACKS,
                Topics.ORDER_UPDATES, Topics.MARKET_BOOK), Duration.ofSeconds(30));
        binance = new SimulatedBinance(BinanceFamily.SPOT);
        ApiKey key = binance.createAccount(SIM_ACCOUNT);
        binance.simulator().deposit(SIM_ACCOUNT, "USDT", "1000");
        Path dir = Files.createTempDirectory("exbus-order-it");
        // No book is published here, so the price band (which refuses orders on an unknown book) is off.
        String yaml = binance.yaml(dir, "main", key.keyId(), key.secret())
                + "oms:\n  group-id: oms-cli-it\n  risk:\n    price-band: 0\n";
        oms = new RunningService(OmsServiceMain.SERVICE, OmsKeys.SCHEMA, stack, dir, yaml, OmsService::new);
        assertThat(oms.awaitReady(Duration.ofSeconds(30))).as("OMS ready: %s", oms.errors()).isTrue();
    }

    @AfterAll
    void stop() throws Exception {
        if (oms != null) {
            oms.close();
        }
        if (binance != null) {
            binance.close();
        }
    }

    @Test
    void shouldPlaceAnOrderPrintItsAcceptedAckWithTheSimulatorsOrderIdAndFollowItToItsFill() {
        String id = freshId();
        binance.makerSells("60000.00", "0.002");

        Run placed = exbus("order", "place", "--exchange", "binance-spot", "--account", "main", "--symbol", "BTCUSDT",
                "--side", "buy", "--quantity", "0.002", "--price", "60000.00", "--client-order-id", id,
                "--follow", "20s");

        long orderId = simulatorOrderId(id);
        assertThat(placed.code).as("exit code; %s", placed).isZero();
        assertThat(placed.lines().get(0)).startsWith("ack ACCEPTED ")
                .contains(" client-order-id=" + id + " ", " order-id=" + orderId + " ");
        assertThat(placed.lines()).as("%s", placed).last().asString().startsWith("update FILLED ")
                .contains(" order-id=" + orderId + " ", " filled=0.002 ", " average-price=60000 ");

        Run byOurs = exbus("order", "status", "--exchange", "binance-spot", "--account", "main",
                "--client-order-id", id);
        Run byTheirs = exbus("order", "status", "--exchange", "binance-spot", "--account", "main",
                "--order-id", String.valueOf(orderId), "--json");

        assertThat(byOurs.code).as("%s", byOurs).isZero();
        assertThat(byOurs.lines()).singleElement().asString().startsWith("update FILLED ")
                .contains(" client-order-id=" + id + " ");
        assertThat(byTheirs.code).as("%s", byTheirs).isZero();
        assertThat(byTheirs.lines()).singleElement().asString().contains("\"status\":\"FILLED\"")
                .contains("\"exchangeOrderId\":\"" + orderId + "\"").contains("\"filledQuantity\":\"0.002");
    }

    @Test
    void shouldExitFourAndPrintTheExchangesErrorWhenTheOrderIsRejected() {
        String id = freshId();

        // 10 BTC at 60,000 is far more than the account's 1,000 USDT.
        Run placed = exbus("order", "place", "--exchange", "binance-spot", "--account", "main", "--symbol", "BTCUSDT",
                "--side", "buy", "--quantity", "10", "--price", "60000.00", "--client-order-id", id);

        assertThat(placed.code).as("exit code; %s", placed).isEqualTo(4);
        assertThat(placed.lines()).singleElement().asString().startsWith("ack REJECTED ")
                .contains(" client-order-id=" + id, " error=INSUFFICIENT_FUNDS ", " code=-2010 ", " message=");
        // The simulator's own refusal: the order reached the exchange.
        assertThat(binance.simulator().simulator().receivedOrders()).anyMatch(o -> id.equals(clientOrderId(o)));
    }

    @Test
    void shouldCancelARestingOrderAndPrintItsCanceledUpdate() {
        String id = freshId();
        Run placed = exbus("order", "place", "--exchange", "binance-spot", "--account", "main", "--symbol", "BTCUSDT",
                "--side", "buy", "--quantity", "0.002", "--price", "59000.00", "--client-order-id", id,
                "--follow", "0s");
        assertThat(placed.code).as("%s", placed).isZero();

        Run canceled = exbus("order", "cancel", "--exchange", "binance-spot", "--account", "main", "--symbol",
                "BTCUSDT", "--client-order-id", id, "--follow", "20s");

        assertThat(canceled.code).as("%s", canceled).isZero();
        assertThat(canceled.lines().get(0)).startsWith("ack ACCEPTED ")
                .contains(" order-id=" + simulatorOrderId(id) + " ");
        assertThat(canceled.lines()).last().asString().startsWith("update CANCELED ")
                .contains(" client-order-id=" + id + " ");
    }

    @Test
    void shouldExitThreeForTheStatusOfAnOrderNeverPlaced() {
        Run status = exbus("order", "status", "--exchange", "binance-spot", "--account", "main",
                "--client-order-id", "never-placed");

        assertThat(status.code).isEqualTo(3);
        assertThat(status.out).isEmpty();
        assertThat(status.err).contains("no update of client-order-id never-placed");
    }

    private static String freshId() {
        return "it-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private long simulatorOrderId(String clientOrderId) {
        return binance.simulator().simulator().receivedOrders().stream()
                .filter(o -> o.kind() == ReceivedOrderCommand.Kind.PLACE && clientOrderId.equals(clientOrderId(o)))
                .mapToLong(ReceivedOrderCommand::orderId).findFirst()
                .orElseThrow(() -> new AssertionError("the simulator received no order " + clientOrderId));
    }

    private static String clientOrderId(ReceivedOrderCommand command) {
        return command.request() == null ? null : command.request().clientOrderId();
    }

    private Run exbus(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Exbus.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = Stream.concat(Stream.of(args), Stream.of("--bootstrap", stack.bootstrapServers(),
                "--registry", stack.registryUrl())).toArray(String[]::new);
        int code = cli.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    /** What one exbus run printed, and its exit code. */
    private record Run(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }
}
