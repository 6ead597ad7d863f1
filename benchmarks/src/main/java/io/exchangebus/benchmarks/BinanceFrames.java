package io.exchangebus.benchmarks;

import java.math.BigDecimal;

/**
 * The Binance frames the mapping benchmarks read — ours ({@link BinanceMappingBenchmark}) and XChange's
 * ({@link XChangeBinanceBenchmark}) — so that both measure the very same text.
 */
final class BinanceFrames {
    private BinanceFrames() {
    }

    /**
     * A spot combined-stream {@code depthUpdate} of 20 bids and 20 asks (BTCUSDT-like, prices {@code 65000.01000000},
     * quantities with 8 decimals, as Binance sends them; a removal, quantity 0, every fifth bid and seventh ask).
     */
    static String depthFrame() {
        StringBuilder sb = new StringBuilder(2048);
        sb.append("{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1767322924123,")
                .append("\"s\":\"BTCUSDT\",\"U\":75340882611,\"u\":75340882702,\"b\":[");
        for (int i = 0; i < 20; i++) {
            BigDecimal price = new BigDecimal("65000.00").subtract(new BigDecimal("0.01").multiply(BigDecimal.valueOf(i)));
            sb.append(i == 0 ? "" : ",").append("[\"").append(price.setScale(8).toPlainString()).append("\",\"")
                    .append(i % 5 == 4 ? "0.00000000" : "0." + String.format("%08d", 1234567 * (i + 1) % 100000000))
                    .append("\"]");
        }
        sb.append("],\"a\":[");
        for (int i = 0; i < 20; i++) {
            BigDecimal price = new BigDecimal("65000.01").add(new BigDecimal("0.01").multiply(BigDecimal.valueOf(i)));
            sb.append(i == 0 ? "" : ",").append("[\"").append(price.setScale(8).toPlainString()).append("\",\"")
                    .append(i % 7 == 6 ? "0.00000000" : (i % 3) + "." + String.format("%08d", 7654321 * (i + 1) % 100000000))
                    .append("\"]");
        }
        sb.append("]}}");
        return sb.toString();
    }

    /** A spot combined-stream {@code trade} frame, every field Binance sends. */
    static String tradeFrame() {
        return "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1767322924123,\"s\":\"BTCUSDT\","
                + "\"t\":5123456789,\"p\":\"65000.01000000\",\"q\":\"0.00123000\",\"T\":1767322924122,\"m\":true,"
                + "\"M\":true}}";
    }
}
