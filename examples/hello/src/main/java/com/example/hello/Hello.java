package com.example.hello;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.util.concurrent.atomic.AtomicInteger;
import org.dogpile.Dogpile;
import org.dogpile.cdi.DogpileCaches;

/** A cached method in a Weld SE application: run it, hit the cache, invalidate, run it again. */
public class Hello {

    /** The bean with the cached method. */
    @ApplicationScoped
    public static class Greeter {
        private final AtomicInteger runs = new AtomicInteger();

        /** @param name who to greet @return the greeting, computed once per name per 30 s */
        @Dogpile(cache = "greetings", expireAfter = 30)
        public String greet(String name) {
            return "Hello, " + name + "! (computed " + runs.incrementAndGet() + " times)";
        }
    }

    /** @param args unused */
    public static void main(String[] args) {
        try (SeContainer container = SeContainerInitializer.newInstance().initialize()) {
            Greeter greeter = container.select(Greeter.class).get();
            System.out.println(greeter.greet("world"));   // runs the method
            System.out.println(greeter.greet("world"));   // from the cache
            container.select(DogpileCaches.class).get().invalidate("greetings", "world");
            System.out.println(greeter.greet("world"));   // runs it again
        }
    }
}
