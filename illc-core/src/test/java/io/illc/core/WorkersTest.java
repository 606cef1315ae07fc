package io.illc.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WorkersTest {
    @Test
    void orderedResultsComeInTheOrderTheTasksWereAddedWhateverOrderTheyFinishIn() {
        try (Workers.Ordered<Integer> tasks = Workers.ordered(3)) {
            for (int i = 0; i < 12; i++) {
                int index = i;
                // The first tasks take longest, so they finish last.
                tasks.add(() -> {
                    sleep(12 - index);
                    return index * index;
                });
            }
            assertEquals(IntStream.range(0, 12).map(i -> i * i).boxed().toList(), tasks.results());
        }
    }

    @Test
    void theFailureOfTheFirstTaskAddedThatFailedIsTheOneRethrown() {
        IllegalStateException early = new IllegalStateException("task 1");
        try (Workers.Ordered<Integer> tasks = Workers.ordered(4)) {
            tasks.add(() -> 0);
            tasks.add(() -> {
                sleep(50); // fails after task 3 has failed
                throw early;
            });
            tasks.add(() -> 2);
            tasks.add(() -> {
                throw new IllegalArgumentException("task 3");
            });
            assertSame(early, assertThrows(IllegalStateException.class, tasks::results));
        }
    }

    @Test
    void takeFirstGivesTheResultsInTheOrderAddedAndEachTasksOwnFailure() {
        try (Workers.Ordered<Integer> tasks = Workers.ordered(3)) {
            IllegalStateException failure = new IllegalStateException("task 2");
            tasks.add(() -> {
                sleep(30); // finishes after the others
                return 10;
            });
            tasks.add(() -> 11);
            tasks.add(() -> {
                throw failure;
            });
            assertEquals(3, tasks.pending());
            assertEquals(10, tasks.takeFirst());
            tasks.add(() -> 13);
            assertEquals(11, tasks.takeFirst());
            assertSame(failure, assertThrows(IllegalStateException.class, tasks::takeFirst));
            assertEquals(13, tasks.takeFirst());
            assertEquals(0, tasks.pending());
            assertThrows(java.util.NoSuchElementException.class, tasks::takeFirst);
        }
    }

    @Test
    void onOneThreadEachTaskRunsAsItIsAddedOnTheCallersThread() {
        List<String> ran = new ArrayList<>();
        try (Workers.Ordered<String> tasks = Workers.ordered(1)) {
            tasks.add(() -> {
                ran.add(Thread.currentThread().getName());
                return "a";
            });
            assertEquals(List.of(Thread.currentThread().getName()), ran, "ran before the next add");
            tasks.add(() -> "b");
            assertEquals(List.of("a", "b"), tasks.results());
        }
    }

    @Test
    void mapRethrowsTheLowestNumberedFailureForAnyThreadCount() {
        for (int threads : new int[]{1, 2, 5}) {
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> Workers.map(threads, 8, i -> {
                if (i == 6) {
                    throw new IllegalArgumentException("task 6");
                }
                if (i == 3) {
                    sleep(30);
                    throw new IllegalStateException("task 3");
                }
                return i;
            }, (done, total) -> { }));
            assertEquals("task 3", thrown.getMessage(), threads + " threads");
        }
        assertThrows(IllegalArgumentException.class, () -> Workers.ordered(0));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
