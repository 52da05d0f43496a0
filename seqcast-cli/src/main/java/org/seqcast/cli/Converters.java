package org.seqcast.cli;

import java.util.function.Function;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.Frequency;
import org.seqcast.data.MissingPolicy;
import org.seqcast.forecast.Anchor;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.Forecasters;
import org.seqcast.forecast.Scaling;
import org.seqcast.forecast.Strategy;
import org.seqcast.forecast.TargetTransform;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Optimizer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option value converters: a value the library rejects is a usage error (exit 2, {@code Invalid value for
 * option '--cell': unknown cell 'foo'; use lstm, gru or rnn}) found while parsing, before any data is read.
 */
final class Converters {
    private Converters() {
    }

    /** --intervals: conformal, classical or quantile. */
    static final class IntervalMethodConverter extends Parsing<IntervalOptions.Method> {
        IntervalMethodConverter() {
            super(text -> switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "conformal" -> IntervalOptions.Method.CONFORMAL;
                case "classical" -> IntervalOptions.Method.CLASSICAL;
                case "quantile" -> IntervalOptions.Method.QUANTILE;
                default -> throw new IllegalArgumentException("unknown interval method '" + text
                        + "'; use conformal, classical or quantile");
            });
        }
    }

    /** Parses with a library parser; its IllegalArgumentException message becomes the usage error. */
    abstract static class Parsing<T> implements ITypeConverter<T> {
        private final Function<String, T> parse;

        Parsing(Function<String, T> parse) {
            this.parse = parse;
        }

        @Override
        public T convert(String value) {
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class CellConverter extends Parsing<Cell> {
        CellConverter() {
            super(Cell::parse);
        }
    }

    static final class StrategyConverter extends Parsing<Strategy> {
        StrategyConverter() {
            super(Strategy::parse);
        }
    }

    static final class ScalingConverter extends Parsing<Scaling> {
        ScalingConverter() {
            super(Scaling::parse);
        }
    }

    static final class TransformConverter extends Parsing<TargetTransform> {
        TransformConverter() {
            super(TargetTransform::parse);
        }
    }

    static final class AnchorConverter extends Parsing<Anchor> {
        AnchorConverter() {
            super(Anchor::parse);
        }
    }

    static final class LossScaleConverter extends Parsing<org.seqcast.forecast.LossScale> {
        LossScaleConverter() {
            super(org.seqcast.forecast.LossScale::parse);
        }
    }

    static final class PresetConverter extends Parsing<org.seqcast.forecast.Preset> {
        PresetConverter() {
            super(org.seqcast.forecast.Preset::parse);
        }
    }

    static final class FrequencyConverter extends Parsing<Frequency> {
        FrequencyConverter() {
            super(Frequency::parse);
        }
    }

    static final class MissingConverter extends Parsing<MissingPolicy> {
        MissingConverter() {
            super(MissingPolicy::parse);
        }
    }

    /** Keeps the name as given once the optimizer factory accepts it. */
    static final class OptimizerConverter extends Parsing<String> {
        OptimizerConverter() {
            super(name -> {
                Optimizer.of(name);
                return name;
            });
        }
    }

    /** Keeps the name as given once the loss factory accepts it. */
    static final class LossConverter extends Parsing<String> {
        LossConverter() {
            super(name -> {
                Loss.of(name);
                return name;
            });
        }
    }

    /** Keeps the pattern as given once it compiles as a date pattern. */
    static final class DatePatternConverter extends Parsing<String> {
        DatePatternConverter() {
            super(pattern -> {
                CsvOptions.builder().datePattern(pattern).build();
                return pattern;
            });
        }
    }

    /** --levels: coverages in percent ({@code 80,95}) or {@code none}. */
    static final class LevelsConverter extends Parsing<Levels> {
        LevelsConverter() {
            super(Levels::parse);
        }
    }

    /** One name of --models, trimmed and lower-cased: a name of the registry. */
    static final class ModelNameConverter extends Parsing<String> {
        ModelNameConverter() {
            super(raw -> Forecasters.entry(raw).name());
        }
    }
}
