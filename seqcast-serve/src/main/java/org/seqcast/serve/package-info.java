/**
 * The model server: {@link org.seqcast.serve.ModelServer} answers HTTP/JSON requests for forecasts from model
 * files ({@code POST /v1/models/{name}/forecast}), keeps streams of observations per recurrent model
 * ({@code POST /v1/models/{name}/observe}), lists its models, reports health and Prometheus metrics, and reloads a
 * model file when it changes on disk. Built on Jetty 12's core handlers; the API is described in
 * {@code openapi.yaml} (a resource of this package, served at {@code GET /openapi.yaml}) and docs/SERVING.md.
 */
package org.seqcast.serve;
