package org.dogpile.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The example WAR ({@code examples/war}, with the probes of {@code it/example-probes}) seen from
 * outside: its services (a CDI bean, a stateless and a singleton session bean, and a stateless bean
 * calling the CDI bean), whose methods carry {@code @Dogpile(expireAfter = 2)} and ask one backend
 * that takes about a second, and the probes' stats endpoint.
 */
public final class QuoteApp {
    /** The quote method's {@code expireAfter}. */
    public static final Duration EXPIRE_AFTER = Duration.ofSeconds(2);
    /** The load the suites run: 50 concurrent callers, a wave every 100 ms, for 8 s (four expiries). */
    public static final WaveLoad LOAD = new WaveLoad(50, Duration.ofMillis(100), Duration.ofSeconds(8));
    /** The CDI bean {@code QuoteService}. */
    public static final String QUOTES = "quotes";
    /** The stateless session bean {@code QuoteDesk}, which calls the CDI bean. */
    public static final String DESK = "desk/quotes";
    /** The stateless session bean {@code RateDesk}. */
    public static final String RATES = "rates";
    /** The singleton session bean {@code ReferenceData} ({@code @Lock(READ)}). */
    public static final String REFERENCE = "reference";
    /** The context root the suites deploy the WAR under. */
    public static final String CONTEXT_ROOT = "dogpile-example";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI base;

    /**
     * @param http the client
     * @param base the application's base URI, ending in {@code /}
     */
    public QuoteApp(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    /** @return an HTTP/1.1 client for the suites */
    public static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(20)).build();
    }

    /**
     * Asks the CDI bean for a quote ({@code GET api/quotes/{symbol}}).
     *
     * @param symbol the instrument
     * @return the {@link #id(JsonObject) id} of the backend run that computed the quote
     */
    public CompletableFuture<String> quote(String symbol) {
        return value(QUOTES, symbol);
    }

    /**
     * Reads one value through the dogpile.
     *
     * @param resource which service: {@link #QUOTES}, {@link #DESK}, {@link #RATES} or {@link #REFERENCE}
     * @param key the key (instrument, pair)
     * @return the {@link #id(JsonObject) id} of the backend run that computed the value
     */
    public CompletableFuture<String> value(String resource, String key) {
        return answer(resource, key).thenApply(QuoteApp::id);
    }

    /**
     * Reads one value through the dogpile.
     *
     * @param resource which service
     * @param key the key
     * @return the whole value: {@code generation}, {@code startedAt}, {@code finishedAt}, ...
     */
    public CompletableFuture<JsonObject> answer(String resource, String key) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/" + resource + "/" + key)).timeout(REQUEST_TIMEOUT)
            .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            return parse(response.body());
        });
    }

    /**
     * Empties a whole cache ({@code DELETE api/caches/<cache>}, {@code DogpileCaches.invalidateAll}).
     *
     * @param cache the cache name
     */
    public void invalidateAll(String cache) {
        invalidate("caches", cache);
    }

    /**
     * A POST without body.
     *
     * @param path relative to the application's base, query included
     * @return the HTTP status, when the answer arrives
     */
    public CompletableFuture<Integer> post(String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.noBody()).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(HttpResponse::statusCode);
    }

    /**
     * Invalidates one key ({@code DELETE api/<resource>/<key>}, a {@code @DogpileInvalidate} method).
     *
     * @param resource which service: {@link #QUOTES}, {@link #RATES} or {@link #REFERENCE}
     * @param key the key
     */
    public void invalidate(String resource, String key) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("api/" + resource + "/" + key))
                .timeout(REQUEST_TIMEOUT).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError("DELETE " + resource + "/" + key + ": HTTP " + response.statusCode() + ": "
                    + response.body());
            }
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", interrupted);
        }
    }

    /** @return the stats endpoint's answer */
    public JsonObject stats() {
        return get("api/stats").map(QuoteApp::parse)
            .orElseThrow(() -> new AssertionError("the stats endpoint did not answer 200"));
    }

    /**
     * @param stats an answer of {@link #stats()}
     * @param symbol the instrument
     * @return the backend runs it lists for that instrument
     */
    public static List<Invocation> invocations(JsonObject stats, String symbol) {
        return stats.getJsonArray("recentInvocations").getValuesAs(JsonObject.class).stream()
            .filter(run -> run.getString("symbol").equals(symbol))
            .map(run -> new Invocation(id(run), run.getJsonNumber("startedAt").longValue(),
                run.getJsonNumber("finishedAt").longValue()))
            .toList();
    }

    /**
     * Identifies a backend run, unique across the servers of a cluster: each server numbers its own
     * runs ({@code generation}), so the start time goes with it.
     *
     * @param value a value, or a backend run from the stats
     * @return {@code generation@startedAt}
     */
    public static String id(JsonObject value) {
        return value.getJsonNumber("generation").longValue() + "@" + value.getJsonNumber("startedAt").longValue();
    }

    /**
     * @param symbol the instrument
     * @return the backend runs for it that are running now in this server ({@code finishedAt} 0)
     */
    public List<Invocation> running(String symbol) {
        String body = get("api/stats/running").orElseThrow(() -> new AssertionError("api/stats/running did not answer"));
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readArray().getValuesAs(JsonObject.class).stream()
                .filter(run -> run.getString("symbol").equals(symbol))
                .map(run -> new Invocation(id(run), run.getJsonNumber("startedAt").longValue(), 0))
                .toList();
        }
    }

    /**
     * Runs {@link #LOAD} on one symbol of the CDI bean and judges it with the runs the stats endpoint
     * reports.
     *
     * @param symbol the instrument, not asked for before
     * @return the verdict
     */
    public Verdict runLoad(String symbol) {
        return runLoad(QUOTES, symbol);
    }

    /**
     * Runs {@link #LOAD} on one key of one service and judges it with the runs the stats endpoint
     * reports.
     *
     * @param resource which service
     * @param key the key, not asked for before (in any service: they share one backend)
     * @return the verdict
     */
    public Verdict runLoad(String resource, String key) {
        List<Observation> observations = LOAD.run(() -> value(resource, key));
        JsonObject stats = stats();
        List<Invocation> runs = invocations(stats, key);
        long total = stats.getJsonNumber("invocations").longValue();
        if (total > stats.getJsonArray("recentInvocations").size()) {
            throw new AssertionError("the stats no longer list every backend run: " + total);
        }
        return Verdict.of(EXPIRE_AFTER, runs, observations);
    }

    /**
     * A GET that answers 200, if it does; any other answer or a connection failure gives empty.
     *
     * @param path relative to the application's base
     * @return the body
     */
    public Optional<String> get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException notUp) {
            return Optional.empty();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", interrupted));
        }
    }

    /**
     * @param json a JSON object
     * @return it, parsed
     */
    public static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
