package org.dogpile.key;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dogpile.DogpileKey;

/** Encodes a method's key arguments as one string, length-prefixed and typed. */
public final class ArgumentKeys {
    private static final Set<Class<?>> SUPPORTED = Set.of(String.class, Integer.class, Long.class, Short.class,
        Byte.class, Boolean.class, Character.class, int.class, long.class, short.class, byte.class, boolean.class,
        char.class);

    private final Method method;
    private final int[] positions;

    private ArgumentKeys(Method method, int[] positions) {
        this.method = method;
        this.positions = positions;
    }

    /**
     * @param m the method
     * @return its key encoder
     * @throws KeyEncodingException when a key parameter's type cannot be encoded stably
     */
    public static ArgumentKeys forMethod(Method m) {
        Parameter[] parameters = m.getParameters();
        List<Integer> marked = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].isAnnotationPresent(DogpileKey.class)) {
                marked.add(i);
            }
        }
        if (marked.isEmpty()) {
            for (int i = 0; i < parameters.length; i++) {
                marked.add(i);
            }
        }
        for (int i : marked) {
            Class<?> type = parameters[i].getType();
            if (!SUPPORTED.contains(type) && !type.isEnum() && !StableKey.class.isAssignableFrom(type)) {
                throw new KeyEncodingException("cannot encode parameter " + i + " (" + type.getName() + ") of "
                    + m.getDeclaringClass().getName() + "#" + m.getName() + " stably");
            }
        }
        return new ArgumentKeys(m, marked.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * @param args all arguments of the method
     * @return the key
     */
    public String keyOf(Object[] args) {
        StringBuilder key = new StringBuilder();
        for (int i : positions) {
            Object arg = args[i];
            String text = arg == null ? "" : arg instanceof StableKey stable ? stable.stableKey()
                : arg instanceof Enum<?> e ? e.name() : arg.toString();
            key.append(arg == null ? "n" : "v").append(text.length()).append(':').append(text);
        }
        return key.toString();
    }

    /** @return the method */
    public Method method() {
        return method;
    }
}
