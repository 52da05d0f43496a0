#!/usr/bin/env Rscript
# Writes testdata/r/regression_r.json: R forecast's tslm fits with regressors and their forecasts with newdata
# (forecast.lm, i.e. predict.lm with interval = "prediction", level = c(80, 95)), for the test of
# org.seqcast.baseline.LinearRegression (LinearRegressionRTest). Run from the repository root with Debian's
# r-cran-forecast (forecast 8.20):
#
#   Rscript tools/golden/regression_r.R
#
# The data are fpp2's uschange, elecdaily and insurance (GPL-3), copied into testdata/r/covariates/ (see the
# first line of each file). Per case: the training target and regressors, the future regressors (newdata), the
# named coefficients, sigma2 (summary(fit)$sigma^2, n - p degrees of freedom), the fitted values, and the point
# forecasts with their 80 % and 95 % bounds. The formula's terms come first (y ~ trend + season + regressors), the
# column order of org.seqcast.baseline.LinearRegression's design; season 1 of a case is the season of value
# `start` (R's ts start = c(1, start)). All of it is closed-form, so the file is deterministic.
suppressPackageStartupMessages({ library(forecast); library(jsonlite) })

levels <- c(80, 95)
read <- function(name) read.csv(file.path("testdata/r/covariates", paste0(name, ".csv")), comment.char = "#")

uschange <- read("uschange")
elecdaily <- read("elecdaily")
elecdaily$temperature2 <- elecdaily$temperature^2
insurance <- read("insurance")
us <- c("Income", "Production", "Savings", "Unemployment")

# name, data, target, regressors, trend, period m (1: no season), start (season of the first value), n, h
cases <- list(
  list("uschange", uschange, "Consumption", us, FALSE, 1, 1, 179, 8),
  list("uschange_trend_season", uschange, "Consumption", us, TRUE, 4, 1, 179, 8),
  # 2014-01-01 was a Wednesday: season 1 is Monday.
  list("elecdaily", elecdaily, "demand", c("workday", "temperature", "temperature2"), FALSE, 7, 3, 351, 14),
  list("insurance", insurance, "quotes", "tv_adverts", TRUE, 12, 1, 34, 6),
  list("insurance_no_regressors", insurance, "quotes", character(0), TRUE, 12, 1, 34, 6))

out <- lapply(cases, function(cs) {
  names(cs) <- c("name", "data", "target", "regressors", "trend", "m", "start", "n", "h")
  past <- seq_len(cs$n)
  future <- cs$n + seq_len(cs$h)
  train <- ts(cs$data[past, c(cs$target, cs$regressors), drop = FALSE], frequency = cs$m, start = c(1, cs$start))
  colnames(train) <- c("y", cs$regressors)
  terms <- c(if (cs$trend) "trend", if (cs$m > 1) "season", cs$regressors)
  fit <- tslm(as.formula(paste("y ~", paste(terms, collapse = " + "))), data = train)
  newdata <- if (length(cs$regressors) > 0) cs$data[future, cs$regressors, drop = FALSE] else NULL
  fc <- if (is.null(newdata)) forecast(fit, h = cs$h, level = levels) else
    forecast(fit, newdata = newdata, level = levels)
  bounds <- function(b) lapply(seq_along(levels), function(i) as.numeric(b[, i]))
  column <- function(rows, r) as.numeric(cs$data[rows, r])
  list(name = cs$name, target = cs$target, regressors = I(cs$regressors), trend = cs$trend, m = cs$m,
       start = cs$start, h = cs$h, y = as.numeric(cs$data[past, cs$target]),
       x_past = lapply(cs$regressors, function(r) column(past, r)),
       x_future = lapply(cs$regressors, function(r) column(future, r)),
       coefficients = as.list(coef(fit)), sigma2 = summary(fit)$sigma^2, df = fit$df.residual,
       fitted = as.numeric(fitted(fit)), mean = as.numeric(fc$mean), lower = bounds(fc$lower),
       upper = bounds(fc$upper))
})
meta <- list(generator = "tools/golden/regression_r.R", R = R.version.string,
             forecast = as.character(packageVersion("forecast")), levels = levels)
write(toJSON(list(meta = meta, cases = out), auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null"),
      "testdata/r/regression_r.json")
cat("wrote", length(out), "cases\n")
