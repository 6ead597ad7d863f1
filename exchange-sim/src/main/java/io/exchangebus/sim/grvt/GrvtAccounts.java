package io.exchangebus.sim.grvt;

import io.exchangebus.sim.account.Accounts;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GRVT's account layout over the shared {@link Accounts}: a main (funding) account, named by its
 * {@code X-Grvt-Account-Id} and logged in with an API key, owns trading sub-accounts (uint64 ids); each sub-account
 * is one ledger account (its id in decimal) and has the signer addresses whose EIP-712 signatures it accepts.
 * Thread-safe.
 */
final class GrvtAccounts {

    private record Main(String accountId, List<BigInteger> subAccounts) {
    }

    private final Accounts ledger;
    private final Map<String, Main> byApiKey = new ConcurrentHashMap<>();
    private final Map<String, Main> byAccountId = new ConcurrentHashMap<>();
    private final Map<BigInteger, Set<String>> signers = new ConcurrentHashMap<>();
    private final Map<BigInteger, String> owner = new ConcurrentHashMap<>();

    GrvtAccounts(Accounts ledger) {
        this.ledger = ledger;
    }

    /** A main account logged in with {@code apiKey}; its id is what {@code X-Grvt-Account-Id} carries. */
    synchronized void createMain(String accountId, String apiKey) {
        if (byAccountId.containsKey(accountId) || byApiKey.containsKey(apiKey)) {
            throw new IllegalArgumentException("account or API key already exists: " + accountId);
        }
        Main main = new Main(accountId, new ArrayList<>());
        byAccountId.put(accountId, main);
        byApiKey.put(apiKey, main);
    }

    /** A trading sub-account of {@code accountId}, with its ledger account, accepting {@code signer}'s orders. */
    synchronized void createSubAccount(String accountId, BigInteger subAccountId, String signer) {
        Main main = byAccountId.get(accountId);
        if (main == null || owner.containsKey(subAccountId)) {
            throw new IllegalArgumentException("unknown account or sub-account taken: " + subAccountId);
        }
        main.subAccounts().add(subAccountId);
        owner.put(subAccountId, accountId);
        ledger.create(ledgerId(subAccountId));
        addSigner(subAccountId, signer);
    }

    void addSigner(BigInteger subAccountId, String address) {
        signers.computeIfAbsent(subAccountId, k -> ConcurrentHashMap.newKeySet())
                .add(address.toLowerCase(Locale.ROOT));
    }

    Optional<String> accountOfApiKey(String apiKey) {
        return Optional.ofNullable(byApiKey.get(apiKey)).map(Main::accountId);
    }

    boolean exists(String accountId) {
        return byAccountId.containsKey(accountId);
    }

    /** Whether the logged-in {@code accountId} may act for {@code subAccountId}. */
    boolean owns(String accountId, BigInteger subAccountId) {
        return accountId != null && accountId.equals(owner.get(subAccountId));
    }

    synchronized List<BigInteger> subAccounts(String accountId) {
        Main main = byAccountId.get(accountId);
        return main == null ? List.of() : List.copyOf(main.subAccounts());
    }

    /** Lower-case signer addresses registered for the sub-account. */
    Set<String> signers(BigInteger subAccountId) {
        return Set.copyOf(signers.getOrDefault(subAccountId, Set.of()));
    }

    /** The ledger's (and engine's) account id of a sub-account: its decimal id. */
    static String ledgerId(BigInteger subAccountId) {
        return subAccountId.toString();
    }
}
