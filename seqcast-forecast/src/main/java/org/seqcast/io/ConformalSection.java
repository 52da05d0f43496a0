package org.seqcast.io;

import java.util.List;
import org.seqcast.forecast.ConformalCalibration;
import org.seqcast.forecast.FittedConformal;

/**
 * The section of a forecaster with conformal intervals ({@link FittedConformal}):
 * <pre>
 *   {"kind": "conformal", "name",
 *    "inner": the point forecaster's own section (any kind), its tensors under the prefix {@code inner.},
 *    "calibration": {"levels": [80, 95], "score": "SCALED" | "ABSOLUTE", "radius": [[r_1(80), r_1(95)], ...],
 *                    "windows": n}}
 * </pre>
 * The calibration (per step and level, the radius chosen from n calibration scores) is stored, so a loaded model
 * gives the same intervals without the training data.
 *
 * @param name        the forecaster's name in tables and forecasts
 * @param inner       the point forecaster
 * @param calibration the calibrated radii
 */
public record ConformalSection(String name, ForecasterSection inner, ConformalCalibration calibration)
        implements ForecasterSection {
    /** The tensor-name prefix of the inner forecaster. */
    static final String PREFIX = "inner.";

    public ConformalSection {
        if (name == null || name.isBlank() || inner == null || calibration == null) {
            throw new IllegalArgumentException("a conformal forecaster needs a name, its inner forecaster and its"
                    + " calibration");
        }
        if (calibration.horizon() != inner.horizon()) {
            throw new IllegalArgumentException("the calibration covers " + calibration.horizon() + " steps but the"
                    + " inner forecaster forecasts " + inner.horizon());
        }
    }

    @Override
    public ForecasterKind kind() {
        return ForecasterKind.CONFORMAL;
    }

    @Override
    public int horizon() {
        return inner.horizon();
    }

    @Override
    public List<String> covariatesUsed() {
        return inner.covariatesUsed();
    }
}
