package io.illc.core;

import java.util.List;
import java.util.Objects;

/**
 * Bad input that an engine found in its settings: {@code finetune.validation: 0.5 of 3 rows leaves
 * no validation row}. The engine names each setting as it knows it; the layer that read the spec
 * turns that into the JSON path the user wrote, with {@link #locatedAt}.
 */
public final class SettingException extends InputException {
    private static final long serialVersionUID = 1L;
    private final List<Problem> settingProblems;

    /** A problem with the whole setting. */
    public SettingException(Setting setting, String problem) {
        this(List.of(new Problem(setting, -1, problem)));
    }

    /** A problem with element {@code index} (0-based) of a list setting. */
    public SettingException(Setting setting, int index, String problem) {
        this(List.of(new Problem(setting, index, problem)));
    }

    /** Several problems found at once. */
    public SettingException(List<Problem> problems) {
        super(problems.stream().map(p -> p.at(p.setting().key())).toList());
        this.settingProblems = List.copyOf(problems);
    }

    /** Every problem of {@code e}, each the whole {@code setting}'s (a file it names that does not fit, say). */
    public static SettingException of(Setting setting, InputException e) {
        SettingException located = new SettingException(e.problems().stream().map(p -> new Problem(setting, -1, p)).toList());
        located.initCause(e);
        return located;
    }

    /** The same problems, each at its setting's JSON path in the file the user wrote. */
    public InputException locatedAt(Setting.Paths paths) {
        return new InputException(settingProblems.stream().map(p -> p.at(paths.of(p.setting()))).toList());
    }

    /**
     * One problem.
     *
     * @param index the element of a list setting, 0-based; -1 for the whole setting
     * @param text  what is wrong, with the offending value and what is allowed
     */
    public record Problem(Setting setting, int index, String text) {
        public Problem {
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(text, "text");
        }

        String at(String path) {
            return (index < 0 ? path : path + "[" + index + "]") + ": " + text;
        }
    }
}
