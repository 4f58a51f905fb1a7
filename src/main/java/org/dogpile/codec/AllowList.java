package org.dogpile.codec;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The classes {@link JavaSerializationCodec} may decode: exact class names, whole packages and
 * package trees, on top of a fixed set of JDK value and collection types ({@link #JDK_TYPES}).
 * Everything else is refused: the list always ends in "reject all".
 *
 * <p>Entries are written as in {@link #parse}: {@code com.acme.Price} (that class),
 * {@code com.acme.*} (the classes of package {@code com.acme}), {@code com.acme.**} or
 * {@code com.acme.} (package {@code com.acme} and its sub-packages). Array types are decided by
 * their element type; primitive arrays are always admitted. Instances are immutable and
 * thread-safe.
 */
public final class AllowList {

    /**
     * The JDK classes always admitted: boxes, {@code String}, {@code BigDecimal},
     * {@code BigInteger}, the {@code java.time} values (and their serialized form {@code java.time.Ser}),
     * {@code UUID}, {@code Currency}, and the common lists, sets, maps and
     * their unmodifiable, empty, singleton and immutable ({@code List.of}, {@code Map.of}) forms.
     * No other JDK class is admitted: {@code java.**} would let in JDK-only "bombs" and gadgets.
     */
    public static final Set<String> JDK_TYPES = Set.of(
        "java.lang.Object", "java.lang.Number", "java.lang.Enum", "java.lang.String",
        "java.lang.Boolean", "java.lang.Byte", "java.lang.Character", "java.lang.Short", "java.lang.Integer",
        "java.lang.Long", "java.lang.Float", "java.lang.Double",
        "java.math.BigDecimal", "java.math.BigInteger",
        "java.time.Ser", "java.time.DayOfWeek", "java.time.Month", "java.time.Instant", "java.time.LocalDate",
        "java.time.LocalTime", "java.time.LocalDateTime", "java.time.OffsetDateTime", "java.time.OffsetTime",
        "java.time.ZonedDateTime", "java.time.Duration", "java.time.Period", "java.time.Year", "java.time.YearMonth",
        "java.time.MonthDay", "java.time.ZoneOffset", "java.time.ZoneRegion",
        "java.util.UUID", "java.util.Currency",
        "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque", "java.util.Arrays$ArrayList",
        "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.EnumMap",
        "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
        "java.util.Map$Entry", "java.util.AbstractMap$SimpleEntry", "java.util.AbstractMap$SimpleImmutableEntry",
        "java.util.CollSer", "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$List12",
        "java.util.ImmutableCollections$SetN", "java.util.ImmutableCollections$Set12",
        "java.util.ImmutableCollections$MapN", "java.util.ImmutableCollections$Map1",
        "java.util.Collections$UnmodifiableCollection", "java.util.Collections$UnmodifiableList",
        "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$UnmodifiableSet",
        "java.util.Collections$UnmodifiableSortedSet", "java.util.Collections$UnmodifiableMap",
        "java.util.Collections$UnmodifiableSortedMap",
        "java.util.Collections$EmptyList", "java.util.Collections$EmptySet", "java.util.Collections$EmptyMap",
        "java.util.Collections$SingletonList", "java.util.Collections$SingletonSet",
        "java.util.Collections$SingletonMap");

    private static final AllowList JDK_ONLY = new AllowList(Set.of(), Set.of(), List.of());

    private final Set<String> classes;
    private final Set<String> packages;
    private final List<String> trees;

    private AllowList(Set<String> classes, Set<String> packages, List<String> trees) {
        this.classes = classes;
        this.packages = packages;
        this.trees = trees;
    }

    /**
     * @return the list that admits the {@linkplain #JDK_TYPES JDK types} only
     */
    public static AllowList jdkOnly() {
        return JDK_ONLY;
    }

    /**
     * Parses a comma-separated list, as configured with {@code dogpile.codec.allow}.
     *
     * @param entries for example {@code com.acme.,org.example.Type,org.other.*}; blanks are ignored
     * @return the JDK types plus these entries
     * @throws IllegalArgumentException if an entry is not a class name, {@code package.*},
     *     {@code package.**} or {@code package.}, or would admit a whole {@code java.} tree
     */
    public static AllowList parse(String entries) {
        Objects.requireNonNull(entries, "entries cannot be null");
        List<String> list = new ArrayList<>();
        for (String entry : entries.split(",")) {
            if (!entry.isBlank()) {
                list.add(entry.strip());
            }
        }
        return JDK_ONLY.with(list);
    }

    /**
     * Returns this list plus more entries.
     *
     * @param entries entries as in {@link #parse}
     * @return a new list admitting what this one admits and the entries
     * @throws IllegalArgumentException for an entry {@link #parse} refuses
     */
    public AllowList with(Collection<String> entries) {
        Set<String> newClasses = new LinkedHashSet<>(classes);
        Set<String> newPackages = new LinkedHashSet<>(packages);
        Set<String> newTrees = new LinkedHashSet<>(trees);
        for (String entry : entries) {
            String name = Objects.requireNonNull(entry, "an allow-list entry cannot be null").strip();
            if (name.endsWith(".**")) {
                newTrees.add(checkedTree(name.substring(0, name.length() - 2), entry));
            } else if (name.endsWith(".")) {
                newTrees.add(checkedTree(name, entry));
            } else if (name.endsWith(".*")) {
                newPackages.add(checkedName(name.substring(0, name.length() - 2), entry));
            } else {
                newClasses.add(checkedName(name, entry));
            }
        }
        return new AllowList(Set.copyOf(newClasses), Set.copyOf(newPackages), List.copyOf(newTrees));
    }

    /**
     * Returns this list plus the package of a class (not its sub-packages), or the class alone when
     * it is a JDK class or in the unnamed package.
     *
     * @param type a class the application caches values of
     * @return a new list
     */
    public AllowList withPackageOf(Class<?> type) {
        String pkg = type.getPackageName();
        if (pkg.isEmpty() || isJdkName(type.getName())) {
            return with(List.of(type.getName()));
        }
        return with(List.of(pkg + ".*"));
    }

    /**
     * Builds the allow-list of the values some methods return: the packages of the application
     * classes reachable from the declared types (the types, their type arguments such as the
     * {@code Price} of {@code List<Price>} or {@code Optional<Price>}, array components, record
     * components and other serializable fields, superclasses, permitted subclasses of sealed types),
     * and the JDK classes they name beyond {@link #JDK_TYPES} (for example {@code java.util.Date}),
     * each by exact name. Packages are admitted without their sub-packages.
     *
     * @param types declared return types, as {@link java.lang.reflect.Method#getGenericReturnType()}
     *     gives them (after unwrapping {@code CompletionStage} and the like)
     * @return the JDK types plus the entries found
     */
    public static AllowList forTypes(Collection<? extends Type> types) {
        Objects.requireNonNull(types, "types cannot be null");
        return JDK_ONLY.with(TypeWalk.entriesFor(types));
    }

    /**
     * Decides a class by name, as the decoder does.
     *
     * @param className a class name as {@link Class#getName()} returns it; array names such as
     *     {@code [Lcom.acme.Price;} are decided by their element type
     * @return whether values of the class may be decoded
     */
    public boolean admits(String className) {
        String name = elementName(className);
        if (name == null) {
            return true; // an array of primitives
        }
        if (JDK_TYPES.contains(name) || classes.contains(name)) {
            return true;
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0 && packages.contains(name.substring(0, dot))) {
            return true;
        }
        for (String tree : trees) {
            if (name.startsWith(tree)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the entries of this list in the {@link #parse} syntax, JDK types left out
     */
    public List<String> entries() {
        List<String> out = new ArrayList<>(classes);
        packages.forEach(p -> out.add(p + ".*"));
        trees.forEach(t -> out.add(t + "**"));
        out.sort(null);
        return List.copyOf(out);
    }

    /**
     * @return the entries in the {@link #parse} syntax, JDK types left out; for log lines
     */
    @Override
    public String toString() {
        return String.join(",", entries());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AllowList that && classes.equals(that.classes) && packages.equals(that.packages)
            && Set.copyOf(trees).equals(Set.copyOf(that.trees));
    }

    @Override
    public int hashCode() {
        return Objects.hash(classes, packages, Set.copyOf(trees));
    }

    /** The element type's name of an array class name, the name itself otherwise; null for primitives. */
    private static String elementName(String className) {
        int dims = 0;
        while (dims < className.length() && className.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return className;
        }
        if (className.charAt(dims) == 'L' && className.endsWith(";")) {
            return className.substring(dims + 1, className.length() - 1);
        }
        return null;
    }

    private static boolean isJdkName(String name) {
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
            || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    private static String checkedTree(String prefixWithDot, String entry) {
        String pkg = checkedName(prefixWithDot.substring(0, prefixWithDot.length() - 1), entry);
        if (isJdkName(pkg + ".")) {
            throw new IllegalArgumentException("allow-list entry '" + entry + "' admits a whole JDK package tree;"
                + " list the JDK classes you need one by one");
        }
        return pkg + ".";
    }

    private static String checkedName(String name, String entry) {
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            throw new IllegalArgumentException("allow-list entry '" + entry + "' is not a class name, 'package.*',"
                + " 'package.**' or 'package.'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '.' && c != '$' && !Character.isJavaIdentifierPart(c)) {
                throw new IllegalArgumentException("allow-list entry '" + entry + "' is not a class name, 'package.*',"
                    + " 'package.**' or 'package.'");
            }
        }
        return name;
    }
}
