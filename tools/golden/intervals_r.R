#!/usr/bin/env Rscript
# Writes testdata/r/intervals_r.json: R forecast's prediction intervals (its level = c(80, 95)) of the classical
# methods, for the tests of BaselineFit.intervals (org.seqcast.baseline.IntervalsRTest) and of the forecasting
# path (org.seqcast.forecast.BaselineIntervalsRTest). Run from the repository root with Debian's r-cran-forecast
# (forecast 8.20):
#
#   Rscript tools/golden/intervals_r.R
#
# A few of smoothing_r.R's series with the same split (series_r.R). Per series and method: the point forecast
# and the lower and upper bounds per level, for meanf, naive, snaive, rwf(drift = TRUE), ses, holt,
# holt(damped = TRUE), hw(seasonal = "additive") (also damped), hw(seasonal = "multiplicative"), thetaf,
# forecast(ar()) and the trendless seasonal ets(x, "ANA") and ets(x, "MNM") (maximum likelihood), with the
# ets-type fits' sigma2 for diagnosis. Seasonal methods only for m > 1, the multiplicative ones only for positive
# series. Also a drift of exactly 0, and R's qnorm and qt at a few probabilities and degrees of freedom. forecast.ets computes all these
# intervals analytically (its classes 1 and 3, no simulation), so the file is deterministic.
suppressPackageStartupMessages({ library(forecast); library(jsonlite) })
source("tools/golden/series_r.R")

levels <- c(80, 95)
chosen <- c("airpassengers", "usaccdeaths", "austres", "nile")

# One method's forecast object as JSON: the mean and, per level (columns of fc$lower), the bounds.
entry <- function(method, fc, sigma2 = NULL) {
  bounds <- function(b) lapply(seq_along(levels), function(i) as.numeric(b[, i]))
  list(method = method, mean = as.numeric(fc$mean), lower = bounds(fc$lower), upper = bounds(fc$upper),
       sigma2 = sigma2)
}

out <- list()
for (cs in golden_cases[vapply(golden_cases, function(cs) cs$name %in% chosen, logical(1))]) {
  train <- golden_split(cs)$train
  x <- ts(train, frequency = cs$m)
  h <- cs$h
  fcs <- list()
  add <- function(e) fcs[[length(fcs) + 1]] <<- e
  add(entry("meanf", meanf(x, h = h, level = levels)))
  add(entry("naive", naive(x, h = h, level = levels)))
  add(entry("snaive", snaive(x, h = h, level = levels)))
  add(entry("drift", rwf(x, h = h, drift = TRUE, level = levels)))
  f <- ses(x, h = h, level = levels)
  add(entry("ses", f, f$model$sigma2))
  f <- holt(x, h = h, level = levels)
  add(entry("holt", f, f$model$sigma2))
  f <- holt(x, h = h, damped = TRUE, level = levels)
  add(entry("holt_damped", f, f$model$sigma2))
  if (cs$m > 1) {
    f <- hw(x, h = h, seasonal = "additive", level = levels)
    add(entry("hw_additive", f, f$model$sigma2))
    f <- hw(x, h = h, seasonal = "additive", damped = TRUE, level = levels)
    add(entry("hw_additive_damped", f, f$model$sigma2))
    if (min(x) > 0) {
      f <- hw(x, h = h, seasonal = "multiplicative", level = levels)
      add(entry("hw_multiplicative", f, f$model$sigma2))
      e <- ets(x, "MNM")
      add(entry("ets_MNM", forecast(e, h = h, level = levels), e$sigma2))
    }
    e <- ets(x, "ANA")
    add(entry("ets_ANA", forecast(e, h = h, level = levels), e$sigma2))
  }
  add(entry("theta", thetaf(x, h = h, level = levels)))
  a <- ar(train)
  add(entry("ar", forecast(a, h = h, level = levels)))
  out[[length(out) + 1]] <- list(series = cs$name, m = cs$m, h = h, train = train, forecasts = fcs)
}
# A random walk whose drift is exactly 0 (first value = last): forecast.lagwalk then divides the squared residuals
# by n - 1 instead of n - 2.
flat <- c(5, 7, 6, 4, 8, 5)
drift_zero <- c(list(train = flat, h = 3L), entry("drift", rwf(flat, h = 3, drift = TRUE, level = levels)))

# The quantile functions the intervals use, R's qnorm and qt, at the probabilities levels give and a few more.
probs <- c(0.0005, 0.005, 0.025, 0.1, 0.3, 0.6, 0.9, 0.975, 0.995)
dfs <- c(1, 2, 3, 4, 5, 7, 10, 29, 100, 1000)
quantiles <- list(normal = lapply(probs, function(p) list(p = p, q = qnorm(p))),
                  student = unlist(lapply(dfs, function(df) lapply(probs, function(p) list(p = p, df = df,
                                                                                             q = qt(p, df)))),
                                   recursive = FALSE))
meta <- list(generator = "tools/golden/intervals_r.R", R = R.version.string,
             forecast = as.character(packageVersion("forecast")), levels = levels)
write(toJSON(list(meta = meta, quantiles = quantiles, drift_zero = drift_zero, cases = out), auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null"),
      "testdata/r/intervals_r.json")
cat("wrote", length(out), "series\n")
