package io.exchangebus.sim.account;

import io.exchangebus.sim.engine.Fill;
import io.exchangebus.sim.engine.Instrument;
import io.exchangebus.sim.engine.InstrumentKind;
import io.exchangebus.sim.engine.Ledger;
import io.exchangebus.sim.engine.RejectReason;
import io.exchangebus.sim.engine.Side;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * The simulated accounts of one exchange, and the {@link Ledger} its engines book into.
 *
 * <p>Spot: a buy locks {@code quantity × lockPrice} of the quote asset, a sell locks the base quantity; a fill moves
 * the locked assets to the counterparty, each side paying its fee in the asset it receives (collected in
 * {@link #feesCollected(String)}). Derivatives: nothing is locked (margin is not modelled, balances may go
 * negative); a fill updates the signed position (see {@link PositionMath}) and books realised PnL minus fee to the
 * settlement balance: the quote for linear contracts, the base for inverse ones ({@code amount × (1/entry − 1/exit)}).
 * Options: the buyer pays the premium {@code quantity × price} in the settlement asset to the seller at each fill,
 * each paying its fee; the position is tracked for its size and average price.
 *
 * <p>Conservation, checked by tests: for every asset, the sum of all accounts' free + locked plus fees collected
 * changes only by deposits; on futures and perpetuals add the positions' unrealised PnL at any common mark price
 * (inverse: up to the rounding of {@code amount / price} at {@value Instrument#INVERSE_SCALE} decimals).
 *
 * <p>Threading: all methods synchronize on this object; engines call in while holding their own lock, so nothing
 * here may call an engine.
 */
public final class Accounts implements Ledger {

    private final Map<String, Account> byId = new LinkedHashMap<>();
    private final Map<String, Account> byKeyId = new HashMap<>();
    private final Map<String, BigDecimal> fees = new TreeMap<>();
    private final Random keyRandom;

    /** Keys from {@code keyRandom}: pass a seeded Random for reproducible keys in tests. */
    public Accounts(Random keyRandom) {
        this.keyRandom = keyRandom;
    }

    public Accounts() {
        this(new SecureRandom());
    }

    /** Creates an account with one freshly generated API key. */
    public synchronized AccountSnapshot create(String accountId) {
        if (byId.containsKey(accountId)) {
            throw new IllegalArgumentException("account exists: " + accountId);
        }
        Account account = new Account(accountId);
        byId.put(accountId, account);
        addKey(account, ApiKey.generate(keyRandom));
        return snapshot(accountId);
    }

    /** Adds a given key (e.g. a documented test key whose signatures are known). */
    public synchronized void addApiKey(String accountId, ApiKey key) {
        addKey(require(accountId), key);
    }

    private void addKey(Account account, ApiKey key) {
        if (byKeyId.putIfAbsent(key.keyId(), account) != null) {
            throw new IllegalArgumentException("key id in use");
        }
        account.apiKeys.add(key);
    }

    public synchronized void deposit(String accountId, String asset, BigDecimal amount) {
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("deposit must not be negative: " + amount);
        }
        require(accountId).addFree(asset, amount);
    }

    public synchronized void deposit(String accountId, String asset, String amount) {
        deposit(accountId, asset, new BigDecimal(amount));
    }

    /** The account holding key {@code keyId}, as a server authenticating a request needs it. */
    public synchronized Optional<AccountSnapshot> byApiKey(String keyId) {
        Account account = byKeyId.get(keyId);
        return account == null ? Optional.empty() : Optional.of(snapshot(account.id));
    }

    public synchronized boolean exists(String accountId) {
        return byId.containsKey(accountId);
    }

    public synchronized List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public synchronized AccountSnapshot snapshot(String accountId) {
        Account account = require(accountId);
        Map<String, Balance> balances = new TreeMap<>();
        account.balances.keySet().forEach(asset -> balances.put(asset, account.view(asset)));
        return new AccountSnapshot(account.id, account.apiKeys, balances, account.positions);
    }

    public synchronized Balance balance(String accountId, String asset) {
        return require(accountId).view(asset);
    }

    /** The position in {@code symbol}, flat if none. */
    public synchronized Position position(String accountId, String symbol) {
        return require(accountId).positions.getOrDefault(symbol, flat(symbol));
    }

    public synchronized BigDecimal feesCollected(String asset) {
        return fees.getOrDefault(asset, BigDecimal.ZERO);
    }

    /** Sum over all accounts of free + locked of {@code asset}. */
    public synchronized BigDecimal totalHeld(String asset) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Account account : byId.values()) {
            sum = sum.add(account.view(asset).total());
        }
        return sum;
    }

    // ---- Ledger --------------------------------------------------------------------------------------------

    @Override
    public synchronized Optional<RejectReason> reserve(Instrument instrument, String accountId, Side side,
                                                       BigDecimal quantity, BigDecimal lockPrice) {
        Account account = byId.get(accountId);
        if (account == null) {
            return Optional.of(RejectReason.UNKNOWN_ACCOUNT);
        }
        if (instrument.kind().isDerivative()) {
            return Optional.empty();
        }
        String asset = side == Side.BUY ? instrument.quote() : instrument.base();
        BigDecimal amount = lockAmount(side, quantity, lockPrice);
        if (account.view(asset).free().compareTo(amount) < 0) {
            return Optional.of(RejectReason.INSUFFICIENT_BALANCE);
        }
        account.lock(asset, amount);
        return Optional.empty();
    }

    @Override
    public synchronized void release(Instrument instrument, String accountId, Side side, BigDecimal quantity,
                                     BigDecimal lockPrice) {
        if (instrument.kind().isDerivative()) {
            return;
        }
        String asset = side == Side.BUY ? instrument.quote() : instrument.base();
        require(accountId).lock(asset, lockAmount(side, quantity, lockPrice).negate());
    }

    private static BigDecimal lockAmount(Side side, BigDecimal quantity, BigDecimal lockPrice) {
        return side == Side.BUY ? quantity.multiply(lockPrice) : quantity;
    }

    @Override
    public synchronized void settle(Instrument instrument, Fill fill, BigDecimal makerLockPrice,
                                    BigDecimal takerLockPrice) {
        boolean takerBuys = fill.takerSide() == Side.BUY;
        BigDecimal buyerLockPrice = takerBuys ? takerLockPrice : makerLockPrice;
        BigDecimal buyerFee = takerBuys ? fill.takerFee() : fill.makerFee();
        BigDecimal sellerFee = takerBuys ? fill.makerFee() : fill.takerFee();
        Account buyer = require(fill.buyerAccount());
        Account seller = require(fill.sellerAccount());
        if (instrument.kind() == InstrumentKind.OPTION) {
            BigDecimal premium = instrument.settlementValue(fill.quantity(), fill.price());
            settleDerivative(instrument, buyer, fill.quantity(), fill.price(), premium.negate(), buyerFee);
            settleDerivative(instrument, seller, fill.quantity().negate(), fill.price(), premium, sellerFee);
            return;
        }
        if (instrument.kind().isDerivative()) {
            settleDerivative(instrument, buyer, fill.quantity(), fill.price(), null, buyerFee);
            settleDerivative(instrument, seller, fill.quantity().negate(), fill.price(), null, sellerFee);
            return;
        }
        BigDecimal notional = fill.notional();
        // The buyer reserved quantity × lockPrice; what the fill did not spend goes back to free.
        BigDecimal reserved = fill.quantity().multiply(buyerLockPrice);
        buyer.addLocked(instrument.quote(), reserved.negate());
        buyer.addFree(instrument.quote(), reserved.subtract(notional));
        buyer.addFree(instrument.base(), fill.quantity().subtract(buyerFee));
        seller.addLocked(instrument.base(), fill.quantity().negate());
        seller.addFree(instrument.quote(), notional.subtract(sellerFee));
        collect(instrument.base(), buyerFee);
        collect(instrument.quote(), sellerFee);
    }

    /**
     * Books one side of a derivative fill: {@code premium} (options: signed cash to this side) when given, else the
     * PnL the trade realised; then the fee. All in the settlement asset.
     */
    private void settleDerivative(Instrument instrument, Account account, BigDecimal signedQty, BigDecimal price,
                                  BigDecimal premium, BigDecimal fee) {
        Position before = account.positions.getOrDefault(instrument.symbol(), Position.flat(instrument));
        Position after = PositionMath.trade(instrument, before, signedQty, price);
        account.positions.put(instrument.symbol(), after);
        BigDecimal cash = premium != null ? premium : after.realizedPnl().subtract(before.realizedPnl());
        account.addFree(instrument.settlementAsset(), cash.subtract(fee));
        collect(instrument.settlementAsset(), fee);
    }

    private void collect(String asset, BigDecimal fee) {
        fees.merge(asset, fee, BigDecimal::add);
    }

    private static Position flat(String symbol) {
        return new Position(symbol, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private Account require(String accountId) {
        Account account = byId.get(accountId);
        if (account == null) {
            throw new IllegalArgumentException("unknown account: " + accountId);
        }
        return account;
    }
}
