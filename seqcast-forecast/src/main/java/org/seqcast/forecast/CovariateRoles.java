package org.seqcast.forecast;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.data.TimeSeries;

/**
 * What each covariate is to a model, the three roles a forecaster distinguishes:
 * <ul>
 *   <li><b>past</b> covariates are known only up to the forecast origin (sales of a related product, a measured
 *       temperature): the networks read them in the window;</li>
 *   <li><b>future-known</b> covariates are known over the horizon too (planned prices and promotions, holidays,
 *       weather forecasts): the networks read them in the window and, on the decoder side, at the steps they
 *       forecast; a forecast needs their H values after the history ({@link TimeSeries#future()});</li>
 *   <li><b>static</b> covariates hold one value per series (region, store size, product category:
 *       {@link TimeSeries#statics()}), numeric or categorical, and condition one global model.</li>
 * </ul>
 * Calendar features are built-in future-known inputs and need no role. Immutable; a name has one role.
 *
 * @param past    past covariate columns
 * @param future  future-known covariate columns
 * @param statics static attribute names
 */
public record CovariateRoles(List<String> past, List<String> future, List<String> statics) {
    /** No covariates. */
    public static final CovariateRoles NONE = new CovariateRoles(List.of(), List.of(), List.of());

    public CovariateRoles {
        past = past == null ? List.of() : List.copyOf(past);
        future = future == null ? List.of() : List.copyOf(future);
        statics = statics == null ? List.of() : List.copyOf(statics);
        Map<String, String> role = new HashMap<>();
        Object[][] roles = {{"past covariate", past}, {"future covariate", future}, {"static covariate", statics}};
        for (Object[] r : roles) {
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) r[1];
            for (String c : names) {
                if (c == null || c.isBlank()) {
                    throw new IllegalArgumentException(r[0] + " names must not be blank; got " + names);
                }
                String before = role.put(c, (String) r[0]);
                if (before != null) {
                    throw new IllegalArgumentException(before.equals(r[0]) ? r[0] + " '" + c + "' is listed twice"
                            : "'" + c + "' is given as a " + before + " and as a " + r[0] + "; a column has one role");
                }
            }
        }
    }

    /**
     * The roles of the data in {@code series}: the named future-known columns and static attributes, and every
     * other covariate column of the first series as a past covariate.
     */
    public static CovariateRoles of(List<TimeSeries> series, List<String> future, List<String> statics) {
        List<String> past = new ArrayList<>(series.get(0).covariateNames());
        past.removeAll(future);
        return new CovariateRoles(past, future, statics);
    }

    /** The builder with these roles set. */
    public RnnConfig.Builder applyTo(RnnConfig.Builder b) {
        return b.covariates(past).futureCovariates(future).staticCovariates(statics);
    }

    /** True when there is no covariate in any role. */
    public boolean isEmpty() {
        return past.isEmpty() && future.isEmpty() && statics.isEmpty();
    }
}
