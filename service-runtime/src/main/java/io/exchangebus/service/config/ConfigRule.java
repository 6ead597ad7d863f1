package io.exchangebus.service.config;

/**
 * A check across keys (a value required when another has some value, a name that must refer to a configured
 * entry). Rules run after every key was read; a key that could not be read is absent from {@code config}, so rules
 * use {@link ServiceConfig#find} and say nothing about what is missing (that is already reported).
 */
@FunctionalInterface
public interface ConfigRule {
    /** Adds what is wrong to {@code errors}. */
    void check(ServiceConfig config, ConfigErrors errors);
}
