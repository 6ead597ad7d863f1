package io.exchangebus.connectors.grvt.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** The known-answer vectors of shared/fixtures/grvt, read as they are written (SDK snake_case names). */
final class SigningVectors {

    private SigningVectors() {
    }

    static JsonNode file(String name) {
        try {
            return ExactNumbers.exactMapper().readTree(Fixtures.path("grvt/" + name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every vector of the named lists, each as (list name, vector). */
    static List<Object[]> of(String fileName, String... lists) {
        JsonNode root = file(fileName);
        List<Object[]> out = new ArrayList<>();
        for (String list : lists) {
            for (JsonNode v : root.get(list)) {
                out.add(new Object[] {list + ": " + v.get("name").asText(), v});
            }
        }
        return out;
    }

    /** The order of a vector as the signer takes it, with the vector's instrument terms on every leg. */
    static OrderToSign order(JsonNode vector) {
        JsonNode o = vector.get("order");
        JsonNode instrument = vector.get("instrument");
        SigningTerms terms = new SigningTerms(instrument.get("instrument").asText(),
                instrument.get("instrument_hash").asText(), Integer.parseInt(instrument.get("base_decimals").asText()));
        List<OrderToSign.Leg> legs = new ArrayList<>();
        for (JsonNode leg : o.get("legs")) {
            legs.add(new OrderToSign.Leg(terms, new BigDecimal(leg.get("size").asText()),
                    new BigDecimal(leg.get("limit_price").asText()), leg.get("is_buying_asset").asBoolean()));
        }
        JsonNode sig = o.get("signature");
        return new OrderToSign(new BigInteger(o.get("sub_account_id").asText()), o.get("is_market").asBoolean(),
                GrvtTimeInForce.ofName(o.get("time_in_force").asText()).orElseThrow(),
                o.get("post_only").asBoolean(), o.get("reduce_only").asBoolean(), legs,
                Long.parseLong(sig.get("nonce").asText()), Long.parseLong(sig.get("expiration").asText()),
                o.has("builder") ? o.get("builder").asText() : null,
                o.has("builder_fee") ? new BigDecimal(o.get("builder_fee").asText()) : null);
    }

    /** The chain id of a vector: its own, else its expected domain's. */
    static long chainId(JsonNode vector) {
        return vector.has("chain_id") ? vector.get("chain_id").asLong()
                : vector.get("expected_domain_data").get("chainId").asLong();
    }

    /** A decimal or 0x-hex integer as 0x + 64 lower-case hex digits. */
    static String word(JsonNode value) {
        String text = value.asText();
        BigInteger n = text.startsWith("0x") ? new BigInteger(text.substring(2), 16) : new BigInteger(text);
        return "0x" + String.format("%64s", n.toString(16)).replace(' ', '0');
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }
}
