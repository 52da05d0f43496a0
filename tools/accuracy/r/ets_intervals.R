#!/usr/bin/env Rscript
# R's own 80% and 95% prediction intervals on a competition data set (tourism or M1), the reference the
# intervals of Seqcast are compared with (docs/ACCURACY.md, "R's ets() and thetaf() intervals, and intervals on
# M1"). For every series: fit on the in-sample part (the rows with split = "train", everything but the last h
# points), forecast h steps with level = c(80, 95), default arguments otherwise:
#   ets     forecast(ets(x), h = h, level = c(80, 95))
#   thetaf  thetaf(x, h = h, level = c(80, 95))
#   snaive  snaive(x, h = h, level = c(80, 95))   (a check: Seqcast's classical intervals reproduce these)
#   ses     ses(x, h = h, level = c(80, 95))      (the same check)
# x = ts(train, frequency = m). forecast.ets simulates the intervals of some multiplicative models, so the
# random seed is set to 1 before each series: the file does not depend on the order of the series.
# Written with R 4.2.2 and Debian's r-cran-forecast 8.20. Writes one CSV, long layout:
#   method,series_id,step,mean,lo80,hi80,lo95,hi95       (17 significant digits)
# Usage (tools/accuracy/ets_intervals.sh runs it for every subset):
#   Rscript tools/accuracy/r/ets_intervals.R DATA.csv H M OUT.csv [METHODS]
# DATA.csv has the columns series_id,split,...,value (the tourism and M1 files); METHODS is a comma list of the
# methods above (default all four).
suppressPackageStartupMessages(library(forecast))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 4) stop("usage: ets_intervals.R DATA.csv H M OUT.csv [METHODS]")
data <- read.csv(args[1], stringsAsFactors = FALSE)
h <- as.integer(args[2])
m <- as.integer(args[3])
out <- args[4]
methods <- if (length(args) >= 5) strsplit(args[5], ",")[[1]] else c("ets", "thetaf", "snaive", "ses")
levels <- c(80, 95)

fitters <- list(
  ets = function(x) forecast(ets(x), h = h, level = levels),
  thetaf = function(x) thetaf(x, h = h, level = levels),
  snaive = function(x) snaive(x, h = h, level = levels),
  ses = function(x) ses(x, h = h, level = levels))
unknown <- setdiff(methods, names(fitters))
if (length(unknown) > 0) stop("unknown method(s): ", paste(unknown, collapse = ", "))

# One forecast object as rows of the output.
rows <- function(method, id, fc) {
  data.frame(method = method, series_id = id, step = seq_len(h), mean = as.numeric(fc$mean),
             lo80 = as.numeric(fc$lower[, 1]), hi80 = as.numeric(fc$upper[, 1]),
             lo95 = as.numeric(fc$lower[, 2]), hi95 = as.numeric(fc$upper[, 2]))
}

ids <- unique(data$series_id)
parts <- vector("list", length(ids) * length(methods))
k <- 0
for (id in ids) {
  s <- data[data$series_id == id, ]
  test <- sum(s$split == "test")
  if (test != h) stop("series ", id, " has ", test, " test rows; expected h = ", h)
  x <- ts(s$value[s$split == "train"], frequency = m)
  for (method in methods) {
    set.seed(1)
    k <- k + 1
    parts[[k]] <- rows(method, id, fitters[[method]](x))
  }
}
result <- do.call(rbind, parts)
num <- c("mean", "lo80", "hi80", "lo95", "hi95")
result[num] <- lapply(result[num], function(v) sprintf("%.17g", v))
write.csv(result, out, row.names = FALSE, quote = FALSE)
cat(sprintf("%s: %d series, h = %d, m = %d, %s; R %s, forecast %s\n", basename(args[1]), length(ids), h, m,
            paste(methods, collapse = ","), paste(R.version$major, R.version$minor, sep = "."),
            as.character(packageVersion("forecast"))))
