package io.exchangebus.cli;

import io.exchangebus.avro.registry.SchemaRegistryClient;
import io.exchangebus.avro.registry.SchemaRegistryClient.SubjectVersion;
import io.exchangebus.avro.topics.CatalogueSchemas;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the registry's subjects, and registers the catalogue's schemas on demand. */
@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = {"List the schema registry's subjects: the latest version of each, its schema id and its "
                + "compatibility rule. `exbus stack` and `exbus demo` register every topic's value schema when they "
                + "start, so a client in any language finds `<topic>-value` before its first write.",
                "With --register, register them first (idempotent): for a registry of your own, before the first "
                + "producer that does not register schemas itself."})
final class SchemasCommand implements Callable<Integer> {
    @Option(names = "--registry", paramLabel = "URL",
            description = "Schema registry URL (Confluent-compatible API); default: EXBUS_REGISTRY, else the running "
                    + "stack's.")
    String registry;

    @Option(names = "--register", description = "Register the value schema of every catalogue topic first, with the "
            + "subject's compatibility rule (" + CatalogueSchemas.COMPATIBILITY + ").")
    boolean register;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryClient.Settings.of(
                Connection.registry(registry)));
        if (register) {
            spec.commandLine().getErr().println("exbus schemas: " + registerCatalogue(client));
        }
        TextTable table = new TextTable()
                .column("subject", TextTable.Align.LEFT)
                .column("version", TextTable.Align.DECIMAL)
                .column("id", TextTable.Align.DECIMAL)
                .column("compatibility", TextTable.Align.LEFT);
        for (String subject : client.subjects().stream().sorted().toList()) {
            SubjectVersion latest = client.latest(subject);
            table.row(subject, String.valueOf(latest.version()), String.valueOf(latest.id()),
                    client.compatibility(subject).orElse("(registry default)"));
        }
        out.print(table.render());
        out.flush();
        return ExitCodes.OK;
    }

    /** Registers every catalogue subject at {@code client}'s registry; says how many, for a progress line. */
    static String registerCatalogue(SchemaRegistryClient client) {
        List<SubjectVersion> registered = CatalogueSchemas.register(client);
        return registered.size() + " subjects registered (every topic's <topic>-value, "
                + CatalogueSchemas.COMPATIBILITY + " compatibility)";
    }

    /** {@link #registerCatalogue(SchemaRegistryClient)} at the registry at {@code url}. */
    static String registerCatalogue(String url) {
        return registerCatalogue(new SchemaRegistryClient(SchemaRegistryClient.Settings.of(url)));
    }
}
