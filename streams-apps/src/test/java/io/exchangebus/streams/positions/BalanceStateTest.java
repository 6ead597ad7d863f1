package io.exchangebus.streams.positions;

import static io.exchangebus.streams.positions.Events.SPOT;
import static io.exchangebus.streams.positions.Events.USDM;
import static io.exchangebus.streams.positions.Events.balance;
import static io.exchangebus.streams.positions.Events.epoch;
import static io.exchangebus.streams.positions.Events.usdmPosition;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.streams.EventSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Balances, from epochs and from the account stream, are kept per asset and published keyed by it. */
@ExtendWith(LocalStackExtension.class)
class BalanceStateTest {
    private PositionsDriver driver;

    @BeforeEach
    void start(LocalStack stack, @TempDir Path stateDir) {
        driver = new PositionsDriver(EventSerdes.forRegistry(stack.registryUrl()), new SimpleMeterRegistry(), stateDir);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldPublishBalancesFromTheEpochAndTheStreamKeyedByAsset() {
        driver.epoch(epoch("s1", SPOT, null, balance(SPOT, "BTC", "1.25", "0"), balance(SPOT, "USDT", "900", "100")));
        driver.balance(balance(SPOT, "USDT", "850", "150"));
        driver.balance(balance(USDM, "USDT", "5000", "0"));

        List<KeyValue<String, BalanceUpdate>> published = driver.publishedBalances();

        assertThat(published).extracting(record -> record.key).containsExactly(
                "binance-spot:main:BTC", "binance-spot:main:USDT", "binance-spot:main:USDT", "binance-usdm:main:USDT");
        assertThat(published.get(2).value.getFree()).isEqualByComparingTo("850");
        assertThat(published.get(2).value.getTotal()).isEqualByComparingTo("1000");
        assertThat(driver.storedBalance(SPOT, "USDT").getLocked()).isEqualByComparingTo("150");
        assertThat(driver.storedBalance(SPOT, "BTC").getTotal()).isEqualByComparingTo("1.25");
        assertThat(driver.storedBalance(USDM, "USDT").getTotal()).isEqualByComparingTo("5000");
    }

    @Test
    void shouldApplyAnEpochsBalancesEvenWhenItFails() {
        driver.epoch(epoch("e1", USDM, "AUTH", balance(USDM, "USDT", "4000", "0"), usdmPosition("0.5", "60000")));

        assertThat(driver.publishedBalances()).extracting(record -> record.key)
                .containsExactly("binance-usdm:main:USDT");
        assertThat(driver.storedBalance(USDM, "USDT").getTotal()).isEqualByComparingTo("4000");
        assertThat(driver.position(USDM, Events.BTC_PERP)).as("its position waited for a successful end").isNull();
    }
}
