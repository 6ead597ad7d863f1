package io.exchangebus.connectors.deribit.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentList;
import io.exchangebus.connectors.core.instrument.TickBand;
import io.exchangebus.connectors.deribit.DeribitFixtures;
import io.exchangebus.events.InstrumentKind;
import io.exchangebus.events.QuantityUnit;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstrumentMappingTest {

    private static final String NT2 = "nautilus_test_data_2.jsonl";

    /** nautilus_2 line 9: http_get_instruments.json (perpetual, dated future, option, a future combo). */
    private static InstrumentList instruments() {
        return InstrumentMapping.fromResponse(DeribitFixtures.raw(NT2, 9));
    }

    private static InstrumentDefinition named(InstrumentList list, String symbol) {
        return list.instruments().stream().filter(i -> i.symbol().equals(symbol)).findFirst().orElseThrow();
    }

    @Test
    void shouldMapTheInversePerpetual() {
        InstrumentDefinition perp = named(instruments(), "BTC-PERPETUAL");

        assertThat(perp.id().toString()).isEqualTo("BTC-USD-PERP");
        assertThat(perp.id().kind()).isEqualTo(InstrumentKind.PERPETUAL);
        assertThat(perp.quantityUnit()).isEqualTo(QuantityUnit.QUOTE);
        assertThat(perp.inverse()).isTrue();
        assertThat(perp.settle()).isEqualTo("BTC");
        assertThat(perp.priceAsset()).isEqualTo("USD");
        assertThat(perp.rules().contractSize()).isEqualByComparingTo("10");
        assertThat(perp.rules().tickSize()).isEqualByComparingTo("0.5");
        assertThat(perp.rules().minQuantity()).isEqualByComparingTo("10");
        assertThat(perp.rules().lotSize()).isEqualByComparingTo("10");
        assertThat(perp.rules().tickBands()).isEmpty();
        assertThat(perp.expiryTime()).as("year-3000 sentinel dropped").isNull();
        assertThat(perp.trading()).isTrue();
        assertThat(perp.toEvent().getInverse()).isTrue();
    }

    @Test
    void shouldMapTheDatedFutureWithItsExpiryInstant() {
        InstrumentDefinition future = named(instruments(), "BTC-27DEC24");

        assertThat(future.id().toString()).isEqualTo("BTC-USD-20241227");
        assertThat(future.expiryTime()).isEqualTo(Instant.ofEpochMilli(1735300800000L));
        assertThat(future.quantityUnit()).isEqualTo(QuantityUnit.QUOTE);
        assertThat(future.inverse()).isTrue();
    }

    @Test
    void shouldMapTheCoinOptionAsLinearInItsPriceCurrency() {
        InstrumentDefinition option = named(instruments(), "BTC-27DEC24-100000-C");

        assertThat(option.id().toString()).isEqualTo("BTC-USD-20241227-100000-C");
        assertThat(option.quantityUnit()).isEqualTo(QuantityUnit.BASE);
        assertThat(option.inverse()).isFalse();
        assertThat(option.priceAsset()).isEqualTo("BTC");
        assertThat(option.settle()).isEqualTo("BTC");
        assertThat(option.rules().tickSize()).isEqualByComparingTo("0.0005");
        assertThat(option.rules().minQuantity()).isEqualByComparingTo("0.1");
        assertThat(option.rules().contractSize()).isEqualByComparingTo("1");
    }

    @Test
    void shouldSkipTheComboWithItsReason() {
        InstrumentList list = instruments();

        assertThat(list.instruments()).extracting(InstrumentDefinition::symbol)
                .containsExactly("BTC-PERPETUAL", "BTC-27DEC24", "BTC-27DEC24-100000-C");
        assertThat(list.skipped()).hasSize(1);
        assertThat(list.skipped().get(0).symbol()).isEqualTo("BTC-COMBO-1");
    }

    @Test
    void shouldMapTheSingleOptionOfGetInstrument() {
        // nautilus_2 line 8: http_get_instrument_option.json.
        JsonNode result = DeribitFixtures.entry(NT2, 8).get("message").get("result");
        InstrumentDefinition option = InstrumentMapping.definition(readExact(result));

        assertThat(option.id().strike()).isEqualByComparingTo("100000");
        assertThat(option.toEvent().getPriceAsset()).isEqualTo("BTC");
    }

    @Test
    void shouldReadTickSizeStepsAsAscendingBands() {
        // The option of nautilus_2 line 8, with the tick_size_steps of the live 2025-07 get_instrument quoted in
        // shared/venues/deribit.md §11 (no fixture holds a non-empty one yet) and its tick_size 0.0001.
        ObjectNode option = (ObjectNode) readExact(DeribitFixtures.entry(NT2, 8).get("message").get("result"));
        option.put("tick_size", new BigDecimal("0.0001"));
        option.set("tick_size_steps", readArray("[{\"above_price\":0.005,\"tick_size\":0.0005}]"));
        ObjectNode patched = option;

        InstrumentDefinition def = InstrumentMapping.definition(patched);

        assertThat(def.rules().tickBands()).containsExactly(
                new TickBand(new BigDecimal("0.005"), new BigDecimal("0.0005")));
        assertThat(def.rules().tickSizeAt(new BigDecimal("0.004"))).isEqualByComparingTo("0.0001");
        assertThat(def.rules().tickSizeAt(new BigDecimal("0.01"))).isEqualByComparingTo("0.0005");
        assertThat(def.toEvent().getTickSizeSteps()).hasSize(1);
    }

    @Test
    void shouldRefuseTheOldInstrumentFormatNamingTheMissingField() {
        // xchange line 2: a 2019 BTC-15FEB19 without instrument_type or settlement_currency.
        JsonNode old = readExact(DeribitFixtures.raw("xchange_test_resources.jsonl", 2));

        assertThatThrownBy(() -> InstrumentMapping.definition(old))
                .isInstanceOf(UnmappableMessageException.class).hasMessageContaining("instrument_type");
    }

    @Test
    void shouldSkipFutureAndOptionCombos() {
        // nautilus_2 lines 10 and 11: get_instruments of future_combo and option_combo.
        for (int line : List.of(10, 11)) {
            InstrumentList list = InstrumentMapping.fromResponse(DeribitFixtures.raw(NT2, line));
            assertThat(list.instruments()).isEmpty();
            assertThat(list.skipped()).isNotEmpty();
        }
    }

    @Test
    void shouldRefuseAnUnknownInstrumentType() {
        ObjectNode perp = (ObjectNode) readExact(DeribitFixtures.entry(NT2, 9).get("message").get("result").get(0));
        perp.put("instrument_type", "quanto");

        assertThatThrownBy(() -> InstrumentMapping.definition(perp))
                .hasMessageContaining("instrument_type: unknown value 'quanto'");
    }

    private static JsonNode readArray(String text) {
        try {
            return io.exchangebus.connectors.core.number.ExactNumbers.exactMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode readExact(JsonNode node) {
        return readExact(node.toString());
    }

    private static JsonNode readExact(String text) {
        return DeribitFields.readTree(text);
    }
}
