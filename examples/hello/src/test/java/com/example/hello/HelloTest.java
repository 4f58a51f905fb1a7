package com.example.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the example as a user would and checks what it prints. */
class HelloTest {

    @Test
    void main_printsComputedCachedAndRecomputedGreeting() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Hello.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.print(output);
        assertEquals(List.of(
            "Hello, world! (computed 1 times)",
            "Hello, world! (computed 1 times)",
            "Hello, world! (computed 2 times)"), output.lines().toList());
    }
}
