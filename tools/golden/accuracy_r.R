#!/usr/bin/env Rscript
# Writes testdata/r/accuracy_r.json: R's naive, snaive, rwf(drift) and meanf
# forecasts of a few series (last h points held out) and their forecast::accuracy() numbers. MetricsRTest
# compares the numbers with org.seqcast.metrics.Metrics, SimpleBaselinesRTest the forecasts with
# org.seqcast.baseline.SimpleBaselines. Run from the repository root with Debian's r-cran-forecast:
#
#   Rscript tools/golden/accuracy_r.R
#
# sMAPE is not in accuracy(); it is computed here with the M3 formula 200 * |y - f| / (|y| + |f|).
suppressPackageStartupMessages({ library(forecast); library(jsonlite) })

cases <- list(
  list(file = "airpassengers.csv", frequency = 12, start = c(1949, 1), h = 12),
  list(file = "usaccdeaths.csv",   frequency = 12, start = c(1973, 1), h = 12),
  list(file = "austres.csv",       frequency = 4,  start = c(1971, 2), h = 8),
  list(file = "nile.csv",          frequency = 1,  start = 1871,       h = 6)
)
data_dir <- "testdata/data"
out <- list()
for (cs in cases) {
  y <- read.csv(file.path(data_dir, cs$file))$value
  x <- ts(y, frequency = cs$frequency, start = cs$start)
  n <- length(x)
  train <- window(x, end = time(x)[n - cs$h])
  test <- window(x, start = time(x)[n - cs$h + 1])
  methods <- list(naive = naive(train, h = cs$h), snaive = snaive(train, h = cs$h),
                  drift = rwf(train, h = cs$h, drift = TRUE), mean = meanf(train, h = cs$h))
  for (name in names(methods)) {
    f <- methods[[name]]
    acc <- accuracy(f, test)["Test set", ]
    fc <- as.numeric(f$mean)
    yt <- as.numeric(test)
    out[[length(out) + 1]] <- list(
      series = cs$file, method = name, m = cs$frequency, h = cs$h,
      train = as.numeric(train), test = yt, forecast = fc,
      RMSE = unname(acc["RMSE"]), MAE = unname(acc["MAE"]), MAPE = unname(acc["MAPE"]),
      MASE = unname(acc["MASE"]), MSE = unname(acc["RMSE"])^2,
      sMAPE = mean(200 * abs(yt - fc) / (abs(yt) + abs(fc))))
  }
}
meta <- list(generator = "tools/golden/accuracy_r.R", R = R.version.string,
             forecast = as.character(packageVersion("forecast")))
write(toJSON(list(meta = meta, cases = out), auto_unbox = TRUE, digits = NA, pretty = TRUE),
      "testdata/r/accuracy_r.json")
cat("wrote", length(out), "cases\n")
