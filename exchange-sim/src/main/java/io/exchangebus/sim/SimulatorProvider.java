package io.exchangebus.sim;

import java.util.List;

/**
 * What an exchange's simulator package offers to {@link ExchangeSimulators}: its simulators, one per exchange id (a
 * package may serve several, e.g. Binance spot and USD-M). Found with {@link java.util.ServiceLoader}: the module
 * lists its implementation in {@code META-INF/services/io.exchangebus.sim.SimulatorProvider}, and the implementation
 * has a public no-argument constructor.
 */
public interface SimulatorProvider {

    /** The simulators of this package; each exchange id once. */
    List<ExchangeSimulator> simulators();
}
