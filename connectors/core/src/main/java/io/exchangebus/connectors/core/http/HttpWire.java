package io.exchangebus.connectors.core.http;

import io.exchangebus.connectors.core.ExchangeError;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/** What the transport needs of Apache HttpClient 5: the client, our call as its request, its answer as ours. */
final class HttpWire {

    private HttpWire() {
    }

    static CloseableHttpAsyncClient buildClient(HttpSettings.Timeouts t) {
        return HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(t.connect()))
                                .setSocketTimeout(Timeout.of(t.response()))
                                .build())
                        // One client serves every transport of the process with these timeouts (SharedHttpClients):
                        // connections are opened only as calls need them.
                        .setMaxConnTotal(1024)
                        .setMaxConnPerRoute(256)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(t.response()))
                        .setConnectionRequestTimeout(Timeout.of(t.attempt()))
                        .build())
                // Socket timeouts are checked once per select interval (1 s by default): check every 50 ms.
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1)
                        .setSelectInterval(TimeValue.ofMilliseconds(50)).build())
                // Its default strategy would resend on I/O errors and on 429/503 behind our back: retries, bans and
                // back-offs are the transport's to decide.
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .setUserAgent("exchangebus")
                .build();
    }

    static SimpleHttpRequest toRequest(String base, HttpCall call) {
        String query = call.queryString();
        SimpleRequestBuilder b = SimpleRequestBuilder.create(call.method().name())
                .setUri(URI.create(base + call.path() + (query.isEmpty() ? "" : "?" + query)));
        call.headers().forEach(b::addHeader);
        if (call.body() != null) {
            b.setBody(call.body(), ContentType.parse(call.contentType()));
        }
        return b.build();
    }

    static HttpReply toReply(SimpleHttpResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header h : response.getHeaders()) {
            headers.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
        }
        byte[] bytes = response.getBodyBytes();
        ContentType type = response.getContentType();
        Charset charset = type != null && type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
        return new HttpReply(response.getCode(), headers, bytes == null ? "" : new String(bytes, charset));
    }

    static ExchangeError failure(String exchange, HttpCall call, Exception e) {
        String what = call + " failed: " + e.getClass().getSimpleName() + scrub(e.getMessage());
        if (e instanceof InterruptedIOException || e instanceof TimeoutException) {
            // SocketTimeoutException and HttpClient's ConnectTimeoutException are InterruptedIOExceptions.
            return ExchangeError.timeout(exchange, what);
        }
        return ExchangeError.network(exchange, what);
    }

    /** An exception's message without anything after a '?', where a URI's query (and signature) would be. */
    static String scrub(String message) {
        return message == null ? "" : ": " + message.replaceAll("\\?\\S*", "?(query omitted)");
    }
}
