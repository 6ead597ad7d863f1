package io.exchangebus.sim.binance;

/** Which Binance API the simulator speaks: spot ({@code /api/v3}, {@code /ws-api/v3}) or USDⓈ-M futures ({@code /fapi}, {@code /ws-fapi/v1}). */
public enum BinanceFamily {
    SPOT("binance-spot"),
    USDM("binance-usdm");

    private final String cliName;

    BinanceFamily(String cliName) {
        this.cliName = cliName;
    }

    /** The CLI name: {@code binance-spot} or {@code binance-usdm}. */
    public String cliName() {
        return cliName;
    }

    public static BinanceFamily fromCliName(String name) {
        return switch (name) {
            case "binance-spot", "spot", "SPOT" -> SPOT;
            case "binance-usdm", "usdm", "USDM" -> USDM;
            default -> throw new IllegalArgumentException("unknown Binance family: " + name);
        };
    }
}
