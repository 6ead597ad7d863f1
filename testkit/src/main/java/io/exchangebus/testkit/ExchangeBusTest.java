package io.exchangebus.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against an {@link ExchangeBusStack} of these exchanges and services, started before the
 * class (once per JVM for each distinct {@link StackSpec}: classes that ask for the same share it) and stopped
 * when the JVM's tests end. Test methods, constructors and {@code @BeforeAll} methods take it as a parameter:
 * <pre>{@code
 * @ExchangeBusTest(exchanges = "binance-usdm", services = {Service.INGEST, Service.OMS, Service.PMS})
 * class MyStrategyIT {
 *     @Test
 *     void shouldBuy(ExchangeBusStack stack) {
 *         OrderAck ack = stack.orders().sendAndAwaitAck(command, Duration.ofSeconds(30));
 *         ...
 *     }
 * }
 * }</pre>
 * The broker and registry run as {@link BrokerMode} says ({@code -Dexbus.testkit.mode=containers} for Docker).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ExchangeBusExtension.class)
public @interface ExchangeBusTest {

    /** Simulators to run: {@code binance-spot}, {@code binance-usdm}, {@code deribit}, {@code grvt}. */
    String[] exchanges();

    /** The services that run; none: broker, registry and simulators only. */
    Service[] services() default {};
}
