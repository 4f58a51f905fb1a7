package org.dogpile.key;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Builds the cache key of one method from the arguments of a call: validated and precomputed once
 * per method (at deployment), then applied per call without reflection on the method.
 *
 * <pre>{@code
 * ArgumentKeys keys = ArgumentKeys.forMethod(method, DogpileKey.class);   // once; throws KeyEncodingException on misuse
 * String key = keys.keyOf(invocationContext.getParameters());   // per call
 * }</pre>
 *
 * <p>Key rules:
 * <ol>
 * <li>The key is built from the parameters annotated with {@code @DogpileKey}, in declaration order.
 *     If no parameter is annotated, all parameters form the key; a method without key parameters has
 *     the key {@code ""} (one entry per cache).</li>
 * <li>The bean instance ({@code this}) is never part of the key: calls on different instances of the
 *     bean with equal arguments share the entry.</li>
 * <li>The method is not part of the key string either: the cache name identifies it (by default the
 *     method's signature). Methods that share a cache name share entries, so equal arguments of two
 *     such methods meet in one entry.</li>
 * <li>Each argument is encoded by its runtime value, with its type, into a length-prefixed,
 *     self-delimiting string ({@link KeyEncoder} documents the grammar); the encodings are joined with
 *     {@code "|"}, for example {@code s2:EU|i:42}. Keys are readable in logs and store dumps.</li>
 * <li>Keys are equal in every JVM of the cluster for equal arguments, and different for different
 *     arguments: {@code ("a,b", "c")} and {@code ("a", "b,c")} differ; {@code null} and
 *     {@code "null"} differ; {@code 1}, {@code 1L} and {@code "1"} differ. Nothing depends on
 *     {@code hashCode()}, identity hash codes or hashed iteration order.</li>
 * <li>Supported argument values: {@code null}; primitives and their boxes; {@code String};
 *     {@code Character}; enums (by class and constant name); {@code UUID}; {@code BigDecimal}
 *     (the scale counts: {@code 1.0} and {@code 1.00} are different keys, as with {@code equals});
 *     {@code BigInteger}; {@code java.time} values ({@code Instant}, {@code LocalDate},
 *     {@code LocalTime}, {@code LocalDateTime}, {@code OffsetDateTime}, {@code OffsetTime},
 *     {@code ZonedDateTime}, {@code Duration}, {@code Period}, {@code ZoneId}, {@code ZoneOffset},
 *     {@code Year}, {@code YearMonth}, {@code MonthDay}, and the {@code DayOfWeek} and {@code Month}
 *     enums); {@code Class} (by name); {@code Optional}; arrays; {@code List}s; {@code Set}s;
 *     {@code Map}s; records (by class name and components); and your own types implementing
 *     {@link StableKey}, each of these nested as deep as {@value KeyEncoder#MAX_DEPTH} levels.</li>
 * <li>Collections compare by content: lists in order; sets and maps regardless of their
 *     implementation and iteration order; arrays element by element (not by identity). A list, a set
 *     and an array with the same elements are three different keys.</li>
 * <li>Every key parameter's declared type is checked once, by {@link #forMethod}: a type that can
 *     never be encoded (your own class that does not implement {@link StableKey}, or a
 *     {@code List<Customer>} of it) fails deployment with a message naming the class, the method and
 *     the parameter. Parameters declared as {@code Object}, {@code Serializable}, {@code Number},
 *     {@code Collection}, a raw or wildcard collection, or a type variable are accepted, and their
 *     values are checked per call: an unsupported value makes {@link #keyOf} throw a
 *     {@link KeyEncodingException} naming the method, the parameter and where the value sits.</li>
 * <li>Ways out for an unsupported type: implement {@link StableKey} on it; or annotate the parameters
 *     that do form the key with {@code @DogpileKey}, so that this one is left out; or use a custom key
 *     generator.</li>
 * <li>Renaming or moving a class, renaming an enum constant, or adding, removing or reordering a
 *     record's components changes the keys that contain it: entries cached under the old keys are no
 *     longer found (they expire with the store's TTL). Renaming a record component does not.</li>
 * </ol>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ArgumentKeys {

    private static final String WAYS_OUT = "; to fix it, implement " + StableKey.class.getName()
        + " on the unsupported type, annotate only the parameters that form the key with @%s"
        + ", or use a custom key generator";

    private final Method method;
    private final String signature;
    private final String waysOut;
    private final int parameterCount;
    private final int[] keyIndexes;
    /** Per key parameter: its name, for paths inside values. */
    private final String[] keyNames;
    /** Per key parameter: "parameter 1 (region: java.lang.String)". */
    private final String[] keyDescriptions;

    private ArgumentKeys(Method method, Class<? extends Annotation> keyAnnotation, int[] keyIndexes, String[] keyNames,
            String[] keyDescriptions) {
        this.method = method;
        this.signature = signature(method);
        this.waysOut = WAYS_OUT.formatted(keyAnnotation.getName());
        this.parameterCount = method.getParameterCount();
        this.keyIndexes = keyIndexes;
        this.keyNames = keyNames;
        this.keyDescriptions = keyDescriptions;
    }

    /**
     * Selects the key parameters of a method and validates, once, that each one's declared type can be
     * encoded stably (see {@link KeyEncoder#isEncodable}).
     *
     * <p>The key parameters are those annotated with {@code keyAnnotation} (in the CDI layer,
     * {@code @DogpileKey}), or all parameters when none is.
     * The annotations are read from {@code method} itself: pass the method that carries them (the
     * bean class's method, not an interface's or a proxy's, unless those carry them too).
     *
     * @param method the cached method
     * @param keyAnnotation the annotation that marks key parameters
     * @return the method's key builder
     * @throws KeyEncodingException if a key parameter's type cannot be encoded; the message names the
     *     declaring class, the method, and every offending parameter with its index, name and type, and
     *     lists the ways out
     */
    public static ArgumentKeys forMethod(Method method, Class<? extends Annotation> keyAnnotation) {
        Objects.requireNonNull(method, "method cannot be null");
        Objects.requireNonNull(keyAnnotation, "keyAnnotation cannot be null");
        Parameter[] parameters = method.getParameters();
        List<Integer> selected = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].isAnnotationPresent(keyAnnotation)) {
                selected.add(i);
            }
        }
        if (selected.isEmpty()) {
            for (int i = 0; i < parameters.length; i++) {
                selected.add(i);
            }
        }
        int[] indexes = selected.stream().mapToInt(Integer::intValue).toArray();
        String[] names = new String[indexes.length];
        String[] descriptions = new String[indexes.length];
        List<String> problems = new ArrayList<>();
        for (int k = 0; k < indexes.length; k++) {
            int index = indexes[k];
            names[k] = parameters[index].getName();
            Type type = parameters[index].getParameterizedType();
            descriptions[k] = "parameter " + index + " (" + names[k] + ": " + type.getTypeName() + ")";
            String problem = TypeCheck.problem(type);
            if (problem != null) {
                problems.add(descriptions[k] + ": " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new KeyEncodingException("cannot build cache keys for " + signature(method) + ": "
                + String.join("; ", problems) + WAYS_OUT.formatted(keyAnnotation.getName()));
        }
        return new ArgumentKeys(method, keyAnnotation, indexes, names, descriptions);
    }

    /**
     * Returns the canonical key of a call: the encodings of the key parameters' arguments joined with
     * {@code "|"}, following the rules in the class documentation. Does not use reflection on the
     * method (record arguments are read through accessors looked up once per record class).
     *
     * @param args all the arguments of the call, in parameter order (as
     *     {@code InvocationContext.getParameters()} returns them); {@code null} is taken as no arguments
     * @return the key; {@code ""} when the method has no key parameters
     * @throws KeyEncodingException if an argument, or a value inside it, cannot be encoded (possible
     *     for parameters declared with an open type such as {@code Object}); the message names the
     *     method, the parameter, the value's type and where it sits inside the argument
     * @throws IllegalArgumentException if {@code args} does not have one element per parameter
     */
    public String keyOf(Object[] args) {
        int given = args == null ? 0 : args.length;
        if (given != parameterCount) {
            throw new IllegalArgumentException("expected " + parameterCount + " arguments for " + signature
                + ", got " + given);
        }
        if (keyIndexes.length == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder(16 * keyIndexes.length);
        for (int k = 0; k < keyIndexes.length; k++) {
            if (k > 0) {
                out.append('|');
            }
            try {
                KeyEncoder.append(out, args[keyIndexes[k]], 0);
            } catch (KeyEncoder.Unsupported e) {
                throw new KeyEncodingException("cannot build the cache key for " + signature + ": "
                    + keyDescriptions[k] + " cannot be encoded: " + e.describe(keyNames[k]) + waysOut, e.getCause());
            }
        }
        return out.toString();
    }

    /**
     * @return the method these keys are for
     */
    public Method method() {
        return method;
    }

    /**
     * @return the indexes of the key parameters in the method's parameter list, ascending; a copy
     */
    public int[] keyParameterIndexes() {
        return keyIndexes.clone();
    }

    /**
     * @return a description naming the method and its key parameters
     */
    @Override
    public String toString() {
        return "ArgumentKeys[" + signature + ", key parameters " + Arrays.toString(keyIndexes) + "]";
    }

    /** {@code com.acme.PriceService.prices(java.lang.String, int)}. */
    private static String signature(Method method) {
        StringJoiner parameters = new StringJoiner(",", "(", ")");
        for (Class<?> type : method.getParameterTypes()) {
            parameters.add(type.getTypeName());
        }
        return method.getDeclaringClass().getName() + "#" + method.getName() + parameters;
    }
}
