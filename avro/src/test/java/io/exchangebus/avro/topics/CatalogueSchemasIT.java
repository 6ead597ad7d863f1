package io.exchangebus.avro.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.avro.registry.SchemaRegistryClient;
import io.exchangebus.avro.registry.SchemaRegistryClient.SubjectVersion;
import io.exchangebus.avro.registry.SchemaRegistryException;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every catalogue subject registered up front, against the real registry, as a non-Java client will look for it. */
@ExtendWith(LocalStackExtension.class)
class CatalogueSchemasIT {
    @Test
    void shouldRegisterEveryValueSubjectSoItsLatestSchemaCanBeFetchedBeforeAnyWrite(LocalStack stack) {
        List<SubjectVersion> registered = CatalogueSchemas.register(client(stack));

        // A fresh client, as another program would be: nothing cached.
        SchemaRegistryClient other = client(stack);
        assertThat(other.subjects()).contains("orders.commands.v1-value", "market.book.v1-value",
                "oms-service.dlq.v1-value");
        assertThat(registered).extracting(SubjectVersion::subject)
                .containsExactlyElementsOf(CatalogueSchemas.topics().stream().map(Topic::valueSubject).toList());
        for (Topic topic : CatalogueSchemas.topics()) {
            SubjectVersion latest = other.latest(topic.valueSubject());
            assertThat(registered).contains(latest);
            assertThat(other.schemaById(latest.id())).as(topic.name()).isEqualTo(topic.valueSchema());
            assertThat(other.compatibility(topic.valueSubject())).as(topic.name())
                    .contains(CatalogueSchemas.COMPATIBILITY);
        }
    }

    @Test
    void shouldKeepIdsAndVersionsWhenRegisteredAgain(LocalStack stack) {
        List<SubjectVersion> first = CatalogueSchemas.register(client(stack));
        List<SubjectVersion> second = CatalogueSchemas.register(client(stack));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldRefuseASchemaThatCannotReadWhatTheCatalogueSchemaWrote(LocalStack stack) {
        CatalogueSchemas.register(client(stack));
        // A new required field without a default: the new schema cannot read records written with the old one.
        Schema incompatible = SchemaBuilder.record(OrderCommand.getClassSchema().getName())
                .namespace(OrderCommand.getClassSchema().getNamespace()).fields()
                .requiredString("commandId").requiredString("mustExist").endRecord();

        assertThatThrownBy(() -> client(stack).register(Topics.ORDER_COMMANDS.valueSubject(), incompatible))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isUnavailable()).isFalse();
                    assertThat(e.status()).isEqualTo(409);
                })
                .hasMessageContaining("orders.commands.v1-value");
    }

    private static SchemaRegistryClient client(LocalStack stack) {
        return new SchemaRegistryClient(SchemaRegistryClient.Settings.of(stack.registryUrl()));
    }
}
