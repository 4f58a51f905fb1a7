package org.dogpile.bench;

import java.io.ByteArrayInputStream;

import java.io.IOException;
import java.io.ObjectInputStream;

import java.io.Serializable;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.dogpile.codec.AllowList;
import org.dogpile.codec.JavaSerializationCodec;
import org.dogpile.codec.JsonbCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Hit-path cost of decoding a cached value, a 100-element list of records: the Java codec under its
 * allow-list filter, the JSON-B codec, and plain Java serialization without any filter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {

    /**
     * A cached record.
     *
     * @param sku article
     * @param amount price
     * @param validFrom first day
     * @param quotedAt when
     * @param stock count
     */
    public record Price(String sku, BigDecimal amount, LocalDate validFrom, Instant quotedAt, int stock)
        implements Serializable {
    }

    private JavaSerializationCodec java;
    private JsonbCodec jsonb;
    private byte[] javaBytes;
    private byte[] jsonBytes;

    /** Encodes the value once with each codec. */
    @Setup
    public void setUp() throws Exception {
        List<Price> value = IntStream.range(0, 100).mapToObj(i -> new Price("sku-" + i, new BigDecimal("19." + i),
            LocalDate.of(2026, 1, 1).plusDays(i), Instant.ofEpochSecond(1_800_000_000L + i), i)).toList();
        Type type = CodecBenchmark.class.getDeclaredMethod("returnType").getGenericReturnType();
        java = new JavaSerializationCodec(AllowList.forTypes(List.of(type)));
        jsonb = JsonbCodec.forType(type);
        javaBytes = java.encode(value);
        jsonBytes = jsonb.encode(value);
        System.out.println("encoded sizes: java " + javaBytes.length + " bytes, json " + jsonBytes.length + " bytes");
    }

    /** @return the declared type the codecs are built for */
    public static List<Price> returnType() {
        return null;
    }

    /** @return the decoded list, Java serialization under the codec's filter */
    @Benchmark
    public Object javaWithFilter() {
        return java.decode(javaBytes);
    }

    /** @return the decoded list, JSON-B */
    @Benchmark
    public Object jsonb() {
        return jsonb.decode(jsonBytes);
    }

    /** @return the decoded list, plain Java serialization without a filter (before this codec) */
    @Benchmark
    public Object javaWithoutFilter() throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(javaBytes))) {
            return in.readObject();
        }
    }

}
