package io.exchangebus.connectors.binance.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.events.InstrumentKind;
import io.exchangebus.events.QuantityUnit;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class InstrumentMappingTest {

    @Test
    void shouldMapTheRecordedSpotExchangeInfoWithItsNotionalFilter() {
        JsonNode info = DocFixtures.line("rest_mock_recordings.gocryptotrader.jsonl", 8).message();
        JsonNode filters = info.get("symbols").get(0).get("filters");

        InstrumentMapping.Mapped mapped = InstrumentMapping.fromExchangeInfo(BinanceVenue.SPOT, info);

        assertThat(mapped.skipped()).isEmpty();
        InstrumentDefinition btc = mapped.instruments().get(0);
        assertThat(btc.exchange()).isEqualTo("binance-spot");
        assertThat(btc.symbol()).isEqualTo("BTCUSDT");
        assertThat(btc.id()).isEqualTo(InstrumentId.spot("BTC", "USDT"));
        assertThat(btc.settle()).isEqualTo("USDT");
        assertThat(btc.expiryTime()).isNull();
        assertThat(btc.trading()).isTrue();
        assertThat(btc.rules().tickSize()).isEqualByComparingTo(filter(filters, "PRICE_FILTER").get("tickSize").asText());
        assertThat(btc.rules().lotSize()).isEqualByComparingTo(filter(filters, "LOT_SIZE").get("stepSize").asText());
        assertThat(btc.rules().minQuantity()).isEqualByComparingTo(filter(filters, "LOT_SIZE").get("minQty").asText());
        assertThat(btc.rules().maxQuantity()).isEqualByComparingTo(filter(filters, "LOT_SIZE").get("maxQty").asText());
        assertThat(btc.rules().minNotional())
                .isEqualByComparingTo(filter(filters, "NOTIONAL").get("minNotional").asText());
        assertThat(btc.rules().contractSize()).isEqualByComparingTo("1");
    }

    @Test
    void shouldMapEverySpotAndUsdmInstrumentAsLinearInBaseUnitsPricedInTheQuote() {
        for (InstrumentDefinition instrument : java.util.List.of(
                InstrumentMapping.fromExchangeInfo(BinanceVenue.SPOT,
                        DocFixtures.line("rest_mock_recordings.gocryptotrader.jsonl", 8).message()).instruments().get(0),
                InstrumentMapping.fromExchangeInfo(BinanceVenue.USDM,
                        DocFixtures.line("usdm_rest_public.docs.jsonl", 13).message()).instruments().get(0))) {
            assertThat(instrument.quantityUnit()).as(instrument.symbol()).isEqualTo(QuantityUnit.BASE);
            assertThat(instrument.inverse()).as(instrument.symbol()).isFalse();
            assertThat(instrument.priceAsset()).as(instrument.symbol()).isEqualTo(instrument.id().quote());
            assertThat(instrument.multiplier()).as(instrument.symbol()).isEqualByComparingTo("1");
            assertThat(instrument.rules().tickBands()).as(instrument.symbol()).isEmpty();
            assertThat(instrument.toEvent().getUnit()).isEqualTo(QuantityUnit.BASE);
        }
    }

    @Test
    void shouldMapTheWsApiExchangeInfoOfTheDocsWithoutANotionalFilter() {
        JsonNode info = DocFixtures.line("spot_ws_api.docs.jsonl", 31).message().get("result");

        InstrumentDefinition bnb = InstrumentMapping.fromExchangeInfo(BinanceVenue.SPOT, info).instruments().get(0);

        assertThat(bnb.id().toString()).isEqualTo("BNB-BTC");
        assertThat(bnb.rules().tickSize()).isEqualByComparingTo("0.000001");
        assertThat(bnb.rules().lotSize()).isEqualByComparingTo("0.001");
        assertThat(bnb.rules().minQuantity()).isEqualByComparingTo("0.001");
        assertThat(bnb.rules().maxQuantity()).isEqualByComparingTo("100000");
        assertThat(bnb.rules().minNotional()).isNull();
    }

    @Test
    void shouldSkipASymbolWithoutFiltersAndSayWhy() {
        JsonNode info = DocFixtures.line("spot_rest_api.docs.jsonl", 3).message();

        InstrumentMapping.Mapped mapped = InstrumentMapping.fromExchangeInfo(BinanceVenue.SPOT, info);

        assertThat(mapped.instruments()).isEmpty();
        assertThat(mapped.skipped()).singleElement().satisfies(s -> {
            assertThat(s.symbol()).isEqualTo("ETHBTC");
            assertThat(s.reason()).contains("PRICE_FILTER");
        });
    }

    @Test
    void shouldMapUsdmPerpetualsWithTheirMinNotionalField() {
        for (JsonNode info : new JsonNode[] {DocFixtures.line("usdm_rest_public.docs.jsonl", 13).message(),
                DocFixtures.line("rest_mock_recordings.gocryptotrader.jsonl", 17).message()}) {
            JsonNode symbol = info.get("symbols").get(0);
            JsonNode filters = symbol.get("filters");

            InstrumentDefinition perp = InstrumentMapping.fromExchangeInfo(BinanceVenue.USDM, info).instruments().get(0);

            assertThat(perp.exchange()).isEqualTo("binance-usdm");
            assertThat(perp.id()).isEqualTo(InstrumentId.perpetual(symbol.get("baseAsset").asText(),
                    symbol.get("quoteAsset").asText()));
            assertThat(perp.id().toString()).endsWith("-PERP");
            assertThat(perp.settle()).isEqualTo(symbol.get("marginAsset").asText());
            assertThat(perp.expiryTime()).isNull();
            assertThat(perp.rules().tickSize())
                    .isEqualByComparingTo(filter(filters, "PRICE_FILTER").get("tickSize").asText());
            assertThat(perp.rules().lotSize()).isEqualByComparingTo(filter(filters, "LOT_SIZE").get("stepSize").asText());
            assertThat(perp.rules().minQuantity()).isEqualByComparingTo(filter(filters, "LOT_SIZE").get("minQty").asText());
            assertThat(perp.rules().minNotional())
                    .isEqualByComparingTo(filter(filters, "MIN_NOTIONAL").get("notional").asText());
        }
    }

    @Test
    void shouldNameAQuarterlyFutureByItsDeliveryDateAndSkipAnUnknownContractType() {
        ObjectNode info = (ObjectNode) DocFixtures.line("usdm_rest_public.docs.jsonl", 13).message().deepCopy();
        ArrayNode symbols = (ArrayNode) info.get("symbols");
        ObjectNode quarter = symbols.get(0).deepCopy();
        quarter.put("symbol", "BTCUSDT_260327").put("baseAsset", "BTC").put("contractType", "CURRENT_QUARTER")
                .put("deliveryDate", 1774598400000L).put("status", "SETTLING");
        ObjectNode odd = symbols.get(0).deepCopy();
        odd.put("symbol", "ODDUSDT").put("contractType", "WEEKLY");
        symbols.add(quarter).add(odd);

        InstrumentMapping.Mapped mapped = InstrumentMapping.fromExchangeInfo(BinanceVenue.USDM, info);

        InstrumentDefinition future = mapped.instruments().stream().filter(i -> i.symbol().equals("BTCUSDT_260327"))
                .findFirst().orElseThrow();
        assertThat(future.id()).isEqualTo(InstrumentId.future("BTC", "USDT", LocalDate.of(2026, 3, 27)));
        assertThat(future.id().kind()).isEqualTo(InstrumentKind.FUTURE);
        assertThat(future.id().toString()).isEqualTo("BTC-USDT-20260327");
        assertThat(future.expiryTime()).isEqualTo(Instant.ofEpochMilli(1774598400000L));
        assertThat(future.trading()).isFalse();
        assertThat(mapped.skipped()).singleElement().satisfies(s -> {
            assertThat(s.symbol()).isEqualTo("ODDUSDT");
            assertThat(s.reason()).contains("WEEKLY");
        });
    }

    private static JsonNode filter(JsonNode filters, String type) {
        for (JsonNode f : filters) {
            if (f.get("filterType").asText().equals(type)) {
                return f;
            }
        }
        throw new AssertionError("no " + type);
    }
}
