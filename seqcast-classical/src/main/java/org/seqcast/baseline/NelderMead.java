package org.seqcast.baseline;

import java.util.function.ToDoubleFunction;

/**
 * Derivative-free minimisation by the simplex method of Nelder and Mead (1965), in the variant that J. C. Nash
 * gives as Algorithm 19 of <i>Compact Numerical Methods for Computers</i> (2nd ed., 1990) and that R's
 * {@code optim(method = "Nelder-Mead")} implements. forecast's {@code ets} fits its models with that optimiser, so
 * this class follows the same decision rules, in the same order, to evaluate the same sequence of points.
 *
 * <p>The algorithm, stated as the facts this class relies on:
 * <ul>
 * <li><b>Coefficients.</b> Reflection 1, contraction 0.5, expansion 2; a shrink moves every vertex halfway
 * towards the best one.</li>
 * <li><b>Initial simplex.</b> The start is the first vertex. Vertex k (k = 1..n) is the start with coordinate k
 * moved up by a step of 10% of the largest |start coordinate| (0.1 if that is zero). Where adding the step leaves
 * the coordinate unchanged, the step is tried ten times larger until it does not. Ten times the step each vertex
 * ends up with, summed over the vertices, is the first reference size that a shrink has to beat.</li>
 * <li><b>Ranking.</b> The best vertex is the one with the lowest value; the previous best keeps its place on a
 * tie, otherwise the lowest index wins. The worst vertex is the first one with the highest value.</li>
 * <li><b>Convergence.</b> The search stops when f_worst ≤ f_best + tol·(|f_start| + tol), with tol the relative
 * tolerance and f_start the value at the start (R's {@code reltol}; ets uses no absolute tolerance).</li>
 * <li><b>One step.</b> The worst vertex is reflected through the centroid of the others. If the reflected point
 * is better than the best vertex, the search tries the expansion twice as far and keeps whichever of the two is
 * lower. Otherwise Nash's rule applies: the reflected point replaces the worst vertex if it is lower than it
 * (the contraction that follows is then the outside one), and the search contracts halfway from the (possibly
 * new) worst vertex towards the centroid, keeping the contracted point if it improves on that vertex. If neither
 * the contraction nor the reflection improved on the worst vertex, every vertex shrinks halfway towards the
 * best one.</li>
 * <li><b>Shrink handling.</b> The size of a shrunk simplex is the sum of the |coordinate differences| between
 * each vertex and the best. A shrink that does not reduce this size below the last reference ends the search
 * (not converged); otherwise it becomes the new reference, and the moved vertices are evaluated at the start of
 * the next step.</li>
 * <li><b>Non-finite values</b> count as 1e35, so a point where the objective returns ±∞ or NaN (an infeasible
 * point) is never preferred to a feasible one. The value at the start must be finite.</li>
 * <li><b>Budget.</b> Each step ends with a check of the evaluations so far (the start included); past the budget
 * the search stops, not converged, at the best vertex of that step's ranking.</li>
 * </ul>
 *
 * <p>Floating-point results match R's to the last bit only if every arithmetic expression is evaluated in the
 * same order, so the formulas below keep the operand order of the published algorithm (noted where it matters).
 */
final class NelderMead {
    private static final double REFLECTION = 1;
    private static final double CONTRACTION = 0.5;
    private static final double EXPANSION = 2;
    private static final double SHRINK = CONTRACTION;
    private static final double INITIAL_STEP_FRACTION = 0.1;
    private static final double DEFAULT_INITIAL_STEP = 0.1;
    private static final double STEP_GROWTH = 10;
    /** Stands for a non-finite objective value. */
    private static final double PENALTY = 1.0e35;

    /**
     * The outcome of a search.
     *
     * @param x           the best vertex found
     * @param value       the objective value there
     * @param evaluations how many times the objective was evaluated, the start included
     * @param converged   whether the convergence test stopped the search (rather than the budget or a shrink that
     *                    failed to reduce the simplex)
     */
    record Result(double[] x, double value, int evaluations, boolean converged) {
    }

    private NelderMead() {
    }

    /**
     * Minimises {@code f} from {@code start}; the objective receives a fresh copy of each point.
     *
     * @param relTol         the relative convergence tolerance
     * @param maxEvaluations the evaluation budget, checked at the end of each step
     * @throws IllegalArgumentException if the value at {@code start} is not finite
     */
    static Result minimize(ToDoubleFunction<double[]> f, double[] start, double relTol, int maxEvaluations) {
        Search search = new Search(f, start);
        return search.run(relTol, maxEvaluations);
    }

