package org.dogpile.codec;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects the classes reachable from declared types, for {@link AllowList#forTypes}: the types
 * themselves, their type arguments ({@code List<Price>}, {@code Optional<Price>},
 * {@code Map<String, Price>}), array components, wildcard bounds, and, for application classes,
 * their superclasses, the permitted subclasses of sealed types and the declared types of their
 * serializable fields (record components included). JDK classes are not walked into.
 */
final class TypeWalk {

    private final Set<Class<?>> seen = new HashSet<>();
    private final Set<Type> seenTypes = new HashSet<>();
    private final Deque<Type> pending = new ArrayDeque<>();
    /** The entries, in {@link AllowList#parse} syntax. */
    private final Set<String> entries = new TreeSet<>();

    private TypeWalk() {
    }

    static Set<String> entriesFor(Collection<? extends Type> types) {
        TypeWalk walk = new TypeWalk();
        walk.pending.addAll(types);
        while (!walk.pending.isEmpty()) {
            walk.visit(walk.pending.pop());
        }
        return walk.entries;
    }

    private void visit(Type type) {
        if (!seenTypes.add(type)) {
            return;
        }
        if (type instanceof Class<?> c) {
            visitClass(c);
        } else if (type instanceof ParameterizedType p) {
            pending.push(p.getRawType());
            for (Type argument : p.getActualTypeArguments()) {
                pending.push(argument);
            }
        } else if (type instanceof GenericArrayType a) {
            pending.push(a.getGenericComponentType());
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                pending.push(bound);
            }
        } else if (type instanceof TypeVariable<?> v) {
            for (Type bound : v.getBounds()) {
                pending.push(bound);
            }
        }
    }

    private void visitClass(Class<?> type) {
        Class<?> c = type;
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive() || !seen.add(c)) {
            return;
        }
        String name = c.getName();
        if (isJdk(name)) {
            if (java.io.Serializable.class.isAssignableFrom(c) && !AllowList.JDK_TYPES.contains(name)
                && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
                entries.add(name); // a JDK class the application declares, such as java.util.Date
            }
            return;
        }
        String pkg = c.getPackageName();
        entries.add(pkg.isEmpty() ? name : pkg + ".*");
        if (c.getSuperclass() != null) {
            pending.push(c.getGenericSuperclass());
        }
        if (c.isSealed()) {
            for (Class<?> permitted : c.getPermittedSubclasses()) {
                pending.push(permitted);
            }
        }
        for (Field field : c.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)) {
                pending.push(field.getGenericType());
            }
        }
    }

    private static boolean isJdk(String name) {
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
            || name.startsWith("sun.") || name.startsWith("com.sun.");
    }
}
