package org.dogpile.key;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The deployment-time check behind {@link KeyEncoder#isEncodable}: sorts a declared type into
 * closed (every value encodable), open (some values encodable, checked per call) or rejected.
 */
final class TypeCheck {

    private enum Verdict { CLOSED, OPEN, REJECTED }

    private record Result(Verdict verdict, String problem) {
        static final Result CLOSED = new Result(Verdict.CLOSED, null);
        static final Result OPEN = new Result(Verdict.OPEN, null);

        static Result rejected(String problem) {
            return new Result(Verdict.REJECTED, problem);
        }

        boolean rejected() {
            return verdict == Verdict.REJECTED;
        }

        Result within(String context) {
            return rejected() ? rejected(problem + " (" + context + ")") : this;
        }
    }

    /** Final JDK types whose every value has an encoding. */
    private static final Set<Class<?>> SCALARS = Set.of(
        String.class, Boolean.class, Byte.class, Short.class, Integer.class, Long.class, Float.class,
        Double.class, Character.class, UUID.class, BigDecimal.class, BigInteger.class, Class.class,
        Instant.class, LocalDate.class, LocalTime.class, LocalDateTime.class, OffsetDateTime.class,
        OffsetTime.class, ZonedDateTime.class, Duration.class, Period.class, ZoneId.class, ZoneOffset.class,
        Year.class, YearMonth.class, MonthDay.class);

    /**
     * One class of each supported kind: a declared type that is a supertype of one of them (Object,
     * Serializable, Comparable, Number, Collection, Temporal...) is open.
     */
    private static final List<Class<?>> REPRESENTATIVES = List.of(
        String.class, Boolean.class, Byte.class, Short.class, Integer.class, Long.class, Float.class,
        Double.class, Character.class, UUID.class, BigDecimal.class, BigInteger.class, Class.class,
        Instant.class, LocalDate.class, LocalTime.class, LocalDateTime.class, OffsetDateTime.class,
        OffsetTime.class, ZonedDateTime.class, Duration.class, Period.class, ZoneOffset.class,
        Year.class, YearMonth.class, MonthDay.class, Optional.class, Enum.class, Record.class,
        Object[].class, ArrayList.class, HashSet.class, TreeSet.class, HashMap.class, TreeMap.class);

    private TypeCheck() {
    }

    /**
     * @return {@code null} when values of the type can be encoded (always, or after a per-call check),
     *     else why not, naming the offending type
     */
    static String problem(Type declaredType) {
        return check(declaredType, new HashSet<>()).problem();
    }

    private static Result check(Type type, Set<Object> inProgress) {
        if (type instanceof Class<?> c) {
            return checkClass(c, inProgress);
        } else if (type instanceof ParameterizedType p) {
            return checkParameterized(p, inProgress);
        } else if (type instanceof GenericArrayType array) {
            return check(array.getGenericComponentType(), inProgress).within("component type of " + type.getTypeName());
        } else if (type instanceof TypeVariable<?> variable) {
            if (!inProgress.add(variable)) {
                return Result.OPEN;
            }
            try {
                return checkBounds(variable.getBounds(), inProgress).within("bound of " + variable.getName());
            } finally {
                inProgress.remove(variable);
            }
        } else if (type instanceof WildcardType wildcard) {
            return checkBounds(wildcard.getUpperBounds(), inProgress);
        }
        return Result.rejected(type.getTypeName() + " is not a supported key type");
    }

    /** A value of a type variable or wildcard is an instance of every bound. */
    private static Result checkBounds(Type[] bounds, Set<Object> inProgress) {
        Result rejected = null;
        for (Type bound : bounds) {
            Result result = check(bound, inProgress);
            if (result.verdict() == Verdict.CLOSED) {
                return Result.CLOSED;
            } else if (result.rejected() && rejected == null) {
                rejected = result;
            }
        }
        return rejected != null ? rejected : Result.OPEN;
    }

    private static Result checkParameterized(ParameterizedType type, Set<Object> inProgress) {
        Class<?> raw = (Class<?>) type.getRawType();
        Result rawResult = checkClass(raw, inProgress);
        boolean container = Iterable.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)
            || raw == Optional.class;
        if (rawResult.rejected() || !container) {
            return rawResult;
        }
        boolean closed = List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)
            || Map.class.isAssignableFrom(raw) || raw == Optional.class;
        for (Type argument : type.getActualTypeArguments()) {
            Result result = check(argument, inProgress);
            if (result.rejected()) {
                return result.within("type argument of " + type.getTypeName());
            }
            closed &= result.verdict() == Verdict.CLOSED;
        }
        return closed ? Result.CLOSED : Result.OPEN;
    }

    private static Result checkClass(Class<?> type, Set<Object> inProgress) {
        if (type.isPrimitive()) {
            return type == void.class ? Result.rejected("void is not a supported key type") : Result.CLOSED;
        }
        if (StableKey.class.isAssignableFrom(type) || SCALARS.contains(type) || Enum.class.isAssignableFrom(type)
                || BigDecimal.class.isAssignableFrom(type) || BigInteger.class.isAssignableFrom(type)) {
            return Result.CLOSED;
        }
        if (type.isArray()) {
            return checkClass(type.getComponentType(), inProgress).within("component type of " + type.getTypeName());
        }
        if (type.isRecord()) {
            return checkRecord(type, inProgress);
        }
        if (List.class.isAssignableFrom(type) || Set.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
            return Result.OPEN; // raw: elements unknown
        }
        if (type.isSealed() && (type.isInterface() || Modifier.isAbstract(type.getModifiers()))) {
            return checkSealed(type, inProgress);
        }
        for (Class<?> representative : REPRESENTATIVES) {
            if (type.isAssignableFrom(representative)) {
                return Result.OPEN;
            }
        }
        return Result.rejected(type.getName() + " is not a supported key type");
    }

    private static Result checkRecord(Class<?> type, Set<Object> inProgress) {
        if (!inProgress.add(type)) {
            return Result.OPEN; // recursive record: decided by the outer check
        }
        try {
            boolean closed = true;
            for (RecordComponent component : type.getRecordComponents()) {
                Result result = check(component.getGenericType(), inProgress);
                if (result.rejected()) {
                    return result.within("component " + component.getName() + " of record " + type.getName());
                }
                closed &= result.verdict() == Verdict.CLOSED;
            }
            return closed ? Result.CLOSED : Result.OPEN;
        } finally {
            inProgress.remove(type);
        }
    }

    private static Result checkSealed(Class<?> type, Set<Object> inProgress) {
        if (!inProgress.add(type)) {
            return Result.OPEN;
        }
        try {
            boolean closed = true;
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                Result result = checkClass(permitted, inProgress);
                if (result.rejected()) {
                    return result.within("permitted subtype of sealed " + type.getName());
                }
                closed &= result.verdict() == Verdict.CLOSED;
            }
            return closed ? Result.CLOSED : Result.OPEN;
        } finally {
            inProgress.remove(type);
        }
    }
}
