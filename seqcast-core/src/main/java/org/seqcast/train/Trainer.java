package org.seqcast.train;

import java.util.ArrayList;
import java.util.List;
import org.seqcast.optim.Optimizer;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;

/**
 * The fit loop: for each epoch, shuffle (seeded), then for each mini-batch compute the loss and gradients,
 * clip, and update; then evaluate on the validation data and apply early stopping and learning-rate
 * reduction (or the learning-rate schedule, which sets the rate at the start of every epoch). The model is
 * any {@link Trainable} (a {@code Sequential} or a {@code Graph}); its data are
 * {@link Samples}, named tensors sliced and shuffled with the same rows. A non-finite loss or gradient stops
 * training before the update, so the model keeps its last finite weights, and the history says at which epoch
 * and batch. No I/O: progress goes to listeners.
 */
public final class Trainer {
    private static final System.Logger LOG = System.getLogger(Trainer.class.getName());

    private final Trainable model;
    private final FitOptions options;

    public Trainer(Trainable model, FitOptions options) {
        this.model = model;
        this.options = options;
    }

    /** Fits the model on inputs x and targets y (already checked against the model's names and shapes). */
    public History fit(Samples x, Samples y) {
        Samples trainX = x;
        Samples trainY = y;
        Samples valX = options.validationX();
        Samples valY = options.validationY();
        if (options.validationSplit() > 0) {
            int n = x.count();
            int nVal = (int) Math.floor(n * options.validationSplit());
            if (nVal < 1 || nVal >= n) {
                throw new IllegalArgumentException("validation split " + options.validationSplit() + " of " + n
                        + " samples leaves " + nVal + " for validation and " + (n - nVal)
                        + " for training; both need at least one");
            }
            trainX = x.slice(0, n - nVal);
            trainY = y.slice(0, n - nVal);
            valX = x.slice(n - nVal, n);
            valY = y.slice(n - nVal, n);
        }
        requireMonitorAvailable(options.earlyStopping() == null ? null : options.earlyStopping().monitor(), valX);
        requireMonitorAvailable(options.reduceLROnPlateau() == null ? null : options.reduceLROnPlateau().monitor(), valX);
        if (valX != null) {
            model.evaluate(valX, valY); // checks shapes and values up front, before any epoch runs
        }

        int n = trainX.count();
        int batchSize = Math.min(options.batchSize(), n);
        int batches = (n + batchSize - 1) / batchSize;
        List<TrainingListener> listeners = options.listeners();
        TrainingPlan plan = new TrainingPlan(options.epochs(), batches, n, valX == null ? 0 : valX.count());
        listeners.forEach(l -> l.onTrainBegin(plan));

        Optimizer opt = model.optimizer();
        Rng rng = model.shuffleRng();
        List<EpochResult> results = new ArrayList<>();
        EarlyStopping es = options.earlyStopping();
        ReduceLROnPlateau rlr = options.reduceLROnPlateau();
        double bestEs = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int esWait = 0;
        float[][] bestWeights = null;
        double bestRlr = Double.POSITIVE_INFINITY;
        int rlrWait = 0;
        int cooldown = 0;
        String stopReason = "completed " + options.epochs() + " epochs";
        float[][] lastGood = model.snapshotWeights(); // reused buffer: the weights before the current update
        boolean diverged = false;
        LearningRateSchedule schedule = options.schedule();
        double initialLr = opt.learningRate();

        epochs:
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            long start = System.nanoTime();
            if (schedule != null) {
                opt.setLearningRate(schedule.rate(initialLr, epoch));      // η_e, a pure function of e
            }
            int[] order = options.shuffle() ? rng.permutation(n) : identity(n);
            double lr = opt.learningRate();
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * batchSize;
                int to = Math.min(n, from + batchSize);
                Samples xb = trainX.gather(order, from, to);
                Samples yb = trainY.gather(order, from, to);
                double loss = model.computeGradients(xb, yb);
                String where = "epoch " + epoch + ", batch " + (b + 1) + " of " + batches;
                if (!Double.isFinite(loss)) {
                    stopReason = "non-finite loss (" + loss + ") at " + where + "; training stopped and the model keeps"
                            + " the weights from before this batch. Lower the learning rate, scale the data, or clip gradients";
                    diverged = true;
                    break epochs;
                }
                List<Parameter> params = model.parameters();
                model.snapshotWeightsInto(lastGood);
                try {
                    opt.step(params);
                } catch (IllegalStateException e) {
                    stopReason = "non-finite gradient at " + where + " (" + e.getMessage() + "); training stopped and"
                            + " the model keeps the weights from before this batch. Lower the learning rate or clip gradients";
                    diverged = true;
                    break epochs;
                }
                if (!allFinite(params)) {
                    model.restoreWeights(lastGood);
                    stopReason = "non-finite weights after the update at " + where + "; training stopped and the model"
                            + " keeps the weights from before this batch. Lower the learning rate or clip gradients";
                    diverged = true;
                    break epochs;
                }
                lossSum += loss * (to - from);
                int batchNo = b + 1;
                int epochNo = epoch;
                listeners.forEach(l -> l.onBatchEnd(epochNo, batchNo, batches, loss));
            }
            double valLoss = valX == null ? Double.NaN : model.evaluate(valX, valY);
            EpochResult r = new EpochResult(epoch, lossSum / n, valLoss, lr, (System.nanoTime() - start) / 1_000_000);
            results.add(r);
            listeners.forEach(l -> l.onEpochEnd(r));

