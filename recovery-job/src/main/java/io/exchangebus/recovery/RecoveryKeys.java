package io.exchangebus.recovery;

import io.exchangebus.service.config.CommonKeys;
import io.exchangebus.service.config.ConfigErrors;
import io.exchangebus.service.config.ConfigKey;
import io.exchangebus.service.config.ConfigSchema;
import io.exchangebus.service.config.ConfigTypes;
import io.exchangebus.service.config.ServiceConfig;
import io.exchangebus.service.config.Validators;
import java.time.Duration;
import java.util.List;

/** The configuration of {@code recovery-job}: the common keys, which accounts, and how far back and in what pages. */
public final class RecoveryKeys {
    public static final ConfigKey<List<String>> ACCOUNTS = ConfigKey.optional("recovery.accounts",
                    ConfigTypes.STRING_LIST, "Ids of the configured accounts (entries of accounts) to recover.")
            .withDefaultShownAs("every configured account");
    public static final ConfigKey<Duration> HISTORY_WINDOW = ConfigKey.withDefault("recovery.history-window",
                    ConfigTypes.DURATION, Duration.ofHours(24),
                    "How far back order history is fetched: orders created since the run's start minus this.")
            .validatedBy(Validators.positiveDuration());
    public static final ConfigKey<Integer> PAGE_SIZE = ConfigKey.withDefault("recovery.page-size", ConfigTypes.INT,
                    500, "Orders asked for per order-history page (the connector caps it at the exchange's maximum).")
            .validatedBy(Validators.between(1, 1000));
    public static final ConfigKey<List<String>> HISTORY_SYMBOLS = ConfigKey.optional("recovery.history-symbols",
                    ConfigTypes.STRING_LIST, "Exchange symbols (e.g. BTCUSDT) whose order history is fetched; "
                            + "history is paged per symbol, so name the traded ones on exchanges with many.")
            .withDefaultShownAs("every instrument of the exchange");
    public static final ConfigKey<Duration> CALL_TIMEOUT = ConfigKey.withDefault("recovery.call-timeout",
                    ConfigTypes.DURATION, Duration.ofSeconds(30),
                    "Longest wait for one exchange call (retries of the connector included) before the account fails.")
            .validatedBy(Validators.positiveDuration());

    /** Every key of the job, common ones first. */
    public static final ConfigSchema SCHEMA = CommonKeys.SCHEMA
            .with(ACCOUNTS, HISTORY_WINDOW, PAGE_SIZE, HISTORY_SYMBOLS, CALL_TIMEOUT)
            .withRule(RecoveryKeys::accountsAreConfigured);

    private RecoveryKeys() {
    }

    /** The ids of the accounts to recover: {@code recovery.accounts}, or every configured account. */
    public static List<String> selectedAccounts(ServiceConfig config) {
        return config.find(ACCOUNTS).orElseGet(() -> List.copyOf(config.names("accounts")));
    }

    private static void accountsAreConfigured(ServiceConfig config, ConfigErrors errors) {
        List<String> selected = selectedAccounts(config);
        if (selected.isEmpty()) {
            errors.add(ACCOUNTS.path(), "no account to recover: configure one under accounts");
        }
        for (String id : selected) {
            if (!config.names("accounts").contains(id)) {
                errors.add(ACCOUNTS.path(), "names account '" + id + "', which is not configured under accounts "
                        + "(configured: " + config.names("accounts") + ")");
            }
        }
    }
}
