package io.exchangebus.sim.grvt;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Random;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/** The demo account of {@code exbus sim --exchange grvt}: ids, API key and signing key, all from the seed. */
record DemoAccount(String accountId, String apiKey, BigInteger subAccountId, String privateKey, String signer) {

    static DemoAccount of(long seed) {
        Random random = new Random(seed);
        byte[] account = new byte[20];
        random.nextBytes(account);
        byte[] key = new byte[24];
        random.nextBytes(key);
        BigInteger sub = new BigInteger(53, random).add(BigInteger.ONE);
        BigInteger privateKey = new BigInteger(1, sha(seed)).mod(new BigInteger(
                "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140", 16)).add(BigInteger.ONE);
        ECKeyPair pair = ECKeyPair.create(privateKey);
        return new DemoAccount("0x" + HexFormat.of().formatHex(account), HexFormat.of().formatHex(key), sub,
                privateKey.toString(16), "0x" + Keys.getAddress(pair));
    }

    private static byte[] sha(long seed) {
        return org.web3j.crypto.Hash.sha3(BigInteger.valueOf(seed).toByteArray());
    }
}