            if (rlr != null) {
                double v = Monitor.value(rlr.monitor(), r);
                if (cooldown > 0) {
                    cooldown--;
                    rlrWait = 0;
                }
                if (v < bestRlr - rlr.minDelta()) {
                    bestRlr = v;
                    rlrWait = 0;
                } else if (cooldown == 0 && ++rlrWait >= rlr.patience()) {
                    double newLr = Math.max(opt.learningRate() * rlr.factor(), rlr.minLr());
                    if (newLr < opt.learningRate() && newLr > 0) {
                        opt.setLearningRate(newLr);
                        LOG.log(System.Logger.Level.DEBUG, "epoch {0}: learning rate reduced to {1}", epoch, newLr);
                    }
                    cooldown = rlr.cooldown();
                    rlrWait = 0;
                }
            }
            if (es != null) {
                double v = Monitor.value(es.monitor(), r);
                if (v < bestEs - es.minDelta()) {
                    bestEs = v;
                    bestEpoch = epoch;
                    esWait = 0;
                    if (es.restoreBestWeights()) {
                        bestWeights = model.snapshotWeights();
                    }
                } else if (++esWait >= es.patience()) {
                    stopReason = "early stopping at epoch " + epoch + ": " + es.monitor() + " did not improve for "
                            + esWait + " epochs; best was " + bestEs + " at epoch " + bestEpoch;
                    break;
                }
            }
        }
        int finalBest = results.isEmpty() ? 0 : results.size();
        if (es != null && es.restoreBestWeights() && bestWeights != null && !diverged) {
            model.restoreWeights(bestWeights);
            finalBest = bestEpoch;
        }
        if (diverged) {
            // reported as data (History.diverged, stopReason), for callers to show or refuse; not a log warning
            LOG.log(System.Logger.Level.DEBUG, stopReason);
        }
        History history = new History(results, stopReason, diverged, finalBest);
        listeners.forEach(l -> l.onTrainEnd(history));
        return history;
    }

    private static void requireMonitorAvailable(String monitor, Samples valX) {
        if (Monitor.VAL_LOSS.equals(monitor) && valX == null) {
            throw new IllegalArgumentException("a callback monitors val_loss but there is no validation data; give "
                    + "validationData or validationSplit, or monitor \"loss\"");
        }
    }

    private static boolean allFinite(List<Parameter> params) {
        for (Parameter p : params) {
            for (float w : p.value()) {
                if (!Float.isFinite(w)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int k = 0; k < n; k++) {
            p[k] = k;
        }
        return p;
    }
}