    /** A corner of the simplex; {@code value} is NaN while the point awaits evaluation. */
    private record Vertex(double[] point, double value) {
        static Vertex unevaluated(double[] point) {
            return new Vertex(point, Double.NaN);
        }

        boolean evaluated() {
            return !Double.isNaN(value);
        }
    }

    /** What one step did to the simplex. */
    private enum Move {
        /** The worst vertex was replaced (or the reflected point kept), the others unchanged. */
        REPLACED_WORST,
        /** All vertices but the best moved halfway towards it and await evaluation. */
        SHRUNK,
        /** A shrink did not make the simplex smaller: the search cannot progress. */
        SHRINK_STALLED
    }

    /** The n + 1 vertices in a fixed order, with the indices of the current best and worst. */
    private static final class Simplex {
        private final Vertex[] vertices;
        private final int dimension;
        private int best;
        private int worst;
        /** The size a shrink must get below (see the class comment). */
        private double referenceSize;

        private Simplex(Vertex[] vertices, double referenceSize) {
            this.vertices = vertices;
            this.dimension = vertices.length - 1;
            this.referenceSize = referenceSize;
        }

        /** The start plus one vertex per coordinate, offset along that coordinate. */
        static Simplex around(double[] start, double startValue) {
            int n = start.length;
            double largest = 0;
            for (double coordinate : start) {
                if (Math.abs(coordinate) > largest) {
                    largest = Math.abs(coordinate);
                }
            }
            double step = INITIAL_STEP_FRACTION * largest;
            if (step == 0) {
                step = DEFAULT_INITIAL_STEP;
            }
            Vertex[] vertices = new Vertex[n + 1];
            vertices[0] = new Vertex(start.clone(), startValue);
            double size = 0;
            for (int k = 0; k < n; k++) {
                double[] point = start.clone();
                double offset = step;
                // Grow the offset tenfold until it actually moves the coordinate; the reference size takes the
                // offset as it stands after the last growth.
                while (point[k] == start[k]) {
                    point[k] = start[k] + offset;
                    offset *= STEP_GROWTH;
                }
                size += offset;
                vertices[k + 1] = Vertex.unevaluated(point);
            }
            return new Simplex(vertices, size);
        }

        Vertex best() {
            return vertices[best];
        }

        Vertex worst() {
            return vertices[worst];
        }

        /** Evaluates the vertices still waiting for a value, in index order. */
        void evaluatePending(Objective objective) {
            for (int j = 0; j < vertices.length; j++) {
                if (!vertices[j].evaluated()) {
                    vertices[j] = objective.vertexAt(vertices[j].point());
                }
            }
        }

        /** Finds the best and worst vertices (tie rules in the class comment). */
        void rank() {
            int lowest = best;
            int highest = best;
            for (int j = 0; j < vertices.length; j++) {
                if (j == best) {
                    continue;
                }
                double v = vertices[j].value();
                if (v < vertices[lowest].value()) {
                    lowest = j;
                }
                if (v > vertices[highest].value()) {
                    highest = j;
                }
            }
            best = lowest;
            worst = highest;
        }

        boolean flatWithin(double tolerance) {
            return worst().value() <= best().value() + tolerance;
        }

        /**
         * The centroid of all vertices but the worst. For R's rounding, each coordinate starts from minus the
         * worst vertex's and adds every vertex's in index order before the division.
         */
        double[] centroidOfOthers() {
            double[] centroid = new double[dimension];
            double[] excluded = worst().point();
            for (int i = 0; i < dimension; i++) {
                double sum = -excluded[i];
                for (Vertex vertex : vertices) {
                    sum += vertex.point()[i];
                }
                centroid[i] = sum / dimension;
            }
            return centroid;
        }

        void replaceWorst(Vertex replacement) {
            vertices[worst] = replacement;
        }

