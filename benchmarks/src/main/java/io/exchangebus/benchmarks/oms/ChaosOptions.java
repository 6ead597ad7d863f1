package io.exchangebus.benchmarks.oms;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code benchmarks/run-oms-chaos}.
 *
 * @param commands how many commands the command stream writes in all
 * @param rate commands a second, steady
 * @param accounts funded accounts, half on the Binance spot simulator and half on the USD-M one
 * @param addresses how many network addresses the accounts are spread over (default 1, one oms-service process
 *        on one host, whose connectors budget one address's request weight): the simulators allow that many times
 *        Binance's per-address request weight
 * @param omsKills how many times oms-service is killed with SIGKILL (and started again) during the stream
 * @param brokerKills how many times the broker is killed with SIGKILL (and started again) during the stream
 * @param expiringShare the share of commands with a 10 s expiry (the CLI's default); the others never expire
 * @param cancelShare the share of commands that cancel one of the account's resting orders
 * @param seed the seed of the command stream and of the kill schedule
 * @param json where to write the report as JSON, if anywhere
 */
record ChaosOptions(int commands, int rate, int accounts, int addresses, int omsKills, int brokerKills, double expiringShare,
                    double cancelShare, long seed, Path json) {

    static final String USAGE = """
            usage: benchmarks/run-oms-chaos [--commands N] [--rate PER_SECOND] [--accounts N] [--addresses N]
                                            [--oms-kills N] [--broker-kills N] [--expiring-share F]
                                            [--cancel-share F] [--seed S] [--json FILE]
            defaults: 20000 commands at 100/s over 60 accounts on 1 address, 5 OMS kills, 2 broker kills, 30 %
                      expiring in 10 s, 15 % cancels, seed 1""";

    ChaosOptions {
        if (commands < 1 || rate < 1 || accounts < 2 || addresses < 1 || omsKills < 0 || brokerKills < 0) {
            throw new IllegalArgumentException("commands, rate, addresses >= 1, accounts >= 2, kills >= 0\n"
                    + USAGE);
        }
        if (expiringShare < 0 || expiringShare > 1 || cancelShare < 0 || cancelShare >= 1) {
            throw new IllegalArgumentException("shares are fractions: 0 <= expiring <= 1, 0 <= cancel < 1\n" + USAGE);
        }
    }

    static ChaosOptions parse(String[] args) {
        int commands = 20_000;
        int rate = 100;
        int accounts = 60;
        Integer addresses = null;
        int omsKills = 5;
        int brokerKills = 2;
        double expiring = 0.3;
        double cancels = 0.15;
        long seed = 1;
        Path json = null;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            if (flag.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
            }
            String value = rest.remove(0);
            switch (flag) {
                case "--commands" -> commands = Integer.parseInt(value);
                case "--rate" -> rate = Integer.parseInt(value);
                case "--accounts" -> accounts = Integer.parseInt(value);
                case "--addresses" -> addresses = Integer.parseInt(value);
                case "--oms-kills" -> omsKills = Integer.parseInt(value);
                case "--broker-kills" -> brokerKills = Integer.parseInt(value);
                case "--expiring-share" -> expiring = Double.parseDouble(value);
                case "--cancel-share" -> cancels = Double.parseDouble(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--json" -> json = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
            }
        }
        return new ChaosOptions(commands, rate, accounts, addresses == null ? 1 : addresses,
                omsKills, brokerKills, expiring, cancels, seed, json);
    }

    List<String> accountNames() {
        return OmsBenchStack.accountNames("binance", accounts);
    }

}
