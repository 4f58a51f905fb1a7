package org.dogpile.key;

import java.util.List;
import java.util.Map;

/** Types used as arguments by the key tests (and by the child JVM of the cross-JVM test). */
final class Fixtures {

    private Fixtures() {
    }

    enum Color { RED, GREEN, BLUE, CYAN, MAGENTA, YELLOW, BLACK, WHITE }

    /** Shares the constant name RED with {@link Color}; DARK has a body, so its class is a subclass. */
    enum Shade {
        RED,
        DARK {
            @Override
            public String toString() {
                return "dark";
            }
        }
    }

    record Point(int x, int y) { }

    record Named(String name, Color color) { }

    record Pair(Object left, Object right) { }

    record Node(int value, Node next) { }

    record Holder(List<Object> items, Map<String, Object> attributes) { }

    record Empty() { }

    /** A user type made usable in keys through {@link StableKey}. */
    static final class CustomerId implements StableKey {
        private final String id;

        CustomerId(String id) {
            this.id = id;
        }

        @Override
        public String stableKey() {
            return id;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof CustomerId that && that.id.equals(id);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }

        @Override
        public String toString() {
            return "CustomerId[" + id + "]";
        }
    }

    /** An enum that chooses its own key. */
    enum Region implements StableKey {
        EUROPE;

        @Override
        public String stableKey() {
            return "eu";
        }
    }

    /** A user type without a stable key. */
    static final class Account {
        @Override
        public String toString() {
            return "Account";
        }
    }

    /** A user interface without a stable key. */
    interface Customer { }

    sealed interface Shape permits Circle, Square { }

    record Circle(double radius) implements Shape { }

    record Square(double side) implements Shape { }

    sealed interface Vehicle permits Car, Bike { }

    record Car(String plate) implements Vehicle { }

    static final class Bike implements Vehicle { }

    record Order(String number, Account account) { }

    record Box(Object content) { }

    static final class NullKey implements StableKey {
        @Override
        public String stableKey() {
            return null;
        }
    }

    static final class FailingKey implements StableKey {
        @Override
        public String stableKey() {
            throw new IllegalStateException("not loaded");
        }
    }
}
