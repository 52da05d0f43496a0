#!/usr/bin/env Rscript
# Writes testdata/r/smoothing_r.json: R forecast's fitted classical baselines on a
# few series (last h points held out), for the tests of org.seqcast.baseline (ExponentialSmoothingRTest,
# ThetaRTest, AutoRegressionRTest). Run from the repository root with Debian's r-cran-forecast (forecast 8.20):
#
#   Rscript tools/golden/smoothing_r.R
#
# Per series: ses, holt, holt(damped = TRUE), hw(seasonal = "additive"), hw additive damped and
# hw(seasonal = "multiplicative") as those functions fit them (opt.crit = "mse"), the same ets models fitted by
# ets()'s default maximum likelihood (opt.crit = "lik"), the trendless seasonal ets(x, "ANA") and ets(x, "MNM"),
# each with its parameters, R's starting states (forecast:::initstate), the optimised initial and final states,
# log-likelihood, AIC, MSE, sigma2 and forecasts; thetaf (alpha, drift, its seasonality decision, forecasts); and
# ar() (Yule-Walker, order by AIC) with predict(n.ahead = h).
# Multiplicative forms only for positive series; seasonal forms only for m > 1. Vectors that can have length 1
# are wrapped in I() so that they stay JSON arrays. The series and their split are in series_r.R (shared with
# intervals_r.R).
suppressPackageStartupMessages({ library(forecast); library(jsonlite) })

source("tools/golden/series_r.R")
cases <- golden_cases

# One ets-type fit: its parameters, starting and optimised states, likelihood and forecast.
ets_entry <- function(method, criterion, fit, fc, x, trendtype, seasontype) {
  p <- fit$par
  list(method = method, criterion = criterion,
       alpha = unname(p["alpha"]),
       beta = if (is.na(p["beta"])) NULL else unname(p["beta"]),
       gamma = if (is.na(p["gamma"])) NULL else unname(p["gamma"]),
       phi = if (is.na(p["phi"])) NULL else unname(p["phi"]),
       start_states = I(unname(forecast:::initstate(x, trendtype, seasontype))),
       initial_states = I(unname(fit$states[1, ])),
       final_states = I(unname(fit$states[nrow(fit$states), ])),
       loglik = fit$loglik, aic = fit$aic, mse = fit$mse, sigma2 = fit$sigma2,
       forecast = as.numeric(fc$mean))
}

out <- list()
for (cs in cases) {
  split <- golden_split(cs)
  train <- split$train
  x <- ts(train, frequency = cs$m)
  h <- cs$h
  fits <- list()
  add <- function(e) fits[[length(fits) + 1]] <<- e

  f <- ses(x, h = h)
  add(ets_entry("ses", "mse", f$model, f, x, "N", "N"))
  e <- ets(x, "ANN")
  add(ets_entry("ses", "lik", e, forecast(e, h = h), x, "N", "N"))
  f <- holt(x, h = h)
  add(ets_entry("holt", "mse", f$model, f, x, "A", "N"))
  e <- ets(x, "AAN", damped = FALSE)
  add(ets_entry("holt", "lik", e, forecast(e, h = h), x, "A", "N"))
  f <- holt(x, h = h, damped = TRUE)
  add(ets_entry("holt_damped", "mse", f$model, f, x, "A", "N"))
  e <- ets(x, "AAN", damped = TRUE)
  add(ets_entry("holt_damped", "lik", e, forecast(e, h = h), x, "A", "N"))
  if (cs$m > 1) {
    f <- hw(x, h = h, seasonal = "additive")
    add(ets_entry("hw_additive", "mse", f$model, f, x, "A", "A"))
    e <- ets(x, "AAA", damped = FALSE)
    add(ets_entry("hw_additive", "lik", e, forecast(e, h = h), x, "A", "A"))
    f <- hw(x, h = h, seasonal = "additive", damped = TRUE)
    add(ets_entry("hw_additive_damped", "mse", f$model, f, x, "A", "A"))
    e <- ets(x, "AAA", damped = TRUE)
    add(ets_entry("hw_additive_damped", "lik", e, forecast(e, h = h), x, "A", "A"))
    e <- ets(x, "ANA")
    add(ets_entry("seasonal_additive", "lik", e, forecast(e, h = h), x, "N", "A"))
    if (min(x) > 0) {
      e <- ets(x, "MNM")
      add(ets_entry("seasonal_multiplicative", "lik", e, forecast(e, h = h), x, "N", "M"))
      f <- hw(x, h = h, seasonal = "multiplicative")
      add(ets_entry("hw_multiplicative", "mse", f$model, f, x, "A", "M"))
      e <- ets(x, "MAM", damped = FALSE)
      add(ets_entry("hw_multiplicative", "lik", e, forecast(e, h = h), x, "A", "M"))
    }
  }

  th <- thetaf(x, h = h)
  # thetaf's own seasonality decision, recomputed as thetaf does it, so the test can check ours.
  theta_seasonal <- FALSE
  if (cs$m > 1 && !is.constant(x) && length(x) > 2 * cs$m) {
    r <- as.numeric(acf(x, lag.max = cs$m, plot = FALSE)$acf)[-1]
    theta_seasonal <- abs(r[cs$m]) / sqrt((1 + 2 * sum(r[-cs$m]^2)) / length(x)) > qnorm(0.95)
  }
  theta <- list(alpha = unname(th$model$alpha), drift = unname(th$model$drift), seasonal = theta_seasonal,
                forecast = as.numeric(th$mean))

  a <- ar(train)
  arfit <- list(order = a$order, coefficients = I(as.numeric(a$ar)), mean = a$x.mean, var_pred = a$var.pred,
                order_max = a$order.max, aic = unname(as.numeric(a$aic)),
                forecast = as.numeric(predict(a, newdata = train, n.ahead = h)$pred))

  out[[length(out) + 1]] <- list(series = cs$name, m = cs$m, h = h, train = train, test = split$test,
                                 ets = fits, theta = theta, ar = arfit)
}
meta <- list(generator = "tools/golden/smoothing_r.R", R = R.version.string,
             forecast = as.character(packageVersion("forecast")))
write(toJSON(list(meta = meta, cases = out), auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null"),
      "testdata/r/smoothing_r.json")
cat("wrote", length(out), "series\n")
