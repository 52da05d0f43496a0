package org.seqcast.report;

import java.util.List;
import org.seqcast.forecast.CovariateRoles;

/**
 * The three covariate roles as the report names and explains them; what each role means is
 * {@link CovariateRoles}'s to define, this says it in one sentence for the reader of a report.
 */
enum CovariateRole {
    PAST("past", "Past covariates are known only up to the forecast origin."),
    FUTURE("future-known", "Future-known covariates are known over the horizon too (planned prices and promotions,"
            + " holidays, weather forecasts): a forecast uses their values after the last observation, drawn dashed."),
    STATIC("static", "Static covariates hold one value for the whole series (a region, a category).");

    /** The roles drawn as curves under a series, in the order drawn; static ones are listed as text. */
    static final List<CovariateRole> DRAWN = List.of(PAST, FUTURE);

    private final String label;
    private final String meaning;

    CovariateRole(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    /** The role's short name: past, future-known, static. */
    String label() {
        return label;
    }

    /** One sentence saying what the role means. */
    String meaning() {
        return meaning;
    }

    /** A covariate's name with its role, as a chart or caption shows it: {@code law (future-known)}. */
    String title(String name) {
        return name + " (" + label + ")";
    }

    /** The names {@code roles} gives this role. */
    List<String> names(CovariateRoles roles) {
        return switch (this) {
            case PAST -> roles.past();
            case FUTURE -> roles.future();
            case STATIC -> roles.statics();
        };
    }

    /** How many covariates of {@code roles} are drawn under each series. */
    static int drawn(CovariateRoles roles) {
        return DRAWN.stream().mapToInt(r -> r.names(roles).size()).sum();
    }
}
