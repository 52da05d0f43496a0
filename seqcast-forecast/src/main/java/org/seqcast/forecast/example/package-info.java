/** A complete, runnable example of the forecasting workflow (shown with its output in docs/WORKFLOW.md). */
package org.seqcast.forecast.example;
