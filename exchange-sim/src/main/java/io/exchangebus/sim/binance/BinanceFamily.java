package io.exchangebus.sim.binance;

/** Which Binance API the simulator speaks: spot ({@code /api/v3}, {@code /ws-api/v3}) or USDⓈ-M futures ({@code /fapi}, {@code /ws-fapi/v1}). */
public enum BinanceFamily {
    SPOT,
    USDM;

    /** The CLI name: {@code binance-spot} or {@code binance-usdm}. */
    public String cliName() {
        return this == SPOT ? "binance-spot" : "binance-usdm";
    }

    public static BinanceFamily fromCliName(String name) {
        return switch (name) {
            case "binance-spot", "spot", "SPOT" -> SPOT;
            case "binance-usdm", "usdm", "USDM" -> USDM;
            default -> throw new IllegalArgumentException("unknown Binance family: " + name);
        };
    }
}
