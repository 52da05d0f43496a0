package org.seqcast.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.seqcast.train.EpochResult;
import org.seqcast.train.TrainingListener;
import org.seqcast.train.TrainingPlan;

/** Plain progress lines on stderr: one per epoch, with loss, validation loss and time. */
final class Progress implements TrainingListener {
    private final PrintWriter err;
    private int epochs;

    Progress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onTrainBegin(TrainingPlan plan) {
        epochs = plan.epochs();
    }

    @Override
    public void onEpochEnd(EpochResult r) {
        err.printf(Locale.ROOT, "  epoch %d/%d  loss %.5f%s  %d ms%n", r.epoch(), epochs, r.loss(),
                r.hasValLoss() ? String.format(Locale.ROOT, "  val_loss %.5f", r.valLoss()) : "", r.millis());
        err.flush();
    }
}
