package io.exchangebus.service;

/** Builds a service from its context once the configuration is read and the ops server runs. */
@FunctionalInterface
public interface ServiceFactory {
    /**
     * @throws Exception if the service cannot be built (e.g. its connector does not know a configured exchange);
     *     the runner exits with code 1
     */
    Service create(ServiceContext context) throws Exception;
}
