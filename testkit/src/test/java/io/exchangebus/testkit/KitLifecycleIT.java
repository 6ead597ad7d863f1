package io.exchangebus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.exchangebus.localstack.process.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The kit's own lifecycle, checked by running user-like test classes in a JUnit launcher inside this JVM, as a
 * build tool runs them: two classes that ask for the same stack share one (one start, the same processes), a
 * class whose test fails does not stop it for the others, and when the run ends every process the stack started is
 * gone: this JVM has the same child processes as before the run.
 */
class KitLifecycleIT {
    // The user classes are not named *IT or *Test, so that Failsafe and Surefire never run them themselves.

    /** What each user class saw: its name and the stack's child processes. */
    private static final Queue<Seen> SEEN = new ConcurrentLinkedQueue<>();

    private record Seen(String testClass, ExchangeBusStack stack, List<Long> pids) {
    }

    @ExchangeBusTest(exchanges = "binance-usdm", services = Service.OMS)
    static class FirstUser {
        @Test
        void shouldRunTheOmsItAskedFor(ExchangeBusStack stack) {
            SEEN.add(new Seen(getClass().getSimpleName(), stack, stack.childPids()));
            assertThat(stack.service(Service.OMS)).get().matches(ServiceProcess::isAlive);
        }
    }

    @ExchangeBusTest(exchanges = "binance-usdm", services = Service.OMS)
    static class SecondUser {
        @Test
        void shouldSeeTheSameStackAndInjectFaultsInItsSimulator(ExchangeBusStack stack) throws Exception {
            SEEN.add(new Seen(getClass().getSimpleName(), stack, stack.childPids()));
            SimulatorHandle binance = stack.simulator("binance-usdm");
            URI time = URI.create(binance.connection().restUrl() + "/fapi/v1/time");

            binance.faults().answerRateLimited(429, Duration.ofSeconds(1), 1);

            assertThat(get(time).statusCode()).isEqualTo(429);
            assertThat(get(time).statusCode()).isEqualTo(200);
            assertThat(binance.account()).isEqualTo("perp");
        }

        private static HttpResponse<String> get(URI uri) throws Exception {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @ExchangeBusTest(exchanges = "binance-usdm", services = Service.OMS)
    static class FailingUser {
        @Test
        void shouldFail(ExchangeBusStack stack) {
            SEEN.add(new Seen(getClass().getSimpleName(), stack, stack.childPids()));
            throw new AssertionError("a user's test that fails");
        }
    }

    @Test
    void shouldShareOneStackBetweenClassesAndLeaveNoProcessAfterARunWithAFailingTest() {
        SEEN.clear();
        Set<Long> before = childProcesses();

        TestExecutionSummary summary = run(FirstUser.class, SecondUser.class, FailingUser.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures()).singleElement()
                .satisfies(f -> assertThat(f.getException()).hasMessage("a user's test that fails"));
        assertThat(SEEN).extracting(Seen::testClass)
                .containsExactlyInAnyOrder("FirstUser", "SecondUser", "FailingUser");
        assertThat(SEEN.stream().map(Seen::stack).distinct()).as("one stack for the three classes").hasSize(1);
        List<Long> stackPids = SEEN.peek().pids();
        assertThat(stackPids).as("the OMS and the registry, as processes").hasSize(2);
        assertThat(stackPids).noneMatch(before::contains);
        assertThat(stackPids).as("the stack's processes after the run")
                .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertThat(childProcesses()).as("this JVM's child processes after the run").isEqualTo(before);
    }

    private static TestExecutionSummary run(Class<?>... classes) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toList())
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
    }

    private static Set<Long> childProcesses() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }
}
