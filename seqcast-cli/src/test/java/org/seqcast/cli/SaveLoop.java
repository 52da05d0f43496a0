package org.seqcast.cli;

import java.nio.file.Path;
import org.seqcast.io.LoadedModel;
import org.seqcast.io.Manifest;
import org.seqcast.io.ModelFile;
import org.seqcast.io.ModelInfo;

/**
 * The child process of {@link CrashSafetyTest}: loads two model files, saves each once to its reference path,
 * prints {@code ready}, then saves them in turn over one target file until it is killed.
 * Arguments: {@code sourceA sourceB referenceA referenceB target}.
 */
final class SaveLoop {
    private SaveLoop() {
    }

    public static void main(String[] args) {
        LoadedModel a = ModelFile.load(Path.of(args[0]));
        LoadedModel b = ModelFile.load(Path.of(args[1]));
        ModelFile.save(a.forecaster(), info(a), Path.of(args[2]));
        ModelFile.save(b.forecaster(), info(b), Path.of(args[3]));
        System.out.println("ready");
        System.out.flush();
        Path target = Path.of(args[4]);
        for (long k = 0; ; k++) {
            LoadedModel m = k % 2 == 0 ? b : a;
            ModelFile.save(m.forecaster(), info(m), target);
        }
    }

    /** The model info a loaded file was saved with, from its manifest. */
    static ModelInfo info(LoadedModel loaded) {
        Manifest.DataSchema d = loaded.manifest().data();
        Manifest.Provenance p = loaded.manifest().provenance();
        return new ModelInfo(p.dataSha256(), d.target(), d.covariates(), d.lastTimeStamps(), p.metrics(),
                d.timeColumn(), d.idColumn(), d.frequency(), d.seasonalPeriod());
    }
}
