#!/usr/bin/env python3
"""Writes our own Keras model file with the layers wrapped around recurrent networks (Bidirectional, RepeatVector,
TimeDistributed), for what the real files in ../shared/keras2 do not cover: a Bidirectional in an HDF5 file (the
real bilstm2_k3.keras is a .keras archive), a GRU inside it with merge mode sum, and the encoder-decoder pattern
of the real encdec_k2_6.h5 (LSTM with relu, RepeatVector, TimeDistributed(Dense)) without its Flatten. Written with
h5py and make_fixtures.py's helpers, no Keras. Run from the repository root with Debian's h5py:

    /usr/bin/python3 tools/keras/make_wrapper_fixtures.py

Layout facts (besides make_fixtures.py's): in tf.keras 2.x HDF5 files a Bidirectional's group lists the forward
layer's weights, then the backward layer's, named after the two wrapped layers, "forward_<name>" and
"backward_<name>" (e.g. "bidirectional/forward_gru/gru_cell/kernel:0"; Keras's Bidirectional.weights is
forward_layer.weights + backward_layer.weights); a TimeDistributed's group lists the wrapped Dense's kernel and
bias under the wrapper's name ("time_distributed/kernel:0"), and a RepeatVector has an empty weight_names, both as
in the real encdec_k2_6.h5 (Keras 2.6).
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from make_fixtures import (OUT, dense_config, k2_sequential, random_weights, rnn_config,  # noqa: E402
                           tf_keras_name, write_h5)


def main():
    rng = np.random.RandomState(606)
    gru = rnn_config("GRU", "forward_gru", 4, return_sequences=True)
    bi = {"name": "bidirectional", "trainable": True, "dtype": "float32", "batch_input_shape": [None, 9, 3],
          "layer": {"class_name": "GRU", "config": gru}, "merge_mode": "sum"}   # Keras 2 writes no backward_layer
    enc = rnn_config("LSTM", "lstm", 5, activation="relu")
    rep = {"name": "repeat_vector", "trainable": True, "dtype": "float32", "n": 6}
    dec = rnn_config("LSTM", "lstm_1", 4, activation="relu", return_sequences=True)
    td = {"name": "time_distributed", "trainable": True, "dtype": "float32",
          "layer": {"class_name": "Dense", "config": dense_config("dense", 2)}}
    layers = [("InputLayer", {"batch_input_shape": [None, 9, 3], "dtype": "float32", "sparse": False,
                              "ragged": False, "name": "bidirectional_input"}),
              ("Bidirectional", bi), ("LSTM", enc), ("RepeatVector", rep), ("LSTM", dec), ("TimeDistributed", td)]

    def f32(ws, prefix=""):
        return [(prefix + n, a.astype(np.float32)) for n, a in ws]

    built = [("InputLayer", layers[0][1], []),
             ("Bidirectional", bi, f32(random_weights(rng, "GRU", 3, gru, 0.7), "forward_gru/gru_cell/")
              + f32(random_weights(rng, "GRU", 3, gru, 0.7), "backward_gru/gru_cell/")),
             ("LSTM", enc, f32(random_weights(rng, "LSTM", 4, enc, 0.5))),
             ("RepeatVector", rep, []),
             ("LSTM", dec, f32(random_weights(rng, "LSTM", 5, dec, 0.5))),
             ("TimeDistributed", td, f32(random_weights(rng, "Dense", 4, {"units": 2}, 0.8)))]
    write_h5(os.path.join(OUT, "wrappers_k2_6.h5"), k2_sequential("sequential", layers), built, "2.6.0",
             scalar_style="vlen-ascii", version_style="vlen-utf8", fixed_names=False, weight_name=tf_keras_name)
    print("wrote", os.path.normpath(os.path.join(OUT, "wrappers_k2_6.h5")))


if __name__ == "__main__":
    main()
