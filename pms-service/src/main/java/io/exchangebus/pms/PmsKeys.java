package io.exchangebus.pms;

import io.exchangebus.service.config.CommonKeys;
import io.exchangebus.service.config.ConfigErrors;
import io.exchangebus.service.config.ConfigKey;
import io.exchangebus.service.config.ConfigSchema;
import io.exchangebus.service.config.ConfigTypes;
import io.exchangebus.service.config.ServiceConfig;
import java.util.List;

/** The configuration of {@code pms-service}: the common keys and which accounts to stream. */
public final class PmsKeys {
    public static final ConfigKey<List<String>> ACCOUNTS = ConfigKey.optional("pms.accounts", ConfigTypes.STRING_LIST,
                    "Ids of the configured accounts (entries of accounts) whose streams to publish.")
            .withDefaultShownAs("every configured account");

    /** Every key of the service, common ones first. */
    public static final ConfigSchema SCHEMA = CommonKeys.SCHEMA.with(ACCOUNTS)
            .withRule(PmsKeys::accountsAreConfigured);

    private PmsKeys() {
    }

    /** The ids of the accounts to stream: {@code pms.accounts}, or every configured account. */
    public static List<String> selectedAccounts(ServiceConfig config) {
        return config.find(ACCOUNTS).orElseGet(() -> List.copyOf(config.names("accounts")));
    }

    private static void accountsAreConfigured(ServiceConfig config, ConfigErrors errors) {
        List<String> selected = selectedAccounts(config);
        if (selected.isEmpty()) {
            errors.add(ACCOUNTS.path(), "no account to stream: configure one under accounts");
        }
        for (String id : selected) {
            if (!config.names("accounts").contains(id)) {
                errors.add(ACCOUNTS.path(), "names account '" + id + "', which is not configured under accounts "
                        + "(configured: " + config.names("accounts") + ")");
            }
        }
    }
}
