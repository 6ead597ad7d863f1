package io.exchangebus.testkit;

import io.exchangebus.ingest.IngestMain;
import io.exchangebus.oms.OmsServiceMain;
import io.exchangebus.pms.PmsServiceMain;
import io.exchangebus.streams.StreamsAppsMain;

/** The ExchangeBus services the kit can run, each in its own JVM, as deployed. */
public enum Service {
    /** Market data from the simulators to {@code market.book.v1}, {@code market.trades.v1}. */
    INGEST(IngestMain.SERVICE, IngestMain.class.getName()),
    /** Order commands from {@code orders.commands.v1} to the simulators; acks and updates back. */
    OMS(OmsServiceMain.SERVICE, OmsServiceMain.class.getName()),
    /** Positions and balances from the simulators' private streams to {@code account.positions.v1}, … */
    PMS(PmsServiceMain.SERVICE_NAME, PmsServiceMain.class.getName()),
    /** Kafka Streams: books, best quotes and positions materialised, with the query API. */
    STREAMS(StreamsAppsMain.SERVICE_NAME, StreamsAppsMain.class.getName());

    private final String serviceName;
    private final String mainClass;

    Service(String serviceName, String mainClass) {
        this.serviceName = serviceName;
        this.mainClass = mainClass;
    }

    /** The service's own name: its configuration file, log and process are named after it. */
    public String serviceName() {
        return serviceName;
    }

    String mainClass() {
        return mainClass;
    }
}
