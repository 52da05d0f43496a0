# The series the R goldens of the classical methods share (sourced by smoothing_r.R and intervals_r.R), and how
# each is split: the last h values are held out, "take" keeps only the first values of a series.
# usaccdeaths_short (30 training points, m = 12) is shorter than three seasons, so ets starts its seasonal states
# from a trend + Fourier regression instead of decompose().
golden_cases <- list(
  list(name = "airpassengers",     file = "airpassengers.csv", m = 12, h = 12),
  list(name = "usaccdeaths",       file = "usaccdeaths.csv",   m = 12, h = 12),
  list(name = "usaccdeaths_short", file = "usaccdeaths.csv",   m = 12, h = 12, take = 42),
  list(name = "wineind",           file = "wineind.csv",       m = 12, h = 12),
  list(name = "austres",           file = "austres.csv",       m = 4,  h = 8),
  list(name = "ukgas",             file = "ukgas.csv",         m = 4,  h = 8),
  list(name = "nile",              file = "nile.csv",          m = 1,  h = 6),
  list(name = "lakehuron",         file = "lakehuron.csv",     m = 1,  h = 6)
)

# The values of case cs (a list of golden_cases) split into train and test.
golden_split <- function(cs, data_dir = "testdata/data") {
  y <- read.csv(file.path(data_dir, cs$file))$value
  if (!is.null(cs$take)) y <- y[seq_len(cs$take)]
  n <- length(y)
  list(train = y[seq_len(n - cs$h)], test = y[n - cs$h + seq_len(cs$h)])
}
