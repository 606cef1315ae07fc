package io.illc.core.run;

/**
 * Where a run reports what it is doing. The CLI prints to stderr on a terminal and stays quiet
 * with {@code --quiet}; library users pass {@link #SILENT} or their own.
 */
public interface Progress {
    Progress SILENT = new Progress() {
        @Override
        public void stage(String message) {
        }
    };

    /** A new stage has started ("training", "compressing layer 3/20"). */
    void stage(String message);

    /** {@code done} of {@code total} items of a long stage are done (a progress bar on a terminal). */
    default void step(String what, int done, int total) {
    }

    /** {@code done} of {@code total} bytes of a long read are read: a {@link #step} in whole MB. */
    default void bytes(String what, long done, long total) {
        step(what + " (MB)", (int) Math.min(Integer.MAX_VALUE, done >> 20), (int) Math.min(Integer.MAX_VALUE, total >> 20));
    }

    /** One training epoch is done. */
    default void epoch(int epoch, int epochs, double loss) {
    }

    /** A note the user should see once (e.g. why no SVG was written). */
    default void note(String message) {
        stage(message);
    }
}
