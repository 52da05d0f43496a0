#!/usr/bin/env python3
"""Writes the NumPy fixtures NpyTest reads (testdata/io/*.npy), with NumPy itself.

    python3 tools/modelfile/make_npy_fixture.py      (from the repository root; Debian python3-numpy)

x_f64.npy: float64 [2, 3, 4] = arange(24) / 8 - 1; x_f32.npy: float32 [5] = [0.5, -1.25, 3, 1e-3, 7];
x_fortran.npy: a Fortran-order float32 [2, 2] (refused); x_int.npy: int64 [3] (refused).
"""
import numpy as np

out = "testdata/io/"
np.save(out + "x_f64.npy", (np.arange(24, dtype=np.float64) / 8 - 1).reshape(2, 3, 4))
np.save(out + "x_f32.npy", np.array([0.5, -1.25, 3, 1e-3, 7], dtype=np.float32))
np.save(out + "x_fortran.npy", np.asfortranarray(np.array([[1, 2], [3, 4]], dtype=np.float32)))
np.save(out + "x_int.npy", np.array([1, 2, 3], dtype=np.int64))
