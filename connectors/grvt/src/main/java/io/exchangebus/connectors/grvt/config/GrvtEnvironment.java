package io.exchangebus.connectors.grvt.config;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * GRVT's environments, their domain and the EIP-712 chain id orders are signed for (grvt.md §1; the SDK's
 * {@code grvt_raw_env.py} and {@code grvt_raw_signing.py}). Each has three hosts: {@code edge} (API-key login),
 * {@code trades} (private streams and order RPC) and {@code market-data} (public streams and REST).
 *
 * <p>Staging: the SDK's signing code says chain 327, its environment table 328 (grvt_raw_env.py:74). We take 327,
 * the value the signer uses; {@link GrvtEndpoints#withChainId} overrides it if staging turns out otherwise.
 */
public enum GrvtEnvironment {
    PRODUCTION("grvt.io", 325),
    TESTNET("testnet.grvt.io", 326),
    STAGING("staging.gravitymarkets.io", 327),
    DEV("dev.gravitymarkets.io", 327);

    private final String domain;
    private final long chainId;

    GrvtEnvironment(String domain, long chainId) {
        this.domain = domain;
        this.chainId = chainId;
    }

    public String domain() {
        return domain;
    }

    /** The EIP-712 chain id of the domain orders are signed in. */
    public long chainId() {
        return chainId;
    }

    /** This environment's endpoints. */
    public GrvtEndpoints endpoints() {
        return new GrvtEndpoints(this, host("edge"), host("trades"), host("market-data"), chainId);
    }

    private URI host(String name) {
        return URI.create("https://" + name + "." + domain);
    }

    /** By name, case-insensitive: {@code production} (also {@code prod}), {@code testnet}, {@code staging}, {@code dev}. */
    public static Optional<GrvtEnvironment> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (n.equals("PROD")) {
            return Optional.of(PRODUCTION);
        }
        for (GrvtEnvironment e : values()) {
            if (e.name().equals(n)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