        /**
         * Moves every vertex but the best halfway towards it; the moved ones await evaluation.
         *
         * @return whether the simplex got smaller than the reference size (which then becomes the new reference)
         */
        boolean shrinkTowardBest() {
            double[] anchor = best().point();
            double size = 0;
            for (int j = 0; j < vertices.length; j++) {
                if (j == best) {
                    continue;
                }
                double[] point = vertices[j].point();
                double[] moved = new double[dimension];
                for (int i = 0; i < dimension; i++) {
                    moved[i] = SHRINK * (point[i] - anchor[i]) + anchor[i];
                    size += Math.abs(moved[i] - anchor[i]);
                }
                vertices[j] = Vertex.unevaluated(moved);
            }
            if (size < referenceSize) {
                referenceSize = size;
                return true;
            }
            return false;
        }
    }

    /** The objective with the evaluation count and the non-finite penalty. */
    private static final class Objective {
        private final ToDoubleFunction<double[]> f;
        private int evaluations;

        Objective(ToDoubleFunction<double[]> f) {
            this.f = f;
        }

        double raw(double[] point) {
            evaluations++;
            return f.applyAsDouble(point.clone());
        }

        Vertex vertexAt(double[] point) {
            double v = raw(point);
            return new Vertex(point, Double.isFinite(v) ? v : PENALTY);
        }

        int evaluations() {
            return evaluations;
        }
    }

    /** One minimisation: the objective and the simplex that moves over it. */
    private static final class Search {
        private final Objective objective;
        private final Simplex simplex;
        private final double startValue;

        Search(ToDoubleFunction<double[]> f, double[] start) {
            objective = new Objective(f);
            startValue = objective.raw(start);
            if (!Double.isFinite(startValue)) {
                throw new IllegalArgumentException("objective cannot be evaluated at the starting point");
            }
            simplex = Simplex.around(start, startValue);
        }

        Result run(double relTol, int maxEvaluations) {
            double tolerance = relTol * (Math.abs(startValue) + relTol);
            boolean stalled = false;
            while (true) {
                simplex.evaluatePending(objective);
                simplex.rank();
                if (simplex.flatWithin(tolerance)) {
                    break;
                }
                if (step() == Move.SHRINK_STALLED) {
                    stalled = true;
                    break;
                }
                if (objective.evaluations() > maxEvaluations) {
                    break;
                }
            }
            // The best vertex of the last ranking: a step only ever replaces the worst vertex, and a shrink keeps
            // the best one as it is.
            Vertex best = simplex.best();
            int evaluations = objective.evaluations();
            return new Result(best.point().clone(), best.value(), evaluations,
                    !stalled && evaluations <= maxEvaluations);
        }

        /** One Nelder–Mead step on the ranked simplex (see the class comment). */
        private Move step() {
            Vertex best = simplex.best();
            Vertex worst = simplex.worst();
            double[] centroid = simplex.centroidOfOthers();
            Vertex reflected = objective.vertexAt(reflect(centroid, worst.point()));
            if (reflected.value() < best.value()) {
                Vertex expanded = objective.vertexAt(expand(reflected.point(), centroid));
                simplex.replaceWorst(expanded.value() < reflected.value() ? expanded : reflected);
                return Move.REPLACED_WORST;
            }
            if (reflected.value() < worst.value()) {
                simplex.replaceWorst(reflected);
            }
            Vertex pivot = simplex.worst();
            Vertex contracted = objective.vertexAt(contract(pivot.point(), centroid));
            if (contracted.value() < pivot.value()) {
                simplex.replaceWorst(contracted);
                return Move.REPLACED_WORST;
            }
            if (reflected.value() < worst.value()) {
                // The reflected point stays in place of the worst vertex.
                return Move.REPLACED_WORST;
            }
            return simplex.shrinkTowardBest() ? Move.SHRUNK : Move.SHRINK_STALLED;
        }

        /** (1 + ρ)·centroid − ρ·worst. */
        private static double[] reflect(double[] centroid, double[] worst) {
            return combine(1 + REFLECTION, centroid, -REFLECTION, worst);
        }

        /** χ·reflected + (1 − χ)·centroid. */
        private static double[] expand(double[] reflected, double[] centroid) {
            return combine(EXPANSION, reflected, 1 - EXPANSION, centroid);
        }

        /** (1 − σ)·worst + σ·centroid. */
        private static double[] contract(double[] worst, double[] centroid) {
            return combine(1 - CONTRACTION, worst, CONTRACTION, centroid);
        }

        /** a·u + b·v, coordinate by coordinate. */
        private static double[] combine(double a, double[] u, double b, double[] v) {
            double[] out = new double[u.length];
            for (int i = 0; i < u.length; i++) {
                out[i] = a * u[i] + b * v[i];
            }
            return out;
        }
    }
}
