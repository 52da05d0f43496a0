package org.seqcast.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.seqcast.train.EpochResult;
import org.seqcast.train.History;
import org.seqcast.train.TrainingListener;
import org.seqcast.train.TrainingPlan;

/**
 * Training progress on stderr. On a terminal: a progress bar over all batches of all epochs (epoch, loss,
 * validation loss, time left) drawn by the progressbar library. Otherwise (CI, pipes, files): one plain line
 * per epoch, at most one every {@value #LINE_INTERVAL_MS} ms, plus the last epoch.
 */
final class Progress implements TrainingListener {
    static final long LINE_INTERVAL_MS = 2000;

    private final PrintWriter err;
    private final String label;
    private final boolean terminal;
    private ProgressBar bar;
    private int epochs;
    private int batches;
    private long lastLine;
    private EpochResult last;

    /** Progress for the model called {@code label}; a bar when stderr is a terminal. */
    Progress(PrintWriter err, String label) {
        this(err, label, System.console() != null);
    }

    Progress(PrintWriter err, String label, boolean terminal) {
        this.err = err;
        this.label = label;
        this.terminal = terminal;
    }

    @Override
    public void onTrainBegin(TrainingPlan plan) {
        epochs = plan.epochs();
        batches = plan.batchesPerEpoch();
        lastLine = System.currentTimeMillis();
        last = null;
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(label).setInitialMax((long) epochs * batches)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200)
                    .continuousUpdate().setConsumer(new me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer(
                            System.err)).build();
        } else {
            err.printf(Locale.ROOT, "training %s: %d windows, %d validation windows, up to %d epochs%n", label,
                    plan.trainSamples(), plan.validationSamples(), epochs);
            err.flush();
        }
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batchCount, double loss) {
        if (bar != null) {
            bar.stepTo((long) (epoch - 1) * batches + batch);
            bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d/%d loss %.4f%s", epoch, epochs, loss,
                    last != null && last.hasValLoss() ? String.format(Locale.ROOT, " val %.4f", last.valLoss()) : ""));
        }
    }

    @Override
    public void onEpochEnd(EpochResult r) {
        last = r;
        long now = System.currentTimeMillis();
        if (bar == null && (now - lastLine >= LINE_INTERVAL_MS || r.epoch() == epochs)) {
            line(r);
            lastLine = now;
        }
    }

    @Override
    public void onTrainEnd(History history) {
        if (bar != null) {
            bar.close();
            bar = null;
        } else if (last != null && last.epoch() != epochs) {
            line(last);
        }
        err.printf(Locale.ROOT, "%s: %d epochs, %s%n", label, history.epochsRun(), history.stopReason());
        err.flush();
    }

    private void line(EpochResult r) {
        err.printf(Locale.ROOT, "  %s epoch %d/%d  loss %.5f%s  %d ms%n", label, r.epoch(), epochs, r.loss(),
                r.hasValLoss() ? String.format(Locale.ROOT, "  val_loss %.5f", r.valLoss()) : "", r.millis());
        err.flush();
    }
}
