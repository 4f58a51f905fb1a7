package org.dogpile.cdi;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dogpile.codec.AllowList;
import org.dogpile.codec.JavaSerializationCodec;
import org.dogpile.codec.ValueCodec;

/**
 * Chooses the value codec of each cached method at deployment: {@code java} (the default) or
 * {@code jsonb}, globally ({@value #CODEC}) or per cache ({@code dogpile.<cache>.codec}).
 *
 * <p>The Java codec of a method decodes under an allow-list built from the type of the values it
 * stores (its return type, unwrapped from {@code Optional} and {@code CompletionStage}; see
 * {@link AllowList#forTypes}) plus the entries of {@value #ALLOW}, loading classes from the
 * method's class loader. The JSON-B codec binds to that same type.
 */
final class CodecSettings {

    /** The codec of every cache without its own: {@code java} or {@code jsonb}. */
    static final String CODEC = "dogpile.codec";
    /** More classes and packages the Java codec admits, comma-separated: {@code com.acme.,org.example.Type}. */
    static final String ALLOW = "dogpile.codec.allow";
    /** The per-cache property, after {@code dogpile.<cache>.}. */
    static final String PROPERTY = "codec";

    private CodecSettings() {
    }

    /**
     * The codec of one cached method.
     *
     * @param method the method
     * @param kind how its result is stored
     * @param cache its cache name
     * @param config the configuration
     * @return the codec
     * @throws IllegalArgumentException naming the method and the wrong value, or when JSON-B is
     *     chosen but not on the class path
     */
    static ValueCodec codec(Method method, ReturnKind kind, String cache, ConfigLookup config) {
        String name = CacheSettings.PREFIX + cache + "." + PROPERTY;
        Optional<String> perCache = config.value(name);
        String property = perCache.isPresent() ? name : CODEC;
        String chosen = perCache.or(() -> config.value(CODEC)).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("java");
        Type stored = storedType(method, kind);
        switch (chosen) {
            case "java":
                AllowList allow;
                try {
                    allow = AllowList.forTypes(List.of(stored)).with(
                        AllowList.parse(config.value(ALLOW).orElse("")).entries());
                } catch (IllegalArgumentException invalid) {
                    throw new IllegalArgumentException("invalid " + ALLOW + " for " + Signatures.of(method) + ": "
                        + invalid.getMessage(), invalid);
                }
                return new JavaSerializationCodec(allow, JavaSerializationCodec.Limits.DEFAULT, classLoader(method));
            case "jsonb":
                if (!ConfigLookup.isPresent("jakarta.json.bind.JsonbBuilder", classLoader(method))) {
                    throw new IllegalArgumentException(property + "=jsonb for " + Signatures.of(method)
                        + " but Jakarta JSON Binding is not on the class path");
                }
                return JsonbSupport.codec(stored);
            default:
                throw new IllegalArgumentException("invalid value '" + chosen + "' of " + property + " for "
                    + Signatures.of(method) + ": expected java or jsonb");
        }
    }

    /** The type of the values a method stores: its return type without Optional and stage wrappers. */
    static Type storedType(Method method, ReturnKind kind) {
        Type type = method.getGenericReturnType();
        if (kind.isStage()) {
            type = firstArgument(type);
        }
        if (kind.isOptional()) {
            type = firstArgument(type);
        }
        return type;
    }

    private static Type firstArgument(Type type) {
        return type instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[0] : Object.class;
    }

    private static ClassLoader classLoader(Method method) {
        ClassLoader loader = method.getDeclaringClass().getClassLoader();
        return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }
}
