package io.exchangebus.avro.topics;

import io.exchangebus.avro.registry.SchemaRegistryClient;
import io.exchangebus.avro.registry.SchemaRegistryClient.SubjectVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the value schema of every topic of the catalogue under its subject ({@code <topic>-value}), with the
 * subject's compatibility rule, so that a client in any language can fetch the latest schema of a topic before it
 * first writes to it — {@code orders.commands.v1-value} above all, which only users write. Keys are plain strings
 * ({@link TopicKey}), so no key subject exists.
 *
 * <p>Idempotent: a schema already registered keeps its id and version, and the rule is set to the same value again.
 * The stack, the demo and {@code exbus schemas --register} run it when they start.
 */
public final class CatalogueSchemas {
    /**
     * The rule of every subject: a new version must read what every older one wrote, the promise
     * {@code BackwardCompatibilityTest} keeps against {@code avro/released/}.
     */
    public static final String COMPATIBILITY = "BACKWARD";

    private CatalogueSchemas() {
    }

    /** Every topic whose values are Avro: the catalogue and the dead-letter topics of the services. */
    public static List<Topic> topics() {
        List<Topic> topics = new ArrayList<>(Topics.ALL);
        topics.addAll(Topics.deadLetters());
        return topics;
    }

    /**
     * Registers the value schema under, and sets the rule on, the subject of every topic of {@link #topics()}.
     *
     * @return the registered version of each subject, in catalogue order
     * @throws io.exchangebus.avro.registry.SchemaRegistryException naming the subject, when the registry refuses
     *         one (an incompatible schema already there) or cannot be reached
     */
    public static List<SubjectVersion> register(SchemaRegistryClient registry) {
        List<SubjectVersion> registered = new ArrayList<>();
        for (Topic topic : topics()) {
            String subject = topic.valueSubject();
            // The rule after the first registration: Apicurio keeps rules on a subject that exists.
            registry.register(subject, topic.valueSchema());
            registry.setCompatibility(subject, COMPATIBILITY);
            registered.add(registry.version(subject, topic.valueSchema()).orElseThrow(() -> new IllegalStateException(
                    "the registry does not find the schema it has just registered under " + subject)));
        }
        return registered;
    }
}
