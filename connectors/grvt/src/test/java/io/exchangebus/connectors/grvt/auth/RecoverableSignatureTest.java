package io.exchangebus.connectors.grvt.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

class RecoverableSignatureTest {

    @Test
    void shouldGiveWhatWeb3jGivesOnRandomKeysAndDigestsWithBothRecoveryIds() {
        Random random = new Random(19);
        int[] ids = new int[2];
        for (int i = 0; i < 2_000; i++) {
            BigInteger key = key(random);
            byte[] digest = new byte[32];
            random.nextBytes(digest);

            RecoverableSignature ours = RecoverableSignature.sign(key, digest);
            Sign.SignatureData web3j = Sign.signMessage(digest, ECKeyPair.create(key), false);

            assertThat(ours.r()).as("r, key %d", i).isEqualTo(Numeric.toBigInt(web3j.getR()));
            assertThat(ours.s()).as("s, key %d", i).isEqualTo(Numeric.toBigInt(web3j.getS()));
            assertThat(ours.v()).as("v, key %d", i).isEqualTo(web3j.getV()[0] & 0xff);
            ids[ours.recoveryId()]++;
        }
        assertThat(ids[0]).as("recovery id 0").isGreaterThan(800);
        assertThat(ids[1]).as("recovery id 1").isGreaterThan(800);
    }

    @Test
    void shouldSignTheEdgesOfTheKeyRangeAndDigestsOfZerosAndOnes() {
        BigInteger n = GrvtOrderSigner.CURVE_ORDER;
        byte[] ones = new byte[32];
        java.util.Arrays.fill(ones, (byte) 0xff);
        for (BigInteger key : new BigInteger[] {BigInteger.ONE, BigInteger.TWO, n.subtract(BigInteger.ONE)}) {
            for (byte[] digest : new byte[][] {new byte[32], ones}) {
                RecoverableSignature ours = RecoverableSignature.sign(key, digest);
                Sign.SignatureData web3j = Sign.signMessage(digest, ECKeyPair.create(key), false);

                assertThat(ours.r()).isEqualTo(Numeric.toBigInt(web3j.getR()));
                assertThat(ours.s()).isEqualTo(Numeric.toBigInt(web3j.getS()));
                assertThat(ours.v()).isEqualTo(web3j.getV()[0] & 0xff);
            }
        }
    }

    @Test
    void shouldRefuseADigestThatIsNot32Bytes() {
        assertThatThrownBy(() -> RecoverableSignature.sign(BigInteger.TEN, new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    private static BigInteger key(Random random) {
        while (true) {
            BigInteger k = new BigInteger(256, random);
            if (k.signum() > 0 && k.compareTo(GrvtOrderSigner.CURVE_ORDER) < 0) {
                return k;
            }
        }
    }
}
