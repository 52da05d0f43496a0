/**
 * ONNX export: {@link org.seqcast.onnx.OnnxExport} writes a {@link org.seqcast.nn.Sequential} network, a
 * {@link org.seqcast.nn.Graph} network or a trained {@link org.seqcast.forecast.FittedRnn} forecaster as an ONNX
 * model, with recurrent layers as ONNX's own LSTM, GRU and RNN operators and, optionally, the forecaster's scaling
 * baked into the graph so that it takes raw values. {@link org.seqcast.onnx.NetworkGraph} is the one home of the
 * layer mapping ({@link org.seqcast.onnx.FunctionalGraph} applies it to a Graph's nodes),
 * {@link org.seqcast.onnx.RecurrentWeights} of the gate reordering, {@link org.seqcast.onnx.ForecastGraph} of the
 * baked forecaster, {@link org.seqcast.onnx.OnnxMetadata} of the metadata keys. The ONNX message classes
 * ({@code org.seqcast.onnx.proto.OnnxProto}) are generated at build time from the vendored
 * {@code src/main/proto/onnx/onnx.proto}.
 */
package org.seqcast.onnx;
