#!/usr/bin/env python3
"""Writes our own Keras model files with Masking before recurrent layers (issue 13), in both formats: a tf.keras 2.12
HDF5 file (Masking(0.0) -> LSTM(return_sequences) -> LSTM -> Dense) and a Keras 3 .keras archive (Masking(-1.0) ->
GRU(return_sequences) -> Dense on every step). Written with h5py and make_fixtures.py's helpers, no Keras;
tools/keras/expected_outputs.py then computes their outputs with Keras's equations in numpy float64, on inputs it pads
with the mask value at the end, at the start and in the middle (the mask reaches the recurrent layers through
recurrent layers that return sequences and Dense; a masked step carries the state over, and the output there repeats
the previous one, Keras's default zero_output_for_mask=False). Run from the repository root with Debian's h5py:

    /usr/bin/python3 tools/keras/make_masking_fixtures.py
    /usr/bin/python3 tools/keras/expected_outputs.py masking_k2_12.h5 masking_k3_8.keras

Layout facts: Masking has no weights (its weight_names list is empty, and a .keras archive has no vars for it); its
config holds mask_value.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from make_fixtures import (OUT, build, dense_config, k2_sequential, k3_sequential, rnn_config,  # noqa: E402
                           tf_keras_name, write_h5, write_keras)


def masking_config(name, value):
    return {"name": name, "trainable": True, "dtype": "float32", "mask_value": value}


def main():
    layers = [("InputLayer", {"batch_input_shape": [None, 6, 3], "dtype": "float32", "sparse": False,
                              "ragged": False, "name": "masking_input"}),
              ("Masking", masking_config("masking", 0.0)),
              ("LSTM", rnn_config("LSTM", "lstm", 5, return_sequences=True)),
              ("LSTM", rnn_config("LSTM", "lstm_1", 4)),
              ("Dense", dense_config("dense", 2))]
    write_h5(os.path.join(OUT, "masking_k2_12.h5"), k2_sequential("sequential", layers), build(layers, 3, seed=858,
             scale=0.6), "2.12.0", scalar_style="vlen-utf8", weight_name=tf_keras_name)

    layers = [("InputLayer", {"batch_shape": [None, None, 2], "dtype": "float32", "sparse": False,
                              "name": "input_layer"}),
              ("Masking", masking_config("masking", -1.0)),
              ("GRU", rnn_config("GRU", "gru", 4, keras3=True, return_sequences=True)),
              ("Dense", dense_config("dense", 2, keras3=True))]
    write_keras(os.path.join(OUT, "masking_k3_8.keras"), k3_sequential(layers, [None, None, 2], dtype_policy=True),
                build(layers, 2, seed=868, scale=0.6), "3.8.0", empty_groups=False)
    print("wrote masking_k2_12.h5 and masking_k3_8.keras in", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
