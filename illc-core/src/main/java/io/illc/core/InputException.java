package io.illc.core;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Bad input from the user: a spec, data, model, parameter or file problem. The CLI prints each
 * message on one line and exits with code 2. Messages say what, where, the offending value and
 * what is allowed.
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public InputException(String message) {
        this(List.of(message));
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /** Several problems found at once (e.g. every error of a spec), one message each. */
    public InputException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems given");
        }
        this.problems = List.copyOf(problems);
    }

    /** One line per problem. */
    public List<String> problems() {
        return problems;
    }

    /**
     * The same problems, each rewritten by {@code each} (put under the field or option it came
     * from, say), with this as the cause.
     */
    public InputException reworded(UnaryOperator<String> each) {
        InputException reworded = new InputException(problems.stream().map(each).toList());
        reworded.initCause(this);
        return reworded;
    }
}
